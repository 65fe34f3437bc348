import { Module } from '@nestjs/common';
import { CalendarStatusResolver } from './queries/calendar-status/calendar-status.resolver';
import { DeadlinesResolver } from './queries/deadlines/deadlines.resolver';

@Module({ providers: [CalendarStatusResolver, DeadlinesResolver] })
export class TimeLimitsModule {}
