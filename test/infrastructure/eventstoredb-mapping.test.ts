import {
  DeadlineExceededError,
  NotLeaderError,
  START,
  StreamNotFoundError,
  UnavailableError,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import {
  claimEvent,
  claimStream,
  fromRecorded,
  isApplicationEvent,
  isUnknownOutcome,
  readPositionAt,
  toEventData,
} from '../../src/infrastructure/event-store/eventstoredb/eventstoredb-mapping';
import { anEvent } from '../support/events';

describe('EventStoreDB mapping', () => {
  it('writes JSON events with our ids and metadata, plus the correlation names EventStoreDB follows', () => {
    const event = anEvent('CaseSubmitted', { applicant: { name: '张三' } });
    const data = toEventData(event);
    expect(data).toMatchObject({ id: event.id, type: 'CaseSubmitted', contentType: 'application/json', data: event.data });
    expect(data.metadata).toEqual({
      ...event.metadata,
      $correlationId: event.metadata.correlationId,
      $causationId: event.metadata.causationId,
    });
  });

  it('reads back exactly what was written, at the commit position', () => {
    const event = anEvent('CaseAccepted', { n: 1 });
    const written = toEventData(event);
    const read = fromRecorded({
      id: event.id,
      streamId: 'case-1',
      revision: 3n,
      type: written.type,
      data: written.data as never,
      metadata: written.metadata as never,
      isJson: true,
      position: { commit: 4096n, prepare: 4096n },
    });
    expect(read).toEqual({ ...event, stream: 'case-1', revision: 3n, position: 4096n });
  });

  it('takes the position from the resolved event when a stream read omits it, and says so when both are missing', () => {
    const base = { id: 'x', streamId: 's', revision: 0n, type: 'T', data: {}, metadata: {}, isJson: true as const };
    expect(fromRecorded(base, 77n).position).toBe(77n);
    expect(() => fromRecorded(base)).toThrow(/21\.10 or later/);
    expect(() => fromRecorded({ ...base, isJson: false as never, data: new Uint8Array() as never }, 1n)).toThrow(
      /not written by casetrail/,
    );
  });

  it('hides system events, system-projection links and id claims from readers of the log', () => {
    expect(isApplicationEvent('case-1', 'CaseSubmitted')).toBe(true);
    expect(isApplicationEvent('$settings', 'update-default-acl')).toBe(false);
    expect(isApplicationEvent('$ce-case', '$>')).toBe(false);
    expect(isApplicationEvent('case-1', '$metadata')).toBe(false);
    expect(isApplicationEvent(claimStream('00000000-0000-4000-8000-000000000000'), 'EventIdClaimed')).toBe(false);
  });

  it('derives the claim event id from stream and event, so a retried claim is idempotent and another stream is not', () => {
    const id = '6f2c1d0a-9b8e-4c7d-8a5f-3e2d1c0b9a87';
    expect(claimEvent(id, 'case-1').id).toBe(claimEvent(id, 'case-1').id);
    expect(claimEvent(id, 'case-1').id).not.toBe(claimEvent(id, 'case-2').id);
    expect(claimEvent(id, 'case-1').data).toEqual({ stream: 'case-1' });
  });

  it('reads from the start when there is nothing to resume after, else from the event itself', () => {
    expect(readPositionAt(undefined)).toBe(START);
    expect(readPositionAt(-1n)).toBe(START);
    expect(readPositionAt(1234n)).toEqual({ commit: 1234n, prepare: 1234n });
  });

  it('treats lost connections, deadlines and leader changes as unknown outcomes, and conflicts as known', () => {
    expect(isUnknownOutcome(new UnavailableError())).toBe(true);
    expect(isUnknownOutcome(new DeadlineExceededError())).toBe(true);
    // NotLeaderError's constructor needs a gRPC reply naming the leader; the kind is what matters here.
    expect(isUnknownOutcome(Object.create(NotLeaderError.prototype))).toBe(true);
    expect(isUnknownOutcome(new WrongExpectedVersionError(undefined, { streamName: 's', expected: 0n, current: 1n }))).toBe(false);
    expect(isUnknownOutcome(new StreamNotFoundError())).toBe(false);
    expect(isUnknownOutcome(new Error('bug'))).toBe(false);
  });
});
