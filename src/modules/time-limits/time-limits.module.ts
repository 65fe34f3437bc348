import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { CalendarStatusResolver } from './queries/calendar-status/calendar-status.resolver';
import { DeadlinesResolver } from './queries/deadlines/deadlines.resolver';

@Module({ imports: [CasesModule], providers: [CalendarStatusResolver, DeadlinesResolver] })
export class TimeLimitsModule {}
