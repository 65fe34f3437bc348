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
    return { startDate, dueDate: startDate, limit: 0, unit: 'working_days', basis: 'immediate', provisional: !calendar.covers(Number(startDate.slice(0, 4))) };
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
  return { startDate, dueDate, limit, unit, basis, provisional: calendar.uncoveredYears(startDate, dueDate).length > 0 };
}
