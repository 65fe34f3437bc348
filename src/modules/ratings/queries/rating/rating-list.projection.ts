import { RecordedEvent } from '../../../../core/event-store';
import { ReadModelDb, ReadModelProjection, ReadModelTx } from '../../../../infrastructure/read-models/database';
import { RatingEvent, RatingState, ratingDecider } from '../../domain/rating.decider';

/** Read model `rating_list`: every rating with its loop and appeal, for lists and the satisfaction rate. */
export class RatingListProjection implements ReadModelProjection {
  readonly name = 'rating-list';
  readonly version = 1;
  readonly tables = ['rating_list'];

  async setup(db: ReadModelDb): Promise<void> {
    await db.schema
      .createTable('rating_list')
      .ifNotExists()
      .addColumn('rating_id', 'text', (c) => c.primaryKey())
      .addColumn('center', 'text', (c) => c.notNull())
      .addColumn('rated_on', 'text', (c) => c.notNull())
      .addColumn('rated_position', 'bigint', (c) => c.notNull())
      .addColumn('last_position', 'bigint', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('rating_list_by_center').ifNotExists().on('rating_list').columns(['center', 'rated_on']).execute();
  }

  canHandle(event: RecordedEvent): boolean {
    return event.stream.startsWith('rating-') && ['ServiceRated', 'BadRatingAdvanced', 'RatingAppealed', 'RatingAppealDecided', 'RectificationOverdue'].includes(event.type);
  }

  async apply(event: RecordedEvent, tx: ReadModelTx): Promise<void> {
    const id = event.stream.slice('rating-'.length);
    const row = await tx.selectFrom('rating_list').select(['state', 'last_position']).where('rating_id', '=', id).executeTakeFirst();
    if (row && BigInt(row.last_position) >= event.position) return;
    const before: RatingState = row ? JSON.parse(row.state) : ratingDecider.initialState();
    const after = ratingDecider.evolve(before, event as unknown as RatingEvent);
    if (after.status === 'NONE') return;
    if (row) await tx.updateTable('rating_list').set({ state: JSON.stringify(after), last_position: Number(event.position) }).where('rating_id', '=', id).execute();
    else await tx.insertInto('rating_list').values({ rating_id: id, center: after.center, rated_on: after.ratedOn, rated_position: Number(event.position), last_position: Number(event.position), state: JSON.stringify(after) }).execute();
  }
}
