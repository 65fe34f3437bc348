import { DomainError } from '../../../core/errors';
import { ClockPolicy, WorkingCalendar } from '../../time-limits/domain';
import { CaseEvent } from './case.events';
import { Case, CaseStatus, isClosed } from './case.state';

/** What every case rule is given besides the command and the case: the calendar and the center's clock policy. */
export interface CaseRules {
  calendar: WorkingCalendar;
  policy: ClockPolicy;
}

/** Every command carries the business time it happened at; the resolver has defaulted it to now. */
export interface At {
  occurredAt: string;
}

/**
 * A topic's rules, each under its command's type, so that `decide` finds a command's rule by its type
 * and the compiler holds every command of the topic to exactly one rule.
 */
export type RuleTable<C extends { type: string }> = {
  [K in C['type']]: (command: Extract<C, { type: K }>, c: Case, rules: CaseRules) => CaseEvent[];
};

export const OPEN: CaseStatus[] = ['SUBMITTED', 'AWAITING_SUPPLEMENT', 'ACCEPTED', 'COMPLETED'];
export const CLOSED: CaseStatus[] = ['DELIVERED', 'REJECTED', 'WITHDRAWN', 'TERMINATED'];

export function requireStatus(c: Case, allowed: CaseStatus[], code: string, action: string): void {
  if (!allowed.includes(c.status)) {
    throw new DomainError(code, `Cannot ${action}: the case is ${c.status}`, { status: c.status, allowed });
  }
}

/** The clock's commands act only on an accepted case; a closed case's clock keeps still (SPEC clarification). */
export function requireRunningClock(c: Case, action: string): void {
  if (isClosed(c))
    throw new DomainError('CASE.CLOSED', `Cannot ${action}: the case is ${c.status}, and nothing moves a closed case's clock`, {
      status: c.status,
    });
  requireStatus(c, ['ACCEPTED'], 'CASE.NOT_ACCEPTED', action);
}
