import { Client, Pool, PoolClient } from 'pg';
import { DuplicateEventError, StoreUnavailableError, WrongExpectedRevisionError } from '../../../core/errors';
import { isConnectionError } from '../../store-failures';
import { redactUrl } from '../../../core/redact';
import { survivesLostConnections } from '../../read-models/database';
import { AppendSignal } from '../append-signal';
import { AppendResult, EventStore, ExpectedRevision, NewEvent, RecordedEvent } from '../../../core/event-store';

export interface PostgresEventStoreOptions {
  connectionString: string;
  /** Schema holding the `events` table; created if missing. */
  schema?: string;
  /** Most appends committed in one transaction. */
  maxBatch?: number;
  /** How often a live subscription looks for new events when no notification came. */
  pollIntervalMs?: number;
  poolSize?: number;
  /** Test hook: runs inside the append transaction just before COMMIT (to delay it, or to fail it). */
  beforeCommit?: () => Promise<void>;
}

interface Row {
  position: string;
  event_id: string;
  stream_id: string;
  revision: string;
  type: string;
  data: unknown;
  metadata: RecordedEvent['metadata'];
}

interface PendingAppend {
  stream: string;
  events: NewEvent[];
  expected: ExpectedRevision;
  resolve(result: AppendResult): void;
  reject(error: unknown): void;
}

const PAGE = 500;

type Outcome = { ok: AppendResult } | { error: unknown };

/** The same append sent twice (a client's retry): the same stream, revision and event ids. */
function sameAppend(a: PendingAppend, b: PendingAppend): boolean {
  return (
    a.stream === b.stream &&
    a.expected === b.expected &&
    a.events.length === b.events.length &&
    a.events.every((e, i) => e.id === b.events[i].id)
  );
}
/** Advisory lock key serializing appends (any constant shared by every writer of the database). */
const APPEND_LOCK = 0x636173657472; // "castr"
const MIGRATION_LOCK = APPEND_LOCK + 1;

/**
 * Event store on PostgreSQL.
 *
 * Sequence values commit out of order: a reader that follows the highest position seen could skip an
 * event whose transaction commits late. Appends therefore take a transaction-scoped advisory lock
 * before inserting, so positions become visible strictly in order and following the highest position
 * never skips. Group commit keeps that cheap: the appends waiting when a transaction starts share it,
 * each in its own savepoint so a conflict fails only that append. LISTEN/NOTIFY wakes subscribers;
 * polling covers a lost notification connection.
 */
export class PostgresEventStore implements EventStore {
  private readonly pool: Pool;
  private readonly table: string;
  private readonly channel: string;
  private readonly appended: AppendSignal;
  private queue: PendingAppend[] = [];
  private flushing?: Promise<void>;
  private listener?: Client;
  private listenerRetry?: NodeJS.Timeout;
  private notifications = 0;
  private closed = false;
  private readonly maxBatch: number;

  private constructor(private readonly options: PostgresEventStoreOptions) {
    this.pool = new Pool({ connectionString: options.connectionString, max: options.poolSize ?? 10, connectionTimeoutMillis: 5000 });
    survivesLostConnections(this.pool);
    const schema = options.schema ?? 'public';
    if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new StoreUnavailableError(`Invalid schema name "${schema}"`);
    this.table = `"${schema}".events`;
    this.channel = `casetrail_events_${schema}`;
    this.maxBatch = options.maxBatch ?? 500;
    this.appended = new AppendSignal(options.pollIntervalMs ?? 1000);
  }

  /** Connects, creates the schema if needed, and starts listening for appends. */
  static async open(options: PostgresEventStoreOptions): Promise<PostgresEventStore> {
    const store = new PostgresEventStore(options);
    try {
      await store.migrate(options.schema ?? 'public');
    } catch (error) {
      await store.pool.end().catch(() => undefined);
      throw new StoreUnavailableError(
        `Cannot open the PostgreSQL event store at ${redactUrl(options.connectionString)}: ${(error as Error).message}`,
      );
    }
    await store.listen();
    return store;
  }

  private async migrate(schema: string): Promise<void> {
    const client = await this.pool.connect();
    try {
      // Two instances starting together must not race on CREATE.
      await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
      await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
      await client.query(`
        CREATE TABLE IF NOT EXISTS ${this.table} (
          position  bigserial PRIMARY KEY,
          event_id  text NOT NULL UNIQUE,
          stream_id text NOT NULL,
          revision  bigint NOT NULL,
          type      text NOT NULL,
          data      jsonb NOT NULL,
          metadata  jsonb NOT NULL,
          UNIQUE (stream_id, revision)
        )`);
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
      client.release();
    }
  }

  private async listen(): Promise<void> {
    if (this.closed) return;
    const client = new Client({ connectionString: this.options.connectionString });
    const retry = () => {
      if (this.closed || this.listenerRetry) return;
      this.listener = undefined;
      this.listenerRetry = setTimeout(() => {
        this.listenerRetry = undefined;
        void this.listen();
      }, 1000);
      this.listenerRetry.unref();
    };
    client.on('error', retry);
    client.on('end', retry);
    client.on('notification', () => {
      this.notifications++;
      this.appended.notify();
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${this.channel}`);
      this.listener = client;
    } catch {
      await client.end().catch(() => undefined);
      retry();
    }
  }

  append(stream: string, events: NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    if (this.closed) return Promise.reject(new StoreUnavailableError('The event store is closed'));
    if (events.length === 0) return Promise.reject(new Error('append needs at least one event'));
    return new Promise((resolve, reject) => {
      this.queue.push({ stream, events, expected, resolve, reject });
      this.flushing ??= this.flushAll();
    });
  }

  /**
   * One transaction at a time per store. It waits one turn of the event loop to gather the appends of
   * that turn; what queues while it commits goes into the next transaction.
   */
  private async flushAll(): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve));
    try {
      while (this.queue.length > 0) await this.flush(this.queue.splice(0, this.maxBatch));
    } finally {
      this.flushing = undefined;
    }
  }

  private async flush(batch: PendingAppend[]): Promise<void> {
    let client: PoolClient;
    try {
      client = await this.pool.connect();
    } catch (error) {
      for (const request of batch) request.reject(new StoreUnavailableError(`PostgreSQL is unreachable: ${(error as Error).message}`));
      return;
    }
    let outcomes: Outcome[];
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock($1)', [APPEND_LOCK]);
      await client.query('SAVEPOINT batch');
      try {
        outcomes = await this.writeBatch(client, batch);
      } catch (error) {
        if (isConnectionError(error)) throw error;
        // One append the server refuses (a value PostgreSQL cannot store) must not fail the others:
        // the batch is written again one append at a time, each in a savepoint of its own.
        await client.query('ROLLBACK TO SAVEPOINT batch');
        outcomes = await this.writeOneByOne(client, batch);
      }
      await client.query(`NOTIFY ${this.channel}`);
      await this.options.beforeCommit?.();
      await client.query('COMMIT');
    } catch (error) {
      // Nothing of the batch is known to be written; a caller that retries is safe (event ids are idempotent).
      await client.query('ROLLBACK').catch(() => undefined);
      client.release(isConnectionError(error) ? (error as Error) : undefined);
      const reason = isConnectionError(error)
        ? new StoreUnavailableError(
            `PostgreSQL connection lost during an append (${(error as Error).message}): it may have been recorded; send the command again with the same commandId, which records it at most once`,
          )
        : error;
      for (const request of batch) request.reject(reason);
      return;
    }
    client.release();
    outcomes.forEach((outcome, i) => ('ok' in outcome ? batch[i].resolve(outcome.ok) : batch[i].reject(outcome.error)));
    this.appended.notify();
  }

  /**
   * The batch decided against the stream heads and the stored event ids as they stand under the append
   * lock (one query each for the whole batch), then every accepted event written by one INSERT: a few
   * round trips per batch instead of four per append. A refused append (wrong revision, an id stored
   * elsewhere) writes nothing and leaves the others be.
   */
  private async writeBatch(client: PoolClient, batch: PendingAppend[]): Promise<Outcome[]> {
    const streams = [...new Set(batch.map((r) => r.stream))];
    const ids = batch.flatMap((r) => r.events.map((e) => e.id));
    const heads = new Map(
      (
        await client.query<{ stream_id: string; revision: string }>(
          `SELECT stream_id, max(revision) AS revision FROM ${this.table} WHERE stream_id = ANY($1::text[]) GROUP BY stream_id`,
          [streams],
        )
      ).rows.map((r) => [r.stream_id, BigInt(r.revision)]),
    );
    const stored = new Set(
      (await client.query<{ event_id: string }>(`SELECT event_id FROM ${this.table} WHERE event_id = ANY($1::text[])`, [ids])).rows.map(
        (r) => r.event_id,
      ),
    );
    const outcomes: Outcome[] = new Array(batch.length);
    const accepted: Array<{ index: number; first: bigint }> = [];
    /** Ids accepted earlier in this batch, and by which append: a retry queued with its first attempt gets its result. */
    const taken = new Map<string, number>();
    const sameAs = new Map<number, number>();
    for (const [index, request] of batch.entries()) {
      const { stream, events, expected } = request;
      const head = heads.get(stream);
      const actual: ExpectedRevision = head === undefined ? 'no_stream' : head;
      const owner = taken.get(events[0].id);
      if (owner !== undefined && sameAppend(batch[owner], request)) {
        sameAs.set(index, owner);
        continue;
      }
      if (actual !== expected) {
        const earlier = events.every((e) => stored.has(e.id))
          ? await this.sameAppendAlreadyStored(client, stream, events, expected)
          : undefined;
        outcomes[index] = earlier ? { ok: earlier } : { error: new WrongExpectedRevisionError(stream, expected, actual) };
        continue;
      }
      if (events.some((e) => stored.has(e.id) || taken.has(e.id)) || new Set(events.map((e) => e.id)).size !== events.length) {
        outcomes[index] = { error: new DuplicateEventError(events.map((e) => e.id)) };
        continue;
      }
      const first = head === undefined ? 0n : head + 1n;
      heads.set(stream, first + BigInt(events.length) - 1n);
      for (const e of events) taken.set(e.id, index);
      accepted.push({ index, first });
    }
    if (accepted.length > 0) {
      const rows = accepted.flatMap(({ index, first }) =>
        batch[index].events.map((e, i) => ({ e, stream: batch[index].stream, revision: first + BigInt(i) })),
      );
      const { rows: written } = await client.query<{ event_id: string; position: string }>(
        `INSERT INTO ${this.table} (event_id, stream_id, revision, type, data, metadata)
         SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[], $4::text[], $5::jsonb[], $6::jsonb[])
         RETURNING event_id, position`,
        [
          rows.map((r) => r.e.id),
          rows.map((r) => r.stream),
          rows.map((r) => r.revision.toString()),
          rows.map((r) => r.e.type),
          rows.map((r) => JSON.stringify(r.e.data)),
          rows.map((r) => JSON.stringify(r.e.metadata)),
        ],
      );
      const positions = new Map(written.map((r) => [r.event_id, BigInt(r.position)]));
      for (const { index, first } of accepted) {
        const { events } = batch[index];
        const position = events.reduce((max, e) => (positions.get(e.id)! > max ? positions.get(e.id)! : max), 0n);
        outcomes[index] = { ok: { nextRevision: first + BigInt(events.length) - 1n, position } };
      }
    }
    for (const [index, owner] of sameAs) outcomes[index] = outcomes[owner];
    return outcomes;
  }

  /** The slow way, for a batch the server refused as a whole: each append in a savepoint of its own. */
  private async writeOneByOne(client: PoolClient, batch: PendingAppend[]): Promise<Outcome[]> {
    const outcomes: Outcome[] = [];
    for (const request of batch) {
      await client.query('SAVEPOINT append');
      try {
        outcomes.push({ ok: await this.write(client, request) });
        await client.query('RELEASE SAVEPOINT append');
      } catch (error) {
        if (isConnectionError(error)) throw error;
        await client.query('ROLLBACK TO SAVEPOINT append');
        outcomes.push({ error });
      }
    }
    return outcomes;
  }

  private async write(client: PoolClient, { stream, events, expected }: PendingAppend): Promise<AppendResult> {
    const head = (
      await client.query<{ revision: string | null }>(`SELECT max(revision) AS revision FROM ${this.table} WHERE stream_id = $1`, [stream])
    ).rows[0].revision;
    const actual: ExpectedRevision = head === null ? 'no_stream' : BigInt(head);
    if (actual !== expected) {
      const earlier = await this.sameAppendAlreadyStored(client, stream, events, expected);
      if (earlier) return earlier;
      throw new WrongExpectedRevisionError(stream, expected, actual);
    }
    const first = head === null ? 0n : BigInt(head) + 1n;
    try {
      const { rows } = await client.query<{ position: string }>(
        `INSERT INTO ${this.table} (event_id, stream_id, revision, type, data, metadata)
         SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[], $4::text[], $5::jsonb[], $6::jsonb[])
         RETURNING position`,
        [
          events.map((e) => e.id),
          events.map(() => stream),
          events.map((_, i) => (first + BigInt(i)).toString()),
          events.map((e) => e.type),
          events.map((e) => JSON.stringify(e.data)),
          events.map((e) => JSON.stringify(e.metadata)),
        ],
      );
      const position = rows.reduce((max, r) => (BigInt(r.position) > max ? BigInt(r.position) : max), 0n);
      return { nextRevision: first + BigInt(events.length) - 1n, position };
    } catch (error) {
      if (
        (error as { code?: string; constraint?: string }).code === '23505' &&
        /event_id/.test((error as { constraint?: string }).constraint ?? '')
      ) {
        throw new DuplicateEventError(events.map((e) => e.id));
      }
      throw error;
    }
  }

  /** A retried append whose first attempt did commit: the same ids, in order, right after `expected`. */
  private async sameAppendAlreadyStored(
    client: PoolClient,
    stream: string,
    events: NewEvent[],
    expected: ExpectedRevision,
  ): Promise<AppendResult | undefined> {
    const { rows } = await client.query<{ event_id: string; stream_id: string; revision: string; position: string }>(
      `SELECT event_id, stream_id, revision, position FROM ${this.table} WHERE event_id = ANY($1::text[])`,
      [events.map((e) => e.id)],
    );
    const byId = new Map(rows.map((r) => [r.event_id, r]));
    const first = expected === 'no_stream' ? 0n : expected + 1n;
    let last: (typeof rows)[number] | undefined;
    for (const [i, event] of events.entries()) {
      const row = byId.get(event.id);
      if (!row || row.stream_id !== stream || BigInt(row.revision) !== first + BigInt(i)) return undefined;
      last = row;
    }
    return last && { nextRevision: BigInt(last.revision), position: BigInt(last.position) };
  }

  async *readStream(stream: string, opts: { fromRevision?: bigint; maxCount?: number } = {}): AsyncIterable<RecordedEvent> {
    let from = opts.fromRevision ?? 0n;
    let remaining = opts.maxCount ?? Number.MAX_SAFE_INTEGER;
    while (remaining > 0) {
      const { rows } = await this.query<Row>(
        `SELECT * FROM ${this.table} WHERE stream_id = $1 AND revision >= $2 ORDER BY revision LIMIT $3`,
        [stream, from.toString(), Math.min(PAGE, remaining)],
      );
      for (const row of rows) yield toRecorded(row);
      if (rows.length < PAGE) return;
      remaining -= rows.length;
      from = BigInt(rows[rows.length - 1].revision) + 1n;
    }
  }

  async lastEvent(stream: string): Promise<RecordedEvent | undefined> {
    const { rows } = await this.query<Row>(`SELECT * FROM ${this.table} WHERE stream_id = $1 ORDER BY revision DESC LIMIT 1`, [stream]);
    return rows[0] && toRecorded(rows[0]);
  }

  async *readAll(opts: { after?: bigint; maxCount?: number } = {}): AsyncIterable<RecordedEvent> {
    let from = (opts.after ?? -1n) + 1n;
    let remaining = opts.maxCount ?? Number.MAX_SAFE_INTEGER;
    while (remaining > 0) {
      const rows = await this.page(from, Math.min(PAGE, remaining));
      for (const row of rows) yield toRecorded(row);
      if (rows.length < PAGE) return;
      remaining -= rows.length;
      from = BigInt(rows[rows.length - 1].position) + 1n;
    }
  }

  private async page(from: bigint, limit: number): Promise<Row[]> {
    return (await this.query<Row>(`SELECT * FROM ${this.table} WHERE position >= $1 ORDER BY position LIMIT $2`, [from.toString(), limit]))
      .rows;
  }

  /** Appends commit in position order (see the class comment), so following the highest position never skips. */
  async *subscribeToAll(opts: { after?: bigint; signal: AbortSignal }): AsyncIterable<RecordedEvent> {
    let next = (opts.after ?? -1n) + 1n;
    while (!opts.signal.aborted && !this.closed) {
      const seen = this.notifications;
      let rows: Row[];
      try {
        rows = await this.page(next, PAGE);
      } catch {
        rows = []; // the database is away for a moment: wait and read again
      }
      for (const row of rows) {
        if (opts.signal.aborted) return;
        yield toRecorded(row);
        next = BigInt(row.position) + 1n;
      }
      if (rows.length < PAGE && this.notifications === seen) await this.appended.next(opts.signal);
    }
  }

  private async query<R extends object>(text: string, values: unknown[]) {
    try {
      return await this.pool.query<R>(text, values);
    } catch (error) {
      if (isConnectionError(error)) throw new StoreUnavailableError(`PostgreSQL is unreachable: ${(error as Error).message}`);
      throw error;
    }
  }

  async headPosition(): Promise<bigint> {
    const { rows } = await this.query<{ position: string | null }>(`SELECT max(position) AS position FROM ${this.table}`, []);
    return BigInt(rows[0].position ?? -1);
  }

  async ping(): Promise<void> {
    if (this.closed) throw new StoreUnavailableError('The event store is closed');
    await this.query('SELECT 1', []);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    while (this.flushing) await this.flushing;
    this.closed = true;
    clearTimeout(this.listenerRetry);
    this.appended.close();
    await this.listener?.end().catch(() => undefined);
    await this.pool.end();
  }
}

function toRecorded(row: Row): RecordedEvent {
  return {
    id: row.event_id,
    stream: row.stream_id,
    revision: BigInt(row.revision),
    position: BigInt(row.position),
    type: row.type,
    data: row.data,
    metadata: row.metadata,
  };
}
