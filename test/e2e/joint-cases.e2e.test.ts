import { randomUUID } from 'node:crypto';
import { addDays, localDateOf } from '../../src/core/dates';
import { buildCalendar } from '../../src/modules/time-limits/official-calendar';
import { eventually } from '../support/eventually';
import { subscribe } from '../support/live-client';
import { TestService } from '../support/service';

const REVIEWS = `participants { window department reviewLimit required notifiedOn dueDate state workingDaysUsed workingDaysRemaining
  suspensions { reason detail from to } opinion { opinion reasons conditions by late workingDaysOver } }`;
const CASE = `case { id status ${REVIEWS} history { type summary } }`;
const applicant = { name: '张三', idNumber: '11010519491231002X' };
const daysAgo = (d: number) => new Date(Date.now() - d * 86_400_000).toISOString();

/**
 * 联办件 over the API: the demo's 企业开办 (lead: enterprise-services) goes to social security and
 * medical insurance for their opinions, and to health for advice only.
 */
describe('joint cases (联办件) end to end', () => {
  const service = new TestService({ CASETRAIL_DEADLINE_CHECK_SECONDS: '1' });
  beforeAll(() => service.start());
  afterAll(async () => {
    await service.stop();
    await service.cleanup();
  });

  const staffOf = (window: string) => service.token('staff', `${window}-a`, { center: 'c1', window });
  const lead = () => staffOf('enterprise-services');
  const leader = () => service.token('center_leader', 'leader-1', { center: 'c1' });
  const run = (name: string, input: Record<string, unknown>, token: string) =>
    service.gql(
      `mutation($input: ${name[0].toUpperCase()}${name.slice(1)}Input!) { ${name}(input: $input) { ${CASE} } }`,
      {
        input: { commandId: randomUUID(), ...input },
      },
      token,
    );
  const ok = async (name: string, input: Record<string, unknown>, token: string) => {
    const res = await run(name, input, token);
    if (res.errors) throw new Error(`${name}: ${JSON.stringify(res.errors)}`);
    return res.data![name].case;
  };
  const code = (res: { errors?: Array<{ extensions?: Record<string, unknown> }> }) => res.errors?.[0]?.extensions?.code;
  const opened = async (time: Record<string, unknown> = {}) => {
    const { id } = await ok('submitCase', { itemCode: 'SC-KB-001', applicant, ...time }, lead());
    return ok('acceptCase', { caseId: id, ...time }, lead());
  };

  it('tells the participants on acceptance, lets each give its opinion once, and completes when the required ones are in', async () => {
    const accepted = await opened();
    expect(accepted.participants.map((p: { window: string; required: boolean; state: string }) => [p.window, p.required, p.state])).toEqual(
      [
        ['social-security', true, 'ON_TRACK'],
        ['medical-insurance', true, 'ON_TRACK'],
        ['health-family', false, 'ON_TRACK'],
      ],
    );
    const caseId = accepted.id;
    const early = await run('completeCase', { caseId, outcome: 'APPROVED' }, lead());
    expect(early.errors![0].extensions).toMatchObject({
      code: 'CASE.OPINIONS_OUTSTANDING',
      details: { windows: ['social-security', 'medical-insurance'] },
    });

    // Only the participants' own staff give opinions: not the lead, not another window.
    expect(code(await run('recordOpinion', { caseId, opinion: 'AGREE' }, lead()))).toBe('AUTH.FORBIDDEN');
    expect(code(await run('recordOpinion', { caseId, opinion: 'AGREE' }, staffOf('forestry')))).toBe('AUTH.FORBIDDEN');
    const agreed = await ok('recordOpinion', { caseId, opinion: 'AGREE' }, staffOf('social-security'));
    expect(agreed.participants[0]).toMatchObject({
      state: 'ANSWERED_ON_TIME',
      opinion: { opinion: 'AGREE', by: 'social-security-a', late: false },
    });
    expect(code(await run('recordOpinion', { caseId, opinion: 'DISAGREE', reasons: '再议' }, staffOf('social-security')))).toBe(
      'CASE.OPINION_ALREADY_RECORDED',
    );

    // Medical insurance stops its own review for an expert review, then gives a conditional opinion.
    const suspended = await ok(
      'suspendReview',
      { caseId, reason: 'STATUTORY_PROCEDURE', detail: 'expert_review' },
      staffOf('medical-insurance'),
    );
    expect(suspended.participants[1]).toMatchObject({ state: 'SUSPENDED', suspensions: [{ reason: 'STATUTORY_PROCEDURE', to: null }] });
    await ok('resumeReview', { caseId }, staffOf('medical-insurance'));
    const conditional = await ok(
      'recordOpinion',
      { caseId, opinion: 'CONDITIONAL', conditions: ['补交参保人员名单'] },
      staffOf('medical-insurance'),
    );
    expect(conditional.participants[1].opinion).toMatchObject({ opinion: 'CONDITIONAL', conditions: ['补交参保人员名单'] });

    // A joint review meeting, recorded by the lead with who attended and the minutes; not by a participant.
    const meeting = {
      caseId,
      kind: 'MEETING',
      attendees: [
        { name: '王科长', unit: '人力社保' },
        { name: '李科长', unit: '医疗保障' },
      ],
      minutes: '各部门意见一致，同意办理',
    };
    expect(code(await run('recordJointReview', meeting, staffOf('social-security')))).toBe('AUTH.FORBIDDEN');
    await ok('recordJointReview', meeting, lead());

    // Health was asked for advice only: the case completes without it.
    const completed = await ok('completeCase', { caseId, outcome: 'APPROVED' }, lead());
    expect(completed.status).toBe('COMPLETED');
    const types = completed.history.map((h: { type: string }) => h.type);
    expect(types).toEqual(
      expect.arrayContaining([
        'ParticipantsNotified',
        'OpinionRecorded',
        'ReviewSuspended',
        'ReviewResumed',
        'JointReviewHeld',
        'CaseCompleted',
      ]),
    );
    const notice = completed.history.find((h: { type: string }) => h.type === 'ParticipantsNotified');
    expect(notice.summary).toContain('抄告相关单位并联审查：人力社保（social-security，2 个工作日');
  });

  it('lets the participants read the case they review, and nobody else outside the lead window', async () => {
    const { id } = await opened();
    const read = (token: string) => service.gql('query($id: ID!) { case(id: $id) { id participants { window } } }', { id }, token);
    expect((await read(staffOf('medical-insurance'))).data!.case.id).toBe(id);
    expect(code(await read(staffOf('forestry')))).toBe('AUTH.FORBIDDEN');
    // A participant's list of cases stays its own window's: the joint case is not among them.
    const listed = await service.gql('{ cases(first: 100) { edges { node { id } } } }', {}, staffOf('medical-insurance'));
    expect(listed.data!.cases.edges.map((e: { node: { id: string } }) => e.node.id)).not.toContain(id);
  });

  it('lists the reviews waiting on a window, soonest due first, to its staff and the center leader', async () => {
    const { id } = await opened();
    const list = async (token: string, args = '') =>
      (
        await service.gql(
          `{ participantReviews${args} { totalCount edges { node { caseId window leadWindow state required } } } }`,
          {},
          token,
        )
      ).data!.participantReviews;
    await eventually(async () =>
      expect((await list(staffOf('medical-insurance'))).edges.map((e: { node: unknown }) => e.node)).toContainEqual({
        caseId: id,
        window: 'medical-insurance',
        leadWindow: 'enterprise-services',
        state: 'ON_TRACK',
        required: true,
      }),
    );
    // A staff member sees their own window's reviews only; another window's staff, none of this case's.
    const own = await list(staffOf('medical-insurance'));
    expect(own.edges.every((e: { node: { window: string } }) => e.node.window === 'medical-insurance')).toBe(true);
    expect((await list(staffOf('forestry'))).edges.map((e: { node: { caseId: string } }) => e.node.caseId)).not.toContain(id);
    const all = await list(leader(), `(window: "social-security")`);
    expect(all.edges.map((e: { node: { caseId: string } }) => e.node.caseId)).toContain(id);
    // Once its opinion is given, a review no longer waits.
    await ok('recordOpinion', { caseId: id, opinion: 'AGREE' }, staffOf('medical-insurance'));
    await eventually(async () =>
      expect((await list(staffOf('medical-insurance'))).edges.map((e: { node: { caseId: string } }) => e.node.caseId)).not.toContain(id),
    );
    const answered = await list(staffOf('medical-insurance'), '(openOnly: false)');
    expect(answered.edges.find((e: { node: { caseId: string } }) => e.node.caseId === id).node.state).toBe('ANSWERED_ON_TIME');
  });

  it('completes without the opinions owed only when the center leader waives them, with a reason', async () => {
    const { id: caseId } = await opened();
    expect(code(await run('waiveOpinions', { caseId, reason: '逾期未复' }, lead()))).toBe('AUTH.FORBIDDEN');
    const waived = await ok('waiveOpinions', { caseId, reason: '逾期未复，经中心主任同意先行办结' }, leader());
    expect(waived.participants.map((p: { state: string }) => p.state)).toEqual(['WAIVED', 'WAIVED', 'ON_TRACK']);
    expect((await ok('completeCase', { caseId, outcome: 'APPROVED' }, lead())).status).toBe('COMPLETED');
  });

  it('red-cards the reviews that passed their due date, by the watcher, each on its own, and alerts the windows that owe them', async () => {
    // A participant's staff hear of their own window's review, not of another's, nor of the lead's clock.
    const alerts = subscribe<{ about: string; level: string; reviewWindow: string | null; caseId: string }>(
      service.baseUrl + '/graphql',
      staffOf('medical-insurance'),
      'subscription { deadlineAlerts(center: "c1") { about level reviewWindow caseId } }',
    );
    const backfilled = { occurredAt: daysAgo(9), backfillReason: '纸质台账补录' };
    const { id: caseId } = await opened(backfilled);
    await ok(
      'recordOpinion',
      { caseId, opinion: 'AGREE', occurredAt: daysAgo(8), backfillReason: '纸质台账补录' },
      staffOf('social-security'),
    );
    await eventually(
      async () => {
        const c = (await service.gql(`query($id: ID!) { case(id: $id) { ${REVIEWS} } }`, { id: caseId }, lead())).data!.case;
        expect(c.participants.map((p: { state: string }) => p.state)).toEqual(['ANSWERED_ON_TIME', 'OVERDUE', 'OVERDUE']);
        expect(c.participants[1].workingDaysRemaining).toBeLessThan(0);
      },
      { timeoutMs: 30_000 },
    );
    await eventually(() =>
      expect(alerts.received.filter((a) => a.caseId === caseId)).toEqual([
        { about: 'REVIEW', level: 'RED', reviewWindow: 'medical-insurance', caseId },
      ]),
    );
    await alerts.stop();
  });
});

/**
 * The scenario of the rulebooks: a joint case with three participants, each with 5 working days; one
 * answers 2 working days late, the case completes 1 working day late. The D06 goes to the department
 * whose review overran, with its evidence, and not to the lead, whose own part was on time. Entered after
 * the fact (November 2026, Monday 2 to Wednesday 11), with the watcher off so that only these events count.
 */
describe('a late joint case is charged where the delay was (end to end)', () => {
  const service = new TestService({ CASETRAIL_DEADLINE_CHECK_SECONDS: '0' });
  beforeAll(() => service.start());
  afterAll(async () => {
    await service.stop();
    await service.cleanup();
  });
  const staffOf = (window: string) => service.token('staff', `${window}-a`, { center: 'c1', window });
  const leader = () => service.token('center_leader', 'leader-1', { center: 'c1' });
  const on = (day: string) => ({ occurredAt: `2026-11-${day}T02:00:00.000Z`, backfillReason: '纸质台账补录' });
  const act = (name: string, input: Record<string, unknown>, token: string) =>
    service.ok(
      `mutation($input: ${name[0].toUpperCase()}${name.slice(1)}Input!) { ${name}(input: $input) { case { id } } }`,
      {
        input: { commandId: randomUUID(), ...input },
      },
      token,
    );
  const SHEET = 'total lines { code points staffId caseId note evidence { type } }';

  it("gives the overrunning department's reviewer the D06 with its evidence, and the lead none", async () => {
    const lead = staffOf('enterprise-services');
    // A joint item of 6 working days whose three participants have 5 each.
    const item = {
      code: 'JT-TEST-001',
      name: '建设项目并联审批（测试）',
      department: '市场监管',
      window: 'enterprise-services',
      kind: 'JOINT',
      promisedLimit: 6,
      fee: '0',
      participants: ['social-security', 'medical-insurance', 'health-family'].map((window, i) => ({
        window,
        department: ['人力社保', '医疗保障', '卫生健康'][i],
        reviewLimit: 5,
      })),
    };
    await service.ok(
      'mutation($input: PublishServiceItemInput!) { publishServiceItem(input: $input) { changed } }',
      { input: { commandId: randomUUID(), item } },
      service.token('admin', 'admin-1', { center: 'c1' }),
    );
    const caseId = (await act('submitCase', { itemCode: 'JT-TEST-001', applicant, ...on('02') }, lead)).case.id;
    // Accepted Monday 2 November: due Tuesday 10; each review is due Monday 9.
    await act('acceptCase', { caseId, ...on('02') }, lead);
    await act('recordOpinion', { caseId, opinion: 'AGREE', ...on('04') }, staffOf('medical-insurance'));
    await act('recordOpinion', { caseId, opinion: 'AGREE', ...on('05') }, staffOf('health-family'));
    // Social security answers on Wednesday 11: two working days past its due date; the case completes that day.
    await act(
      'recordOpinion',
      { caseId, opinion: 'CONDITIONAL', conditions: ['补交参保人员名单'], ...on('11') },
      staffOf('social-security'),
    );
    await act('completeCase', { caseId, outcome: 'APPROVED', ...on('11') }, lead);

    const c = (
      await service.gql(
        `query($id: ID!) { case(id: $id) { timeLimit { dueDate onTime } participants { window state opinion { late workingDaysOver } } history { type } } }`,
        { id: caseId },
        leader(),
      )
    ).data!.case;
    expect(c.timeLimit).toEqual({ dueDate: '2026-11-10', onTime: false });
    expect(c.participants.map((p: { window: string; state: string }) => [p.window, p.state])).toEqual([
      ['social-security', 'ANSWERED_LATE'],
      ['medical-insurance', 'ANSWERED_ON_TIME'],
      ['health-family', 'ANSWERED_ON_TIME'],
    ]);
    expect(c.participants[0].opinion).toEqual({ late: true, workingDaysOver: 2 });
    expect(c.history.filter((h: { type: string }) => h.type === 'OpinionRecorded')).toHaveLength(3);

    await service.projectionsCaughtUp();
    const sheet = async (query: string) => (await service.gql(query, {}, leader())).data!;
    const reviewer = (await sheet(`{ s: scoreSheet(staffId: "social-security-a", center: "c1", period: "2026-11") { ${SHEET} } }`)).s;
    const d06 = reviewer.lines.filter((l: { code: string; caseId: string }) => l.code === 'D06' && l.caseId === caseId);
    expect(d06).toHaveLength(1);
    expect(d06[0]).toMatchObject({ points: -5, staffId: 'social-security-a', note: expect.stringContaining('超过会签期限 2 个工作日') });
    expect(d06[0].evidence.map((e: { type: string }) => e.type)).toEqual(['ParticipantsNotified', 'OpinionRecorded', 'CaseCompleted']);
    const window = (await sheet(`{ s: windowScoreSheet(center: "c1", window: "social-security", period: "2026-11") { ${SHEET} } }`)).s;
    expect(window.lines.filter((l: { caseId: string }) => l.caseId === caseId)).toHaveLength(1);
    // The case is 1 working day late, the overrun 2: the delay was social security's, not the lead's.
    for (const query of [
      `{ s: scoreSheet(staffId: "enterprise-services-a", center: "c1", period: "2026-11") { ${SHEET} } }`,
      `{ s: windowScoreSheet(center: "c1", window: "enterprise-services", period: "2026-11") { ${SHEET} } }`,
      `{ s: scoreSheet(staffId: "medical-insurance-a", center: "c1", period: "2026-11") { ${SHEET} } }`,
    ])
      expect((await sheet(query)).s.lines.filter((l: { caseId: string }) => l.caseId === caseId)).toEqual([]);

    // The indicators count each review for its department: 人力社保 answered late, the others in time.
    const kpis = (
      await service.gql(
        '{ kpis(center: "c1", period: "2026-11", groupBy: DEPARTMENT) { key reviewsAnswered averageReviewWorkingDays lateReviews } }',
        {},
        leader(),
      )
    ).data!.kpis;
    expect(kpis.filter((k: { reviewsAnswered: number }) => k.reviewsAnswered > 0)).toEqual([
      { key: '人力社保', reviewsAnswered: 1, averageReviewWorkingDays: 7, lateReviews: 1 },
      { key: '医疗保障', reviewsAnswered: 1, averageReviewWorkingDays: 2, lateReviews: 0 },
      { key: '卫生健康', reviewsAnswered: 1, averageReviewWorkingDays: 3, lateReviews: 0 },
    ]);

    // The exchange records show each review as a step of its own.
    const records = (
      await service.gql('query($id: ID!) { exchangeRecords(caseId: $id) { steps { step action late } } }', { id: caseId }, leader())
    ).data!.exchangeRecords;
    expect(records.steps).toEqual([
      { step: '会签：医疗保障', action: '通过', late: false },
      { step: '会签：卫生健康', action: '通过', late: false },
      { step: '会签：人力社保', action: '其他', late: true },
    ]);
  });
});

/**
 * 上报件 / 代办件: the center's own time is at most 7 working days, its trips to the higher authority not
 * counted. Two cases of the demo's 收养登记 (escalated, 30 natural days promised, so not late overall),
 * entered after the fact with the watcher off, then looked at by the watcher when the service starts again: one kept 12
 * working days at the center draws the warning and the line; one kept 2 at the center and two weeks at the
 * authority draws neither.
 */
describe('an escalated case: the center’s own time, not the authority’s, is warned and charged (end to end)', () => {
  const calendar = buildCalendar();
  const today = localDateOf(new Date());
  /** The working day `n` working days before `day`. */
  const before = (day: string, n: number) => {
    let d = day;
    for (let left = n; left > 0;) {
      d = addDays(d, -1);
      if (calendar.isWorkingDay(d)) left--;
    }
    return d;
  };
  const service = new TestService({ CASETRAIL_DEADLINE_CHECK_SECONDS: '0' });
  beforeAll(() => service.start());
  afterAll(async () => {
    await service.stop();
    await service.cleanup();
  });
  const staff = () => service.token('staff', 'civil-affairs-a', { center: 'c1', window: 'civil-affairs' });
  const leader = () => service.token('center_leader', 'leader-1', { center: 'c1' });
  const on = (day: string) => ({ occurredAt: `${day}T02:00:00.000Z`, backfillReason: '纸质台账补录' });
  const act = (name: string, input: Record<string, unknown>) =>
    service.ok(
      `mutation($input: ${name[0].toUpperCase()}${name.slice(1)}Input!) { ${name}(input: $input) { case { id } } }`,
      {
        input: { commandId: randomUUID(), ...input },
      },
      staff(),
    );
  const escalated = async (accepted: string, sent: string, returned: string) => {
    const caseId = (await act('submitCase', { itemCode: 'MZ-SY-001', applicant, ...on(accepted) })).case.id as string;
    await act('acceptCase', { caseId, ...on(accepted) });
    await act('sendUp', {
      caseId,
      authority: '县民政局',
      transmittal: { formNo: `上报-${caseId.slice(0, 6)}`, materials: ['书面申请'] },
      ...on(sent),
    });
    await act('returnFromAuthority', { caseId, decision: '准予救助', formNo: '县民批〔2026〕1号', ...on(returned) });
    return caseId;
  };
  const code = (res: { errors?: Array<{ extensions?: Record<string, unknown> }> }) => res.errors?.[0]?.extensions?.code;
  const CASE = 'centerTime { workingDaysUsed limit state } escalations { authority sentOn returnedOn decision } history { type }';

  it('warns and charges the center for its own days past the limit, never for the days at the higher authority', async () => {
    const start = before(today, 15);
    const keptAtCenter = await escalated(start, before(today, 13), before(today, 10));
    const keptAbove = await escalated(start, before(today, 14), before(today, 1));
    expect(
      code(
        await service.gql(
          'mutation($input: RecordFeeInput!) { recordFee(input: $input) { position } }',
          { input: { commandId: randomUUID(), caseId: keptAbove, amount: 10, basis: '工本费' } },
          staff(),
        ),
      ),
    ).toBe('CASE.AGENCY_IS_FREE');

    service.setEnv({ CASETRAIL_DEADLINE_CHECK_SECONDS: '1' });
    await service.restart();
    const read = async (id: string) => (await service.gql(`query($id: ID!) { case(id: $id) { ${CASE} } }`, { id }, leader())).data!.case;
    await eventually(
      async () => expect((await read(keptAtCenter)).centerTime).toMatchObject({ state: 'EXCEEDED', limit: 7, workingDaysUsed: 12 }),
      {
        timeoutMs: 30_000,
      },
    );
    const above = await read(keptAbove);
    expect(above.centerTime).toEqual({ workingDaysUsed: 2, limit: 7, state: 'ON_TRACK' });
    expect(above.escalations).toEqual([
      { authority: '县民政局', sentOn: before(today, 14), returnedOn: before(today, 1), decision: '准予救助' },
    ]);
    expect(above.history.map((h: { type: string }) => h.type)).not.toContain('CenterTimeWarningIssued');
    expect(above.history.map((h: { type: string }) => h.type)).not.toContain('CenterTimeExceeded');

    await service.projectionsCaughtUp();
    const sheet = (
      await service.gql(
        `{ s: scoreSheet(staffId: "civil-affairs-a", center: "c1", period: "${today.slice(0, 7)}") { lines { code caseId note evidence { type } } } }`,
        {},
        leader(),
      )
    ).data!.s;
    const charged = sheet.lines.filter((l: { caseId: string }) => l.caseId === keptAtCenter);
    expect(charged).toEqual([
      {
        code: 'D06',
        caseId: keptAtCenter,
        note: expect.stringContaining('上级机关办理时间不计'),
        evidence: [{ type: 'CaseAccepted' }, { type: 'CaseSentUp' }, { type: 'CaseReturnedFromAuthority' }, { type: 'CenterTimeExceeded' }],
      },
    ]);
    expect(sheet.lines.filter((l: { caseId: string }) => l.caseId === keptAbove)).toEqual([]);
  });
});
