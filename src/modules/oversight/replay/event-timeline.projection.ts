import { RecordedEvent } from '../../../core/event-store';
import { insertRows, rowsByKey } from '../../../infrastructure/read-models/batch-rows';
import { ReadModelDb, ReadModelProjection, ReadModelTx } from '../../../infrastructure/read-models/database';

/** The streams a center's replay shows: what happened to its cases, people and windows (not its receipt-number counters). */
const REVIEWED = /^(case|complaint|rating|rating-invitation|conduct|appeal|staff|window|consultation|disclosure|attendance)-/;

/**
 * Read model `event_timeline`: every event by the time it was recorded, with its center where it has one
 * (cases, complaints, ratings, conduct, staff), so that a reviewer can step through a center's record
 * between two instants without reading the whole log, and so that "as of a moment" finds the position the
 * log had reached then. A stream's center is the one its first event named (`data.center`).
 */
export class EventTimelineProjection implements ReadModelProjection {
  readonly name = 'event-timeline';
  readonly version = 3;
  readonly tables = ['event_timeline', 'event_timeline_streams'];

  async setup(db: ReadModelDb): Promise<void> {
    await db.schema
      .createTable('event_timeline')
      .ifNotExists()
      .addColumn('position', 'bigint', (c) => c.primaryKey())
      .addColumn('stream', 'text', (c) => c.notNull())
      .addColumn('revision', 'bigint', (c) => c.notNull())
      .addColumn('center', 'text', (c) => c.notNull())
      .addColumn('recorded_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('event_timeline_by_center')
      .ifNotExists()
      .on('event_timeline')
      .columns(['center', 'recorded_at', 'position'])
      .execute();
    // As of a moment: the last position recorded by an instant (log-timeline.ts).
    await db.schema.createIndex('event_timeline_by_time').ifNotExists().on('event_timeline').columns(['recorded_at', 'position']).execute();
    await db.schema
      .createTable('event_timeline_streams')
      .ifNotExists()
      .addColumn('stream', 'text', (c) => c.primaryKey())
      .addColumn('center', 'text', (c) => c.notNull())
      .execute();
  }

  /** Every event: "as of" needs the position of whatever was recorded last, a center's or not. */
  canHandle(): boolean {
    return true;
  }

  apply(event: RecordedEvent, tx: ReadModelTx): Promise<void> {
    return this.applyBatch([event], tx);
  }

  /**
   * One row per event, inserted a few hundred at a time. A stream's center is the one its first event
   * named (`data.center`), remembered in `event_timeline_streams` for the events after it that do not.
   */
  async applyBatch(events: RecordedEvent[], tx: ReadModelTx): Promise<void> {
    const reviewed = [...new Set(events.filter((e) => REVIEWED.test(e.stream)).map((e) => e.stream))];
    const known = await rowsByKey<{ center: string }>(tx, 'event_timeline_streams', 'stream', reviewed, ['center']);
    const centers = new Map([...known].map(([stream, row]) => [stream, row.center]));
    const named: Record<string, unknown>[] = [];
    const rows = events.map((event) => {
      let center = '';
      if (REVIEWED.test(event.stream)) {
        const remembered = centers.get(event.stream);
        const given = (event.data as { center?: unknown } | null)?.center;
        if (remembered !== undefined) center = remembered;
        else if (typeof given === 'string') {
          centers.set(event.stream, given);
          named.push({ stream: event.stream, center: given });
          center = given;
        }
      }
      // No center (rules, checkpoints, reads, counters): '' keeps it out of every center's replay.
      return {
        position: Number(event.position),
        stream: event.stream,
        revision: Number(event.revision),
        center,
        recorded_at: event.metadata.recordedAt,
      };
    });
    await insertRows(tx, 'event_timeline_streams', named, 'stream');
    await insertRows(tx, 'event_timeline', rows, 'position');
  }
}
