import { LocalDate, localDateOf } from '../../../../core/dates';
import { WorkingCalendar } from '../../../time-limits';
import { Case, ParticipantReview, participantsOf } from '../../domain/case.state';
import { readReview } from '../../domain/review-clock';

export type ReviewState = 'ON_TRACK' | 'WARNING' | 'OVERDUE' | 'SUSPENDED' | 'ANSWERED_ON_TIME' | 'ANSWERED_LATE' | 'WAIVED';

/** Where a review stands, from its recorded events: an opinion, a waiver, a stop, a red or yellow card. */
export function reviewState(p: ParticipantReview, c: Case): ReviewState {
  if (p.opinion) return p.opinion.late ? 'ANSWERED_LATE' : 'ANSWERED_ON_TIME';
  if (p.waived) return 'WAIVED';
  if (p.suspendedSince || c.suspendedSince) return 'SUSPENDED';
  if (p.redFor !== null) return 'OVERDUE';
  if (p.yellowFor !== null && p.yellowFor === p.dueDate) return 'WARNING';
  return 'ON_TRACK';
}

/**
 * `Case.participants` as the API shows them on `today`: an open review's clock is read on that day (or on
 * the day the case was completed or closed); an answered one as it stood when its opinion came.
 */
export function participantReviewsView(c: Case, today: LocalDate, calendar: WorkingCalendar) {
  const ended = c.completedAt ? localDateOf(c.completedAt) : c.closedAt ? localDateOf(c.closedAt) : null;
  return participantsOf(c).map((p) => {
    const reading = readReview(p, c, p.opinion?.on ?? ended ?? today, calendar);
    return {
      window: p.window,
      department: p.department,
      reviewLimit: p.reviewLimit,
      required: p.required,
      notifiedOn: p.notifiedOn,
      dueDate: reading.dueDate,
      state: reviewState(p, c),
      workingDaysUsed: p.opinion?.workingDaysUsed ?? reading.workingDaysUsed,
      workingDaysRemaining: reading.workingDaysRemaining,
      suspensions: [
        ...p.suspensions.map((s) => ({ reason: s.reason, detail: s.detail, from: s.fromDate, to: s.toDate })),
        ...(p.suspendedSince
          ? [{ reason: p.suspendedSince.reason, detail: p.suspendedSince.detail, from: p.suspendedSince.fromDate, to: null }]
          : []),
      ],
      opinion: p.opinion,
    };
  });
}
