import { assertNever, Decider, DomainCommand, DomainEvent } from '../../../core/decider';
import { LocalDate } from '../../../core/dates';

/**
 * 邀评: a completed case nobody has rated is invited to rate once, 3 days after completion (SPEC §7).
 * The invitation is what the portal and the SMS gateway act on.
 */
export const INVITE_AFTER_DAYS = 3;

export type InviteToRate = DomainCommand<
  'InviteToRate',
  { caseId: string; receiptNo: string; center: string; completedOn: LocalDate; today: LocalDate; occurredAt: string }
>;
export type RatingInvited = DomainEvent<
  'RatingInvited',
  { caseId: string; receiptNo: string; center: string; completedOn: LocalDate; invitedOn: LocalDate }
>;
export type RatingInvitationState = { invited: boolean };

export const ratingInvitationStream = (caseId: string) => `rating-invitation-${caseId}`;

export const ratingInvitationDecider: Decider<RatingInvitationState, InviteToRate, RatingInvited> = {
  initialState: () => ({ invited: false }),
  evolve: (_state, event) => {
    switch (event.type) {
      case 'RatingInvited':
        return { invited: true };
      default:
        return assertNever(event.type, 'rating invitation event');
    }
  },
  decide: (command, state) => {
    if (state.invited) return [];
    const { caseId, receiptNo, center, completedOn, today } = command.data;
    const due = new Date(Date.parse(`${completedOn}T00:00:00Z`) + INVITE_AFTER_DAYS * 86_400_000).toISOString().slice(0, 10);
    if (today < due) return [];
    return [{ type: 'RatingInvited', data: { caseId, receiptNo, center, completedOn, invitedOn: today } }];
  },
};
