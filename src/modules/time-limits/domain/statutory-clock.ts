import { LocalDate, addDays } from '../../../core/dates';
import { WorkingCalendar } from './working-calendar';

/** The configurable numbers of SPEC §5; the defaults are the ones the SPEC names. */
export interface ClockPolicy {
  /** Rule 5: a supplement notice is due within this many working days of receipt (some centers use 3). */
  supplementNoticeWorkingDays: number;
  /** Rule 13: yellow when this many working days or fewer remain… */
  yellowRemainingWorkingDays: number;
  /** …or when this share of the limit is used, whichever comes first. */
  yellowUsedShare: number;
  /** Rule 8: total extension, in working days. */
  maxExtensionWorkingDays: number;
  /** Rule 8, 行政许可法 art. 42: joint cases may be extended by at most this many. */
  maxJointExtensionWorkingDays: number;
  /** Rule 8: the applicant is told at least this many calendar days before the original due date. */
  extensionNoticeCalendarDays: number;
  /** Rule 6, 行政许可法 art. 43: the lower level's own review before sending a case up. */
  escalationReviewWorkingDays: number;
  /** SPEC §3: an escalated case (上报件 / 代办件) spends at most this many working days at the center itself. */
  escalationCenterWorkingDays: number;
}

export const DEFAULT_CLOCK_POLICY: ClockPolicy = {
  supplementNoticeWorkingDays: 5,
  yellowRemainingWorkingDays: 2,
  yellowUsedShare: 0.8,
  maxExtensionWorkingDays: 10,
  maxJointExtensionWorkingDays: 15,
  extensionNoticeCalendarDays: 3,
  escalationReviewWorkingDays: 20,
  escalationCenterWorkingDays: 7,
};

/** Why the clock was stopped (rules 6, 7, 9). */
export type SuspensionReason = 'HIGHER_AUTHORITY' | 'STATUTORY_PROCEDURE' | 'APPLICANT_REQUEST';

/** 行政许可法 art. 45: procedures whose time is not counted. */
export const STATUTORY_PROCEDURES = [
  'hearing',
  'tender',
  'auction',
  'inspection',
  'testing',
  'quarantine',
  'appraisal',
  'expert_review',
] as const;

export interface Suspension {
  reason: SuspensionReason;
  detail: string | null;
  fromDate: LocalDate;
  toDate: LocalDate;
  /** Working days left out: those after fromDate up to and including toDate. */
  workingDays: number;
}

/** Rule 10: working days after S up to and including E are not counted. */
export function suspendedWorkingDays(fromDate: LocalDate, toDate: LocalDate, calendar: WorkingCalendar): number {
  return calendar.workingDaysBetween(fromDate, toDate);
}

/** Rule 10: the due date moves later by the working days left out. */
export function dueDateAfterSuspension(dueDate: LocalDate, leftOut: number, calendar: WorkingCalendar): LocalDate {
  return leftOut === 0 ? dueDate : calendar.addWorkingDays(dueDate, leftOut);
}

export interface ClockReading {
  /** Working days counted so far, suspensions left out. */
  workingDaysUsed: number;
  /** Working days from today to the due date; negative once it has passed. */
  workingDaysRemaining: number;
  overdue: boolean;
}

/**
 * Where a running clock stands on `today`. `suspendedSince` is the start of a suspension still in
 * force: nothing after it is counted yet.
 */
export function readClock(
  startDate: LocalDate,
  dueDate: LocalDate,
  today: LocalDate,
  leftOut: number,
  calendar: WorkingCalendar,
  suspendedSince: LocalDate | null = null,
): ClockReading {
  const countUntil = suspendedSince && suspendedSince < today ? suspendedSince : today;
  const workingDaysUsed = Math.max(0, calendar.workingDaysBetween(startDate, countUntil) - leftOut);
  const workingDaysRemaining =
    today <= dueDate ? calendar.workingDaysBetween(today, dueDate) : -calendar.workingDaysBetween(dueDate, today);
  return { workingDaysUsed, workingDaysRemaining, overdue: today > dueDate };
}

/**
 * How much of the limit is used, in the limit's own unit: working days for a working-day item, natural
 * days for a natural-day one (rule 11), so that "80% used" means 80% of what was promised.
 */
export interface LimitUse {
  used: number;
  total: number;
}

/** Rule 13: yellow at N working days left or at the share of the limit used, whichever comes first. */
export function isYellow(reading: ClockReading, use: LimitUse, policy: ClockPolicy): boolean {
  if (use.total === 0 || reading.overdue) return false;
  return reading.workingDaysRemaining <= policy.yellowRemainingWorkingDays || use.used >= policy.yellowUsedShare * use.total;
}

/** Natural days after `from` up to and including `to`; 0 when `to` is not after `from`. */
export function naturalDaysBetween(from: LocalDate, to: LocalDate): number {
  return Math.max(0, Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000));
}

/**
 * Days after `from` up to and including `to`, less those the suspensions left out (rule 10), in working
 * or natural days. Rule 12 counts a step's time this way, as the case's clock is counted.
 */
export function daysCounted(
  from: LocalDate,
  to: LocalDate,
  suspensions: Array<{ fromDate: LocalDate; toDate: LocalDate }>,
  calendar: WorkingCalendar,
  unit: 'working_days' | 'natural_days' = 'working_days',
): number {
  const between = unit === 'working_days' ? (a: LocalDate, b: LocalDate) => calendar.workingDaysBetween(a, b) : naturalDaysBetween;
  let days = between(from, to);
  for (const s of suspensions) days -= between(s.fromDate > from ? s.fromDate : from, s.toDate < to ? s.toDate : to);
  return Math.max(0, days);
}

/**
 * The due date as it stands on `today`: a suspension still running has already left out the working
 * days after it began up to today (rule 10), and the 3-day extension notice is judged against that date
 * (SPEC clarification).
 */
export function dueDateOn(dueDate: LocalDate, suspendedSince: LocalDate | null, today: LocalDate, calendar: WorkingCalendar): LocalDate {
  if (!suspendedSince || today <= suspendedSince) return dueDate;
  return dueDateAfterSuspension(dueDate, suspendedWorkingDays(suspendedSince, today, calendar), calendar);
}

/** Rule 8: the last day an extension may be asked for or approved. */
export function lastDayForExtension(dueDate: LocalDate, policy: ClockPolicy): LocalDate {
  return addDays(dueDate, -policy.extensionNoticeCalendarDays);
}

/** A span the clock stood still: rule 10's days after `fromDate` up to and including `toDate`. */
export interface Stop {
  fromDate: LocalDate;
  toDate: LocalDate;
}

/**
 * Stops that overlap or touch, merged: a day two stops cover is left out once. A review inside a joint
 * case stands still both for its own reasons and while the whole case does (joint.decide.ts).
 */
export function mergeStops(stops: readonly Stop[]): Stop[] {
  const merged: Stop[] = [];
  for (const s of [...stops].filter((s) => s.toDate > s.fromDate).sort((a, b) => (a.fromDate < b.fromDate ? -1 : 1))) {
    const last = merged.at(-1);
    if (last && s.fromDate <= last.toDate) last.toDate = s.toDate > last.toDate ? s.toDate : last.toDate;
    else merged.push({ ...s });
  }
  return merged;
}

/** Working days the stops leave out together (rule 10), each day once. */
export function workingDaysStopped(stops: readonly Stop[], calendar: WorkingCalendar): number {
  return mergeStops(stops).reduce((sum, s) => sum + calendar.workingDaysBetween(s.fromDate, s.toDate), 0);
}
