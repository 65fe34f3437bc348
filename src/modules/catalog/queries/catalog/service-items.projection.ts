import { RecordedEvent, asDomainEvent } from '../../../../core/event-store';
import { ReadModelDb, ReadModelProjection, ReadModelTx } from '../../../../infrastructure/read-models/database';
import { ServiceItemPublished } from '../../domain/catalog.decider';

/** The catalog's read model, by name (start-up publishes the demo catalog into it when it is empty). */
export const SERVICE_ITEMS = 'service-items';

/** Read model `service_items`: the version of each item now in force, for catalog queries. */
export class ServiceItemsProjection implements ReadModelProjection {
  readonly name = SERVICE_ITEMS;
  readonly version = 1;
  readonly tables = ['service_items'];

  async setup(db: ReadModelDb): Promise<void> {
    await db.schema
      .createTable('service_items')
      .ifNotExists()
      .addColumn('code', 'text', (c) => c.primaryKey())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('item', 'text', (c) => c.notNull())
      .addColumn('published_at', 'text', (c) => c.notNull())
      .execute();
  }

  canHandle(event: RecordedEvent): boolean {
    return event.type === 'ServiceItemPublished';
  }

  async apply(event: RecordedEvent, tx: ReadModelTx): Promise<void> {
    const { item, publishedAt } = asDomainEvent<ServiceItemPublished>(event).data;
    const row = { code: item.code, version: item.version, item: JSON.stringify(item), published_at: publishedAt };
    await tx
      .insertInto('service_items')
      .values(row)
      .onConflict((oc) => oc.column('code').doUpdateSet({ version: row.version, item: row.item, published_at: row.published_at }))
      .execute();
  }
}
