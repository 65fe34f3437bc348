import { randomUUID } from 'node:crypto';
import { eventually } from '../support/eventually';
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

    // Health was asked for advice only: the case completes without it.
    const completed = await ok('completeCase', { caseId, outcome: 'APPROVED' }, lead());
    expect(completed.status).toBe('COMPLETED');
    const types = completed.history.map((h: { type: string }) => h.type);
    expect(types).toEqual(
      expect.arrayContaining(['ParticipantsNotified', 'OpinionRecorded', 'ReviewSuspended', 'ReviewResumed', 'CaseCompleted']),
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

  it('completes without the opinions owed only when the center leader waives them, with a reason', async () => {
    const { id: caseId } = await opened();
    expect(code(await run('waiveOpinions', { caseId, reason: '逾期未复' }, lead()))).toBe('AUTH.FORBIDDEN');
    const waived = await ok('waiveOpinions', { caseId, reason: '逾期未复，经中心主任同意先行办结' }, leader());
    expect(waived.participants.map((p: { state: string }) => p.state)).toEqual(['WAIVED', 'WAIVED', 'ON_TRACK']);
    expect((await ok('completeCase', { caseId, outcome: 'APPROVED' }, lead())).status).toBe('COMPLETED');
  });

  it('red-cards the reviews that passed their due date, by the watcher, each on its own', async () => {
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
  });
});
