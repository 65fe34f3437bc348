import { RecordedEvent, asDomainEvent } from '../../../../core/event-store';
import { ReadModelDb, ReadModelProjection, ReadModelTx } from '../../../../infrastructure/read-models/database';
import { PersonalDataRevealed } from '../../domain/disclosure.decider';

/** Read model `personal_data_reads`: every unmasked read, for oversight to review per center. */
export class PersonalDataReadsProjection implements ReadModelProjection {
  readonly name = 'personal-data-reads';
  readonly version = 1;
  readonly tables = ['personal_data_reads'];

  async setup(db: ReadModelDb): Promise<void> {
    await db.schema
      .createTable('personal_data_reads')
      .ifNotExists()
      .addColumn('read_id', 'text', (c) => c.primaryKey())
      .addColumn('position', 'bigint', (c) => c.notNull())
      .addColumn('center', 'text', (c) => c.notNull())
      .addColumn('case_id', 'text', (c) => c.notNull())
      .addColumn('receipt_no', 'text', (c) => c.notNull())
      .addColumn('reader', 'text', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('read_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('personal_data_reads_by_center')
      .ifNotExists()
      .on('personal_data_reads')
      .columns(['center', 'position'])
      .execute();
  }

  canHandle(event: RecordedEvent): boolean {
    return event.type === 'PersonalDataRevealed';
  }

  async apply(event: RecordedEvent, tx: ReadModelTx): Promise<void> {
    const d = asDomainEvent<PersonalDataRevealed>(event).data;
    await tx
      .insertInto('personal_data_reads')
      .values({
        read_id: d.readId,
        position: Number(event.position),
        center: d.center,
        case_id: d.caseId,
        receipt_no: d.receiptNo,
        reader: JSON.stringify(event.metadata.actor),
        reason: d.reason,
        read_at: d.readAt,
      })
      .onConflict((oc) => oc.column('read_id').doNothing())
      .execute();
  }
}
