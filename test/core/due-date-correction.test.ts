import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FixedClock } from '../../src/core/clock';
import { EventStore, collect } from '../../src/core/event-store';
import { handleCommand } from '../../src/core/handle-command';
import { PostgresEventStore } from '../../src/infrastructure/event-store/postgres/postgres-event-store';
import { SqliteEventStore } from '../../src/infrastructure/event-store/sqlite/sqlite-event-store';
import { openReadModelDb, ReadModelDb } from '../../src/infrastructure/read-models/database';
import { ProjectionRunner } from '../../src/infrastructure/read-models/projection-runner';
import { CaseCommand } from '../../src/modules/cases/domain';
import { createCaseDecider } from '../../src/modules/cases/domain/case.decide';
import { ItemSnapshot } from '../../src/modules/catalog/domain/item-snapshot';
import { CaseListProjection } from '../../src/modules/cases/queries/case-list/case-list.projection';
import { DeadlineWatcher } from '../../src/modules/cases/deadline-watcher';
import { buildCalendar, parseCenterCalendar } from '../../src/modules/time-limits/official-calendar';
import { describeWithPostgres, dropSchema, freshSchemaName, POSTGRES_URL } from '../support/postgres';

const quiet = { log: () => undefined, error: () => undefined };
const item: ItemSnapshot = {
  code: 'X-1',
  version: 1,
  name: 'x',
  department: 'd',
  window: 'w1',
  kind: 'promised',
  promisedLimit: 20,
  limitUnit: 'working_days',
  fee: '0',
  materials: [],
  steps: [],
  allowsToleranceAcceptance: false,
};

// Installed: the package as shipped, with no schedule for 2027 (unless a newer package has it, which the
// file below then overrides with the same dates plus one made-up day off, as a notice might).
const before = buildCalendar({ coveredYears: [2026] });
const after = buildCalendar(
  parseCenterCalendar(`
holidays:
  2027-01-01: 元旦
  2027-01-04: 元旦补假
coveredYears: [2027]
`),
  'calendar-2027.yaml',
);

/**
 * Two service instances on one store, each with its own read models and watcher, run their deadline
 * watchers at the same moment after the 2027 schedule was installed: the running case gets exactly one
 * recorded correction.
 */
function correctionSuite(open: () => Promise<{ store: () => Promise<EventStore>; done: () => Promise<void> }>) {
  let dir: string;
  let stores: EventStore[];
  let dbs: ReadModelDb[];
  let done: () => Promise<void>;
  const clock = new FixedClock(new Date('2026-12-15T01:00:00.000Z')); // Tuesday 09:00 China time

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'casetrail-correction-'));
    const opened = await open();
    done = opened.done;
    stores = [await opened.store(), await opened.store()];
    dbs = [0, 1].map((i) => openReadModelDb({ kind: 'sqlite', path: join(dir, `rm-${i}.db`) }));
    // Accepted under the calendar without 2027: 20 working days end on Wed 13 Jan 2027 (1 Jan rests by law).
    const decider = createCaseDecider({ calendar: before });
    const send = (commandId: string, command: (occurredAt: string) => CaseCommand) =>
      handleCommand({
        store: stores[0],
        stream: 'case-a',
        decider,
        command,
        context: { commandId, actor: { id: 'staff-a', role: 'staff' }, now: clock.now() },
      });
    await send('submit', (occurredAt) => ({
      type: 'SubmitCase',
      data: {
        caseId: 'a',
        receiptNo: 'a',
        center: 'c1',
        item,
        applicant: { kind: 'PERSON', name: '张三', idNumber: '11010519491231002X' },
        channel: 'WINDOW',
        materials: [],
        staffId: 'staff-a',
        occurredAt,
      },
    }));
    const accepted = await send('accept', (occurredAt) => ({
      type: 'AcceptCase',
      data: { item, staffId: 'staff-a', toleranceMaterials: [], occurredAt },
    }));
    expect(accepted.events[0].data).toMatchObject({ timeLimit: { dueDate: '2027-01-13', provisional: true } });
  });

  afterEach(async () => {
    for (const store of stores) await store.close();
    for (const db of dbs) await db.destroy();
    await done();
    rmSync(dir, { recursive: true, force: true });
  });

  const instances = async () =>
    Promise.all(
      [0, 1].map(async (i) => {
        const runner = new ProjectionRunner(stores[i], dbs[i], [new CaseListProjection()], quiet);
        await runner.init();
        await runner.catchUp();
        return { runner, watch: new DeadlineWatcher(stores[i], dbs[i], clock, after, quiet) };
      }),
    );
  const corrections = async () => (await collect(stores[0].readStream('case-a'))).filter((e) => e.type === 'DueDateCorrected');

  it('records one correction, whichever instance gets there first, and never a second', async () => {
    const [a, b] = await instances();
    const first = await Promise.all([a.watch.tick(), b.watch.tick()]);
    // Both may report it: the loser's append of the same event ids is the store's idempotent success.
    expect(first.map((r) => r.corrections).sort()).toEqual(expect.arrayContaining([1]));
    expect(await corrections()).toHaveLength(1);
    // Again, before and after the read models have seen the correction.
    await Promise.all([a.watch.tick(), b.watch.tick()]);
    await Promise.all([a.runner.catchUp(), b.runner.catchUp()]);
    await Promise.all([a.watch.tick(), b.watch.tick()]);
    const recorded = await corrections();
    expect(recorded).toHaveLength(1);
    expect(recorded[0].data).toEqual({
      caseId: 'a',
      previousDueDate: '2027-01-13',
      dueDate: '2027-01-14',
      provisional: false,
      reason: 'Official holiday schedule installed for 2026, 2027 (2026、2027年放假安排已公布)',
      scheduleYears: [2026, 2027],
      calendar: expect.stringMatching(/^chinese-days .* \+ calendar-2027\.yaml \(2027\)$/),
      suspensionWorkingDays: [],
      correctedOn: '2026-12-15',
    });
    expect(recorded[0].metadata.actor).toEqual({ id: 'deadline-watcher', role: 'system' });
    const row = await dbs[1].selectFrom('case_list').select(['due_date', 'state']).where('case_id', '=', 'a').executeTakeFirstOrThrow();
    expect(row.due_date).toBe('2027-01-14');
    expect(JSON.parse(row.state)).toMatchObject({
      timeLimit: { dueDate: '2027-01-14', provisional: false },
      originalDueDate: '2027-01-13',
    });
  });

  it('writes nothing while the installed calendar still lacks the year', async () => {
    const runner = new ProjectionRunner(stores[0], dbs[0], [new CaseListProjection()], quiet);
    await runner.init();
    await runner.catchUp();
    const watch = new DeadlineWatcher(stores[0], dbs[0], clock, before, quiet);
    expect((await watch.tick()).corrections).toBe(0);
    expect(await corrections()).toEqual([]);
  });

  it('leaves warnings already recorded as they were, and counts the next ones from the corrected date', async () => {
    // Yellow on the old date: on Mon 11 Jan 2 working days remain to 13 Jan.
    clock.set('2027-01-11T01:00:00.000Z');
    const old = await instances();
    const beforeWatch = new DeadlineWatcher(stores[0], dbs[0], clock, before, quiet);
    expect((await beforeWatch.tick()).warnings).toBe(1);
    await old[0].runner.catchUp();
    await old[1].runner.catchUp();
    await Promise.all([old[0].watch.tick(), old[1].watch.tick()]);
    const events = await collect(stores[0].readStream('case-a'));
    // The yellow card for 13 Jan stays; the corrected date 14 Jan has 80% of its limit used too, and gets its own.
    expect(events.map((e) => e.type)).toEqual([
      'CaseSubmitted',
      'CaseAccepted',
      'DeadlineWarningIssued',
      'DueDateCorrected',
      'DeadlineWarningIssued',
    ]);
    expect(events[2].data).toMatchObject({ dueDate: '2027-01-13', workingDaysRemaining: 2 });
    expect(events[4].data).toMatchObject({ dueDate: '2027-01-14', workingDaysRemaining: 3, workingDaysUsed: 17 });
  });
}

describe('a provisional due date corrected when the schedule is installed, two instances on SQLite', () => {
  correctionSuite(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'casetrail-correction-store-'));
    return {
      store: async () => new SqliteEventStore(join(dir, 'events.db')),
      done: async () => rmSync(dir, { recursive: true, force: true }),
    };
  });
});

describeWithPostgres('a provisional due date corrected when the schedule is installed, two instances on PostgreSQL', () => {
  correctionSuite(async () => {
    const schema = freshSchemaName();
    return {
      store: () => PostgresEventStore.open({ connectionString: POSTGRES_URL, schema, pollIntervalMs: 200 }),
      done: () => dropSchema(schema),
    };
  });
});
