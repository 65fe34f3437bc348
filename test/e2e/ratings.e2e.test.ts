import { randomUUID } from 'node:crypto';
import { localDateOf } from '../../src/core/dates';
import { eventually } from '../support/eventually';
import { subscribe } from '../support/live-client';
import { TestService } from '../support/service';

const applicant = { name: '张三', idNumber: '11010519491231002X' };
const RATING =
  'rating { id level bad returnVisitRequired staffId loop { step rectifyDue rectifyOverdue rectifiedOnTime recheckSatisfied } appeal { status } setAside }';
const ONSITE = [
  { question: 'overall', level: 5 },
  { question: 'efficiency', level: 4 },
  { question: 'competence', level: 5 },
  { question: 'attitude', level: 5 },
];

describe('ratings (好差评) over GraphQL (end to end)', () => {
  const service = new TestService({ CASETRAIL_DEADLINE_CHECK_SECONDS: '1' });
  beforeAll(() => service.start());
  afterAll(async () => {
    await service.stop();
    await service.cleanup();
  });

  const staff = () => service.token();
  const leader = () => service.token('center_leader', 'leader-1', { center: 'c1' });
  const oversight = () => service.token('oversight', 'inspector-1', { centers: ['c1'] });
  const citizen = () => service.token('applicant', 'citizen-1', {});
  const run = (name: string, type: string, input: Record<string, unknown>, token: string, select = RATING) =>
    service.gql(
      `mutation($input: ${type}!) { ${name}(input: $input) { ${select} } }`,
      { input: { commandId: randomUUID(), ...input } },
      token,
    );
  const handled = async (complete: boolean) => {
    const caseId = (await run('submitCase', 'SubmitCaseInput', { itemCode: 'MZ-DB-001', applicant }, staff(), 'case { id receiptNo }'))
      .data!.submitCase.case;
    await run('acceptCase', 'AcceptCaseInput', { caseId: caseId.id }, staff(), 'position');
    if (complete) await run('completeCase', 'CompleteCaseInput', { caseId: caseId.id, outcome: 'APPROVED' }, staff(), 'position');
    return caseId as { id: string; receiptNo: string };
  };
  const rate = (receiptNo: string, extra: Record<string, unknown> = {}) =>
    run(
      'rateService',
      'RateServiceInput',
      {
        receiptNo,
        idNumberLast6: '31002X',
        channel: 'ONSITE',
        stage: 'COMPLETION',
        level: 5,
        answers: ONSITE,
        comment: '排队太久',
        named: true,
        ...extra,
      },
      citizen(),
    );

  it('lets the applicant rate their own case once per stage and channel, and not before the stage is reached', async () => {
    const open = await handled(false);
    expect((await rate(open.receiptNo)).errors![0].extensions!.code).toBe('RATING.TOO_EARLY');
    expect((await rate(open.receiptNo, { stage: 'ACCEPTANCE', level: 2 })).data!.rateService.rating).toMatchObject({
      level: 2,
      bad: false,
      loop: null,
      staffId: 'staff-a',
    });
    expect((await rate(open.receiptNo, { stage: 'ACCEPTANCE', level: 1 })).errors![0].extensions!.code).toBe('RATING.ALREADY_RATED');
    expect((await rate(open.receiptNo, { stage: 'ACCEPTANCE', idNumberLast6: '000000' })).errors![0].extensions!.code).toBe(
      'AUTH.FORBIDDEN',
    );
    expect((await rate(open.receiptNo, { stage: 'ACCEPTANCE', channel: 'ONLINE' })).errors![0].extensions!.code).toBe('VALIDATION.FAILED');
  });

  it('runs a bad rating through verify, rectify, answer and re-check, with its rectification deadline', async () => {
    const c = await handled(true);
    const head = await service.logHead();
    const alerts = subscribe<{ kind: string; ratingId: string; caseId: string }>(
      service.baseUrl + '/graphql',
      leader(),
      'subscription($after: String) { supervisionAlerts(center: "c1", after: $after) { kind ratingId caseId } }',
      { after: head },
    );
    const rating = (await rate(c.receiptNo)).data!.rateService.rating;
    expect(rating).toMatchObject({ bad: true, returnVisitRequired: true, loop: { step: null } });
    // The leaders learn of it at once: it needs verifying, and a return visit since it is named.
    await eventually(async () => expect(alerts.received).toEqual([{ kind: 'BAD_RATING', ratingId: rating.id, caseId: c.id }]), {
      timeoutMs: 10_000,
      intervalMs: 100,
    });
    await alerts.stop();
    const advance = (step: string, extra: Record<string, unknown> = {}) =>
      run('advanceBadRating', 'AdvanceBadRatingInput', { ratingId: rating.id, step, text: '已处理', ...extra }, leader());
    expect((await advance('RECTIFY')).errors![0].extensions!.code).toBe('RATING.OUT_OF_ORDER');
    expect(
      (await run('advanceBadRating', 'AdvanceBadRatingInput', { ratingId: rating.id, step: 'VERIFY', text: '核实' }, staff())).errors![0]
        .extensions!.code,
    ).toBe('AUTH.FORBIDDEN');
    const verified = (await advance('VERIFY')).data!.advanceBadRating.rating;
    expect(verified.loop).toMatchObject({ step: 'VERIFY', rectifyOverdue: false });
    expect(verified.loop.rectifyDue > localDateOf(new Date())).toBe(true);
    expect((await advance('RECTIFY')).data!.advanceBadRating.rating.loop).toMatchObject({ step: 'RECTIFY', rectifiedOnTime: true });
    await advance('ANSWER');
    expect((await advance('RECHECK')).errors![0].extensions!.code).toBe('RATING.RECHECK_RESULT_REQUIRED');
    expect((await advance('RECHECK', { satisfied: true })).data!.advanceBadRating.rating.loop).toMatchObject({
      step: 'RECHECK',
      recheckSatisfied: true,
    });
  });

  it('sets a mistaken rating aside on appeal, keeps it in the history, and leaves it out of the satisfaction rate', async () => {
    const c = await handled(true);
    const rating = (await rate(c.receiptNo)).data!.rateService.rating;
    const month = localDateOf(new Date()).slice(0, 7);
    const satisfaction = async () =>
      (
        (
          await service.gql(
            `query($p: String!) { kpis(center: "c1", period: $p, groupBy: WINDOW) { key ratings satisfactionRate } }`,
            { p: month },
            leader(),
          )
        ).data!.kpis as Array<{ key: string; ratings: number; satisfactionRate: number }>
      ).find((r) => r.key === 'civil-affairs')!;
    const before = await eventually(async () => {
      const row = await satisfaction();
      expect(row.ratings).toBeGreaterThanOrEqual(3);
      return row;
    });
    expect(
      (
        await run(
          'appealRating',
          'AppealRatingInput',
          { ratingId: rating.id, grounds: '申请人误点' },
          service.token('staff', 'staff-z', { center: 'c1', window: 'civil-affairs' }),
        )
      ).errors![0].extensions!.code,
    ).toBe('AUTH.FORBIDDEN');
    expect(
      (await run('appealRating', 'AppealRatingInput', { ratingId: rating.id, grounds: '申请人误点' }, staff())).data!.appealRating.rating
        .appeal,
    ).toEqual({ status: 'PENDING' });
    expect(
      (
        await run(
          'decideRatingAppeal',
          'DecideRatingAppealInput',
          { ratingId: rating.id, setAside: true, reason: '经复核系误评' },
          leader(),
        )
      ).errors![0].extensions!.code,
    ).toBe('AUTH.FORBIDDEN');
    const decided = (
      await run(
        'decideRatingAppeal',
        'DecideRatingAppealInput',
        { ratingId: rating.id, setAside: true, reason: '经复核系误评' },
        oversight(),
      )
    ).data!.decideRatingAppeal.rating;
    expect(decided).toMatchObject({ setAside: true, appeal: { status: 'SET_ASIDE' }, level: 5 });
    await eventually(async () => expect((await satisfaction()).ratings).toBe(before.ratings - 1));
    const listed = await service.gql(
      `{ ratings(center: "c1", badOnly: true) { totalCount edges { node { id setAside } } } }`,
      {},
      leader(),
    );
    expect(listed.data!.ratings.edges.map((e: { node: unknown }) => e.node)).toContainEqual({ id: rating.id, setAside: true });
  });

  it('does not invite a completion entered after the fact to rate (paper records, simulated history)', async () => {
    // The invitation itself, 3 days after a completion recorded as it happened, is tested on a fixed clock in
    // test/core/follow-up-watcher.test.ts: the service here runs on the real clock.
    const ago = (days: number) => ({ occurredAt: new Date(Date.now() - days * 86_400_000).toISOString(), backfillReason: '纸质台账补录' });
    const c = (
      await run('submitCase', 'SubmitCaseInput', { itemCode: 'MZ-DB-001', applicant, ...ago(6) }, staff(), 'case { id receiptNo }')
    ).data!.submitCase.case;
    await run('acceptCase', 'AcceptCaseInput', { caseId: c.id, ...ago(6) }, staff(), 'position');
    expect(
      (await run('completeCase', 'CompleteCaseInput', { caseId: c.id, outcome: 'APPROVED', ...ago(4) }, staff(), 'position')).errors,
    ).toBeUndefined();
    await service.projectionsCaughtUp();
    // Each start runs the watcher; each stop waits for a run in progress: after two, one run has seen the case.
    await service.restart();
    await service.restart();
    const progress = await service.gql(
      `query($r: String!) { caseProgress(receiptNo: $r, idNumberLast6: "31002X") { invitedToRate } }`,
      { r: c.receiptNo },
      citizen(),
    );
    expect(progress.data!.caseProgress.invitedToRate).toBe(false);
  });
});
