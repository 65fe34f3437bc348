import { LocalDate } from '../../../core/dates';
import { ClockReading, daysCounted, mergeStops, Stop, workingDaysStopped, WorkingCalendar } from '../../time-limits/domain';
import { Case, isOpenReview, ParticipantReview, participantsOf } from './case.state';

/**
 * The clock of a participant's review of a joint case (联办件), from the day after notification: it stands
 * still for the review's own suspensions and whenever the whole case does, each day left out once.
 * Used by the joint rules (joint.decide.ts), the case's own resumption and the case's views.
 */

/**
 * The case's clock starts again after `stop`: the open reviews stood still with it, so their due dates
 * move too (the days their own suspensions already left out are not left out twice).
 */
export function reviewDueDatesAfter(c: Case, stop: Stop, calendar: WorkingCalendar): Record<string, LocalDate> {
  const after: Case = {
    ...c,
    suspendedSince: null,
    suspensions: [...c.suspensions, { reason: c.suspendedSince!.reason, detail: c.suspendedSince!.detail, ...stop, workingDays: 0 }],
  };
  const moved: Record<string, LocalDate> = {};
  for (const p of participantsOf(c).filter(isOpenReview)) {
    const dueDate = reviewDueDate(p, after, calendar);
    if (dueDate !== p.dueDate) moved[p.window] = dueDate;
  }
  return moved;
}

/**
 * The reviews of a late joint case that overran their own limits, as completed on `completedOn`: an
 * answered one by what its opinion recorded, one never answered by how far past its due date it stands.
 */
export function reviewDelays(c: Case, completedOn: LocalDate, calendar: WorkingCalendar) {
  return participantsOf(c)
    .map((p) => ({
      window: p.window,
      department: p.department,
      workingDaysOver: p.opinion ? p.opinion.workingDaysOver : Math.max(0, -readReview(p, c, completedOn, calendar).workingDaysRemaining),
      reviewer: p.opinion?.by ?? null,
    }))
    .filter((d) => d.workingDaysOver > 0);
}

/** A review's clock on `today`: working days used, its due date as it stands that day, and what is left. */
export function readReview(
  p: ParticipantReview,
  c: Case,
  today: LocalDate,
  calendar: WorkingCalendar,
): ClockReading & { dueDate: LocalDate } {
  const dueDate = reviewDueDate(p, c, calendar, today);
  const workingDaysUsed = daysCounted(p.notifiedOn, today, mergeStops(stopsOf(p, c, today)), calendar);
  const workingDaysRemaining =
    today <= dueDate ? calendar.workingDaysBetween(today, dueDate) : -calendar.workingDaysBetween(dueDate, today);
  return { dueDate, workingDaysUsed, workingDaysRemaining, overdue: today > dueDate };
}

/**
 * The spans a review stood still: its own suspensions and the case's since the review began; with
 * `today`, the ones still running count up to it (rule 10: the first day of a stop is still counted).
 */
function stopsOf(p: ParticipantReview, c: Case, today?: LocalDate): Stop[] {
  const own: Stop[] = p.suspensions.map(({ fromDate, toDate }) => ({ fromDate, toDate }));
  if (p.suspendedSince && today) own.push({ fromDate: p.suspendedSince.fromDate, toDate: today });
  const whole: Stop[] = c.suspensions.map(({ fromDate, toDate }) => ({ fromDate, toDate }));
  if (c.suspendedSince && today) whole.push({ fromDate: c.suspendedSince.fromDate, toDate: today });
  const sinceNotified = whole
    .filter((s) => s.toDate > p.notifiedOn)
    .map((s) => ({ fromDate: s.fromDate < p.notifiedOn ? p.notifiedOn : s.fromDate, toDate: s.toDate }));
  return [...own, ...sinceNotified];
}

/** `reviewLimit` working days after notification, moved later by every working day it stood still (each once). */
export function reviewDueDate(p: ParticipantReview, c: Case, calendar: WorkingCalendar, today?: LocalDate): LocalDate {
  const base = calendar.addWorkingDays(p.notifiedOn, p.reviewLimit);
  const leftOut = workingDaysStopped(stopsOf(p, c, today), calendar);
  return leftOut === 0 ? base : calendar.addWorkingDays(base, leftOut);
}
