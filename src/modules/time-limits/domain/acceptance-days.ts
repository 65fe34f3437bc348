import { LocalDate, addDays } from '../../../core/dates';
import { WorkingCalendar } from './working-calendar';

/** 受理日: the days of the month on which an item is accepted, e.g. 城乡低保 only on the 1st to the 10th. */
export interface AcceptanceDays {
  from: number;
  to: number;
}

const dayOfMonth = (date: LocalDate) => Number(date.slice(8, 10));

export function isAcceptanceDay(days: AcceptanceDays | undefined, date: LocalDate): boolean {
  return !days || (dayOfMonth(date) >= days.from && dayOfMonth(date) <= days.to);
}

/**
 * The next working day after `date` on which the item is accepted, to tell an applicant turned away
 * when to come back; null when none falls within a year (a window of rest days only).
 */
export function nextAcceptanceDay(days: AcceptanceDays, date: LocalDate, calendar: WorkingCalendar): LocalDate | null {
  for (let d = addDays(date, 1), n = 0; n < 400; d = addDays(d, 1), n++) {
    if (isAcceptanceDay(days, d) && calendar.isWorkingDay(d)) return d;
  }
  return null;
}
