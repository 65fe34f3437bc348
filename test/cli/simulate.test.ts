import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simulate, SimulationStats } from '../../src/cli/simulate';
import { FixedClock } from '../../src/core/clock';
import { collect } from '../../src/core/event-store';
import { SqliteEventStore } from '../../src/infrastructure/event-store/sqlite/sqlite-event-store';
import { openReadModelDb } from '../../src/infrastructure/read-models/database';
import { ProjectionRunner } from '../../src/infrastructure/read-models/projection-runner';
import { parseCatalogFile } from '../../src/modules/catalog/catalog-file';
import { ServiceItemsProjection } from '../../src/modules/catalog/queries/catalog/service-items.projection';
import { CaseEvent } from '../../src/modules/cases/domain/case.events';
import { evolveCase, initialCaseState } from '../../src/modules/cases/domain';
import { CaseListProjection } from '../../src/modules/cases/queries/case-list/case-list.projection';
import { DeadlineWatcher } from '../../src/modules/cases/deadline-watcher';
import { staffProjections } from '../../src/modules/staff';
import { anEvent } from '../support/events';
import { buildCalendar } from '../../src/modules/time-limits/official-calendar';

const ROOT = join(__dirname, '../..');
const items = parseCatalogFile(readFileSync(join(ROOT, 'catalog/demo-catalog.yaml'), 'utf8'));
const calendar = buildCalendar();
const now = new Date('2026-06-30T08:00:00.000Z'); // a Tuesday, 16:00 China time
const quiet = { log: () => undefined, error: () => undefined };

describe('simulator', () => {
  const dirs: string[] = [];
  const fresh = () => {
    const dir = mkdtempSync(join(tmpdir(), 'casetrail-sim-'));
    dirs.push(dir);
    return dir;
  };
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  const run = async (dir: string, seed = 7): Promise<{ store: SqliteEventStore; stats: SimulationStats }> => {
    const store = new SqliteEventStore(join(dir, 'c.db'));
    const stats = await simulate({ store, calendar, items, days: 40, casesPerDay: 40, centers: ['c1', 'c2'], seed, now });
    return { store, stats };
  };

  it('produces every kind of traffic the dashboards show, through the real rules', async () => {
    const dir = fresh();
    const { store, stats } = await run(dir);
    expect(stats.cases).toBeGreaterThan(1000);
    for (const key of [
      'rejected',
      'supplements',
      'lateNotices',
      'terminated',
      'withdrawn',
      'suspensions',
      'extensions',
      'lateCompletions',
      'warnings',
      'breaches',
      'open',
    ] as const) {
      expect({ [key]: stats[key] }).toEqual({ [key]: expect.any(Number) });
      expect(stats[key]).toBeGreaterThan(0);
    }
    const events = await collect(store.readAll());
    expect(events).toHaveLength(stats.events + stats.cases + items.length); // + receipt numbers + the catalog
    expect(events.every((e) => Date.parse(e.metadata.occurredAt) <= now.getTime())).toBe(true);

    // Every case stream folds, in order, and its receipt number leads back to it.
    const streams = new Map<string, CaseEvent[]>();
    for (const e of events)
      if (e.stream.startsWith('case-')) streams.set(e.stream, [...(streams.get(e.stream) ?? []), e as unknown as CaseEvent]);
    expect(streams.size).toBe(stats.cases);
    const receipts = new Map(
      events
        .filter((e) => e.type === 'ReceiptNumberIssued')
        .map((e) => [(e.data as { receiptNo: string }).receiptNo, (e.data as { caseId: string }).caseId]),
    );
    expect(receipts.size).toBe(stats.cases);
    for (const [stream, caseEvents] of streams) {
      const state = caseEvents.reduce(evolveCase, initialCaseState());
      expect(state.status).not.toBe('NONE');
      if (state.status !== 'NONE') expect(receipts.get(state.receiptNo)).toBe(stream.slice('case-'.length));
    }

    // The read models take it all; the watcher, asked about the last day the simulation checked (Monday
    // 29 June, 17:30), finds nothing the simulation did not already say.
    const db = openReadModelDb({ kind: 'sqlite', path: join(dir, 'rm.db') });
    const runner = new ProjectionRunner(store, db, [new CaseListProjection(), new ServiceItemsProjection(), ...staffProjections()], quiet);
    await runner.init();
    await runner.catchUp();
    const { count } = (await db
      .selectFrom('case_list')
      .select((eb) => eb.fn.countAll().as('count'))
      .executeTakeFirstOrThrow()) as { count: number };
    expect(Number(count)).toBe(stats.cases);
    const watcher = new DeadlineWatcher(store, db, new FixedClock(new Date('2026-06-29T09:40:00.000Z')), calendar, quiet);
    const result = await watcher.tick();
    expect(result.checked).toBeGreaterThan(0);
    expect(result).toMatchObject({ warnings: 0, breaches: 0 });
    await db.destroy();
    await store.close();
  }, 60_000);

  it('the same seed on an empty store gives the same traffic', async () => {
    const a = await run(fresh(), 11);
    const b = await run(fresh(), 11);
    expect(b.stats).toEqual(a.stats);
    expect((await collect(b.store.readAll())).map((e) => e.id)).toEqual((await collect(a.store.readAll())).map((e) => e.id));
    await a.store.close();
    await b.store.close();
  }, 60_000);

  it('leaves alone a case that another writer changed meanwhile (a service running on the same store), and finishes', async () => {
    const store = new SqliteEventStore(join(fresh(), 'c.db'));
    const touched: string[] = [];
    let days = 0;
    const stats = await simulate({
      store,
      calendar,
      items,
      days: 20,
      casesPerDay: 20,
      centers: ['c1'],
      seed: 3,
      now,
      // After the fifth day, as a running service's watcher would: an event on each of the newest cases.
      onDay: async () => {
        if (++days !== 5) return;
        const streams = [
          ...new Set((await collect(store.readAll())).filter((e) => e.stream.startsWith('case-')).map((e) => e.stream)),
        ].slice(-10);
        for (const stream of streams) {
          const revision = (await collect(store.readStream(stream))).at(-1)!.revision;
          await store.append(stream, [anEvent('CaseUrged', { note: 'written by another instance' })], revision);
          touched.push(stream);
        }
      },
    });
    // Some of those cases had more planned: they stop where the other writer left them.
    expect(stats.leftAlone).toBeGreaterThan(0);
    expect(stats.leftAlone).toBeLessThanOrEqual(touched.length);
    const last = await Promise.all(touched.map(async (stream) => (await collect(store.readStream(stream))).at(-1)!.type));
    expect(last).toEqual(touched.map(() => 'CaseUrged'));
    // Every other case was simulated to its end as usual.
    expect(stats.cases).toBeGreaterThan(200);
    await store.close();
  }, 60_000);

  it('runs from the command line with a progress bar and a summary', () => {
    const dir = fresh();
    const out = execFileSync(
      process.execPath,
      [join(ROOT, 'bin/casetrail.js'), 'simulate', '--days', '5', '--cases-per-day', '10', '--seed', '3'],
      {
        env: { PATH: process.env.PATH, EVENT_STORE_URL: `sqlite:${join(dir, 'c.db')}` },
        encoding: 'utf8',
      },
    );
    expect(out).toMatch(/Simulated 5 days into .*\(seed 3, centers c1\)/);
    expect(out).toMatch(/\d+ cases, \d+ events/);
  });
});
