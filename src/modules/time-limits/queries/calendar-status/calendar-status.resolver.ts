import { Inject } from '@nestjs/common';
import { Query, Resolver } from '@nestjs/graphql';
import { Clock } from '../../../../core/clock';
import { localDateOf } from '../../../../core/dates';
import { CALENDAR, CLOCK } from '../../../../infrastructure/tokens';
import { WorkingCalendar } from '../../domain/working-calendar';
import { calendarWarnings } from '../../official-calendar';

@Resolver()
export class CalendarStatusResolver {
  constructor(
    @Inject(CALENDAR) private readonly calendar: WorkingCalendar,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Query('calendarStatus')
  calendarStatus() {
    return { coveredYears: this.calendar.coveredYears, warnings: calendarWarnings(this.calendar, localDateOf(this.clock.now())) };
  }
}
