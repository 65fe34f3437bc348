import { localDateOf } from '../../../core/dates';
import { dueDateAfterSuspension, isProvisional, suspendedWorkingDays } from '../../time-limits/domain';
import { CaseResumed } from './case.events';
import { CaseRules } from './case-rules';
import { Case } from './case.state';
import { reviewDueDatesAfter } from './review-clock';

/** Rule 10: the working days after the suspension's first day, up to and including today, are left out. */
export function resumed(c: Case, occurredAt: string, { calendar }: CaseRules): CaseResumed {
  const since = c.suspendedSince!;
  const toDate = localDateOf(occurredAt);
  const leftOut = suspendedWorkingDays(since.fromDate, toDate, calendar);
  const previousDueDate = c.timeLimit!.dueDate;
  const dueDate = dueDateAfterSuspension(previousDueDate, leftOut, calendar);
  const reviewDueDates = reviewDueDatesAfter(c, { fromDate: since.fromDate, toDate }, calendar);
  return {
    type: 'CaseResumed',
    data: {
      caseId: c.id,
      fromDate: since.fromDate,
      toDate,
      workingDaysLeftOut: leftOut,
      previousDueDate,
      dueDate,
      provisional: isProvisional(c.timeLimit!.startDate, dueDate, calendar),
      ...(Object.keys(reviewDueDates).length > 0 ? { reviewDueDates } : {}),
      resumedAt: occurredAt,
    },
  };
}

/** A case ended during a suspension ends the suspension first, as a recorded fact (rule 10). */
export const resumedIfSuspended = (c: Case, occurredAt: string, rules: CaseRules): CaseResumed[] =>
  c.suspendedSince ? [resumed(c, occurredAt, rules)] : [];
