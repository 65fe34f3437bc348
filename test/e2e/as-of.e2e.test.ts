import { randomUUID } from 'node:crypto';
import { eventually } from '../support/eventually';
import { TestService } from '../support/service';

const applicant = { name: '张三', idNumber: '11010519491231002X' };
const CASE = `id status handler window acceptedAt completedAt outcome
  timeLimit { dueDate state workingDaysUsed workingDaysRemaining suspended urgings { periodEndsOn } }
  history { position type }`;
const SHEET = 'base deductions bonuses restored total grade stars ruleVersion lines { id code points source appeal { status reason } }';
const daysAgo = (d: number) => new Date(Date.now() - d * 86_400_000).toISOString();

/**
 * SPEC §10: any view as it stood at a past moment. While traffic flows, the live answers are recorded
 * with the instant they were given; afterwards, the same questions asked "as of" those instants must
 * give exactly the same answers.
 */
describe('as of a moment: case, deadlines and their counts, score sheets, the scoreboard and KPIs (end to end)', () => {
  // The deadline watcher runs only at start-up here, so that nothing but the test writes between an
  // instant and the live answer recorded for it.
  const service = new TestService({ CASETRAIL_DEADLINE_CHECK_SECONDS: '3600' });
  beforeAll(() => service.start());
  afterAll(async () => {
    await service.stop();
    await service.cleanup();
  });

  const staff = () => service.token();
  const leader = () => service.token('center_leader', 'leader-1', { center: 'c1' });
  const oversight = () => service.token('oversight', 'inspector-1', { centers: ['c1'] });
  const SELECT: Record<string, string> = {
    submitCase: 'case { id }',
    recordConduct: 'lineId',
    appealConduct: 'lineId',
    decideConductAppeal: 'lineId',
    fileComplaint: 'complaint { id }',
    recordComplaintFinding: 'complaint { id }',
    rateService: 'rating { id }',
  };
  const run = async (name: string, type: string, input: Record<string, unknown>, token = staff()) => {
    const res = await service.gql(
      `mutation($input: ${type}!) { ${name}(input: $input) { ${SELECT[name] ?? 'position'} } }`,
      { input: { commandId: randomUUID(), ...input } },
      token,
    );
    if (res.errors) throw new Error(`${name}: ${JSON.stringify(res.errors)}`);
    return res.data![name];
  };
  const submit = async (extra: Record<string, unknown> = {}) =>
    (
      await run('submitCase', 'SubmitCaseInput', {
        itemCode: 'MZ-DB-001',
        applicant,
        materials: ['书面申请', '户口簿', '身份证'],
        ...extra,
      })
    ).case.id as string;
  const caseAt = async (id: string, asOf: string | null) => {
    const res = await service.gql(
      `query($id: ID!, $asOf: DateTime) { case(id: $id, asOf: $asOf) { asOf ${CASE} } }`,
      { id, asOf },
      leader(),
    );
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    const { asOf: _shownAsOf, ...rest } = res.data!.case;
    return rest;
  };
  const deadlinesAt = async (asOf: string | null, state: string | null = null) => {
    const nodes: unknown[] = [];
    let after: string | null = null;
    do {
      const res: { data?: Record<string, any>; errors?: unknown[] } = await service.gql(
        `query($asOf: DateTime, $after: String, $state: TimeLimitState) { deadlines(filter: { center: "c1", state: $state }, first: 3, after: $after, asOf: $asOf) { totalCount pageInfo { hasNextPage endCursor } edges { node { ${CASE} } } } }`,
        { asOf, after, state },
        leader(),
      );
      if (res.errors) throw new Error(JSON.stringify(res.errors));
      const page: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string }; edges: Array<{ node: unknown }> } =
        res.data!.deadlines;
      nodes.push(...page.edges.map((e: { node: unknown }) => e.node));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
      if (!after) nodes.push({ totalCount: page.totalCount });
    } while (after);
    return nodes;
  };
  const countsAt = async (asOf: string | null) => {
    const res = await service.gql(
      'query($asOf: DateTime) { running: deadlineCounts(center: "c1", asOf: $asOf) { window state count } all: deadlineCounts(center: "c1", includeFinished: true, asOf: $asOf) { window state count } }',
      { asOf },
      leader(),
    );
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data;
  };
  const month = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);
  const KPI =
    'key received accepted completed completionRate onTimeRate overdue openWarnings averageWorkingDaysUsed averagePromisedWorkingDays ratings satisfactionRate complaints validComplaints';
  const sheetsAt = async (asOf: string | null) => {
    const res = await service.gql(
      `query($p: String!, $asOf: DateTime) {
        mine: scoreSheet(staffId: "staff-a", center: "c1", period: $p, asOf: $asOf) { ${SHEET} }
        window: windowScoreSheet(center: "c1", window: "civil-affairs", period: $p, asOf: $asOf) { ${SHEET} }
        byWindow: kpis(center: "c1", period: $p, groupBy: WINDOW, asOf: $asOf) { ${KPI} }
        byStaff: kpis(center: "c1", period: $p, groupBy: STAFF, asOf: $asOf) { ${KPI} }
        board: scoreboard(center: "c1", period: $p, asOf: $asOf) { ruleVersion windows { subject total rank redFlag excellent } staff { subject total rank excellent } } }`,
      { p: month, asOf },
      leader(),
    );
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data;
  };

  const cases: string[] = [];
  const seen: Array<{ at: string; cases: unknown[]; deadlines: unknown[]; overdue: unknown[]; counts: unknown; sheets: unknown }> = [];
  /** What a supervisor sees now, once the read models have applied everything recorded. */
  const look = async () => {
    await service.projectionsCaughtUp();
    await new Promise((r) => setTimeout(r, 5)); // the instant falls strictly after the last event's recording time
    const at = new Date().toISOString();
    seen.push({
      at,
      cases: await Promise.all(cases.map((id) => caseAt(id, null))),
      deadlines: await deadlinesAt(null),
      overdue: await deadlinesAt(null, 'OVERDUE'),
      counts: await countsAt(null),
      sheets: await sheetsAt(null),
    });
  };

  it('answers as of every recorded instant exactly as it answered live then', async () => {
    cases.push(await submit(), await submit());
    await look();
    await run('acceptCase', 'AcceptCaseInput', { caseId: cases[0] });
    await run('acceptCase', 'AcceptCaseInput', { caseId: cases[1] });
    await look();
    // A paper case entered 40 days late: overdue once the watcher has looked.
    cases.push(await submit({ occurredAt: daysAgo(40), backfillReason: '纸质台账补录' }));
    await run('acceptCase', 'AcceptCaseInput', { caseId: cases[2], occurredAt: daysAgo(40), backfillReason: '纸质台账补录' });
    await look();
    await service.restart(); // the watcher's start-up run records the red card
    await eventually(async () => expect((await caseAt(cases[2], null)).timeLimit.state).toBe('OVERDUE'));
    await look();
    await run('recordStep', 'RecordStepInput', { caseId: cases[0], step: '村委会初审', action: 'PASS', opinion: '属实' });
    await run('suspendCase', 'SuspendCaseInput', { caseId: cases[1], reason: 'APPLICANT_REQUEST', detail: '申请人要求暂缓' });
    await run('urgeCase', 'UrgeCaseInput', { caseId: cases[2], note: '尽快办结', periodWorkingDays: 3 }, leader());
    await look();
    await run('completeCase', 'CompleteCaseInput', { caseId: cases[0], outcome: 'APPROVED' });
    await run('resumeCase', 'ResumeCaseInput', { caseId: cases[1] });
    cases.push(await submit());
    const { lineId } = await run(
      'recordConduct',
      'RecordConductInput',
      { staffId: 'staff-a', window: 'civil-affairs', code: 'D02', evidence: '考勤记录：迟到' },
      leader(),
    );
    await look();
    // The late paper case completes (D06), and the recorded line is appealed, then upheld.
    await run('completeCase', 'CompleteCaseInput', { caseId: cases[2], outcome: 'APPROVED' });
    await run('appealConduct', 'AppealConductInput', { lineId, grounds: '当日外出办事，有派车单' });
    const complaint = await run(
      'fileComplaint',
      'FileComplaintInput',
      {
        center: 'c1',
        channel: 'PHONE',
        about: { staffId: 'staff-a', window: 'civil-affairs' },
        complainant: { name: '李四' },
        matter: '窗口无人',
      },
      leader(),
    );
    const { receiptNo } = (await service.gql('query($id: ID!) { case(id: $id) { receiptNo } }', { id: cases[0] }, leader())).data!.case;
    const answers = ['overall', 'efficiency', 'competence', 'attitude'].map((question) => ({ question, level: 4 }));
    await run(
      'rateService',
      'RateServiceInput',
      { receiptNo, idNumberLast6: '31002X', channel: 'ONSITE', stage: 'COMPLETION', level: 4, answers },
      service.token('applicant', 'citizen-1', {}),
    );
    await look();
    await run('decideConductAppeal', 'DecideConductAppealInput', { lineId, upheld: true, reason: '核实属实' }, oversight());
    await run(
      'recordComplaintFinding',
      'RecordComplaintFindingInput',
      { complaintId: complaint.complaint.id, valid: true, cause: 'EMPTY_POST', findings: '经查属实' },
      leader(),
    );
    await look();

    expect(seen).toHaveLength(8);
    for (const { at, cases: live, deadlines, overdue, counts, sheets } of seen) {
      expect([at, await sheetsAt(at)]).toEqual([at, sheets]);
      const then = await Promise.all(cases.map((id) => caseAt(id, at).catch(() => null)));
      // A case not yet submitted at that instant did not exist then.
      expect([at, then.filter((c) => c !== null)]).toEqual([at, live]);
      expect([at, await deadlinesAt(at)]).toEqual([at, deadlines]);
      expect([at, await deadlinesAt(at, 'OVERDUE')]).toEqual([at, overdue]);
      expect([at, await countsAt(at)]).toEqual([at, counts]);
    }
    // The views did change over time (the comparison is not of identical snapshots).
    expect(new Set(seen.map((s) => JSON.stringify(s.deadlines))).size).toBeGreaterThanOrEqual(5);
    expect(new Set(seen.map((s) => JSON.stringify(s.sheets))).size).toBeGreaterThanOrEqual(4);
    expect(new Set(seen.map((s) => JSON.stringify(s.counts))).size).toBeGreaterThanOrEqual(4);
  }, 90_000);
});
