import { CreateTableBuilder } from 'kysely';
import { RecordedEvent } from '../../core/event-store';
import { byStreamId, insertRows, rowsByKey } from './batch-rows';
import { ReadModelDb, ReadModelProjection, ReadModelTx } from './database';

/** What a stream-state read model needs to know: which streams, how to fold them, and what to index. */
export interface StreamStateModel<S> {
  table: string;
  /** The id column; the id is the stream name after `streamPrefix`. */
  idColumn: string;
  streamPrefix: string;
  eventTypes: ReadonlySet<string>;
  fold: { initialState(): S; evolve(state: S, event: never): S };
  /** Whether the folded state is still "nothing there" (an event for a stream that was never opened). */
  isEmpty(state: S): boolean;
  /** Columns set on the first row (besides id, position and state). */
  columnsOnInsert(state: S, position: number): Record<string, unknown>;
  /** Columns kept current with every event, such as a due day a watcher looks for. */
  columnsOnUpdate?(state: S): Record<string, unknown>;
  /** Adds those columns to the table. */
  addColumns(table: CreateTableBuilder<string, never>): CreateTableBuilder<string, never>;
  indexes: { name: string; columns: string[] }[];
}

/**
 * A read model that keeps, per stream, the state its decider folds from the events (as JSON), with a few
 * columns to filter on. Lists of complaints and ratings are exactly this; the decider's `evolve` is the
 * single definition of what the state means.
 */
export abstract class StreamStateProjection<S> implements ReadModelProjection {
  abstract readonly name: string;
  abstract readonly version: number;
  readonly tables: string[];

  constructor(private readonly model: StreamStateModel<S>) {
    this.tables = [model.table];
  }

  async setup(db: ReadModelDb): Promise<void> {
    const { table, idColumn } = this.model;
    const base = db.schema
      .createTable(table)
      .ifNotExists()
      .addColumn(idColumn, 'text', (c) => c.primaryKey())
      .addColumn('last_position', 'bigint', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull());
    await this.model.addColumns(base as unknown as CreateTableBuilder<string, never>).execute();
    for (const index of this.model.indexes)
      await db.schema.createIndex(index.name).ifNotExists().on(table).columns(index.columns).execute();
  }

  canHandle(event: RecordedEvent): boolean {
    return event.stream.startsWith(this.model.streamPrefix) && this.model.eventTypes.has(event.type);
  }

  apply(event: RecordedEvent, tx: ReadModelTx): Promise<void> {
    return this.applyBatch([event], tx);
  }

  /** Each stream's events of the batch folded in memory, its row read once and written once. */
  async applyBatch(events: RecordedEvent[], tx: ReadModelTx): Promise<void> {
    const { table, idColumn, fold } = this.model;
    const byId = byStreamId(events, this.model.streamPrefix);
    const rows = await rowsByKey<{ state: string; last_position: number | string }>(
      tx,
      table,
      idColumn,
      [...byId.keys()],
      ['state', 'last_position'],
    );
    const inserts: Record<string, unknown>[] = [];
    for (const [id, streamEvents] of byId) {
      const row = rows.get(id);
      const applied = row ? BigInt(row.last_position) : -1n;
      let state: S = row ? JSON.parse(row.state) : fold.initialState();
      let opened: { state: S; position: number } | undefined;
      let last: RecordedEvent | undefined;
      for (const event of streamEvents) {
        if (event.position <= applied) continue; // applied already: a repeat changes nothing
        const after = fold.evolve(state, event as never);
        if (this.model.isEmpty(after)) continue;
        state = after;
        opened ??= { state, position: Number(event.position) };
        last = event;
      }
      if (!last) continue;
      const current = { ...this.model.columnsOnUpdate?.(state), state: JSON.stringify(state), last_position: Number(last.position) };
      if (row) await tx.updateTable(table).set(current).where(idColumn, '=', id).execute();
      else inserts.push({ [idColumn]: id, ...this.model.columnsOnInsert(opened!.state, opened!.position), ...current });
    }
    await insertRows(tx, table, inserts);
  }
}
