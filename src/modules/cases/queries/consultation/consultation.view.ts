import { Actor } from '../../../../core/actor';
import { RecordedEvent, asDomainEvent } from '../../../../core/event-store';
import { maskPhone } from '../../domain/personal-data';
import { ConsultationDetails, ConsultationRecorded } from '../../domain/consultation.decider';

/** A recorded visit as the API shows it: the visitor's phone masked, the officer from the event's actor. */
export interface ConsultationView extends ConsultationDetails {
  id: string;
  officer: Actor;
  center: string | null;
  window: string | null;
  occurredAt: string;
  recordedAt: string;
  backfilled: boolean;
}

export function consultationView(event: RecordedEvent): ConsultationView {
  const d = asDomainEvent<ConsultationRecorded>(event).data;
  const m = event.metadata;
  return {
    id: d.consultationId,
    officer: m.actor,
    center: m.actor.center ?? null,
    window: m.actor.window ?? null,
    visitorName: d.visitorName,
    visitorPhone: d.visitorPhone && maskPhone(d.visitorPhone),
    topic: d.topic,
    itemCode: d.itemCode,
    routedTo: d.routedTo,
    notes: d.notes,
    occurredAt: m.occurredAt,
    recordedAt: m.recordedAt,
    backfilled: Boolean(m.backfill),
  };
}
