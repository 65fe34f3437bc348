import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DuplicateEventError, StoreUnavailableError, WrongExpectedRevisionError } from '../../../core/errors';
import { whileBusy } from '../../sqlite-busy';
import { AppendResult, EventStore, ExpectedRevision, NewEvent, RecordedEvent } from '../../../core/event-store';
import { AppendSignal } from '../append-signal';

interface EventRow {
  position: number;
  event_id: string;
  stream_id: string;
  revision: number;
  type: string;
  data: string;
  metadata: string;
}

interface PendingAppend {
  stream: string;
  events: NewEvent[];
  expected: ExpectedRevision;
  resolve(result: AppendResult): void;
  reject(error: unknown): void;
}

export interface SqliteEventStoreOptions {
  /** Most appends committed in one transaction (one fsync). */
  maxBatch?: number;
  /** How often a live subscription looks for events written by another process. */
  pollIntervalMs?: number;
}

const PAGE = 500;

/**
 * Embedded event store on one SQLite file. WAL with synchronous=FULL makes every acknowledged append
 * durable; group commit gathers the appends that arrive in the same turn of the event loop into one
 * transaction, so durability costs one fsync per batch rather than per command. Each append in a
 * batch runs in its own savepoint: a conflict fails only that append.
 */
export class SqliteEventStore implements EventStore {
  private readonly db: Database.Database;
  private readonly appended: AppendSignal;
  private queue: PendingAppend[] = [];
  private flushScheduled = false;
  private appendCounter = 0;
  private appendsCommitted = 0;
  private closed = false;
  private readonly maxBatch: number;
  private readonly statements: ReturnType<SqliteEventStore['prepare']>;
  private readonly appendOne: (request: PendingAppend) => AppendResult;
  private readonly appendBatch: Database.Transaction<(batch: PendingAppend[]) => Array<{ ok: AppendResult } | { error: unknown }>>;

  constructor(
    readonly path: string,
    options: SqliteEventStoreOptions = {},
  ) {
    this.maxBatch = options.maxBatch ?? 1000;
    this.appended = new AppendSignal(options.pollIntervalMs ?? 1000);
    try {
      if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
      this.db = new Database(path);
      this.db.pragma('busy_timeout = 5000');
      // Another instance may be creating the file or switching it to WAL at this moment.
      whileBusy(() => {
        this.db.pragma('journal_mode = WAL');
        this.db.pragma('synchronous = FULL');
        this.migrate();
      });
    } catch (error) {
      throw new StoreUnavailableError(`Cannot open the SQLite event store at ${path}: ${(error as Error).message}`);
    }
    this.statements = this.prepare();
    this.appendOne = this.db.transaction((request: PendingAppend) => this.write(request));
    this.appendBatch = this.db.transaction((batch: PendingAppend[]) =>
      batch.map((request) => {
        try {
          return { ok: this.appendOne(request) };
        } catch (error) {
          return { error };
        }
      }),
    );
  }

  private migrate(): void {
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS events (
        position  INTEGER PRIMARY KEY AUTOINCREMENT,
        event_id  TEXT NOT NULL UNIQUE,
        stream_id TEXT NOT NULL,
        revision  INTEGER NOT NULL,
        type      TEXT NOT NULL,
        data      TEXT NOT NULL,
        metadata  TEXT NOT NULL,
        UNIQUE (stream_id, revision)
      );
    `);
  }

  private prepare() {
    return {
      head: this.db.prepare<[string], { revision: number | null }>('SELECT max(revision) AS revision FROM events WHERE stream_id = ?'),
      insert: this.db.prepare<[string, string, number, string, string, string]>(
        'INSERT INTO events (event_id, stream_id, revision, type, data, metadata) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      byId: this.db.prepare<[string], { stream_id: string; revision: number; position: number }>(
        'SELECT stream_id, revision, position FROM events WHERE event_id = ?',
      ),
      stream: this.db.prepare<[string, number, number], EventRow>(
        'SELECT * FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision LIMIT ?',
      ),
      last: this.db.prepare<[string], EventRow>('SELECT * FROM events WHERE stream_id = ? ORDER BY revision DESC LIMIT 1'),
      all: this.db.prepare<[number, number], EventRow>('SELECT * FROM events WHERE position >= ? ORDER BY position LIMIT ?'),
    };
  }

  append(stream: string, events: NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    if (this.closed) return Promise.reject(new StoreUnavailableError('The event store is closed'));
    if (events.length === 0) return Promise.reject(new Error('append needs at least one event'));
    return new Promise((resolve, reject) => {
      this.queue.push({ stream, events, expected, resolve, reject });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.flushScheduled = false;
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, this.maxBatch);
      let outcomes: Array<{ ok: AppendResult } | { error: unknown }>;
      try {
        // IMMEDIATE: take the write lock before reading the stream heads. A deferred transaction that has
        // read would be refused at once (SQLITE_BUSY, no wait) while another process, a second instance
        // on the same file, holds the lock; this one waits for it (busy_timeout) instead.
        outcomes = this.appendBatch.immediate(batch);
      } catch (error) {
        // The commit itself failed (disk full, I/O error): nothing in the batch was written.
        for (const request of batch) request.reject(error);
        continue;
      }
      this.appendCounter++;
      this.appendsCommitted += batch.length;
      outcomes.forEach((outcome, i) => ('ok' in outcome ? batch[i].resolve(outcome.ok) : batch[i].reject(outcome.error)));
      this.appended.notify();
    }
  }

  /** Runs inside a savepoint: throws to roll back just this append. */
  private write({ stream, events, expected }: PendingAppend): AppendResult {
    const head = this.statements.head.get(stream)?.revision ?? null;
    const actual: ExpectedRevision = head === null ? 'no_stream' : BigInt(head);
    if (actual !== expected) {
      const earlier = this.sameAppendAlreadyStored(stream, events, expected);
      if (earlier) return earlier;
      throw new WrongExpectedRevisionError(stream, expected, actual);
    }
    let revision = head === null ? -1 : head;
    let position = 0;
    for (const event of events) {
      revision++;
      try {
        const info = this.statements.insert.run(
          event.id,
          stream,
          revision,
          event.type,
          JSON.stringify(event.data),
          JSON.stringify(event.metadata),
        );
        position = Number(info.lastInsertRowid);
      } catch (error) {
        if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') {
          throw new DuplicateEventError(events.map((e) => e.id));
        }
        throw error;
      }
    }
    return { nextRevision: BigInt(revision), position: BigInt(position) };
  }

  /** A retried append whose first attempt did commit: the same ids, in order, right after `expected`. */
  private sameAppendAlreadyStored(stream: string, events: NewEvent[], expected: ExpectedRevision): AppendResult | undefined {
    const first = expected === 'no_stream' ? 0 : Number(expected) + 1;
    let last: { revision: number; position: number } | undefined;
    for (const [i, event] of events.entries()) {
      const row = this.statements.byId.get(event.id);
      if (!row || row.stream_id !== stream || row.revision !== first + i) return undefined;
      last = row;
    }
    return last && { nextRevision: BigInt(last.revision), position: BigInt(last.position) };
  }

  async *readStream(stream: string, opts: { fromRevision?: bigint; maxCount?: number } = {}): AsyncIterable<RecordedEvent> {
    let from = Number(opts.fromRevision ?? 0n);
    let remaining = opts.maxCount ?? Number.MAX_SAFE_INTEGER;
    while (remaining > 0) {
      const rows = this.statements.stream.all(stream, from, Math.min(PAGE, remaining));
      for (const row of rows) yield toRecorded(row);
      if (rows.length < PAGE) return;
      remaining -= rows.length;
      from = rows[rows.length - 1].revision + 1;
    }
  }

  async lastEvent(stream: string): Promise<RecordedEvent | undefined> {
    const row = this.statements.last.get(stream);
    return row && toRecorded(row);
  }

  async *readAll(opts: { after?: bigint; maxCount?: number } = {}): AsyncIterable<RecordedEvent> {
    let from = Number(opts.after ?? -1n) + 1;
    let remaining = opts.maxCount ?? Number.MAX_SAFE_INTEGER;
    while (remaining > 0) {
      const rows = this.statements.all.all(from, Math.min(PAGE, remaining));
      for (const row of rows) yield toRecorded(row);
      if (rows.length < PAGE) return;
      remaining -= rows.length;
      from = rows[rows.length - 1].position + 1;
    }
  }

  /**
   * SQLite commits in position order, so following the highest position seen never skips an event.
   * Appends from this process wake subscribers at once; another process's appends are found by polling.
   */
  async *subscribeToAll(opts: { after?: bigint; signal: AbortSignal }): AsyncIterable<RecordedEvent> {
    let next = Number(opts.after ?? -1n) + 1;
    while (!opts.signal.aborted && !this.closed) {
      const seen = this.appendCounter;
      const rows = this.statements.all.all(next, PAGE);
      for (const row of rows) {
        if (opts.signal.aborted) return;
        yield toRecorded(row);
        next = row.position + 1;
      }
      if (rows.length < PAGE && this.appendCounter === seen) await this.appended.next(opts.signal);
    }
  }

  /** Commits (one fsync each) and the appends they carried: their ratio is the group-commit factor. */
  get stats(): { commits: number; appends: number } {
    return { commits: this.appendCounter, appends: this.appendsCommitted };
  }

  async headPosition(): Promise<bigint> {
    const row = this.db.prepare<[], { position: number | null }>('SELECT max(position) AS position FROM events').get();
    return BigInt(row?.position ?? -1);
  }

  async ping(): Promise<void> {
    if (this.closed) throw new StoreUnavailableError('The event store is closed');
    this.db.prepare('SELECT 1').get();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.flush();
    this.closed = true;
    this.appended.close();
    this.db.close();
  }
}

function toRecorded(row: EventRow): RecordedEvent {
  return {
    id: row.event_id,
    stream: row.stream_id,
    revision: BigInt(row.revision),
    position: BigInt(row.position),
    type: row.type,
    data: JSON.parse(row.data),
    metadata: JSON.parse(row.metadata),
  };
}
