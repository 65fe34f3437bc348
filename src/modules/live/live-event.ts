import { RecordedEvent } from '../../core/event-store';
import { maskEventData, caseIdOfStream } from '../cases';

/** Made once per event however many subscribers it goes to: they share the feed's event objects. */
const shown = new WeakMap<RecordedEvent, ReturnType<typeof toLiveEvent>>();

/** An event as supervisors are shown it, live or replayed: personal numbers masked. */
export function liveEvent(e: RecordedEvent) {
  let live = shown.get(e);
  if (!live) {
    live = toLiveEvent(e);
    shown.set(e, live);
  }
  return live;
}

function toLiveEvent(e: RecordedEvent) {
  return {
    position: e.position.toString(),
    stream: e.stream,
    caseId: caseIdOfStream(e.stream),
    type: e.type,
    occurredAt: e.metadata.occurredAt,
    recordedAt: e.metadata.recordedAt,
    backfilled: Boolean(e.metadata.backfill),
    actor: e.metadata.actor,
    data: maskEventData(e.type, e.data),
  };
}
