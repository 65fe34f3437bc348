import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { localDateOf } from '../../src/core/dates';
import { nextPeriodStart, periodOf } from '../../src/modules/scoring/domain/periods';
import { eventually } from '../support/eventually';
import { subscribe } from '../support/live-client';
import { TestService } from '../support/service';

const applicant = { name: '张三', idNumber: '11010519491231002X' };
const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();
const SHEET = `query($staff: String!, $period: String!) { scoreSheet(staffId: $staff, center: "c1", period: $period) {
  subject period ruleVersion base deductions bonuses restored total grade stars
  lines { id code name points occurredOn ruleVersion source staffId caseId note restores appeal { status grounds reason } evidence { stream position type } } } }`;

describe('efficiency scoring (效能考核) over GraphQL (end to end)', () => {
  const service = new TestService({ CASETRAIL_DEADLINE_CHECK_SECONDS: '1' });
  beforeAll(() => service.start());
  afterAll(async () => {
    await service.stop();
    await service.cleanup();
  });

  const month = periodOf(localDateOf(new Date()), 'month');
  const staff = (user: string) => service.token('staff', user, { center: 'c1', window: 'social-security' });
  const leader = () => service.token('center_leader', 'leader-1', { center: 'c1' });
  const oversight = () => service.token('oversight', 'inspector-1', { centers: ['c1'] });
  /** Case commands answer with the case; scoring commands with the line they concern. */
  const act = (name: string, type: string, input: Record<string, unknown>, token: string) =>
    service.gql(
      `mutation($input: ${type}!) { ${name}(input: $input) { ${/Conduct/.test(name) ? 'lineId' : 'case { id }'} } }`,
      { input: { commandId: randomUUID(), ...input } },
      token,
    );
  const sheetOf = async (user: string, period = month, token = leader()) => {
    const res = await service.gql(SHEET, { staff: user, period }, token);
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!.scoreSheet;
  };
  const history = async (caseId: string) =>
    (await service.gql(`query($id: ID!) { case(id: $id) { history { position type } } }`, { id: caseId }, leader())).data!.case
      .history as Array<{ position: string; type: string }>;

  let lateCase = '';

  it('an overdue case costs its handler 5 points (D06), with the case’s events as evidence', async () => {
    // Entered from paper: accepted 40 days ago for an item promised in 3 working days.
    const submitted = await act(
      'submitCase',
      'SubmitCaseInput',
      { itemCode: 'RS-YL-001', applicant, occurredAt: hoursAgo(961), backfillReason: '纸质台账补录' },
      staff('staff-late'),
    );
    lateCase = submitted.data!.submitCase.case.id;
    await act(
      'acceptCase',
      'AcceptCaseInput',
      { caseId: lateCase, occurredAt: hoursAgo(960), backfillReason: '纸质台账补录' },
      staff('staff-late'),
    );
    await eventually(async () => expect((await history(lateCase)).map((h) => h.type)).toContain('DeadlineBreached'), {
      timeoutMs: 15_000,
      intervalMs: 200,
    });
    expect(
      (await act('completeCase', 'CompleteCaseInput', { caseId: lateCase, outcome: 'APPROVED' }, staff('staff-late'))).errors,
    ).toBeUndefined();

    const sheet = await eventually(async () => {
      const s = await sheetOf('staff-late');
      expect(s.lines).toHaveLength(1);
      return s;
    });
    expect(sheet).toMatchObject({
      subject: 'staff-late',
      period: month,
      ruleVersion: 1,
      base: 100,
      deductions: -5,
      total: 95,
      grade: '合格',
    });
    const [line] = sheet.lines;
    expect(line).toMatchObject({
      id: `late-completion:${lateCase}`,
      code: 'D06',
      points: -5,
      ruleVersion: 1,
      source: 'AUTOMATIC',
      staffId: 'staff-late',
      caseId: lateCase,
    });
    const events = await history(lateCase);
    const byType = (type: string) => events.filter((e) => e.type === type).map((e) => e.position);
    expect(line.evidence.map((e: { position: string }) => e.position)).toEqual([
      ...byType('CaseAccepted'),
      ...byType('DeadlineBreached'),
      ...byType('CaseCompleted'),
    ]);
    expect(line.evidence.every((e: { stream: string }) => e.stream === `case-${lateCase}`)).toBe(true);
  });

  it('a second supplement notice costs 2 points (D10), with both notices as evidence', async () => {
    const caseId = (await act('submitCase', 'SubmitCaseInput', { itemCode: 'RS-YL-001', applicant }, staff('staff-notice'))).data!
      .submitCase.case.id;
    await act('requestSupplement', 'RequestSupplementInput', { caseId, missingMaterials: ['户口簿'] }, staff('staff-notice'));
    await act('receiveSupplement', 'ReceiveSupplementInput', { caseId, materials: ['户口簿'] }, staff('staff-notice'));
    await act('requestSupplement', 'RequestSupplementInput', { caseId, missingMaterials: ['结婚证'] }, staff('staff-notice'));
    const sheet = await eventually(async () => {
      const s = await sheetOf('staff-notice');
      expect(s.lines).toHaveLength(1);
      return s;
    });
    expect(sheet).toMatchObject({ total: 98, lines: [{ code: 'D10', points: -2, source: 'AUTOMATIC', caseId }] });
    expect(sheet.lines[0].evidence.map((e: { type: string }) => e.type)).toEqual(['SupplementRequested', 'SupplementRequested']);
  });

  it('records conduct with evidence, by a leader, for rules that are not automatic', async () => {
    const record = (input: Record<string, unknown>, token = leader()) =>
      act(
        'recordConduct',
        'RecordConductInput',
        { staffId: 'staff-late', window: 'social-security', evidence: '11月12日上午迟到20分钟，考勤记录为证', ...input },
        token,
      );
    expect((await record({ code: 'D02' })).errors).toBeUndefined();
    expect((await record({ code: 'D06' })).errors![0].extensions!.code).toBe('CONDUCT.AUTOMATIC_RULE');
    expect((await record({ code: 'D02' }, staff('staff-notice'))).errors![0].extensions!.code).toBe('AUTH.FORBIDDEN');
    expect((await record({ code: 'D02', evidence: ' ' })).errors![0].extensions!.code).toBe('VALIDATION.FAILED');
    const sheet = await eventually(async () => {
      const s = await sheetOf('staff-late');
      expect(s.lines).toHaveLength(2);
      return s;
    });
    expect(sheet.lines.find((l: { code: string }) => l.code === 'D02')).toMatchObject({
      points: -2,
      source: 'RECORDED',
      note: '11月12日上午迟到20分钟，考勤记录为证',
    });
    expect(sheet.total).toBe(93);
  });

  it('an upheld appeal restores the points, and the sheet shows both the line and its restoration', async () => {
    const lineId = `late-completion:${lateCase}`;
    expect(
      (await act('appealConduct', 'AppealConductInput', { lineId, grounds: '申请人补正材料延误' }, staff('staff-notice'))).errors![0]
        .extensions!.code,
    ).toBe('AUTH.FORBIDDEN');
    expect(
      (await act('appealConduct', 'AppealConductInput', { lineId, grounds: '申请人补正材料延误' }, staff('staff-late'))).errors,
    ).toBeUndefined();
    expect(
      (await act('appealConduct', 'AppealConductInput', { lineId, grounds: '再次申诉' }, staff('staff-late'))).errors![0].extensions!.code,
    ).toBe('APPEAL.ALREADY_FILED');
    expect(
      (await act('decideConductAppeal', 'DecideConductAppealInput', { lineId, upheld: true, reason: '经核实系申请人原因' }, leader()))
        .errors![0].extensions!.code,
    ).toBe('AUTH.FORBIDDEN');
    expect(
      (await act('decideConductAppeal', 'DecideConductAppealInput', { lineId, upheld: true, reason: '经核实系申请人原因' }, oversight()))
        .errors,
    ).toBeUndefined();
    const sheet = await eventually(async () => {
      const s = await sheetOf('staff-late', month, staff('staff-late'));
      expect(s.lines).toHaveLength(3);
      return s;
    });
    const d06 = sheet.lines.filter((l: { code: string }) => l.code === 'D06');
    expect(d06).toMatchObject([
      { id: lineId, points: -5, appeal: { status: 'UPHELD', grounds: '申请人补正材料延误', reason: '经核实系申请人原因' }, restores: null },
      { id: `${lineId}:restored`, points: 5, source: 'APPEAL', restores: lineId, note: '经核实系申请人原因' },
    ]);
    expect(d06[1].evidence.map((e: { type: string }) => e.type)).toEqual(['LineAppealed', 'AppealDecided']);
    expect(sheet).toMatchObject({ deductions: -7, restored: 5, total: 98 });
    // Nobody else's sheet is visible to a staff member.
    expect((await service.gql(SHEET, { staff: 'staff-notice', period: month }, staff('staff-late'))).errors![0].extensions!.code).toBe(
      'AUTH.FORBIDDEN',
    );
  });

  it('a valid complaint about an empty post costs 10 points (A02); the staff member never sees who complained', async () => {
    const COMPLAINT = `complaint { id status complainant { name phone } answerDue answerOverdue answer { form onTime } finding { valid cause } }`;
    const complain = (input: Record<string, unknown>, token: string) =>
      service.gql(
        `mutation($input: FileComplaintInput!) { fileComplaint(input: $input) { ${COMPLAINT} } }`,
        { input: { commandId: randomUUID(), ...input } },
        token,
      );
    const citizen = service.token('applicant', 'citizen-9', {});
    const filed = await complain(
      {
        center: 'c1',
        channel: 'PHONE',
        about: { staffId: 'staff-post', window: 'social-security' },
        complainant: { name: '李四', phone: '13900139000' },
        matter: '11月20日上午十点窗口无人',
      },
      citizen,
    );
    expect(filed.errors).toBeUndefined();
    const complaint = filed.data!.fileComplaint.complaint;
    expect(complaint).toMatchObject({ status: 'OPEN', complainant: null, answerOverdue: false });
    const id = complaint.id as string;

    const asLeader = await service.gql(`query($id: ID!) { ${COMPLAINT.replace('complaint {', 'complaint(id: $id) {')} }`, { id }, leader());
    expect(asLeader.data!.complaint.complainant).toEqual({ name: '李四', phone: '139****9000' });
    const asStaff = await service.gql(
      `query($id: ID!) { ${COMPLAINT.replace('complaint {', 'complaint(id: $id) {')} }`,
      { id },
      staff('staff-post'),
    );
    expect(asStaff.data!.complaint).toMatchObject({ id, complainant: null });
    expect(
      (await service.gql(`query($id: ID!) { complaint(id: $id) { id } }`, { id }, staff('staff-other'))).errors![0].extensions!.code,
    ).toBe('AUTH.FORBIDDEN');

    const answer = (form: string) =>
      service.gql(
        `mutation($input: AnswerComplaintInput!) { answerComplaint(input: $input) { ${COMPLAINT} } }`,
        { input: { commandId: randomUUID(), complaintId: id, form, text: '已调查，向您致歉' } },
        leader(),
      );
    expect((await answer('ORAL')).data!.answerComplaint.complaint).toMatchObject({
      status: 'ANSWERED',
      answer: { form: 'ORAL', onTime: true },
    });
    const found = await service.gql(
      `mutation($input: RecordComplaintFindingInput!) { recordComplaintFinding(input: $input) { ${COMPLAINT} } }`,
      { input: { commandId: randomUUID(), complaintId: id, valid: true, cause: 'EMPTY_POST', findings: '经调阅监控属实' } },
      oversight(),
    );
    expect(found.data!.recordComplaintFinding.complaint).toMatchObject({ status: 'CLOSED', finding: { valid: true, cause: 'EMPTY_POST' } });

    const sheet = await eventually(async () => {
      const s = await sheetOf('staff-post');
      expect(s.lines).toHaveLength(1);
      return s;
    });
    expect(sheet).toMatchObject({
      total: 90,
      lines: [{ id: `valid-complaint-empty-post:${id}`, code: 'A02', points: -10, source: 'AUTOMATIC' }],
    });
    expect(sheet.lines[0].evidence.map((e: { type: string; stream: string }) => [e.type, e.stream])).toEqual([
      ['ComplaintFiled', `complaint-${id}`],
      ['ComplaintFound', `complaint-${id}`],
    ]);
    const written = await complain(
      {
        center: 'c1',
        channel: 'VOICE',
        major: true,
        about: { window: 'social-security' },
        complainant: { name: '王五' },
        matter: '吃拿卡要',
      },
      citizen,
    );
    expect(written.errors![0].extensions!.code).toBe('COMPLAINT.MAJOR_MUST_BE_WRITTEN');
    await eventually(async () => {
      const list = await service.gql(
        `{ complaints(center: "c1") { totalCount edges { node { id complainant { name } } } } }`,
        {},
        oversight(),
      );
      expect(list.data!.complaints).toEqual({ totalCount: 1, edges: [{ node: { id, complainant: { name: '李四' } } }] });
    });
  });

  it('ranks the center: windows and staff by total, with red flags and excellent ones', async () => {
    const board = (
      await service.gql(
        `query($p: String!) { scoreboard(center: "c1", period: $p) { ruleVersion windows { subject total rank redFlag excellent } staff { subject total rank excellent } } }`,
        { p: month },
        leader(),
      )
    ).data!.scoreboard;
    expect(board.staff.find((s: { subject: string }) => s.subject === 'staff-late')).toMatchObject({ total: 98 });
    expect(board.staff.find((s: { subject: string }) => s.subject === 'staff-notice')).toMatchObject({ total: 98 });
    const totals = board.windows.map((w: { total: number }) => w.total);
    expect(totals).toEqual([...totals].sort((a, b) => b - a));
    expect(board.windows.filter((w: { redFlag: boolean }) => w.redFlag)).toHaveLength(Math.min(8, board.windows.length));
    expect(board.windows.find((w: { subject: string }) => w.subject === 'social-security')).toMatchObject({
      total: 100 - 5 + 5 - 2 - 2 - 10,
    });
  });

  it('pushes the scoreboard live: at once, then each time a line changes it', async () => {
    type Board = { period: string; staff: Array<{ subject: string; total: number }> };
    const live = subscribe<Board>(
      service.baseUrl + '/graphql',
      leader(),
      'subscription { scoreboard(center: "c1") { period staff { subject total } } }',
    );
    await eventually(() => expect(live.received).toHaveLength(1));
    expect(live.received[0].period).toBe(month);
    const before = live.received[0].staff.find((s) => s.subject === 'staff-live')?.total ?? 100;
    const recorded = await act(
      'recordConduct',
      'RecordConductInput',
      { staffId: 'staff-live', window: 'social-security', code: 'B03', evidence: '群众送锦旗' },
      leader(),
    );
    expect(recorded.errors).toBeUndefined();
    await eventually(() => expect(live.received.at(-1)!.staff.find((s) => s.subject === 'staff-live')?.total).toBe(before + 5));
    await live.stop();
    const refused = subscribe(service.baseUrl + '/graphql', oversight(), 'subscription { scoreboard(center: "c2") { period } }');
    await eventually(() => expect(refused.errors.flat()).toMatchObject([{ extensions: { code: 'AUTH.FORBIDDEN' } }]));
    await refused.stop();
  });

  const head = () => service.logHead();
  const ALERT =
    'subscription($after: String) { supervisionAlerts(center: "c1", after: $after) { kind complaintId ratingId window staffId dueDate } }';

  it('the deadline watcher records a complaint left unanswered past its 3 working days, and alerts the leaders', async () => {
    const alerts = subscribe<{ kind: string; complaintId: string | null; dueDate: string | null }>(
      service.baseUrl + '/graphql',
      leader(),
      ALERT,
      { after: await head() },
    );
    const filed = await service.gql(
      `mutation($input: FileComplaintInput!) { fileComplaint(input: $input) { complaint { id answerDue answerOverdue } } }`,
      {
        input: {
          commandId: randomUUID(),
          center: 'c1',
          channel: 'WRITING',
          about: { window: 'social-security' },
          complainant: { name: '赵六' },
          matter: '来信反映办事拖拉',
          occurredAt: hoursAgo(240),
          backfillReason: '信访件补录',
        },
      },
      leader(),
    );
    const { id, answerOverdue } = filed.data!.fileComplaint.complaint;
    expect(answerOverdue).toBe(true);
    await eventually(
      async () => {
        const res = await service.gql(`query($id: ID!) { complaint(id: $id) { answerOverdueRecordedOn } }`, { id }, leader());
        expect(res.data!.complaint.answerOverdueRecordedOn).toBe(localDateOf(new Date()));
      },
      { timeoutMs: 10_000, intervalMs: 200 },
    );
    const answered = await service.gql(
      `mutation($input: AnswerComplaintInput!) { answerComplaint(input: $input) { complaint { answer { onTime } } } }`,
      { input: { commandId: randomUUID(), complaintId: id, form: 'WRITTEN', text: '书面答复' } },
      leader(),
    );
    expect(answered.data!.answerComplaint.complaint.answer).toEqual({ onTime: false });
    const { answerDue } = (await service.gql(`query($id: ID!) { complaint(id: $id) { answerDue } } `, { id }, leader())).data!.complaint;
    await eventually(
      async () =>
        expect(alerts.received).toContainEqual(
          expect.objectContaining({ kind: 'COMPLAINT_ANSWER_OVERDUE', complaintId: id, dueDate: answerDue }),
        ),
      { timeoutMs: 10_000, intervalMs: 100 },
    );
    await alerts.stop();
  });

  it('a complaint found major goes to the leaders and the discipline office, and must then be answered in writing', async () => {
    const inspector = subscribe<{ kind: string; complaintId: string | null; window: string | null }>(
      service.baseUrl + '/graphql',
      oversight(),
      ALERT,
      { after: await head() },
    );
    const FIELDS = 'complaint { id major escalation { basis reason to escalatedOn } }';
    const filed = await service.gql(
      `mutation($input: FileComplaintInput!) { fileComplaint(input: $input) { ${FIELDS} } }`,
      {
        input: {
          commandId: randomUUID(),
          center: 'c1',
          channel: 'VOICE',
          about: { staffId: 'staff-e', window: 'forestry' },
          complainant: { name: '钱七' },
          matter: '办事要求“表示”',
        },
      },
      leader(),
    );
    const { id } = filed.data!.fileComplaint.complaint;
    expect(filed.data!.fileComplaint.complaint).toMatchObject({ major: false, escalation: null });
    const escalate = (token: string, commandId = randomUUID()) =>
      service.gql(
        `mutation($input: EscalateComplaintInput!) { escalateComplaint(input: $input) { ${FIELDS} } }`,
        { input: { commandId, complaintId: id, reason: '涉嫌索要好处' } },
        token,
      );
    expect((await escalate(staff('staff-e'))).errors![0].extensions!.code).toBe('AUTH.FORBIDDEN');
    const escalated = await escalate(leader());
    expect(escalated.data!.escalateComplaint.complaint).toEqual({
      id,
      major: true,
      escalation: {
        basis: 'FOUND_MAJOR',
        reason: '涉嫌索要好处',
        to: ['CENTER_LEADERS', 'DISCIPLINE_OFFICE'],
        escalatedOn: localDateOf(new Date()),
      },
    });
    expect((await escalate(leader())).errors![0].extensions!.code).toBe('COMPLAINT.ALREADY_ESCALATED');
    await eventually(
      async () =>
        expect(inspector.received).toContainEqual({
          kind: 'COMPLAINT_ESCALATED',
          complaintId: id,
          ratingId: null,
          window: 'forestry',
          staffId: 'staff-e',
          dueDate: null,
        }),
      {
        timeoutMs: 10_000,
        intervalMs: 100,
      },
    );
    await inspector.stop();
    const list = async (escalatedOnly: boolean) =>
      (
        (
          await service.gql(
            `query($e: Boolean) { complaints(center: "c1", escalated: $e, first: 100) { edges { node { id } } } }`,
            { e: escalatedOnly },
            oversight(),
          )
        ).data!.complaints.edges as Array<{ node: { id: string } }>
      ).map((e) => e.node.id);
    await eventually(async () => expect(await list(true)).toContain(id), { timeoutMs: 5000, intervalMs: 100 });
    expect(await list(false)).not.toContain(id);
    const oral = await service.gql(
      `mutation($input: AnswerComplaintInput!) { answerComplaint(input: $input) { complaint { id } } }`,
      { input: { commandId: randomUUID(), complaintId: id, form: 'ORAL', text: '已处理' } },
      leader(),
    );
    expect(oral.errors![0].extensions!.code).toBe('COMPLAINT.WRITTEN_ANSWER_REQUIRED');
  });

  it("flags three valid complaints about a staff member's conduct for the oversight office (责任追究)", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const filed = await service.gql(
        `mutation($input: FileComplaintInput!) { fileComplaint(input: $input) { complaint { id } } }`,
        {
          input: {
            commandId: randomUUID(),
            center: 'c1',
            channel: 'VOICE',
            about: { staffId: 'staff-rude', window: 'social-security' },
            complainant: { name: `群众${i}` },
            matter: '态度生硬',
          },
        },
        service.token('applicant', `citizen-${i}`, {}),
      );
      const id = filed.data!.fileComplaint.complaint.id as string;
      ids.push(id);
      await service.gql(
        `mutation($input: RecordComplaintFindingInput!) { recordComplaintFinding(input: $input) { complaint { id } } }`,
        { input: { commandId: randomUUID(), complaintId: id, valid: true, cause: 'ATTITUDE', findings: '属实' } },
        oversight(),
      );
    }
    const query = `query($p: String!) { accountabilityFlags(center: "c1", period: $p) { staffId level caseIds complaintIds } }`;
    await eventually(async () => {
      const flags = (await service.gql(query, { p: month }, oversight())).data!.accountabilityFlags as Array<{
        staffId: string;
        level: string;
        complaintIds: string[];
      }>;
      expect(flags).toContainEqual({ staffId: 'staff-rude', level: 'DISCIPLINARY', caseIds: [], complaintIds: ids });
      // The one late completion of staff-late was given back on appeal: no repeated-error flag.
      expect(flags.filter((f) => f.staffId === 'staff-late')).toEqual([]);
    });
    expect((await service.gql(query, { p: month }, staff('staff-rude'))).errors![0].extensions!.code).toBe('AUTH.FORBIDDEN');
  });

  it("reports the period's efficiency indicators per window, narrowed to what the caller may see", async () => {
    const query = `query($p: String!, $g: KpiGroup!) { kpis(center: "c1", period: $p, groupBy: $g) { key received accepted completed completionRate onTimeRate overdue openWarnings averageWorkingDaysUsed averagePromisedWorkingDays ratings satisfactionRate complaints validComplaints } }`;
    const rows = (await service.gql(query, { p: month, g: 'WINDOW' }, leader())).data!.kpis as Array<{ key: string }>;
    // This month: the notice case was received; the paper case (received and accepted 40 days ago) completed late;
    // four valid complaints, and the letter entered 10 days late if those 10 days are still this month.
    const letter = localDateOf(new Date(Date.now() - 240 * 3_600_000)).slice(0, 7) === month ? 1 : 0;
    expect(rows.find((r) => r.key === 'social-security')).toEqual({
      key: 'social-security',
      received: 1,
      accepted: 0,
      completed: 1,
      completionRate: null,
      onTimeRate: 0,
      overdue: 1,
      openWarnings: 0,
      averageWorkingDaysUsed: expect.any(Number),
      averagePromisedWorkingDays: 3,
      ratings: 0,
      satisfactionRate: null,
      complaints: 4 + letter,
      validComplaints: 4,
    });
    const mine = (await service.gql(query, { p: month, g: 'STAFF' }, staff('staff-late'))).data!.kpis as Array<{ key: string }>;
    expect(mine.map((r) => r.key)).toEqual(['staff-late']);
    expect(
      (await service.gql(query, { p: month, g: 'WINDOW' }, service.token('admin', 'admin-1', { center: 'c1' }))).errors![0].extensions!
        .code,
    ).toBe('AUTH.FORBIDDEN');
  });

  it('a rule change effective next month leaves this month’s sheet unchanged; rebuilding gives the same sheets', async () => {
    const before = { late: await sheetOf('staff-late'), notice: await sheetOf('staff-notice') };
    const next = nextPeriodStart(localDateOf(new Date()), 'month');
    // Version 2: late completion costs 8 points, from the first day of next month.
    const rules = parse(readFileSync(join(__dirname, '../../scoring/rules.yaml'), 'utf8')) as {
      versions: Array<{ effectiveFrom: string; rules: Array<{ code: string; points: number }> }>;
    };
    const v2 = structuredClone(rules.versions[0]);
    v2.effectiveFrom = next;
    v2.rules.find((r) => r.code === 'D06')!.points = -8;
    const file = join(service.dir, 'rules-v2.yaml');
    writeFileSync(file, stringify({ versions: [...rules.versions, v2] }));
    service.setEnv({ CASETRAIL_SCORING_RULES: file });
    await service.restart();

    expect(await sheetOf('staff-late')).toEqual(before.late);
    expect(await sheetOf('staff-notice')).toEqual(before.notice);
    const nextMonth = await sheetOf('staff-late', next.slice(0, 7));
    expect(nextMonth).toMatchObject({ ruleVersion: 2, lines: [], total: 100 });

    await service.rebuildReadModels();
    await eventually(async () => {
      expect(await sheetOf('staff-late')).toEqual(before.late);
      expect(await sheetOf('staff-notice')).toEqual(before.notice);
    });
  }, 60_000);
});
