import { LocalDate, localDateOf } from '../../../../core/dates';
import { readClock, WorkingCalendar } from '../../../time-limits';
import { Case, leftOutWorkingDays, runningStep } from '../../domain/case.state';

export type TimeLimitState = 'ON_TRACK' | 'WARNING' | 'OVERDUE' | 'SUSPENDED' | 'COMPLETED_ON_TIME' | 'COMPLETED_LATE' | 'CLOSED';

/**
 * Warning and overdue states come from the events the deadline watcher recorded, so every view of a
 * case, and the dashboards it was pushed to, agree on what was said and when.
 */
export function timeLimitState(c: Case): TimeLimitState {
  if (c.completedAt) return c.onTime ? 'COMPLETED_ON_TIME' : 'COMPLETED_LATE';
  if (c.status !== 'ACCEPTED') return 'CLOSED';
  if (c.suspendedSince) return 'SUSPENDED';
  // A red card stands whatever later moved the due date: lateness is a fact (SPEC clarification).
  if (c.redFor !== null) return 'OVERDUE';
  if (c.yellowFor === c.timeLimit!.dueDate) return 'WARNING';
  return 'ON_TRACK';
}

/** `Case.timeLimit` as the API shows it on `today` (China time). */
export function timeLimitView(c: Case, today: LocalDate, calendar: WorkingCalendar) {
  if (!c.timeLimit) return null;
  const { startDate, dueDate } = c.timeLimit;
  const asOf = c.completedAt ? localDateOf(c.completedAt) : c.closedAt ? localDateOf(c.closedAt) : today;
  const reading = readClock(startDate, dueDate, asOf, leftOutWorkingDays(c), calendar, c.suspendedSince?.fromDate ?? null);
  return {
    ...c.timeLimit,
    state: timeLimitState(c),
    clockStartBasis: c.clockStartBasis,
    originalDueDate: c.originalDueDate ?? dueDate,
    workingDaysUsed: reading.workingDaysUsed,
    workingDaysRemaining: reading.workingDaysRemaining,
    onTime: c.onTime,
    suspended: c.suspendedSince !== null,
    suspensions: [
      ...c.suspensions.map((s) => ({
        reason: s.reason,
        detail: s.detail,
        from: s.fromDate,
        to: s.toDate,
        workingDaysLeftOut: s.workingDays,
      })),
      ...(c.suspendedSince
        ? [
            {
              reason: c.suspendedSince.reason,
              detail: c.suspendedSince.detail,
              from: c.suspendedSince.fromDate,
              to: null,
              workingDaysLeftOut: null,
            },
          ]
        : []),
    ],
    extensions: c.extensions,
    pendingExtension: c.pendingExtension,
    urgings: c.urgings,
    withinFirstUrgingPeriod: c.withinFirstUrgingPeriod,
    runningStep: c.status === 'ACCEPTED' ? runningStep(c) : null,
    runningStepSince: c.status === 'ACCEPTED' && runningStep(c) ? (c.lastStepOn ?? startDate) : null,
    stepsOverdue: c.stepsOverdue,
  };
}
