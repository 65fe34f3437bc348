import { DomainCommand } from '../../../core/decider';
import { LocalDate, localDateOf } from '../../../core/dates';
import { DomainError } from '../../../core/errors';
import { listIssues, textIssues, throwIfAny } from '../../../core/validation';
import { isYellow, readClock } from '../../time-limits/domain';
import { CaseEvent } from './case.events';
import { At, CaseRules, requireRunningClock, requireStatus, RuleTable } from './case-rules';
import { Case, leftOutWorkingDays, Transmittal } from './case.state';
import { resumedIfSuspended } from './clock-resumption';

/**
 * 上报件 / 代办件 (SPEC §3): a case the higher authority must approve. The center's agent carries it up
 * with its transmittal form (上报件告知书 / 代办件交接表) and back with the decision, free of charge. The
 * time at the higher authority is not counted (rule 6: the clock stops with the case); the center's own
 * time is at most `escalationCenterWorkingDays` (7), warned and charged on its own.
 */
export type SendUp = DomainCommand<'SendUp', At & { authority: string; carriedBy: string; transmittal: Transmittal }>;
export type ReturnFromAuthority = DomainCommand<'ReturnFromAuthority', At & { carriedBy: string; decision: string; formNo: string | null }>;
/** 收费: a fee charged on a case, in yuan, with its basis (收费依据). */
export type RecordFee = DomainCommand<'RecordFee', At & { amount: number; basis: string }>;

export type EscalationCommand = SendUp | ReturnFromAuthority | RecordFee;

/** 上报: carried up with its form; the clock stops until it comes back. */
export function sendUp(command: SendUp, c: Case, rules: CaseRules): CaseEvent[] {
  requireRunningClock(c, 'send the case up');
  requireEscalated(c, 'send the case up');
  if (atAuthority(c))
    throw new DomainError('CASE.ALREADY_AT_AUTHORITY', `The case is with ${atAuthority(c)!.authority} since ${atAuthority(c)!.sentOn}`);
  if (c.suspendedSince)
    throw new DomainError('CASE.ALREADY_SUSPENDED', `The clock is already suspended since ${c.suspendedSince.fromDate}: resume it first`);
  const { authority, carriedBy, transmittal } = command.data;
  throwIfAny([
    ...textIssues(authority, 'authority', { max: 200 }),
    ...textIssues(carriedBy, 'carriedBy', { max: 100 }),
    ...textIssues(transmittal?.formNo, 'transmittal.formNo', { max: 100 }),
    ...listIssues(transmittal?.materials ?? [], 'transmittal.materials', { required: false, maxItems: 100, maxLength: 200 }),
    ...textIssues(transmittal?.note, 'transmittal.note', { required: false, max: 2000 }),
  ]);
  const sentOn = localDateOf(command.data.occurredAt);
  const { policy, calendar } = rules;
  const used = readClock(c.timeLimit!.startDate, c.timeLimit!.dueDate, sentOn, leftOutWorkingDays(c), calendar).workingDaysUsed;
  return [
    {
      type: 'CaseSentUp',
      data: {
        caseId: c.id,
        authority: authority.trim(),
        carriedBy: carriedBy.trim(),
        transmittal: {
          formNo: transmittal.formNo.trim(),
          materials: transmittal.materials.map((m) => m.trim()),
          note: transmittal.note?.trim() || null,
        },
        sentOn,
        centerWorkingDaysUsed: used,
        sentAt: command.data.occurredAt,
      },
    },
    // The clock's own record of the stop, as for any suspension at a higher authority (art. 43 included).
    {
      type: 'CaseSuspended',
      data: {
        caseId: c.id,
        reason: 'HIGHER_AUTHORITY',
        detail: authority.trim(),
        fromDate: sentOn,
        sentUpLate: used > policy.escalationReviewWorkingDays,
        suspendedAt: command.data.occurredAt,
      },
    },
  ];
}

/** Back from the higher authority with its decision: the clock runs again, its due date moved (rule 10). */
export function returnFromAuthority(command: ReturnFromAuthority, c: Case, rules: CaseRules): CaseEvent[] {
  requireRunningClock(c, 'record the return from the higher authority');
  const trip = atAuthority(c);
  if (!trip) throw new DomainError('CASE.NOT_AT_AUTHORITY', 'The case is not with a higher authority');
  const { carriedBy, decision, formNo } = command.data;
  throwIfAny([
    ...textIssues(carriedBy, 'carriedBy', { max: 100 }),
    ...textIssues(decision, 'decision', { max: 2000 }),
    ...textIssues(formNo, 'formNo', { required: false, max: 100 }),
  ]);
  return [
    ...resumedIfSuspended(c, command.data.occurredAt, rules),
    {
      type: 'CaseReturnedFromAuthority',
      data: {
        caseId: c.id,
        authority: trip.authority,
        carriedBy: carriedBy.trim(),
        decision: decision.trim(),
        formNo: formNo?.trim() || null,
        returnedOn: localDateOf(command.data.occurredAt),
        returnedAt: command.data.occurredAt,
      },
    },
  ];
}

/** 收费, with its basis; an agency case (代办件) is carried free of charge, so no fee is taken on it. */
export function recordFee(command: RecordFee, c: Case): CaseEvent[] {
  requireStatus(c, ['ACCEPTED', 'COMPLETED'], 'CASE.NOT_ACCEPTED', 'record a fee');
  if (c.kind === 'escalated')
    throw new DomainError(
      'CASE.AGENCY_IS_FREE',
      'An escalated case (上报件 / 代办件) is carried up and back free of charge: no fee is taken on it',
    );
  const { amount, basis } = command.data;
  const issues = textIssues(basis, 'basis', { max: 500 });
  if (!Number.isFinite(amount) || amount <= 0 || amount > 1_000_000 || Math.round(amount * 100) !== amount * 100)
    issues.push({ field: 'amount', message: 'must be a positive amount in yuan, to the fen (0.01), at most 1,000,000' });
  throwIfAny(issues);
  return [{ type: 'FeeRecorded', data: { caseId: c.id, amount, basis: basis.trim(), recordedAt: command.data.occurredAt } }];
}

export const escalationRules: RuleTable<EscalationCommand> = {
  SendUp: sendUp,
  ReturnFromAuthority: returnFromAuthority,
  RecordFee: recordFee,
};

/**
 * The deadline watcher's look at an escalated case's own time on `today` (its trips to the authority not
 * counted): yellow by rule 13's thresholds on the center's limit, red once past it, each once.
 */
export function checkCenterTime(c: Case, today: LocalDate, { calendar, policy }: CaseRules): CaseEvent[] {
  if (c.kind !== 'escalated' || c.suspendedSince || !c.timeLimit || c.centerTimeExceeded) return [];
  const limit = policy.escalationCenterWorkingDays;
  const used = readClock(c.timeLimit.startDate, c.timeLimit.dueDate, today, leftOutWorkingDays(c), calendar).workingDaysUsed;
  if (used > limit) return [{ type: 'CenterTimeExceeded', data: { caseId: c.id, workingDaysUsed: used, limit, issuedOn: today } }];
  const reading = { workingDaysUsed: used, workingDaysRemaining: limit - used, overdue: false };
  if (!c.centerTimeWarned && isYellow(reading, { used, total: limit }, policy))
    return [{ type: 'CenterTimeWarningIssued', data: { caseId: c.id, workingDaysUsed: used, limit, issuedOn: today } }];
  return [];
}

/** The trip the case is on now, if it is with the higher authority. */
export function atAuthority(c: Case) {
  const last = c.escalations?.at(-1);
  return last && last.returnedOn === null ? last : undefined;
}

function requireEscalated(c: Case, action: string): void {
  if (c.kind !== 'escalated')
    throw new DomainError('CASE.NOT_ESCALATED', `Cannot ${action}: case ${c.receiptNo} is not an escalated case (上报件)`, {
      kind: c.kind,
    });
}
