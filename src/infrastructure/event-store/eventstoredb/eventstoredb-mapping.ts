import {
  AllStreamRecordedEvent,
  CancelledError,
  DeadlineExceededError,
  EventData,
  JSONType,
  NotLeaderError,
  ReadPosition,
  START,
  TimeoutError,
  UnavailableError,
  UnknownError,
  jsonEvent,
} from '@eventstore/db-client';
import { uuidFromName } from '../../../core/ids';
import { EventMetadata, NewEvent, RecordedEvent } from '../../../core/event-store';

/**
 * Translation between the event-store port and EventStoreDB, kept free of I/O so it can be tested
 * without a server.
 */

/**
 * Streams that hold our claims on event ids. EventStoreDB checks event ids only within a stream, while
 * the port promises that an id is stored once in the whole log (so a command id reused for another
 * case is refused): each id is claimed by appending to `eventid-<id>` before the events are written.
 */
export const CLAIM_STREAM_PREFIX = 'eventid-';
export const CLAIM_EVENT_TYPE = 'EventIdClaimed';

export function claimStream(eventId: string): string {
  return `${CLAIM_STREAM_PREFIX}${eventId}`;
}

/** A claim retried after an unknown outcome carries the same id, so EventStoreDB treats it as idempotent. */
export function claimEvent(eventId: string, stream: string): EventData {
  return jsonEvent({ id: uuidFromName(`claim:${stream}:${eventId}`), type: CLAIM_EVENT_TYPE, data: { stream } });
}

/**
 * Only the service's own events reach readers of the log: not EventStoreDB's system events and
 * system-projection links (`$` streams and types), nor our id claims.
 */
export function isApplicationEvent(stream: string, type: string): boolean {
  return !stream.startsWith('$') && !type.startsWith('$') && !stream.startsWith(CLAIM_STREAM_PREFIX);
}

/**
 * EventStoreDB names an event's place in `$all` by a commit and a prepare position. Every event
 * written by a gRPC append is committed by itself (an implicit transaction), so both are the byte
 * offset of the event in the log: unique, increasing, and a valid place to read from. That offset is
 * the port's position. `after` of none or below zero means the start of the log.
 */
export function readPositionAt(after: bigint | undefined): ReadPosition {
  return after === undefined || after < 0n ? START : { commit: after, prepare: after };
}

export function toEventData(event: NewEvent): EventData {
  // $correlationId and $causationId are EventStoreDB's own names: its projections and UI follow them.
  const metadata = { ...event.metadata, $correlationId: event.metadata.correlationId, $causationId: event.metadata.causationId };
  return jsonEvent({ id: event.id, type: event.type, data: event.data as JSONType, metadata });
}

/** The fields of an EventStoreDB event the port needs (a stream read may lack the position). */
export type EsdbRecordedEvent = Pick<AllStreamRecordedEvent, 'id' | 'streamId' | 'revision' | 'type' | 'data' | 'metadata' | 'isJson'> & {
  position?: AllStreamRecordedEvent['position'];
};

export function fromRecorded(recorded: EsdbRecordedEvent, commitPosition?: bigint): RecordedEvent {
  const position = recorded.position?.commit ?? commitPosition;
  if (position === undefined) {
    throw new Error('EventStoreDB did not report the position of an event read from a stream; version 21.10 or later is required');
  }
  if (!recorded.isJson || typeof recorded.metadata !== 'object' || recorded.metadata === null || recorded.metadata instanceof Uint8Array) {
    throw new Error(`Event ${recorded.id} in ${recorded.streamId} was not written by casetrail (it is not JSON with metadata)`);
  }
  const { $correlationId: _c, $causationId: _k, ...metadata } = recorded.metadata as Record<string, unknown>;
  return {
    id: recorded.id,
    stream: recorded.streamId,
    revision: recorded.revision,
    position,
    type: recorded.type,
    data: recorded.data,
    metadata: metadata as unknown as EventMetadata,
  };
}

/**
 * Errors after which an append may or may not have been written: the server went away, the deadline
 * passed, or the node stopped being the leader. The outcome is found by reading the stream back.
 */
export function isUnknownOutcome(error: unknown): boolean {
  return (
    error instanceof UnavailableError ||
    error instanceof DeadlineExceededError ||
    error instanceof TimeoutError ||
    error instanceof NotLeaderError ||
    error instanceof CancelledError ||
    error instanceof UnknownError
  );
}
