import { assertNever, Decider, DomainCommand, DomainEvent } from '../../../core/decider';
import { isLocalDate, LocalDate } from '../../../core/dates';
import { DomainError } from '../../../core/errors';
import { textIssues, throwIfAny } from '../../../core/validation';
import { RuleSet } from './rule-set';

/**
 * 记录在案: a deduction or bonus a leader or the oversight office records against a staff member, with
 * its evidence. Automatic rules (late completion, notices, complaints about an empty post) are never
 * recorded by hand: they follow from the events themselves.
 */
export interface ConductDetails {
  conductId: string;
  staffId: string;
  center: string;
  window: string;
  code: string;
  /** The rule's heavier figure applies (e.g. D01 with bad impact). */
  severe: boolean;
  occurredOn: LocalDate;
  evidence: string;
  caseId: string | null;
}

export type RecordConduct = DomainCommand<
  'RecordConduct',
  ConductDetails & { ruleSet: RuleSet | undefined; today: LocalDate; occurredAt: string }
>;
export type ConductRecorded = DomainEvent<'ConductRecorded', ConductDetails & { ruleVersion: number; recordedAt: string }>;
export type ConductState = { recorded: boolean };

export const conductStream = (conductId: string) => `conduct-${conductId}`;

export const conductDecider: Decider<ConductState, RecordConduct, ConductRecorded> = {
  initialState: () => ({ recorded: false }),
  evolve: (_state, event) => {
    switch (event.type) {
      case 'ConductRecorded':
        return { recorded: true };
      default:
        return assertNever(event.type, 'conduct event');
    }
  },
  decide: (command, state) => {
    if (state.recorded) throw new DomainError('CONDUCT.ALREADY_RECORDED', 'This record already exists');
    const { ruleSet, today, occurredAt, ...d } = command.data;
    throwIfAny([
      ...(isLocalDate(d.occurredOn) ? [] : [{ field: 'occurredOn', message: 'must be a date YYYY-MM-DD' }]),
      ...textIssues(d.staffId, 'staffId', { max: 64 }),
      ...textIssues(d.evidence, 'evidence', { max: 2000 }),
      ...textIssues(d.window, 'window', { max: 64 }),
    ]);
    if (d.occurredOn > today) throw new DomainError('CONDUCT.IN_THE_FUTURE', `${d.occurredOn} has not happened yet`);
    if (!ruleSet) throw new DomainError('SCORING.NO_RULES', `No scoring rules are in force on ${d.occurredOn}`);
    const rule = ruleSet.rules.find((r) => r.code === d.code);
    if (!rule)
      throw new DomainError('CONDUCT.UNKNOWN_RULE', `Rule ${d.code} is not in version ${ruleSet.version} of the scoring rules`, {
        code: d.code,
        version: ruleSet.version,
      });
    if (rule.automatic)
      throw new DomainError(
        'CONDUCT.AUTOMATIC_RULE',
        `${d.code} (${rule.name}) is scored from the events themselves, not recorded by hand`,
      );
    if (d.severe && rule.severePoints === undefined)
      throw new DomainError('CONDUCT.NO_SEVERE_FIGURE', `${d.code} has no heavier figure for serious cases`);
    return [{ type: 'ConductRecorded', data: { ...d, evidence: d.evidence.trim(), ruleVersion: ruleSet.version, recordedAt: occurredAt } }];
  },
};
