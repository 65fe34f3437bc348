import { RecordedEvent } from '../../../core/event-store';
import { ReadModelDb, ReadModelProjection, ReadModelTx } from '../../../infrastructure/read-models/database';
import { OVERSIGHT_READ, OversightReadData } from './oversight-read-recorder';

/** Read model `oversight_reads`: who in the oversight office read what, and when, newest first. */
export class OversightReadsProjection implements ReadModelProjection {
  readonly name = 'oversight-reads';
  readonly version = 1;
  readonly tables = ['oversight_reads'];

  async setup(db: ReadModelDb): Promise<void> {
    await db.schema
      .createTable('oversight_reads')
      .ifNotExists()
      .addColumn('read_id', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('operation', 'text', (c) => c.notNull())
      .addColumn('arguments', 'text', (c) => c.notNull())
      .addColumn('read_at', 'text', (c) => c.notNull())
      .addColumn('position', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('oversight_reads_by_user').ifNotExists().on('oversight_reads').columns(['user_id', 'position']).execute();
    await db.schema.createIndex('oversight_reads_by_position').ifNotExists().on('oversight_reads').columns(['position']).execute();
  }

  canHandle(event: RecordedEvent): boolean {
    return event.type === OVERSIGHT_READ && event.stream.startsWith('oversight-read-');
  }

  async apply(event: RecordedEvent, tx: ReadModelTx): Promise<void> {
    const d = event.data as OversightReadData;
    await tx
      .insertInto('oversight_reads')
      .values({ read_id: d.readId, user_id: d.userId, operation: d.operation, arguments: JSON.stringify(d.arguments), read_at: d.readAt, position: Number(event.position) })
      .onConflict((oc) => oc.column('read_id').doNothing())
      .execute();
  }
}
