import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FixedClock } from '../../src/core/clock';
import { collect } from '../../src/core/event-store';
import { handleCommand } from '../../src/core/handle-command';
import { SqliteEventStore } from '../../src/infrastructure/event-store/sqlite/sqlite-event-store';
import { openReadModelDb, ReadModelDb } from '../../src/infrastructure/read-models/database';
import { ProjectionRunner } from '../../src/infrastructure/read-models/projection-runner';
import { CaseListProjection } from '../../src/modules/cases/queries/case-list/case-list.projection';
import { ComplaintCommand, complaintDecider } from '../../src/modules/complaints/domain/complaint.decider';
import { ComplaintListProjection } from '../../src/modules/complaints/queries/complaint/complaint-list.projection';
import { RatingCommand, ratingDecider } from '../../src/modules/ratings/domain/rating.decider';
import { RatingListProjection } from '../../src/modules/ratings/queries/rating/rating-list.projection';
import { ComplaintWatcher } from '../../src/modules/complaints/complaint-watcher';
import { RatingWatcher } from '../../src/modules/ratings/rating-watcher';
import { buildCalendar } from '../../src/modules/time-limits/official-calendar';
import { CaseCommand } from '../../src/modules/cases/domain';
import { createCaseDecider } from '../../src/modules/cases/domain/case.decide';
import { ItemSnapshot } from '../../src/modules/catalog/domain/item-snapshot';

const quiet = { log: () => undefined, error: () => undefined };
const leader = { id: 'leader-1', role: 'center_leader' };

describe('follow-up watchers: complaints and ratings (real SQLite store and read models)', () => {
  let dir: string;
  let store: SqliteEventStore;
  let db: ReadModelDb;
  let runner: ProjectionRunner;
  const clock = new FixedClock(new Date('2026-03-02T01:00:00.000Z')); // Monday 09:00 China time

  const complaint = (id: string, command: (occurredAt: string) => ComplaintCommand) =>
    handleCommand({
      store,
      stream: `complaint-${id}`,
      decider: complaintDecider,
      command,
      context: { commandId: `${id}-${Math.random()}`, actor: leader, now: clock.now() },
    });
  const rating = (id: string, command: (occurredAt: string) => RatingCommand) =>
    handleCommand({
      store,
      stream: `rating-${id}`,
      decider: ratingDecider,
      command,
      context: { commandId: `${id}-${Math.random()}`, actor: leader, now: clock.now() },
    });
  const file = (id: string) =>
    complaint(id, (occurredAt) => ({
      type: 'FileComplaint',
      data: {
        complaintId: id,
        center: 'c1',
        channel: 'PHONE',
        about: { staffId: 'staff-a', window: 'w1', caseId: null },
        complainant: { name: '李四', phone: null, idNumber: null },
        matter: '窗口无人',
        major: false,
        filedOn: '2026-03-02',
        answerDue: '2026-03-05',
        occurredAt,
      },
    }));
  const rateBadly = async (id: string, rectifyDue: string) => {
    await rating(id, (occurredAt) => ({
      type: 'RateService',
      data: {
        ratingId: id,
        caseId: `case-${id}`,
        center: 'c1',
        window: 'w1',
        staffId: 'staff-a',
        channel: 'ONSITE',
        stage: 'COMPLETION',
        level: 5,
        answers: { overall: 5, efficiency: 5, competence: 5, attitude: 5 },
        comment: null,
        named: true,
        caseReached: ['ACCEPTANCE', 'COMPLETION'],
        ratedOn: '2026-03-02',
        occurredAt,
      },
    }));
    await rating(id, (occurredAt) => ({
      type: 'AdvanceBadRating',
      data: { step: 'VERIFY', text: '核实', satisfied: null, rectifyDue, today: '2026-03-02', occurredAt },
    }));
  };
  /** Both modules' checks, run one after the other as the deadline watcher runs them. */
  const followUps = () => {
    const complaints = new ComplaintWatcher(store, db, clock);
    const ratings = new RatingWatcher(store, db, clock);
    return { tick: async () => ({ ...(await complaints.tick()), ...(await ratings.tick()) }) };
  };
  const types = async (stream: string) => (await collect(store.readStream(stream))).map((e) => e.type);
  const due = async () => ({
    complaints: (await db.selectFrom('complaint_list').select(['complaint_id', 'answer_due']).orderBy('complaint_id').execute()).map(
      (r) => [r.complaint_id, r.answer_due],
    ),
    ratings: (await db.selectFrom('rating_list').select(['rating_id', 'rectify_due']).orderBy('rating_id').execute()).map((r) => [
      r.rating_id,
      r.rectify_due,
    ]),
  });

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'casetrail-follow-up-'));
    store = new SqliteEventStore(join(dir, 'e.db'));
    db = openReadModelDb({ kind: 'sqlite', path: join(dir, 'rm.db') });
    runner = new ProjectionRunner(store, db, [new CaseListProjection(), new ComplaintListProjection(), new RatingListProjection()], quiet);
    await runner.init();
    clock.set('2026-03-02T01:00:00.000Z');
  });
  afterEach(async () => {
    await store.close();
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps a due day only on what is still owed, and marks each overdue item once after its day', async () => {
    await file('k-open');
    await file('k-answered');
    await complaint('k-answered', (occurredAt) => ({
      type: 'AnswerComplaint',
      data: { form: 'ORAL', text: '已答复', answeredOn: '2026-03-03', by: 'leader-1', occurredAt },
    }));
    await rateBadly('r-open', '2026-03-06');
    await rateBadly('r-done', '2026-03-06');
    await rating('r-done', (occurredAt) => ({
      type: 'AdvanceBadRating',
      data: { step: 'RECTIFY', text: '已整改', satisfied: null, rectifyDue: null, today: '2026-03-04', occurredAt },
    }));
    await runner.catchUp();
    expect(await due()).toEqual({
      complaints: [
        ['k-answered', null],
        ['k-open', '2026-03-05'],
      ],
      ratings: [
        ['r-done', null],
        ['r-open', '2026-03-06'],
      ],
    });

    const watcher = followUps();
    clock.set('2026-03-05T08:00:00.000Z'); // the complaint's due day itself: not overdue yet
    expect(await watcher.tick()).toEqual({ complaintAnswersOverdue: 0, rectificationsOverdue: 0, ratingInvitations: 0 });

    clock.set('2026-03-07T02:00:00.000Z'); // Saturday: both days have passed
    expect(await watcher.tick()).toEqual({ complaintAnswersOverdue: 1, rectificationsOverdue: 1, ratingInvitations: 0 });
    // Before the read models have caught up, a second look writes nothing (the streams decide).
    expect(await watcher.tick()).toEqual({ complaintAnswersOverdue: 0, rectificationsOverdue: 0, ratingInvitations: 0 });
    await runner.catchUp();
    expect(await due()).toEqual({
      complaints: [
        ['k-answered', null],
        ['k-open', null],
      ],
      ratings: [
        ['r-done', null],
        ['r-open', null],
      ],
    });
    expect(await types('complaint-k-open')).toEqual(['ComplaintFiled', 'ComplaintAnswerOverdue']);
    expect(await types('complaint-k-answered')).toEqual(['ComplaintFiled', 'ComplaintAnswered']);
    expect(await types('rating-r-open')).toEqual(['ServiceRated', 'BadRatingAdvanced', 'RectificationOverdue']);
    expect(await types('rating-r-done')).toEqual(['ServiceRated', 'BadRatingAdvanced', 'BadRatingAdvanced']);
  });

  it('files a major complaint already escalated, and lists it as escalated', async () => {
    await complaint('k-major', (occurredAt) => ({
      type: 'FileComplaint',
      data: {
        complaintId: 'k-major',
        center: 'c1',
        channel: 'WRITING',
        about: { staffId: 'staff-a', window: 'w1', caseId: null },
        complainant: { name: '李四', phone: null, idNumber: null },
        matter: '索要财物',
        major: true,
        filedOn: '2026-03-02',
        answerDue: '2026-03-05',
        occurredAt,
      },
    }));
    await file('k-plain');
    await runner.catchUp();
    const rows = await db.selectFrom('complaint_list').select(['complaint_id', 'escalated']).orderBy('complaint_id').execute();
    expect(rows.map((r) => [r.complaint_id, Number(r.escalated)])).toEqual([
      ['k-major', 1],
      ['k-plain', 0],
    ]);
    expect(await types('complaint-k-major')).toEqual(['ComplaintFiled', 'ComplaintEscalated']);
  });

  it('invites to rate only cases completed recently, and never a completion entered after the fact', async () => {
    const decider = createCaseDecider({ calendar: buildCalendar() });
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
    const completeOn = async (caseId: string, day: string, backfillReason?: string) => {
      const send = (name: string, command: (occurredAt: string) => CaseCommand) =>
        handleCommand({
          store,
          stream: `case-${caseId}`,
          decider,
          command,
          context: {
            commandId: `${caseId}-${name}`,
            actor: { id: 'staff-a', role: 'staff' },
            occurredAt: `${day}T01:00:00.000Z`,
            backfillReason,
            now: clock.now(),
          },
        });
      await send('submit', (occurredAt) => ({
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
      await send('accept', (occurredAt) => ({
        type: 'AcceptCase',
        data: { item, staffId: 'staff-a', toleranceMaterials: [], occurredAt },
      }));
      await send('complete', (occurredAt) => ({ type: 'CompleteCase', data: { outcome: 'APPROVED', reason: null, occurredAt } }));
    };
    // Today is Mon 2 March 2026 at 09:00: an ordinary completion on 26 February, one entered on paper
    // later for the same day, and one completed two weeks ago, while the service was down.
    clock.set('2026-02-26T01:00:00.000Z');
    await completeOn('recent', '2026-02-26');
    clock.set('2026-03-02T01:00:00.000Z');
    await completeOn('on-paper', '2026-02-26', '纸质台账补录');
    await completeOn('long-ago', '2026-02-16', '停机期间补录');
    await runner.catchUp();
    const watcher = new RatingWatcher(store, db, clock);
    expect((await watcher.tick()).ratingInvitations).toBe(1);
    expect(await types('rating-invitation-recent')).toEqual(['RatingInvited']);
    expect(await types('rating-invitation-on-paper')).toEqual([]);
    expect(await types('rating-invitation-long-ago')).toEqual([]);
  });
});
