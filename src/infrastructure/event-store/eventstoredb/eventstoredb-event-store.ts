import {
  AllStreamResolvedEvent,
  AllStreamSubscription,
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  NO_STREAM,
  START,
  StreamNotFoundError,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import { DuplicateEventError, StoreUnavailableError, WrongExpectedRevisionError } from '../../../core/errors';
import { AppendResult, EventStore, ExpectedRevision, NewEvent, RecordedEvent } from '../../../core/event-store';
import { redactUrl } from '../../../core/redact';
import {
  claimEvent,
  claimStream,
  fromRecorded,
  isApplicationEvent,
  isUnknownOutcome,
  readPositionAt,
  toEventData,
} from './eventstoredb-mapping';

export interface EventStoreDbOptions {
  /** `esdb://host:2113?tls=false`, or `esdb+discover://…` for a cluster (see EventStoreDB's connection strings). */
  connectionString: string;
  /** Attempts of an append whose outcome stayed unknown (server away, deadline passed, leader changed). */
  maxAttempts?: number;
}

const PAGE = 500;

/**
 * Event store on EventStoreDB, the production store.
 *
 * - Appends state the revision that was read; EventStoreDB refuses any other, and treats the same
 *   event ids at the same revision as an idempotent retry.
 * - After an unknown outcome the stream is read back and searched for our event ids: found, the append
 *   happened; not found, it is tried again (the ids make a late duplicate impossible).
 * - Event ids are unique per stream in EventStoreDB but the port promises uniqueness across the log,
 *   so each id is first claimed in its own small stream (see eventstoredb-mapping.ts).
 * - Readers of `$all` see only the service's events, positioned by their log offset.
 */
export class EventStoreDbEventStore implements EventStore {
  private readonly subscriptions = new Set<AllStreamSubscription>();
  private closed = false;

  private constructor(
    private readonly client: EventStoreDBClient,
    private readonly options: EventStoreDbOptions,
  ) {}

  /** Connects and reads the log once: an unreachable server fails here, with the address (no password). */
  static async open(options: EventStoreDbOptions): Promise<EventStoreDbEventStore> {
    let client: EventStoreDBClient;
    try {
      client = EventStoreDBClient.connectionString(options.connectionString);
    } catch (error) {
      throw new StoreUnavailableError(
        `Invalid EventStoreDB connection string ${redactUrl(options.connectionString)}: ${(error as Error).message}`,
      );
    }
    const store = new EventStoreDbEventStore(client, options);
    try {
      await store.ping();
    } catch (error) {
      await client.dispose().catch(() => undefined);
      throw new StoreUnavailableError(
        `Cannot open the EventStoreDB event store at ${redactUrl(options.connectionString)}: ${(error as Error).message}`,
      );
    }
    return store;
  }

  async append(stream: string, events: NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    this.assertOpen();
    const maxAttempts = this.options.maxAttempts ?? 5;
    for (let attempt = 1; ; attempt++) {
      try {
        await this.claim(stream, events);
        await this.client.appendToStream(stream, events.map(toEventData), {
          expectedRevision: expected === 'no_stream' ? NO_STREAM : expected,
        });
        // The append's reply does not name the position of its last event in every case (an idempotent
        // retry reports none), so the result is read back: the same answer for a first write and a retry.
        const written = await this.writtenAt(stream, events, expected);
        if (!written) throw new Error(`EventStoreDB acknowledged an append to ${stream} that cannot be read back`);
        return written;
      } catch (error) {
        if (error instanceof DuplicateEventError) throw error;
        if (error instanceof WrongExpectedVersionError) {
          // Another writer got there first, unless it was this very append (acknowledged, reply lost).
          const written = await this.writtenAt(stream, events, expected);
          if (written) return written;
          const actual = error.actualVersion;
          throw new WrongExpectedRevisionError(stream, expected, actual === NO_STREAM ? 'no_stream' : actual);
        }
        if (!isUnknownOutcome(error)) throw error;
        const written = await this.writtenAt(stream, events, expected).catch(() => undefined);
        if (written) return written;
        if (attempt >= maxAttempts) throw new StoreUnavailableError(`EventStoreDB is unreachable: ${(error as Error).message}`);
        await new Promise((resolve) => setTimeout(resolve, Math.min(2000, 50 * 2 ** attempt) * (0.5 + Math.random())));
      }
    }
  }

  /** Claims every event id for this stream; an id already claimed for another stream is a reused command id. */
  private async claim(stream: string, events: NewEvent[]): Promise<void> {
    const taken: string[] = [];
    await Promise.all(
      events.map(async (event) => {
        try {
          await this.client.appendToStream(claimStream(event.id), claimEvent(event.id, stream), { expectedRevision: NO_STREAM });
        } catch (error) {
          if (!(error instanceof WrongExpectedVersionError)) throw error;
          const [claim] = await this.readResolved(claimStream(event.id), 1);
          const owner = (claim?.event?.data as { stream?: string } | undefined)?.stream;
          if (owner !== stream) taken.push(event.id);
        }
      }),
    );
    if (taken.length > 0) throw new DuplicateEventError(taken);
  }

  /** The result of this append if its events are in the stream right after `expected`, else undefined. */
  private async writtenAt(stream: string, events: NewEvent[], expected: ExpectedRevision): Promise<AppendResult | undefined> {
    const fromRevision = expected === 'no_stream' ? 0n : expected + 1n;
    const found: RecordedEvent[] = [];
    for await (const event of this.readStream(stream, { fromRevision, maxCount: events.length })) found.push(event);
    if (found.length !== events.length || found.some((e, i) => e.id !== events[i].id)) return undefined;
    const last = found[found.length - 1];
    return { nextRevision: last.revision, position: last.position };
  }

  private async readResolved(stream: string, maxCount: number) {
    const out = [];
    try {
      for await (const resolved of this.client.readStream(stream, { fromRevision: START, maxCount })) out.push(resolved);
    } catch (error) {
      if (!(error instanceof StreamNotFoundError)) throw this.translate(error);
    }
    return out;
  }

  async *readStream(stream: string, opts: { fromRevision?: bigint; maxCount?: number } = {}): AsyncIterable<RecordedEvent> {
    this.assertOpen();
    const reading = this.client.readStream(stream, {
      fromRevision: opts.fromRevision ?? START,
      maxCount: opts.maxCount ?? Number.MAX_SAFE_INTEGER,
      direction: FORWARDS,
    });
    try {
      for await (const resolved of reading) {
        if (resolved.event) yield fromRecorded(resolved.event, resolved.commitPosition);
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return;
      throw this.translate(error);
    }
  }

  async lastEvent(stream: string): Promise<RecordedEvent | undefined> {
    this.assertOpen();
    try {
      for await (const resolved of this.client.readStream(stream, { fromRevision: END, maxCount: 1, direction: BACKWARDS })) {
        if (resolved.event) return fromRecorded(resolved.event, resolved.commitPosition);
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return undefined;
      throw this.translate(error);
    }
    return undefined;
  }

  async *readAll(opts: { after?: bigint; maxCount?: number } = {}): AsyncIterable<RecordedEvent> {
    this.assertOpen();
    let after = opts.after;
    let remaining = opts.maxCount ?? Number.MAX_SAFE_INTEGER;
    while (remaining > 0) {
      let read = 0;
      try {
        for await (const resolved of this.client.readAll({ fromPosition: readPositionAt(after), maxCount: PAGE, direction: FORWARDS })) {
          read++;
          const event = this.ours(resolved, after);
          if (resolved.event) after = resolved.event.position.commit;
          if (!event) continue;
          yield event;
          if (--remaining === 0) return;
        }
      } catch (error) {
        throw this.translate(error);
      }
      if (read < PAGE) return;
    }
  }

  /**
   * EventStoreDB's catch-up subscription: it reads the log from the position, then follows it live.
   * A dropped connection ends the subscription with STORE.UNAVAILABLE; the caller resumes after the
   * last event it handled.
   */
  async *subscribeToAll(opts: { after?: bigint; signal: AbortSignal }): AsyncIterable<RecordedEvent> {
    this.assertOpen();
    const after = opts.after;
    const subscription = this.client.subscribeToAll({ fromPosition: readPositionAt(after) });
    this.subscriptions.add(subscription);
    const stop = () => void subscription.unsubscribe().catch(() => undefined);
    opts.signal.addEventListener('abort', stop, { once: true });
    try {
      for await (const resolved of subscription) {
        if (opts.signal.aborted || this.closed) return;
        const event = this.ours(resolved, after);
        if (event) yield event;
      }
    } catch (error) {
      if (opts.signal.aborted || this.closed) return;
      throw this.translate(error);
    } finally {
      opts.signal.removeEventListener('abort', stop);
      this.subscriptions.delete(subscription);
      stop();
    }
  }

  /** The service's event in this resolved entry, if any; never one at or before `after`. */
  private ours(resolved: AllStreamResolvedEvent, after: bigint | undefined): RecordedEvent | undefined {
    const recorded = resolved.event;
    if (!recorded || !isApplicationEvent(recorded.streamId, recorded.type)) return undefined;
    if (after !== undefined && recorded.position.commit <= after) return undefined;
    return fromRecorded(recorded);
  }

  async headPosition(): Promise<bigint> {
    this.assertOpen();
    try {
      for await (const resolved of this.client.readAll({ fromPosition: END, direction: BACKWARDS, maxCount: Number.MAX_SAFE_INTEGER })) {
        const recorded = resolved.event;
        if (recorded && isApplicationEvent(recorded.streamId, recorded.type)) return recorded.position.commit;
      }
    } catch (error) {
      throw this.translate(error);
    }
    return -1n;
  }

  async ping(): Promise<void> {
    this.assertOpen();
    try {
      for await (const _ of this.client.readAll({ fromPosition: END, direction: BACKWARDS, maxCount: 1 })) break;
    } catch (error) {
      throw this.translate(error);
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((s) => s.unsubscribe().catch(() => undefined)));
    await this.client.dispose();
  }

  private assertOpen(): void {
    if (this.closed) throw new StoreUnavailableError('The event store is closed');
  }

  private translate(error: unknown): unknown {
    return isUnknownOutcome(error) ? new StoreUnavailableError(`EventStoreDB is unreachable: ${(error as Error).message}`) : error;
  }
}
