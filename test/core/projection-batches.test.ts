import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateTableBuilder, sql } from 'kysely';
import { simulate } from '../../src/cli/simulate';
import { collect, RecordedEvent } from '../../src/core/event-store';
import { SqliteEventStore } from '../../src/infrastructure/event-store/sqlite/sqlite-event-store';
import { allProjections } from '../../src/read-models';
import { openReadModelDb, ReadModelDb } from '../../src/infrastructure/read-models/database';
import { ProjectionRunner } from '../../src/infrastructure/read-models/projection-runner';
import { StreamStateProjection } from '../../src/infrastructure/read-models/stream-state-projection';
import { parseCatalogFile } from '../../src/modules/catalog/catalog-file';
import { buildCalendar } from '../../src/modules/time-limits/official-calendar';
import { anEvent } from '../support/events';

const ROOT = join(__dirname, '../..');
const quiet = { log: () => undefined, error: () => undefined };

/** Every row of every table, in a fixed order: two read-model databases compared as wholes. */
async function dump(db: ReadModelDb, tables: string[]): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const table of tables) {
    const rows = (await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(table)}`.execute(db)).rows;
    out[table] = rows.map((r) => JSON.stringify(r)).sort();
  }
  return out;
}

/**
 * Catch-up and rebuilds hand projections batches of events; live following, one event at a time. The rows
 * must not depend on how the log was cut: simulated traffic (supplements, suspensions, extensions, late
 * completions, warnings), applied in batches of 1, 7 and 1000, gives identical read models.
 */
describe('read models do not depend on how the log is cut into batches', () => {
  let dir: string;
  let store: SqliteEventStore;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'casetrail-batches-'));
    store = new SqliteEventStore(join(dir, 'e.db'));
    const items = parseCatalogFile(readFileSync(join(ROOT, 'catalog/demo-catalog.yaml'), 'utf8'));
    await simulate({
      store,
      calendar: buildCalendar(),
      items,
      days: 6,
      casesPerDay: 40,
      centers: ['c1', 'c2'],
      seed: 11,
      now: new Date('2026-06-30T08:00:00.000Z'),
    });
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('gives the same rows in every table for batches of 1, 7 and 1000 events', async () => {
    const tables = allProjections().flatMap((p) => p.tables);
    const dumps = [];
    for (const size of [1, 7, 1000]) {
      const db = openReadModelDb({ kind: 'sqlite', path: join(dir, `rm-${size}.db`) });
      const runner = new ProjectionRunner(store, db, allProjections(), quiet);
      await runner.init();
      await runner.catchUp(size);
      dumps.push(await dump(db, tables));
      await db.destroy();
    }
    expect(dumps[0].case_list.length).toBeGreaterThan(100);
    expect(dumps[0].event_timeline.length).toBe((await collect(store.readAll())).length);
    expect(dumps[1]).toEqual(dumps[0]);
    expect(dumps[2]).toEqual(dumps[0]);
  });
});

/**
 * The generic per-stream read model, with a model made for the test: a stream is "opened" by its first
 * `Opened` event (anything before it leaves it empty), its insert-only columns are fixed at opening, and
 * its updated column follows the state.
 */
describe('StreamStateProjection in batches', () => {
  type Tally = { opened: boolean; by?: string; total: number };
  class TallyProjection extends StreamStateProjection<Tally> {
    readonly name = 'tally';
    readonly version = 1;
    constructor() {
      super({
        table: 'tally',
        idColumn: 'tally_id',
        streamPrefix: 'tally-',
        eventTypes: new Set(['Opened', 'Added']),
        fold: {
          initialState: () => ({ opened: false, total: 0 }),
          evolve: (s: Tally, e: never) => {
            const event = e as unknown as RecordedEvent;
            const data = event.data as { by?: string; n?: number };
            if (event.type === 'Opened') return { opened: true, by: data.by, total: s.total };
            return s.opened ? { ...s, total: s.total + (data.n ?? 0) } : s;
          },
        },
        isEmpty: (s) => !s.opened,
        columnsOnInsert: (s, position) => ({ opened_by: s.by, opened_at: position }),
        columnsOnUpdate: (s) => ({ total: s.total }),
        addColumns: (t: CreateTableBuilder<string, never>) =>
          t.addColumn('opened_by', 'text').addColumn('opened_at', 'integer').addColumn('total', 'integer'),
        indexes: [],
      });
    }
  }

  let dir: string;
  let store: SqliteEventStore;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'casetrail-tally-'));
    store = new SqliteEventStore(join(dir, 'e.db'));
    // Three streams interleaved; b has an `Added` before it is opened (ignored), c is never opened.
    const plan: Array<[string, string, Record<string, unknown>]> = [
      ['a', 'Opened', { by: 'u1' }],
      ['b', 'Added', { n: 100 }],
      ['a', 'Added', { n: 1 }],
      ['b', 'Opened', { by: 'u2' }],
      ['c', 'Added', { n: 5 }],
      ['a', 'Added', { n: 2 }],
      ['b', 'Added', { n: 10 }],
      ['a', 'Opened', { by: 'u3' }],
      ['b', 'Added', { n: 20 }],
    ];
    const revisions = new Map<string, bigint>();
    for (const [id, type, data] of plan) {
      const expected = revisions.get(id) ?? 'no_stream';
      const result = await store.append(`tally-${id}`, [anEvent(type, data)], expected);
      revisions.set(id, result.nextRevision);
    }
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const build = async (size: number) => {
    const db = openReadModelDb({ kind: 'sqlite', path: join(dir, `rm-${size}.db`) });
    const runner = new ProjectionRunner(store, db, [new TallyProjection()], quiet);
    await runner.init();
    await runner.catchUp(size);
    return db;
  };

  it('folds each stream in memory and writes what one event at a time would', async () => {
    const single = await build(1);
    const rows = await single.selectFrom('tally').select(['tally_id', 'opened_by', 'opened_at', 'total']).orderBy('tally_id').execute();
    expect(rows).toEqual([
      { tally_id: 'a', opened_by: 'u1', opened_at: 1, total: 3 },
      { tally_id: 'b', opened_by: 'u2', opened_at: 4, total: 30 },
    ]);
    for (const size of [2, 4, 100]) {
      const db = await build(size);
      expect(await dump(db, ['tally'])).toEqual(await dump(single, ['tally']));
      await db.destroy();
    }
    await single.destroy();
  });

  it('changes nothing when a batch is applied again (a repeat after a crash)', async () => {
    const db = await build(100);
    const before = await dump(db, ['tally']);
    const events = await collect(store.readAll());
    await db.transaction().execute((tx) => new TallyProjection().applyBatch(events, tx));
    expect(await dump(db, ['tally'])).toEqual(before);
    await db.destroy();
  });
});
