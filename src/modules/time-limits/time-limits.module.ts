import { Module } from '@nestjs/common';
import { CalendarStatusResolver } from './queries/calendar-status/calendar-status.resolver';

@Module({ providers: [CalendarStatusResolver] })
export class TimeLimitsModule {}
