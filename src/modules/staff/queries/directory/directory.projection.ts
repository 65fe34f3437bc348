import { RecordedEvent, asDomainEvent } from '../../../../core/event-store';
import { ReadModelDb, ReadModelProjection, ReadModelTx } from '../../../../infrastructure/read-models/database';
import { StaffRegistered, WindowDefined } from '../../domain/staff.decider';

/** Read models `staff_directory` and `window_directory`: the staff and windows as the admins last recorded them. */
export class DirectoryProjection implements ReadModelProjection {
  readonly name = 'directory';
  readonly version = 2;
  readonly tables = ['staff_directory', 'window_directory'];

  async setup(db: ReadModelDb): Promise<void> {
    await db.schema
      .createTable('staff_directory')
      .ifNotExists()
      .addColumn('staff_id', 'text', (c) => c.primaryKey())
      .addColumn('center', 'text', (c) => c.notNull())
      .addColumn('window', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('active', 'integer', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('window_directory')
      .ifNotExists()
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('center', 'text', (c) => c.notNull())
      .addColumn('window', 'text', (c) => c.notNull())
      .addColumn('department', 'text', (c) => c.notNull())
      .addColumn('chief_representative', 'text')
      .addColumn('definition', 'text', (c) => c.notNull())
      .execute();
  }

  canHandle(event: RecordedEvent): boolean {
    return event.type === 'StaffRegistered' || event.type === 'WindowDefined';
  }

  async apply(event: RecordedEvent, tx: ReadModelTx): Promise<void> {
    if (event.type === 'StaffRegistered') {
      const d = asDomainEvent<StaffRegistered>(event).data;
      const values = { center: d.center, window: d.window, name: d.name, active: d.active ? 1 : 0 };
      await tx
        .insertInto('staff_directory')
        .values({ staff_id: d.staffId, ...values })
        .onConflict((oc) => oc.column('staff_id').doUpdateSet(values))
        .execute();
      return;
    }
    const d = asDomainEvent<WindowDefined>(event).data;
    const { definedAt: _at, ...definition } = d;
    const values = {
      center: d.center,
      window: d.window,
      department: d.department,
      chief_representative: d.chiefRepresentative,
      definition: JSON.stringify(definition),
    };
    await tx
      .insertInto('window_directory')
      .values({ key: `${d.center}/${d.window}`, ...values })
      .onConflict((oc) => oc.column('key').doUpdateSet(values))
      .execute();
  }
}
