import { RecordedEvent } from '../../../core/event-store';
import { ReadModelDb, ReadModelProjection, ReadModelTx } from '../../../infrastructure/read-models/database';
import { OVERSIGHT_READ, OversightReadData } from './oversight-read';

/** What `casetrail export` records: the whole case, personal numbers unmasked, taken away in a file. */
interface DossierExportedData {
  caseId: string;
  by: string;
  reason: string;
  exportedAt: string;
}
export const DOSSIER_EXPORT_OPERATION = 'casetrail export';

/**
 * Read model `oversight_reads`: who in the oversight office read what, and when, newest first. A dossier
 * exported from the command line is listed with them: it is the fullest read there is.
 */
export class OversightReadsProjection implements ReadModelProjection {
  readonly name = 'oversight-reads';
  readonly version = 2;
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
    return (
      (event.type === OVERSIGHT_READ && event.stream.startsWith('oversight-read-')) ||
      (event.type === 'DossierExported' && event.stream.startsWith('dossier-export-'))
    );
  }

  async apply(event: RecordedEvent, tx: ReadModelTx): Promise<void> {
    const row = rowOf(event);
    await tx
      .insertInto('oversight_reads')
      .values({ ...row, arguments: JSON.stringify(row.arguments), position: Number(event.position) })
      .onConflict((oc) => oc.column('read_id').doNothing())
      .execute();
  }
}

function rowOf(event: RecordedEvent): {
  read_id: string;
  user_id: string;
  operation: string;
  arguments: Record<string, unknown>;
  read_at: string;
} {
  if (event.type === OVERSIGHT_READ) {
    const d = event.data as OversightReadData;
    return { read_id: d.readId, user_id: d.userId, operation: d.operation, arguments: d.arguments, read_at: d.readAt };
  }
  const d = event.data as DossierExportedData;
  return {
    read_id: event.stream.slice('dossier-export-'.length),
    user_id: d.by,
    operation: DOSSIER_EXPORT_OPERATION,
    arguments: { caseId: d.caseId, reason: d.reason },
    read_at: d.exportedAt,
  };
}
