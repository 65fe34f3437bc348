import { assertNever, Decider, DomainCommand, DomainEvent } from '../../../core/decider';
import { DomainError } from '../../../core/errors';
import { textIssues, throwIfAny } from '../../../core/validation';

/**
 * 申诉: a staff member contests a line of their score sheet; the oversight office decides. An upheld
 * appeal restores the points, and the sheet shows both the line and its restoration.
 */
export interface AppealSubject {
  lineId: string;
  staffId: string;
  center: string;
  window: string;
}

export type AppealLine = DomainCommand<'AppealLine', AppealSubject & { grounds: string; occurredAt: string }>;
export type DecideAppeal = DomainCommand<'DecideAppeal', { upheld: boolean; reason: string; occurredAt: string }>;
export type LineAppealed = DomainEvent<'LineAppealed', AppealSubject & { grounds: string; appealedAt: string }>;
export type AppealDecided = DomainEvent<'AppealDecided', AppealSubject & { upheld: boolean; reason: string; decidedAt: string }>;
export type AppealCommand = AppealLine | DecideAppeal;
export type AppealEvent = LineAppealed | AppealDecided;
export type AppealState = { status: 'NONE' } | { status: 'PENDING' | 'UPHELD' | 'REJECTED'; subject: AppealSubject };

export const appealStream = (lineId: string) => `appeal-${lineId.replace(/[^\w.-]/g, '_')}`;

export const appealDecider: Decider<AppealState, AppealCommand, AppealEvent> = {
  initialState: () => ({ status: 'NONE' }),
  evolve: (state, event) => {
    switch (event.type) {
      case 'LineAppealed': {
        const { lineId, staffId, center, window } = event.data;
        return { status: 'PENDING', subject: { lineId, staffId, center, window } };
      }
      case 'AppealDecided':
        return state.status === 'NONE' ? state : { ...state, status: event.data.upheld ? 'UPHELD' : 'REJECTED' };
      default:
        return assertNever(event, 'appeal event');
    }
  },
  decide: (command, state) => {
    switch (command.type) {
      case 'AppealLine': {
        if (state.status !== 'NONE')
          throw new DomainError('APPEAL.ALREADY_FILED', 'This line has already been appealed; a line is appealed once');
        const { grounds, occurredAt, ...subject } = command.data;
        throwIfAny(textIssues(grounds, 'grounds', { max: 2000 }));
        return [{ type: 'LineAppealed', data: { ...subject, grounds: grounds.trim(), appealedAt: occurredAt } }];
      }
      case 'DecideAppeal': {
        if (state.status === 'NONE') throw new DomainError('APPEAL.NOT_FOUND', 'No appeal has been filed against this line');
        if (state.status !== 'PENDING')
          throw new DomainError('APPEAL.ALREADY_DECIDED', `The appeal was already ${state.status.toLowerCase()}`);
        throwIfAny(textIssues(command.data.reason, 'reason', { max: 2000 }));
        return [
          {
            type: 'AppealDecided',
            data: { ...state.subject, upheld: command.data.upheld, reason: command.data.reason.trim(), decidedAt: command.data.occurredAt },
          },
        ];
      }
      default:
        return assertNever(command, 'appeal command');
    }
  },
};
