import { randomUUID } from 'node:crypto';
import { eventually } from '../support/eventually';
import { TestService } from '../support/service';

const TIME_LIMIT = `timeLimit { state dueDate originalDueDate clockStartBasis workingDaysUsed workingDaysRemaining suspended
  suspensions { reason detail from to workingDaysLeftOut } extensions { workingDays previousDueDate dueDate } pendingExtension { workingDays }
  urgings { periodWorkingDays periodEndsOn } }`;
const m = (name: string, type: string) =>
  `mutation($input: ${type}!) { ${name}(input: $input) { case { id status ${TIME_LIMIT} history { type actor { id role } } } } }`;
const applicant = { name: '张三', idNumber: '11010519491231002X' };
const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();

describe('statutory clock over GraphQL (end to end)', () => {
  const service = new TestService({ CASETRAIL_DEADLINE_CHECK_SECONDS: '1' });
  const leader = () => service.token('center_leader', 'leader-1', { center: 'c1' });
  beforeAll(() => service.start());
  afterAll(async () => {
    await service.stop();
    await service.cleanup();
  });

  const act = (name: string, type: string, input: Record<string, unknown>, token?: string) =>
    service.ok(m(name, type), { input: { commandId: randomUUID(), ...input } }, token);
  const opened = async (itemCode = 'MZ-DB-001') => {
    const caseId = (await act('submitCase', 'SubmitCaseInput', { itemCode, applicant })).case.id;
    await act('acceptCase', 'AcceptCaseInput', { caseId });
    return caseId;
  };

  it('suspends and resumes the clock, recording each suspension', async () => {
    const caseId = await opened();
    const suspended = (await act('suspendCase', 'SuspendCaseInput', { caseId, reason: 'STATUTORY_PROCEDURE', detail: 'expert_review' }))
      .case;
    expect(suspended.timeLimit).toMatchObject({
      state: 'SUSPENDED',
      suspended: true,
      suspensions: [{ reason: 'STATUTORY_PROCEDURE', detail: 'expert_review', to: null }],
    });
    const resumed = (await act('resumeCase', 'ResumeCaseInput', { caseId })).case;
    expect(resumed.timeLimit).toMatchObject({ state: 'ON_TRACK', suspended: false, suspensions: [{ workingDaysLeftOut: 0 }] });
    expect(resumed.timeLimit.dueDate).toBe(resumed.timeLimit.originalDueDate);
    const bad = await service.gql(m('suspendCase', 'SuspendCaseInput'), {
      input: { commandId: randomUUID(), caseId, reason: 'STATUTORY_PROCEDURE', detail: 'lunch' },
    });
    expect(bad.errors![0].extensions!.code).toBe('VALIDATION.FAILED');
  });

  it('extends only with a center leader’s approval, and records the new due date', async () => {
    const caseId = await opened();
    const requested = (await act('requestExtension', 'RequestExtensionInput', { caseId, workingDays: 3, reason: '需现场核查' })).case;
    expect(requested.timeLimit.pendingExtension).toEqual({ workingDays: 3 });
    const byStaff = await service.gql(m('approveExtension', 'DecideExtensionInput'), {
      input: { commandId: randomUUID(), caseId, reason: '同意' },
    });
    expect(byStaff.errors![0].extensions).toMatchObject({ code: 'AUTH.FORBIDDEN' });
    const approved = (await act('approveExtension', 'DecideExtensionInput', { caseId, reason: '同意延期' }, leader())).case;
    expect(approved.timeLimit.extensions).toEqual([
      { workingDays: 3, previousDueDate: requested.timeLimit.dueDate, dueDate: approved.timeLimit.dueDate },
    ]);
    expect(approved.timeLimit.dueDate > requested.timeLimit.dueDate).toBe(true);
    expect(approved.history.at(-1)).toEqual({ type: 'ExtensionApproved', actor: { id: 'leader-1', role: 'center_leader' } });
    const tooMuch = await service.gql(m('requestExtension', 'RequestExtensionInput'), {
      input: { commandId: randomUUID(), caseId, workingDays: 8, reason: 'x' },
    });
    expect(tooMuch.errors![0].extensions!.code).toBe('CASE.EXTENSION_LIMIT');
  });

  it('lets a leader urge a case with a period', async () => {
    const caseId = await opened();
    const urged = (await act('urgeCase', 'UrgeCaseInput', { caseId, note: '请加快办理', periodWorkingDays: 2 }, leader())).case;
    expect(urged.timeLimit.urgings).toEqual([{ periodWorkingDays: 2, periodEndsOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) }]);
  });

  it('the deadline watcher marks a backfilled case overdue, and deadlines list it', async () => {
    // Entered from paper: received and accepted 40 days ago, for an item promised in 3 working days.
    const socialSecurity = service.token('staff', 'staff-s', { center: 'c1', window: 'social-security' });
    const submitted = await act(
      'submitCase',
      'SubmitCaseInput',
      { itemCode: 'RS-YL-001', applicant, occurredAt: hoursAgo(961), backfillReason: '纸质台账补录' },
      socialSecurity,
    );
    const caseId = submitted.case.id;
    await act('acceptCase', 'AcceptCaseInput', { caseId, occurredAt: hoursAgo(960), backfillReason: '纸质台账补录' }, socialSecurity);
    const overdue = await eventually(
      async () => {
        const res = await service.gql(
          `query($id: ID!) { case(id: $id) { ${TIME_LIMIT} history { type actor { id role } } } }`,
          { id: caseId },
          socialSecurity,
        );
        expect(res.data!.case.timeLimit.state).toBe('OVERDUE');
        return res.data!.case;
      },
      { timeoutMs: 15_000, intervalMs: 200 },
    );
    expect(overdue.timeLimit.workingDaysRemaining).toBeLessThan(0);
    expect(overdue.history.at(-1)).toEqual({ type: 'DeadlineBreached', actor: { id: 'deadline-watcher', role: 'system' } });
    await eventually(async () => {
      const list = await service.gql(
        `{ deadlines(filter: { state: OVERDUE }, first: 50) { totalCount edges { node { id } } } deadlineCounts(center: "c1") { window state count } }`,
        {},
        leader(),
      );
      expect(list.data!.deadlines.edges.map((e: { node: { id: string } }) => e.node.id)).toContain(caseId);
      expect(list.data!.deadlineCounts).toContainEqual({ window: 'social-security', state: 'OVERDUE', count: 1 });
    });
  });

  it('deadlines and deadlineCounts show running clocks; finished cases only when asked', async () => {
    const running = await opened();
    const finished = await opened();
    await act('completeCase', 'CompleteCaseInput', { caseId: finished, outcome: 'APPROVED' });
    await service.projectionsCaughtUp();
    const ids = async (filter: Record<string, unknown>) =>
      (
        await service.gql(
          `query($f: DeadlineFilter) { deadlines(filter: $f, first: 100) { edges { node { id } } } }`,
          { f: filter },
          leader(),
        )
      ).data!.deadlines.edges.map((e: { node: { id: string } }) => e.node.id);
    expect(await ids({ center: 'c1' })).toContain(running);
    expect(await ids({ center: 'c1' })).not.toContain(finished);
    expect(await ids({ center: 'c1', includeFinished: true })).toEqual(expect.arrayContaining([running, finished]));
    expect(await ids({ center: 'c1', state: 'COMPLETED_ON_TIME' })).toContain(finished);
    const counts = async (includeFinished: boolean) =>
      (
        await service.gql(
          `query($i: Boolean) { deadlineCounts(center: "c1", includeFinished: $i) { state } }`,
          { i: includeFinished },
          leader(),
        )
      ).data!.deadlineCounts.map((c: { state: string }) => c.state);
    expect(await counts(false)).not.toContain('COMPLETED_ON_TIME');
    expect(await counts(true)).toContain('COMPLETED_ON_TIME');
  });

  describe('rules from the catalog, published by an admin', () => {
    const admin = () => service.token('admin', 'admin-1');
    const publish = (item: Record<string, unknown>) =>
      service.ok(
        `mutation($input: PublishServiceItemInput!) { publishServiceItem(input: $input) { item { code acceptanceDays { from to } supplementDeadline { days unit } stepRules { step limitWorkingDays minimumDays } } } }`,
        {
          input: {
            commandId: randomUUID(),
            item: { name: '测试事项', department: '民政', window: 'civil-affairs', kind: 'PROMISED', promisedLimit: 20, fee: '0', ...item },
          },
        },
        admin(),
      );
    const todayInChina = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

    it('acceptance days: a submission on another day is refused with the next acceptance day, and no receipt number is used', async () => {
      const dom = Number(todayInChina().slice(8, 10));
      const day = ((dom + 1) % 28) + 1; // neither today nor tomorrow, should the test run across midnight
      const published = await publish({ code: 'T-ACC', acceptanceDays: { from: day, to: day } });
      expect(published.item.acceptanceDays).toEqual({ from: day, to: day });
      const head = await service.logHead();
      const refused = await service.gql(m('submitCase', 'SubmitCaseInput'), {
        input: { commandId: randomUUID(), itemCode: 'T-ACC', applicant },
      });
      expect(refused.errors![0].extensions).toMatchObject({
        code: 'CASE.OUTSIDE_ACCEPTANCE_DAYS',
        details: { acceptanceDays: { from: day, to: day }, nextAcceptanceDay: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) },
      });
      expect(Number((refused.errors![0].extensions!.details as { nextAcceptanceDay: string }).nextAcceptanceDay.slice(8, 10))).toBe(day);
      expect(await service.logHead()).toBe(head);
    });

    it("the applicant's 补正期限 and the public-notice period are shown and kept", async () => {
      const published = await publish({
        code: 'T-SUP',
        steps: ['初审', '公示', '审批'],
        supplementDeadline: { days: 10 },
        stepRules: [
          { step: '公示', minimumDays: 7 },
          { step: '初审', limitWorkingDays: 2 },
        ],
      });
      expect(published.item).toMatchObject({
        supplementDeadline: { days: 10, unit: 'WORKING_DAYS' },
        stepRules: [
          { step: '初审', limitWorkingDays: 2, minimumDays: null },
          { step: '公示', limitWorkingDays: null, minimumDays: 7 },
        ],
      });
      const caseId = (await act('submitCase', 'SubmitCaseInput', { itemCode: 'T-SUP', applicant })).case.id;
      const noticed = await service.ok(
        `mutation($input: RequestSupplementInput!) { requestSupplement(input: $input) { case { status applicantDue } } }`,
        {
          input: { commandId: randomUUID(), caseId, missingMaterials: ['户口簿'] },
        },
      );
      expect(noticed.case).toEqual({ status: 'AWAITING_SUPPLEMENT', applicantDue: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
      await act('receiveSupplement', 'ReceiveSupplementInput', { caseId, materials: ['户口簿'] });
      await act('acceptCase', 'AcceptCaseInput', { caseId });
      await act('recordStep', 'RecordStepInput', { caseId, step: '初审', opinion: '属实' });
      const early = await service.gql(m('recordStep', 'RecordStepInput'), {
        input: { commandId: randomUUID(), caseId, step: '公示', opinion: '公示无异议' },
      });
      expect(early.errors![0].extensions).toMatchObject({ code: 'CASE.STEP_TOO_EARLY', details: { step: '公示', minimumDays: 7 } });
      const c = (
        await service.gql(`query($id: ID!) { case(id: $id) { timeLimit { runningStep runningStepSince stepsOverdue } } }`, { id: caseId })
      ).data!.case;
      expect(c.timeLimit).toEqual({
        runningStep: '公示',
        runningStepSince: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
        stepsOverdue: [],
      });
    });

    it('a completed case refuses to move its clock', async () => {
      const caseId = await opened();
      await act('completeCase', 'CompleteCaseInput', { caseId, outcome: 'APPROVED' });
      const head = await service.logHead();
      for (const [name, type, input, token] of [
        ['suspendCase', 'SuspendCaseInput', { reason: 'APPLICANT_REQUEST' }, undefined],
        ['resumeCase', 'ResumeCaseInput', {}, undefined],
        ['requestExtension', 'RequestExtensionInput', { workingDays: 1, reason: 'x' }, undefined],
        ['urgeCase', 'UrgeCaseInput', { note: '催办', periodWorkingDays: 1 }, leader()],
      ] as const) {
        const res = await service.gql(m(name, type), { input: { commandId: randomUUID(), caseId, ...input } }, token);
        expect([name, res.errors?.[0].extensions?.code]).toEqual([name, 'CASE.CLOSED']);
      }
      expect(await service.logHead()).toBe(head);
    });
  });
});
