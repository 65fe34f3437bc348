import { CreateTableBuilder } from 'kysely';
import { RecordedEvent } from '../../core/event-store';
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
    for (const index of this.model.indexes) await db.schema.createIndex(index.name).ifNotExists().on(table).columns(index.columns).execute();
  }

  canHandle(event: RecordedEvent): boolean {
    return event.stream.startsWith(this.model.streamPrefix) && this.model.eventTypes.has(event.type);
  }

  async apply(event: RecordedEvent, tx: ReadModelTx): Promise<void> {
    const { table, idColumn, fold } = this.model;
    const id = event.stream.slice(this.model.streamPrefix.length);
    const row = await tx.selectFrom(table).select(['state', 'last_position']).where(idColumn, '=', id).executeTakeFirst();
    if (row && BigInt(row.last_position) >= event.position) return;
    const before: S = row ? JSON.parse(row.state) : fold.initialState();
    const after = fold.evolve(before, event as never);
    if (this.model.isEmpty(after)) return;
    const position = Number(event.position);
    const current = { ...this.model.columnsOnUpdate?.(after), state: JSON.stringify(after), last_position: position };
    if (row) await tx.updateTable(table).set(current).where(idColumn, '=', id).execute();
    else await tx.insertInto(table).values({ [idColumn]: id, ...this.model.columnsOnInsert(after, position), ...current }).execute();
  }
}
