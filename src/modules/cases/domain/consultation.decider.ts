import { assertNever, Decider, DomainCommand, DomainEvent } from '../../../core/decider';
import { DomainError } from '../../../core/errors';
import { textIssues, throwIfAny } from '../../../core/validation';

/** 首问负责制: the first staff member a visitor talks to records the visit and stays responsible for it. */
export interface ConsultationDetails {
  visitorName: string;
  visitorPhone: string | null;
  topic: string;
  itemCode: string | null;
  routedTo: string | null;
  notes: string | null;
}

export type RecordConsultation = DomainCommand<'RecordConsultation', ConsultationDetails & { consultationId: string; occurredAt: string }>;
export type ConsultationRecorded = DomainEvent<
  'ConsultationRecorded',
  ConsultationDetails & { consultationId: string; consultedAt: string }
>;
export type ConsultationState = { recorded: boolean };

export const consultationStream = (id: string) => `consultation-${id}`;

const trimmed = (v: string | null | undefined) => v?.trim() || null;

export const consultationDecider: Decider<ConsultationState, RecordConsultation, ConsultationRecorded> = {
  initialState: () => ({ recorded: false }),
  evolve: (_state, event) => {
    switch (event.type) {
      case 'ConsultationRecorded':
        return { recorded: true };
      default:
        return assertNever(event.type, 'consultation event');
    }
  },
  decide: (command, state) => {
    if (state.recorded) throw new DomainError('CONSULTATION.ALREADY_RECORDED', 'This consultation is already recorded');
    const d = command.data;
    throwIfAny([
      ...textIssues(d.visitorName, 'visitorName', { max: 100 }),
      ...textIssues(d.topic, 'topic', { max: 500 }),
      ...textIssues(d.visitorPhone, 'visitorPhone', { required: false, max: 30 }),
      ...textIssues(d.itemCode, 'itemCode', { required: false, max: 64 }),
      ...textIssues(d.routedTo, 'routedTo', { required: false, max: 200 }),
      ...textIssues(d.notes, 'notes', { required: false }),
    ]);
    return [
      {
        type: 'ConsultationRecorded',
        data: {
          consultationId: d.consultationId,
          visitorName: d.visitorName.trim(),
          visitorPhone: trimmed(d.visitorPhone),
          topic: d.topic.trim(),
          itemCode: trimmed(d.itemCode),
          routedTo: trimmed(d.routedTo),
          notes: trimmed(d.notes),
          consultedAt: d.occurredAt,
        },
      },
    ];
  },
};
