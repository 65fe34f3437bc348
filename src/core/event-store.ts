import { Actor } from './actor';

export type { Actor };

/**
 * The event-store port. Every adapter (SQLite, PostgreSQL, EventStoreDB) passes the same contract
 * suite in test/contract; a difference between adapters is a bug in one of them.
 *
 * Revisions are per stream and start at 0. Positions are global, increasing in commit order.
 * `fromRevision` is inclusive. The global log is resumed *after* a position (`after`, exclusive), the
 * position of an event the store returned: positions are opaque, increasing but not dense (EventStoreDB's
 * are byte offsets in its log), so no reader may compute one; `after` of -1 or none reads from the start.
 */

export interface EventMetadata {
  actor: Actor;
  commandId: string;
  correlationId: string;
  causationId: string;
  /** Business time: when it happened at the counter. */
  occurredAt: string;
  /** When the service recorded it. */
  recordedAt: string;
  /** Present when the entry was made after the fact (paper records entered later). */
  backfill?: { reason: string };
  /** A hash of the input the command was given (its id aside), to tell a retry from a reuse of its id. */
  commandFingerprint?: string;
  schemaVersion: number;
  /**
   * The audit hash chain (审计链): the hash of the stream's previous event and this event's own hash,
   * set by the chaining store on every append (see core/audit-chain.ts). Absent on events recorded
   * before the chain existed.
   */
  audit?: AuditLink;
}

export interface AuditLink {
  /** SHA-256 (hex) of the stream's previous event; null for a stream's first event. */
  prev: string | null;
  /** SHA-256 (hex) of this event's canonical encoding, `prev` included. */
  hash: string;
}

export interface NewEvent {
  id: string;
  type: string;
  data: unknown;
  metadata: EventMetadata;
}

export interface RecordedEvent extends NewEvent {
  stream: string;
  revision: bigint;
  position: bigint;
}

/** A recorded event of a known kind: its `type` and `data` as the domain event type says. */
export type RecordedOf<E extends { type: string; data: unknown }> = E extends unknown ? Omit<RecordedEvent, 'type' | 'data'> & E : never;

/**
 * A recorded event read as the domain event it was appended as. The store keeps type and data exactly as
 * written, and a stream is appended to only by its own decider, so a stream's events, or an event of a
 * type the caller has checked, have their domain type's shape. The one place the code relies on that.
 */
export function asDomainEvent<E extends { type: string; data: unknown }>(recorded: RecordedEvent): RecordedOf<E>;
export function asDomainEvent<E extends { type: string; data: unknown }>(recorded: { type: string; data: unknown }): E;
export function asDomainEvent(recorded: unknown): unknown {
  return recorded;
}

export type ExpectedRevision = 'no_stream' | bigint;

export interface AppendResult {
  /** Revision of the last event now in the stream. */
  nextRevision: bigint;
  /** Global position of the last event written. */
  position: bigint;
}

export interface EventStore {
  /**
   * Appends atomically if the stream is at `expected`. Appending the same event ids again at the same
   * expected revision is an idempotent success (a retry after an unknown outcome). Throws
   * WrongExpectedRevisionError or DuplicateEventError (ids already stored in another place).
   */
  append(stream: string, events: NewEvent[], expected: ExpectedRevision): Promise<AppendResult>;
  readStream(stream: string, opts?: { fromRevision?: bigint; maxCount?: number }): AsyncIterable<RecordedEvent>;
  /**
   * The stream's last event, undefined for a stream with none: one read however long the stream. For
   * streams whose state is their last event (a counter such as a center-day's receipt numbers).
   */
  lastEvent(stream: string): Promise<RecordedEvent | undefined>;
  readAll(opts?: { after?: bigint; maxCount?: number }): AsyncIterable<RecordedEvent>;
  /** Catch-up, then live, until the signal aborts. */
  subscribeToAll(opts: { after?: bigint; signal: AbortSignal }): AsyncIterable<RecordedEvent>;
  /** Position of the last event in the log, -1 when empty: how far behind a follower is. */
  headPosition(): Promise<bigint>;
  /** Throws if the store cannot be reached. */
  ping(): Promise<void>;
  /** Flushes pending appends, then releases the store. */
  close(): Promise<void>;
}

/**
 * A stream's state, folded from its events; with `upTo`, as it stood once the log had reached that
 * position (as of a moment). The one place every "load" and every as-of view folds a stream.
 */
export async function foldStream<S>(
  store: EventStore,
  stream: string,
  evolve: (state: S, event: never) => S,
  initial: S,
  upTo?: bigint,
): Promise<S> {
  let state = initial;
  for await (const event of store.readStream(stream)) {
    if (upTo !== undefined && event.position > upTo) break;
    state = evolve(state, event as never);
  }
  return state;
}

export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}
