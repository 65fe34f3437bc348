import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FixedClock } from '../../src/core/clock';
import { collect } from '../../src/core/event-store';
import { handleCommand } from '../../src/core/handle-command';
import { SqliteEventStore } from '../../src/infrastructure/event-store/sqlite/sqlite-event-store';
import { openReadModelDb, ReadModelDb } from '../../src/infrastructure/read-models/database';
import { ProjectionRunner } from '../../src/infrastructure/read-models/projection-runner';
import { ServiceItemsProjection } from '../../src/modules/catalog/queries/catalog/service-items.projection';
import { CaseCommand } from '../../src/modules/cases/domain';
import { createCaseDecider } from '../../src/modules/cases/domain/case.decide';
import { ItemSnapshot } from '../../src/modules/catalog/domain/item-snapshot';
import { CaseListProjection } from '../../src/modules/cases/queries/case-list/case-list.projection';
import { DeadlineWatcher, WatchResult } from '../../src/modules/cases/deadline-watcher';
import { buildCalendar } from '../../src/modules/time-limits/official-calendar';
import { DirectoryProjection } from '../../src/modules/staff/queries/directory/directory.projection';
import { windowDecider, windowStream } from '../../src/modules/staff/domain/staff.decider';

const calendar = buildCalendar();
const decider = createCaseDecider({ calendar });
const quiet = { log: () => undefined, error: () => undefined };
const watched = (counts: Partial<WatchResult>): WatchResult => ({
  checked: 0,
  warnings: 0,
  breaches: 0,
  escalations: 0,
  stepWarnings: 0,
  reviewWarnings: 0,
  centerTimeWarnings: 0,
  corrections: 0,
  lapsedSupplements: 0,
  unreportedLateNotices: 0,
  ...counts,
});
const item: ItemSnapshot = {
  code: 'X-1',
  version: 1,
  name: 'x',
  department: 'd',
  window: 'w1',
  kind: 'promised',
  promisedLimit: 5,
  limitUnit: 'working_days',
  fee: '0',
  materials: [],
  steps: [],
  allowsToleranceAcceptance: false,
};

describe('deadline watcher (real SQLite store and read models)', () => {
  let dir: string;
  let store: SqliteEventStore;
  let db: ReadModelDb;
  const clock = new FixedClock(new Date('2026-03-02T01:00:00.000Z')); // Monday 09:00 China time

  const send = (caseId: string, commandId: string, command: (occurredAt: string) => CaseCommand) =>
    handleCommand({
      store,
      stream: `case-${caseId}`,
      decider,
      command,
      context: { commandId, actor: { id: 'staff-a', role: 'staff' }, now: clock.now() },
    });
  const open = async (caseId: string) => {
    await send(caseId, `submit-${caseId}`, (occurredAt) => ({
      type: 'SubmitCase',
      data: {
        caseId,
        receiptNo: caseId,
        center: 'c1',
        item,
        applicant: { kind: 'PERSON', name: '张三', idNumber: '11010519491231002X' },
        channel: 'WINDOW',
        materials: [],
        staffId: 'staff-a',
        occurredAt,
      },
    }));
    await send(caseId, `accept-${caseId}`, (occurredAt) => ({
      type: 'AcceptCase',
      data: { item, staffId: 'staff-a', toleranceMaterials: [], occurredAt },
    }));
  };
  const warnings = async (caseId: string) =>
    (await collect(store.readStream(`case-${caseId}`))).filter((e) => e.type.startsWith('Deadline')).map((e) => e.type);
  const watcher = async () => {
    const runner = new ProjectionRunner(
      store,
      db,
      [new CaseListProjection(), new ServiceItemsProjection(), new DirectoryProjection()],
      quiet,
    );
    await runner.init();
    await runner.catchUp();
    return { watch: new DeadlineWatcher(store, db, clock, calendar, quiet), runner };
  };

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'casetrail-watch-'));
    store = new SqliteEventStore(join(dir, 'e.db'));
    db = openReadModelDb({ kind: 'sqlite', path: join(dir, 'rm.db') });
    clock.set('2026-03-02T01:00:00.000Z');
    await open('a'); // due Monday 9 March
  });
  afterEach(async () => {
    await store.close();
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('issues a yellow warning once, however often it runs', async () => {
    clock.set('2026-03-05T02:00:00.000Z'); // Thursday: 3 used, 2 left
    const { watch, runner } = await watcher();
    expect(await watch.tick()).toEqual(watched({ checked: 1, warnings: 1, breaches: 0, escalations: 0 }));
    await runner.catchUp();
    expect(await watch.tick()).toEqual(watched({ checked: 1, warnings: 0, breaches: 0, escalations: 0 }));
    // Even a second instance that has not seen the warning yet writes nothing.
    const other = new DeadlineWatcher(store, db, clock, calendar, quiet);
    await other.tick();
    expect(await warnings('a')).toEqual(['DeadlineWarningIssued']);
    const [event] = (await collect(store.readStream('case-a'))).filter((e) => e.type === 'DeadlineWarningIssued');
    expect(event.metadata.actor).toEqual({ id: 'deadline-watcher', role: 'system' });
    expect(event.data).toMatchObject({ dueDate: '2026-03-09', workingDaysRemaining: 2 });
  });

  it('catches up after downtime: a deadline that passed while it was down is recorded at start-up', async () => {
    const { watch } = await watcher();
    expect(await watch.tick()).toEqual(watched({ checked: 1, warnings: 0, breaches: 0, escalations: 0 }));
    clock.set('2026-03-20T02:00:00.000Z'); // the service was down for two weeks
    const restarted = await watcher();
    expect(await restarted.watch.tick()).toEqual(watched({ checked: 1, warnings: 0, breaches: 1, escalations: 0 }));
    await restarted.runner.catchUp();
    expect(await restarted.watch.tick()).toEqual(watched({ checked: 1, warnings: 0, breaches: 0, escalations: 0 }));
    expect(await warnings('a')).toEqual(['DeadlineBreached']);
    const row = await db.selectFrom('case_list').select(['time_state', 'due_date']).where('case_id', '=', 'a').executeTakeFirstOrThrow();
    expect(row).toEqual({ time_state: 'OVERDUE', due_date: '2026-03-09' });
  });

  it("warns each participant's review of a joint case on its own, even when their due dates are the same", async () => {
    const joint: ItemSnapshot = {
      ...item,
      code: 'X-J',
      kind: 'joint',
      promisedLimit: 20,
      participants: [
        { window: 'p1', department: 'd1', reviewLimit: 2, required: true },
        { window: 'p2', department: 'd2', reviewLimit: 2, required: true },
      ],
    };
    await send('j', 'submit-j', (occurredAt) => ({
      type: 'SubmitCase',
      data: {
        caseId: 'j',
        receiptNo: 'j',
        center: 'c1',
        item: joint,
        applicant: { kind: 'PERSON', name: '张三', idNumber: '11010519491231002X' },
        channel: 'WINDOW',
        materials: [],
        staffId: 'staff-a',
        occurredAt,
      },
    }));
    await send('j', 'accept-j', (occurredAt) => ({
      type: 'AcceptCase',
      data: { item: joint, staffId: 'staff-a', toleranceMaterials: [], occurredAt },
    }));
    // p2's chief representative (首席代表) is named by the red card, should the opinion never come.
    await handleCommand({
      store,
      stream: windowStream('c1', 'p2'),
      decider: windowDecider,
      command: (occurredAt) => ({
        type: 'DefineWindow' as const,
        data: { center: 'c1', window: 'p2', name: '医保窗口', department: 'd2', chiefRepresentative: 'p2-chief', abPairs: [], occurredAt },
      }),
      context: { commandId: 'define-p2', actor: { id: 'admin', role: 'admin' }, now: clock.now() },
    });
    clock.set('2026-03-05T02:00:00.000Z'); // Thursday: both reviews (due Wednesday) are a day late
    const reviews = async () => (await collect(store.readStream('case-j'))).filter((e) => e.type.startsWith('Review')).map((e) => e.data);
    const { watch, runner } = await watcher();
    // One finding per case per run: the first review now, the second on the next run.
    expect((await watch.tick()).reviewWarnings).toBe(1);
    await runner.catchUp();
    expect((await watch.tick()).reviewWarnings).toBe(1);
    await runner.catchUp();
    await new DeadlineWatcher(store, db, clock, calendar, quiet).tick();
    expect(await reviews()).toEqual([
      { caseId: 'j', window: 'p1', dueDate: '2026-03-04', breachedOn: '2026-03-05', workingDaysOver: 1 },
      { caseId: 'j', window: 'p2', dueDate: '2026-03-04', breachedOn: '2026-03-05', workingDaysOver: 1, responsible: 'p2-chief' },
    ]);
  });

  it('leaves a suspended case alone', async () => {
    await send('a', 'suspend-a', (occurredAt) => ({ type: 'SuspendCase', data: { reason: 'HIGHER_AUTHORITY', detail: null, occurredAt } }));
    clock.set('2026-03-20T02:00:00.000Z');
    const { watch } = await watcher();
    expect(await watch.tick()).toEqual(watched({ checked: 1, warnings: 0, breaches: 0, escalations: 0 }));
    expect(await warnings('a')).toEqual([]);
  });
});
