import { assertNever, Decider, DomainCommand, DomainEvent } from '../../../core/decider';
import { DomainError } from '../../../core/errors';
import { textIssues, throwIfAny } from '../../../core/validation';

/**
 * 个人信息查阅记录: reading an applicant's full identity or phone number is itself recorded, so the
 * oversight office can see who read whose data, when and why. One stream per read.
 */
export interface DisclosureDetails {
  readId: string;
  caseId: string;
  receiptNo: string;
  center: string;
  window: string;
  reason: string;
  /** What was shown in full. */
  fields: ('idNumber' | 'phone')[];
}

export type RecordDisclosure = DomainCommand<'RecordDisclosure', DisclosureDetails & { occurredAt: string }>;
export type PersonalDataRevealed = DomainEvent<'PersonalDataRevealed', DisclosureDetails & { readAt: string }>;
export type DisclosureState = { recorded: boolean };

export const disclosureStream = (readId: string) => `disclosure-${readId}`;

export const disclosureDecider: Decider<DisclosureState, RecordDisclosure, PersonalDataRevealed> = {
  initialState: () => ({ recorded: false }),
  evolve: (_state, event) => {
    switch (event.type) {
      case 'PersonalDataRevealed':
        return { recorded: true };
      default:
        return assertNever(event.type, 'disclosure event');
    }
  },
  decide: (command, state) => {
    if (state.recorded) throw new DomainError('DISCLOSURE.ALREADY_RECORDED', 'This read is already recorded');
    const { occurredAt, ...d } = command.data;
    throwIfAny(textIssues(d.reason, 'reason', { max: 500 }));
    if (d.reason.trim().length < 4)
      throw new DomainError('DISCLOSURE.REASON_REQUIRED', 'Say why the full numbers are needed (at least 4 characters)');
    return [{ type: 'PersonalDataRevealed', data: { ...d, reason: d.reason.trim(), readAt: occurredAt } }];
  },
};
