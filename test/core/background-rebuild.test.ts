import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { StoreLocation } from '../../src/config';
import { SqliteEventStore } from '../../src/infrastructure/event-store/sqlite/sqlite-event-store';
import { fewerCheckpoints, openReadModelDb, ReadModelDb, ReadModelProjection } from '../../src/infrastructure/read-models/database';
import { ProjectionRunner, RunnerOptions } from '../../src/infrastructure/read-models/projection-runner';
import { ReadModelGate } from '../../src/infrastructure/read-models/read-model-gate';
import { replayReadModels } from '../../src/infrastructure/read-models/read-model-replay';
import { ServiceItemsProjection } from '../../src/modules/catalog/queries/catalog/service-items.projection';
import { CaseListProjection } from '../../src/modules/cases/queries/case-list/case-list.projection';
import { aSubmittedCase } from '../support/events';
import { adminQuery, databaseUrl, describeWithPostgres } from '../support/postgres';

const quiet = { log: () => undefined, error: () => undefined };
const submitted = aSubmittedCase;

/** A version of the case list the code has moved on to. */
function bumpedCaseList(): CaseListProjection {
  const p = new CaseListProjection();
  Object.assign(p, { version: p.version + 1 });
  return p;
}

/** The same projections, each batch waiting for `until`: the rebuild can be looked at half-way. */
function held(projections: ReadModelProjection[], until: Promise<void>): ReadModelProjection[] {
  return projections.map((p) =>
    Object.assign(Object.create(p) as ReadModelProjection, {
      applyBatch: async (events: Parameters<ReadModelProjection['apply']>[0][], tx: Parameters<ReadModelProjection['apply']>[1]) => {
        await until;
        if (p.applyBatch) return p.applyBatch(events, tx);
        for (const event of events) await p.apply(event, tx);
      },
    }),
  );
}

function latch(): { promise: Promise<void>; release: () => void } {
  let release!: () => void;
  const promise = new Promise<void>((resolve) => (release = resolve));
  return { promise, release };
}

/** Read models in a SQLite file, or in a PostgreSQL database of their own. */
interface ReadModelPlace {
  open(dir: string): Promise<StoreLocation>;
  close(): Promise<void>;
}

const sqliteFile: ReadModelPlace = {
  open: async (dir) => ({ kind: 'sqlite', path: join(dir, 'rm.db') }),
  close: async () => undefined,
};

function postgresDatabase(): ReadModelPlace {
  let name = '';
  return {
    open: async () => {
      name = `casetrail_bg_${randomBytes(5).toString('hex')}`;
      await adminQuery(`CREATE DATABASE ${name}`);
      return { kind: 'postgres', url: databaseUrl(name) };
    },
    close: () => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

describe('start-up never waits for a rebuild (read models in SQLite)', () => rebuildSuite(sqliteFile));
describeWithPostgres('start-up never waits for a rebuild (read models in PostgreSQL)', () => rebuildSuite(postgresDatabase()));

function rebuildSuite(place: ReadModelPlace): void {
  let dir: string;
  let location: StoreLocation;
  let store: SqliteEventStore;
  let db: ReadModelDb;
  let gate: ReadModelGate;
  let gated: ReadModelDb;
  const caseIds = (from: ReadModelDb) =>
    from
      .selectFrom('case_list')
      .select('case_id')
      .orderBy('case_id')
      .execute()
      .then((rows) => rows.map((r) => r.case_id as string));
  const rebuildBeside =
    (until: Promise<void>): RunnerOptions['rebuildBeside'] =>
    async (projections, onProgress) => {
      await replayReadModels({
        store,
        location,
        projections: () => held(projections, until),
        onProgress: (p) => onProgress(p.position, p.head),
        shadow: 'rebuild_test',
      });
    };

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'casetrail-bg-'));
    store = new SqliteEventStore(join(dir, 'e.db'));
    location = await place.open(dir);
    db = openReadModelDb(location);
    gate = new ReadModelGate();
    gated = db.withPlugin(gate);
    for (const id of ['a', 'b']) await store.append(`case-${id}`, [submitted(id)], 'no_stream');
    const first = new ProjectionRunner(store, db, [new CaseListProjection(), new ServiceItemsProjection()], quiet);
    await first.init();
    await first.catchUp();
  });
  afterEach(async () => {
    await store.close();
    await db.destroy();
    await place.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** What is left of the new tables' place: SQLite files beside the live one, or PostgreSQL schemas. */
  const shadows = async () => {
    if (location.kind === 'sqlite') return readdirSync(dir).filter((f) => f.includes('rebuild_test'));
    const found = await sql<{ nspname: string }>`SELECT nspname FROM pg_namespace WHERE nspname LIKE 'casetrail_rebuild%'`.execute(db);
    return found.rows.map((r) => r.nspname);
  };

  it('a read model whose version changed is rebuilt beside the old one: refused meanwhile, switched in once caught up', async () => {
    const before = await db.selectFrom('case_list').selectAll().orderBy('case_id').execute();
    const hold = latch();
    const runner = new ProjectionRunner(store, db, [bumpedCaseList(), new ServiceItemsProjection()], quiet, {
      backgroundFrom: 0,
      gate,
      rebuildBeside: rebuildBeside(hold.promise),
    });
    await runner.init();
    expect(runner.isLive('case-list')).toBe(false);
    expect(runner.isLive('service-items')).toBe(true);
    runner.start();

    // Half-way: the old tables are untouched, but no query reads them.
    await expect(caseIds(gated)).rejects.toMatchObject({ code: 'READ_MODEL.REBUILDING', details: { readModel: 'case-list' } });
    expect(await db.selectFrom('case_list').selectAll().orderBy('case_id').execute()).toEqual(before);
    expect(await gated.selectFrom('service_items').selectAll().execute()).toEqual([]);
    const status = runner.getStatus();
    expect(status.state).toBe('running');
    expect(status.rebuilding).toEqual([expect.objectContaining({ readModels: ['case-list'], mode: 'beside', state: 'rebuilding' })]);
    // Recorded during the rebuild: it must be in the new tables too.
    const { position } = await store.append('case-c', [submitted('c')], 'no_stream');

    hold.release();
    await runner.whenLive('case-list');
    await runner.waitFor(position);
    expect(await caseIds(gated)).toEqual(['a', 'b', 'c']);
    expect(runner.getStatus().rebuilding).toBeUndefined();
    const checkpoint = await db.selectFrom('projection_checkpoints').selectAll().where('name', '=', 'case-list').executeTakeFirstOrThrow();
    expect(Number(checkpoint.version)).toBe(bumpedCaseList().version);
    expect(await shadows()).toEqual([]);

    // Live from here on, like any other.
    const d = await store.append('case-d', [submitted('d')], 'no_stream');
    await runner.waitFor(d.position);
    expect(await caseIds(gated)).toEqual(['a', 'b', 'c', 'd']);
    await runner.stop();
  });

  it('a new read model on a long log is built in place in the background', async () => {
    // As a read model added by an upgrade, or whose tables were thrown away.
    await sql`DROP TABLE case_list`.execute(db);
    await db.deleteFrom('projection_checkpoints').where('name', '=', 'case-list').execute();
    const hold = latch();
    const [caseList] = held([new CaseListProjection()], hold.promise);
    const checkpointEvery = async () =>
      (await sql<{ wal_autocheckpoint: number }>`PRAGMA wal_autocheckpoint`.execute(db)).rows[0]?.wal_autocheckpoint;
    let during: number | undefined;
    const tuned =
      location.kind === 'sqlite'
        ? async () => {
            const undo = await fewerCheckpoints(db);
            during = await checkpointEvery();
            return undo;
          }
        : undefined;
    const runner = new ProjectionRunner(store, db, [caseList, new ServiceItemsProjection()], quiet, {
      backgroundFrom: 0,
      gate,
      rebuildBeside: rebuildBeside(Promise.resolve()),
      duringRebuild: tuned,
    });
    await runner.init();
    expect(runner.isLive('service-items')).toBe(true);
    runner.start();
    await expect(caseIds(gated)).rejects.toMatchObject({ code: 'READ_MODEL.REBUILDING' });
    expect(runner.getStatus().rebuilding).toEqual([expect.objectContaining({ readModels: ['case-list'], mode: 'in place' })]);
    // Recorded while the rebuild reads the log, and once it is live.
    const c = await store.append('case-c', [submitted('c')], 'no_stream');
    hold.release();
    await runner.whenLive('case-list');
    await runner.waitFor(c.position);
    expect(await caseIds(gated)).toEqual(['a', 'b', 'c']);
    const d = await store.append('case-d', [submitted('d')], 'no_stream');
    await runner.waitFor(d.position);
    expect(await caseIds(gated)).toEqual(['a', 'b', 'c', 'd']);
    // Fewer WAL checkpoints during the rebuild, SQLite's default again once it is done.
    if (tuned) expect([during, await checkpointEvery()]).toEqual([10_000, 1000]);
    await runner.stop();
  });

  it('within `backgroundFrom` events of the log, start-up catches up first, as before', async () => {
    const runner = new ProjectionRunner(store, db, [bumpedCaseList(), new ServiceItemsProjection()], quiet, {
      backgroundFrom: 1000,
      gate,
      rebuildBeside: rebuildBeside(Promise.resolve()),
    });
    await runner.init();
    expect(runner.isLive('case-list')).toBe(true);
    expect(await caseIds(gated)).toEqual([]); // emptied for the rebuild
    await runner.catchUp();
    expect(await caseIds(gated)).toEqual(['a', 'b']);
  });

  it('stopping half-way leaves the old tables, their version and no new tables; the next start rebuilds again', async () => {
    const hold = latch();
    const runner = new ProjectionRunner(store, db, [bumpedCaseList(), new ServiceItemsProjection()], quiet, {
      backgroundFrom: 0,
      gate,
      rebuildBeside: rebuildBeside(hold.promise),
    });
    await runner.init();
    runner.start();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const stopped = runner.stop();
    hold.release();
    await stopped;
    expect(await caseIds(db)).toEqual(['a', 'b']);
    const checkpoint = await db.selectFrom('projection_checkpoints').selectAll().where('name', '=', 'case-list').executeTakeFirstOrThrow();
    expect(Number(checkpoint.version)).toBe(new CaseListProjection().version);
    expect(await shadows()).toEqual([]);

    const again = new ProjectionRunner(store, db, [bumpedCaseList(), new ServiceItemsProjection()], quiet, {
      backgroundFrom: 0,
      gate,
      rebuildBeside: rebuildBeside(Promise.resolve()),
    });
    await again.init();
    again.start();
    await again.whenLive('case-list');
    expect(await caseIds(gated)).toEqual(['a', 'b']);
    await again.stop();
  });
}

describe('the read-model gate', () => {
  let db: ReadModelDb;
  const gate = new ReadModelGate();
  const progress = () => ({
    readModels: ['case-list'],
    mode: 'beside' as const,
    state: 'rebuilding' as const,
    position: '41',
    head: '99',
    percent: 42,
    startedAt: '',
  });
  beforeAll(async () => {
    db = openReadModelDb({ kind: 'sqlite', path: ':memory:' });
    await sql`CREATE TABLE case_list (case_id text)`.execute(db);
    await sql`CREATE TABLE service_items (code text)`.execute(db);
    gate.close('case-list', ['case_list'], progress);
  });
  afterAll(() => db.destroy());

  it('refuses every way a query can reach a closed table, with how far the rebuild is', async () => {
    const g = db.withPlugin(gate);
    const refused = { code: 'READ_MODEL.REBUILDING', details: { readModel: 'case-list', percent: 42, position: '41', head: '99' } };
    await expect(g.selectFrom('case_list').selectAll().execute()).rejects.toMatchObject(refused);
    await expect(
      g.selectFrom('service_items').innerJoin('case_list', 'case_list.case_id', 'service_items.code').selectAll().execute(),
    ).rejects.toMatchObject(refused);
    await expect(
      g.selectFrom('service_items').where('code', 'in', db.selectFrom('case_list').select('case_id')).selectAll().execute(),
    ).rejects.toMatchObject(refused);
    await expect(sql`SELECT count(*) FROM ${sql.table('case_list')}`.execute(g)).rejects.toMatchObject(refused);
    expect(await g.selectFrom('service_items').selectAll().execute()).toEqual([]);
  });

  it('answers again once opened', async () => {
    const g = db.withPlugin(gate);
    gate.open(['case_list']);
    expect(await g.selectFrom('case_list').selectAll().execute()).toEqual([]);
  });
});
