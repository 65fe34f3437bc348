import { LocalDate, addDays } from '../../../core/dates';
import { WorkingCalendar } from './working-calendar';

export type CaseKind = 'immediate' | 'promised' | 'joint' | 'escalated';
export type LimitUnit = 'working_days' | 'natural_days';

export interface TimeLimitRule {
  kind: CaseKind;
  /** 法定时限 */
  legalLimit?: number;
  /** 承诺时限, never longer than the legal one */
  promisedLimit?: number;
  limitUnit: LimitUnit;
}

export type LimitBasis = 'immediate' | 'promised' | 'legal' | 'default';

/** The promise made on the acceptance notice: recorded in the event, never recomputed. */
export interface DueDate {
  /** The day counting starts after (受理决定日). */
  startDate: LocalDate;
  dueDate: LocalDate;
  limit: number;
  unit: LimitUnit;
  basis: LimitBasis;
  /** True when the period crosses a year whose official holiday schedule was not yet known. */
  provisional: boolean;
}

/** 行政许可法 art. 42: 20 working days unless a limit is set. */
export const DEFAULT_LIMIT_WORKING_DAYS = 20;
/** 行政许可法 art. 42: joint (联办/并联) handling, 45 working days. */
export const JOINT_LIMIT_WORKING_DAYS = 45;
/** The center's own handling time for an escalated case (上报件/代办件). */
export const ESCALATED_LIMIT_WORKING_DAYS = 7;

function defaultLimit(kind: CaseKind): number {
  if (kind === 'joint') return JOINT_LIMIT_WORKING_DAYS;
  if (kind === 'escalated') return ESCALATED_LIMIT_WORKING_DAYS;
  return DEFAULT_LIMIT_WORKING_DAYS;
}

/**
 * SPEC §5 rules 1–4 and 11. Day 1 is the first working day after the start date and the due date is
 * the N-th; natural-day limits land on start + N, moved to the next working day if that is a rest day.
 * Immediate items, and a limit of 0, are due the same day.
 */
export function computeDueDate(rule: TimeLimitRule, startDate: LocalDate, calendar: WorkingCalendar): DueDate {
  if (rule.kind === 'immediate') {
    return {
      startDate,
      dueDate: startDate,
      limit: 0,
      unit: 'working_days',
      basis: 'immediate',
      provisional: isProvisional(startDate, startDate, calendar),
    };
  }
  const [limit, basis]: [number, LimitBasis] =
    rule.promisedLimit !== undefined
      ? [rule.promisedLimit, 'promised']
      : rule.legalLimit !== undefined
        ? [rule.legalLimit, 'legal']
        : [defaultLimit(rule.kind), 'default'];
  const unit: LimitUnit = basis === 'default' ? 'working_days' : rule.limitUnit;
  const dueDate =
    limit === 0
      ? startDate
      : unit === 'natural_days'
        ? calendar.nextWorkingDayOnOrAfter(addDays(startDate, limit))
        : calendar.addWorkingDays(startDate, limit);
  return { startDate, dueDate, limit, unit, basis, provisional: isProvisional(startDate, dueDate, calendar) };
}

/** A due date is provisional while its period reaches a year whose official schedule is not installed. */
export function isProvisional(startDate: LocalDate, dueDate: LocalDate, calendar: WorkingCalendar): boolean {
  return calendar.uncoveredYears(startDate, dueDate).length > 0;
}

/** What moved a due date after acceptance: ended suspensions (rule 10) and approved extensions (rule 8). */
export interface DueDateMoves {
  suspensions: Array<{ fromDate: LocalDate; toDate: LocalDate }>;
  extensionWorkingDays: number;
}

export interface RecomputedDueDate {
  dueDate: LocalDate;
  provisional: boolean;
  /** Working days each suspension leaves out on this calendar, in the order given. */
  suspensionWorkingDays: number[];
}

/**
 * The due date a case would have had if this calendar had been in force all along: the promise at
 * acceptance, moved by the working days each suspension left out and by the extensions granted. Moving
 * by a + b working days is moving by a then b, so the order of the moves does not matter.
 */
export function recomputeDueDate(
  rule: TimeLimitRule,
  startDate: LocalDate,
  moves: DueDateMoves,
  calendar: WorkingCalendar,
): RecomputedDueDate {
  const promised = computeDueDate(rule, startDate, calendar).dueDate;
  const suspensionWorkingDays = moves.suspensions.map((s) => calendar.workingDaysBetween(s.fromDate, s.toDate));
  const moved = suspensionWorkingDays.reduce((sum, n) => sum + n, 0) + moves.extensionWorkingDays;
  const dueDate = calendar.addWorkingDays(promised, moved);
  return { dueDate, provisional: isProvisional(startDate, dueDate, calendar), suspensionWorkingDays };
}
