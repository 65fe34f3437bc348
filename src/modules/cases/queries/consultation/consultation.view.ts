import { Actor } from '../../../../core/actor';
import { RecordedEvent, asDomainEvent } from '../../../../core/event-store';
import { maskPhone } from '../../domain/personal-data';
import {
  Closure,
  ConsultationDetails,
  ConsultationEvent,
  ConsultationRecorded,
  Routing,
  consultationDecider,
} from '../../domain/consultation.decider';

/** A recorded visit as the API shows it: the visitor's phone masked, the officer from the event's actor. */
export interface ConsultationView extends ConsultationDetails {
  id: string;
  officer: Actor;
  center: string | null;
  window: string | null;
  /** 首问负责: the window the visit was sent to, and whether that window has closed it. */
  routing: Routing | null;
  status: 'NOT_ROUTED' | 'OPEN' | 'CLOSED';
  closure: Closure | null;
  followUpRecordedOn: string | null;
  occurredAt: string;
  recordedAt: string;
  backfilled: boolean;
}

/** The visit from its stream: the first event says who recorded it, the rest where it stands. */
export function consultationView(events: RecordedEvent[]): ConsultationView {
  const first = events[0];
  const d = asDomainEvent<ConsultationRecorded>(first).data;
  const m = first.metadata;
  const state = events.reduce(
    (s, e) => consultationDecider.evolve(s, asDomainEvent<ConsultationEvent>(e)),
    consultationDecider.initialState(),
  );
  const routing = state.recorded ? state.routing : null;
  const closure = state.recorded ? state.closure : null;
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
    routing,
    status: !routing ? 'NOT_ROUTED' : closure ? 'CLOSED' : 'OPEN',
    closure,
    followUpRecordedOn: state.recorded ? state.followUpMarkedOn : null,
    occurredAt: m.occurredAt,
    recordedAt: m.recordedAt,
    backfilled: Boolean(m.backfill),
  };
}
