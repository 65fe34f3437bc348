import { StreamStateProjection } from '../../../../infrastructure/read-models/stream-state-projection';
import { RATING_EVENT_TYPES, RatingState, ratingDecider } from '../../domain/rating.decider';

/**
 * Read model `rating_list`: every rating with its loop and appeal, for lists and the satisfaction rate.
 * `rectify_due` is set while a verified bad rating awaits rectification and has not been recorded
 * overdue, so the follow-up watcher reads only the ratings it may have to mark.
 */
export class RatingListProjection extends StreamStateProjection<RatingState> {
  readonly name = 'rating-list';
  readonly version = 2;

  constructor() {
    super({
      table: 'rating_list',
      idColumn: 'rating_id',
      streamPrefix: 'rating-',
      eventTypes: RATING_EVENT_TYPES,
      fold: ratingDecider,
      isEmpty: (s) => s.status === 'NONE',
      columnsOnInsert: (s, position) => (s.status === 'NONE' ? {} : { center: s.center, rated_on: s.ratedOn, rated_position: position }),
      columnsOnUpdate: (s) => ({ rectify_due: s.status === 'NONE' ? null : awaitingRectification(s) }),
      addColumns: (t) =>
        t
          .addColumn('center', 'text', (c) => c.notNull())
          .addColumn('rated_on', 'text', (c) => c.notNull())
          .addColumn('rated_position', 'bigint', (c) => c.notNull())
          .addColumn('rectify_due', 'text'),
      indexes: [
        { name: 'rating_list_by_center', columns: ['center', 'rated_on'] },
        { name: 'rating_list_by_rectify_due', columns: ['rectify_due'] },
      ],
    });
  }
}

function awaitingRectification(s: Exclude<RatingState, { status: 'NONE' }>): string | null {
  const loop = s.loop;
  if (!loop || s.setAside || loop.overdueOn || !loop.rectifyDue || loop.step !== 'VERIFY') return null;
  return loop.rectifyDue;
}
