import { RecordedEvent } from '../../../../core/event-store';
import { ReadModelDb, ReadModelProjection, ReadModelTx } from '../../../../infrastructure/read-models/database';
import { ComplaintEvent, ComplaintState, complaintDecider } from '../../domain/complaint.decider';

/** Read model `complaint_list`: every complaint with its current state, for the center's list. */
export class ComplaintListProjection implements ReadModelProjection {
  readonly name = 'complaint-list';
  readonly version = 1;
  readonly tables = ['complaint_list'];

  async setup(db: ReadModelDb): Promise<void> {
    await db.schema
      .createTable('complaint_list')
      .ifNotExists()
      .addColumn('complaint_id', 'text', (c) => c.primaryKey())
      .addColumn('center', 'text', (c) => c.notNull())
      .addColumn('filed_position', 'bigint', (c) => c.notNull())
      .addColumn('last_position', 'bigint', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('complaint_list_by_center').ifNotExists().on('complaint_list').columns(['center', 'filed_position']).execute();
  }

  canHandle(event: RecordedEvent): boolean {
    return event.stream.startsWith('complaint-') && ['ComplaintFiled', 'ComplaintAnswered', 'ComplaintFound', 'ComplaintAnswerOverdue'].includes(event.type);
  }

  async apply(event: RecordedEvent, tx: ReadModelTx): Promise<void> {
    const id = event.stream.slice('complaint-'.length);
    const row = await tx.selectFrom('complaint_list').select(['state', 'last_position']).where('complaint_id', '=', id).executeTakeFirst();
    if (row && BigInt(row.last_position) >= event.position) return;
    const before: ComplaintState = row ? JSON.parse(row.state) : complaintDecider.initialState();
    const after = complaintDecider.evolve(before, event as unknown as ComplaintEvent);
    if (after.status === 'NONE') return;
    if (row) await tx.updateTable('complaint_list').set({ state: JSON.stringify(after), last_position: Number(event.position) }).where('complaint_id', '=', id).execute();
    else await tx.insertInto('complaint_list').values({ complaint_id: id, center: after.center, filed_position: Number(event.position), last_position: Number(event.position), state: JSON.stringify(after) }).execute();
  }
}
