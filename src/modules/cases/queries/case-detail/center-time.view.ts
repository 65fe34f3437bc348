import { LocalDate, localDateOf } from '../../../../core/dates';
import { ClockPolicy, readClock, WorkingCalendar } from '../../../time-limits';
import { Case, leftOutWorkingDays } from '../../domain/case.state';
import { atAuthority } from '../../domain/escalation.decide';

/**
 * `Case.centerTime`: an escalated case's own working days at the center on `today` (or on the day it
 * completed or closed), its trips to the higher authority left out; null for other kinds.
 */
export function centerTimeView(c: Case, today: LocalDate, calendar: WorkingCalendar, policy: ClockPolicy) {
  if (c.kind !== 'escalated' || !c.timeLimit) return null;
  const on = c.completedAt ? localDateOf(c.completedAt) : c.closedAt ? localDateOf(c.closedAt) : today;
  const { startDate, dueDate } = c.timeLimit;
  const used = readClock(startDate, dueDate, on, leftOutWorkingDays(c), calendar, c.suspendedSince?.fromDate ?? null).workingDaysUsed;
  const state = atAuthority(c) ? 'AT_AUTHORITY' : c.centerTimeExceeded ? 'EXCEEDED' : c.centerTimeWarned ? 'WARNING' : 'ON_TRACK';
  return { workingDaysUsed: used, limit: policy.escalationCenterWorkingDays, state };
}
