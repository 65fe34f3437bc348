import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { collect } from '../../src/core/event-store';
import { SqliteEventStore } from '../../src/infrastructure/event-store/sqlite/sqlite-event-store';
import { openReadModelDb, ReadModelDb } from '../../src/infrastructure/read-models/database';
import { ProjectionRunner } from '../../src/infrastructure/read-models/projection-runner';
import { ServiceItemsProjection } from '../../src/modules/catalog/queries/catalog/service-items.projection';
import { CaseListProjection } from '../../src/modules/cases/queries/case-list/case-list.projection';
import { aSubmittedCase, anEvent } from '../support/events';

const quiet = { log: () => undefined, error: () => undefined };
const submitted = aSubmittedCase;
const supplement = (caseId: string) => [
  anEvent('SupplementRequested', {
    caseId,
    missingMaterials: ['户口簿'],
    noticeNo: 1,
    breachesOneTimeRule: false,
    requestedAt: '2026-03-02T02:00:00.000Z',
  }),
  anEvent('SupplementReceived', { caseId, materials: ['户口簿'], receivedAt: '2026-03-03T02:00:00.000Z' }),
];

describe('read models on SQLite', () => {
  let dir: string;
  let store: SqliteEventStore;
  let db: ReadModelDb;
  const runner = (projections = [new CaseListProjection(), new ServiceItemsProjection()]) =>
    new ProjectionRunner(store, db, projections, quiet);
  const rows = () => db.selectFrom('case_list').selectAll().orderBy('case_id').execute();

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'casetrail-rm-'));
    store = new SqliteEventStore(join(dir, 'e.db'));
    db = openReadModelDb({ kind: 'sqlite', path: join(dir, 'rm.db') });
    for (const id of ['a', 'b']) await store.append(`case-${id}`, [submitted(id), ...supplement(id)], 'no_stream');
  });
  afterEach(async () => {
    await store.close();
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('case-list: applying the same event twice changes nothing', async () => {
    const projection = new CaseListProjection();
    await projection.setup(db);
    const events = await collect(store.readAll());
    for (const event of events) await db.transaction().execute((tx) => projection.apply(event, tx));
    const once = await rows();
    for (const event of events) await db.transaction().execute((tx) => projection.apply(event, tx));
    expect(await rows()).toEqual(once);
    expect(JSON.parse(once[0].state).materials).toEqual(['书面申请', '户口簿']);
  });

  it('keeps read model and checkpoint together: a restarted runner neither skips nor repeats', async () => {
    const first = runner();
    await first.init();
    await first.catchUp();
    await store.append('case-c', [submitted('c')], 'no_stream');
    const second = runner();
    await second.init();
    await second.catchUp();
    const list = await rows();
    expect(list.map((r) => [r.case_id, r.status])).toEqual([
      ['a', 'SUBMITTED'],
      ['b', 'SUBMITTED'],
      ['c', 'SUBMITTED'],
    ]);
    expect(JSON.parse(list[0].state).materials).toEqual(['书面申请', '户口簿']);
  });

  it('follows the log live and lets a caller wait for a position', async () => {
    const live = runner();
    await live.init();
    live.start();
    const { position } = await store.append('case-d', [submitted('d')], 'no_stream');
    await live.waitFor(position);
    expect((await rows()).map((r) => r.case_id)).toContain('d');
    expect(live.getStatus().state).toBe('running');
    await live.stop();
  });

  it('a rebuild from scratch gives exactly the same rows', async () => {
    const r = runner();
    await r.init();
    await r.catchUp();
    const before = await rows();
    const bumped = new CaseListProjection();
    Object.assign(bumped, { version: bumped.version + 1 });
    const rebuilt = runner([bumped, new ServiceItemsProjection()]);
    await rebuilt.init();
    expect(await rows()).toEqual([]);
    await rebuilt.catchUp();
    expect(await rows()).toEqual(before);
  });
});
