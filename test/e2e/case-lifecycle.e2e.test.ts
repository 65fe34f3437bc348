import { randomUUID } from 'node:crypto';
import { eventually } from '../support/eventually';
import { TestService } from '../support/service';

const CASE_FIELDS = `
  id receiptNo status center window itemCode itemVersion itemName kind channel handler coverFor supplementNotices
  applicant { kind name idNumber phone }
  submittedAt acceptedAt completedAt outcome closingReason closedAt
  delivery { method recipient deliveredAt }
  timeLimit { startDate dueDate limit unit basis provisional onTime }
  history { position revision type occurredAt recordedAt backfilled backfillReason actor { id role window onBehalfOf } commandId data }
`;
const PAYLOAD = `{ duplicate position case { ${CASE_FIELDS} } }`;
const m = (name: string, type: string) => `mutation($input: ${type}!) { ${name}(input: $input) ${PAYLOAD} }`;
const SUBMIT = m('submitCase', 'SubmitCaseInput');
const id = () => randomUUID();
const applicant = { name: '张三', idNumber: '11010519491231002X', phone: '13800138000' };
const minutesAgo = (n: number) => new Date(Date.now() - n * 60_000).toISOString();

describe('case lifecycle over GraphQL (end to end, real service and SQLite)', () => {
  const service = new TestService();
  beforeAll(() => service.start());
  afterAll(async () => {
    await service.stop();
    await service.cleanup();
  });

  const submit = (input: Record<string, unknown> = {}, token?: string) =>
    service.ok(SUBMIT, { input: { commandId: id(), itemCode: 'MZ-DB-001', applicant, materials: ['书面申请'], ...input } }, token);
  /** Staff of another window: items are handled at the window the catalog names. */
  const staffAt = (window: string) => service.token('staff', `staff-${window}`, { center: 'c1', window });
  const act = (name: string, type: string, input: Record<string, unknown>, token?: string) =>
    service.ok(m(name, type), { input: { commandId: id(), ...input } }, token);

  it('refuses a request without a valid token, with 401 and a stable code', async () => {
    const none = await service.gql('{ catalog { code } }', {}, null);
    expect(none.status).toBe(401);
    expect(none.errors![0].extensions!.code).toBe('AUTH.UNAUTHENTICATED');
    const forged = await service.gql('{ catalog { code } }', {}, service.token().slice(0, -2) + 'xx');
    expect(forged.status).toBe(401);
  });

  it('imports the demo catalog at first start', async () => {
    const res = await service.gql(
      '{ catalog { code name kind promisedLimit legalLimit limitUnit fee steps } serviceItem(code: "MZ-DB-001") { name version } }',
    );
    expect(res.data!.catalog.length).toBeGreaterThanOrEqual(15);
    expect(res.data!.serviceItem).toEqual({ name: '城乡低保', version: 1 });
  });

  it('walks a case through supplement, acceptance, review, completion, delivery and archiving', async () => {
    const submitted = await submit({ materials: ['书面申请', '身份证'] });
    const caseId = submitted.case.id;
    expect(submitted.case).toMatchObject({
      status: 'SUBMITTED',
      center: 'c1',
      window: 'civil-affairs',
      itemCode: 'MZ-DB-001',
      kind: 'PROMISED',
      channel: 'WINDOW',
    });
    expect(submitted.case.receiptNo).toMatch(/^c1-\d{8}-\d{4}$/);
    expect(submitted.case.applicant).toEqual({ kind: 'PERSON', name: '张三', idNumber: '1101**********002X', phone: '138****8000' });

    expect((await act('requestSupplement', 'RequestSupplementInput', { caseId, missingMaterials: ['户口簿'] })).case).toMatchObject({
      status: 'AWAITING_SUPPLEMENT',
      supplementNotices: 1,
    });
    expect((await act('receiveSupplement', 'ReceiveSupplementInput', { caseId, materials: ['户口簿'] })).case.status).toBe('SUBMITTED');
    const accepted = (await act('acceptCase', 'AcceptCaseInput', { caseId })).case;
    expect(accepted).toMatchObject({ status: 'ACCEPTED', itemVersion: 1, itemName: '城乡低保', handler: 'staff-a' });
    expect(accepted.timeLimit).toMatchObject({ limit: 27, unit: 'WORKING_DAYS', basis: 'PROMISED', onTime: null });
    expect(accepted.timeLimit.dueDate > accepted.timeLimit.startDate).toBe(true);

    for (const step of ['村委会初审', '乡民政办审核'])
      await act('recordStep', 'RecordStepInput', { caseId, step, opinion: '情况属实，同意' });
    const completed = (await act('completeCase', 'CompleteCaseInput', { caseId, outcome: 'APPROVED' })).case;
    expect(completed).toMatchObject({ status: 'COMPLETED', outcome: 'APPROVED', timeLimit: { onTime: true } });
    expect((await act('deliverResult', 'DeliverResultInput', { caseId, method: 'PICKUP', recipient: '张三' })).case.delivery).toMatchObject(
      { method: 'PICKUP', recipient: '张三' },
    );
    const archived = (await act('archiveCase', 'ArchiveCaseInput', { caseId })).case;
    expect(archived.status).toBe('ARCHIVED');

    expect(archived.history.map((h: { type: string }) => h.type)).toEqual([
      'CaseSubmitted',
      'SupplementRequested',
      'SupplementReceived',
      'CaseAccepted',
      'StepRecorded',
      'StepRecorded',
      'CaseCompleted',
      'ResultDelivered',
      'CaseArchived',
    ]);
    for (const [i, entry] of archived.history.entries()) {
      expect(entry).toMatchObject({ revision: i, backfilled: false, actor: { id: 'staff-a', role: 'staff', window: 'civil-affairs' } });
      expect(Date.parse(entry.recordedAt)).toBeGreaterThanOrEqual(Date.parse(entry.occurredAt));
    }
    expect(JSON.stringify(archived.history)).not.toContain('11010519491231002X');

    const byReceipt = await service.gql(`query($r: String!) { caseByReceiptNo(receiptNo: $r) { id status } }`, {
      r: submitted.case.receiptNo,
    });
    expect(byReceipt.data!.caseByReceiptNo).toEqual({ id: caseId, status: 'ARCHIVED' });
  });

  it('rejects, withdraws and terminates with their reasons', async () => {
    const a = (await submit()).case.id;
    expect((await act('rejectCase', 'RejectCaseInput', { caseId: a, reason: '不属于本中心受理范围' })).case).toMatchObject({
      status: 'REJECTED',
      closingReason: '不属于本中心受理范围',
    });
    const b = (await submit()).case.id;
    await act('acceptCase', 'AcceptCaseInput', { caseId: b });
    expect((await act('withdrawCase', 'WithdrawCaseInput', { caseId: b, reason: '申请人撤回' })).case.status).toBe('WITHDRAWN');
    const c = (await submit()).case.id;
    await act('requestSupplement', 'RequestSupplementInput', { caseId: c, missingMaterials: ['户口簿'] });
    expect((await act('terminateCase', 'TerminateCaseInput', { caseId: c, reason: '逾期未补正' })).case.status).toBe('TERMINATED');
    const d = (await submit()).case.id;
    await act('acceptCase', 'AcceptCaseInput', { caseId: d });
    const denied = (await act('completeCase', 'CompleteCaseInput', { caseId: d, outcome: 'DENIED', reason: '家庭收入超过低保标准' })).case;
    expect(denied).toMatchObject({ status: 'COMPLETED', outcome: 'DENIED', closingReason: '家庭收入超过低保标准' });
  });

  it('completes an immediate item the same day', async () => {
    const caseId = (await submit({ itemCode: 'MZ-HY-001' })).case.id;
    const accepted = (await act('acceptCase', 'AcceptCaseInput', { caseId })).case;
    expect(accepted.kind).toBe('IMMEDIATE');
    expect(accepted.timeLimit).toMatchObject({ basis: 'IMMEDIATE', limit: 0 });
    expect(accepted.timeLimit.dueDate).toBe(accepted.timeLimit.startDate);
  });

  it('returns the first result for a repeated commandId and writes nothing', async () => {
    const input = { commandId: id(), itemCode: 'MZ-DB-001', applicant, materials: [] };
    const first = await service.ok(SUBMIT, { input });
    const again = await service.ok(SUBMIT, { input });
    expect(again).toMatchObject({
      duplicate: true,
      position: first.position,
      case: { id: first.case.id, receiptNo: first.case.receiptNo },
    });
    expect(again.case.history).toHaveLength(1);

    const accept = { commandId: id(), caseId: first.case.id };
    await service.ok(m('acceptCase', 'AcceptCaseInput'), { input: accept });
    const repeated = await service.ok(m('acceptCase', 'AcceptCaseInput'), { input: accept });
    expect(repeated.duplicate).toBe(true);
    expect(repeated.case.history).toHaveLength(2);
  });

  it('refuses an action the state forbids with a stable code, and records nothing', async () => {
    const submitted = (await submit()).case;
    const res = await service.gql(m('completeCase', 'CompleteCaseInput'), {
      input: { commandId: id(), caseId: submitted.id, outcome: 'APPROVED' },
    });
    expect(res.errors![0].extensions).toMatchObject({ code: 'CASE.NOT_ACCEPTED', details: { status: 'SUBMITTED' } });
    const after = await service.gql(`query($id: ID!) { case(id: $id) { history { type } } }`, { id: submitted.id });
    expect(after.data!.case.history).toHaveLength(1);
    const unknown = await service.gql(m('acceptCase', 'AcceptCaseInput'), { input: { commandId: id(), caseId: 'no-such-case' } });
    expect(unknown.errors![0].extensions!.code).toBe('CASE.NOT_FOUND');
  });

  describe('bad input gets a clear error, records nothing, and the server keeps serving', () => {
    const rows: Array<[string, Record<string, unknown>, string, RegExp?]> = [
      ['unknown item', { itemCode: 'NO-SUCH-ITEM' }, 'ITEM.NOT_FOUND'],
      ['malformed identity number', { applicant: { ...applicant, idNumber: '110105194912310021' } }, 'VALIDATION.FAILED', /idNumber/],
      ['identity number of the wrong length', { applicant: { ...applicant, idNumber: '1'.repeat(40) } }, 'VALIDATION.FAILED', /idNumber/],
      ['oversized name', { applicant: { ...applicant, name: '张'.repeat(5000) } }, 'VALIDATION.FAILED', /name/],
      ['bad commandId', { commandId: 'has spaces and ✓' }, 'VALIDATION.FAILED', /commandId/],
      ['too many materials', { materials: Array(101).fill('x') }, 'VALIDATION.FAILED', /materials/],
      ['a time in the future', { occurredAt: new Date(Date.now() + 3_600_000).toISOString() }, 'VALIDATION.FAILED', /future/],
      ['an old entry without a reason', { occurredAt: minutesAgo(60) }, 'VALIDATION.FAILED', /backfillReason/],
      ['a time without an offset', { occurredAt: '2026-03-02T09:30:00' }, 'BAD_USER_INPUT', /DateTime/],
      ['a wrong type', { materials: 'not a list', applicant: { ...applicant, kind: 'ROBOT' } }, 'BAD_USER_INPUT'],
    ];
    const cases = rows.map(([what, override, code, message]) => ({ what, override, code, message }));
    it.each(cases)('$what', async ({ override, code, message }) => {
      // Counted once the read models have applied everything earlier tests recorded.
      await service.projectionsCaughtUp();
      const before = await service.gql('{ cases(first: 1) { totalCount } }');
      const res = await service.gql(SUBMIT, { input: { commandId: id(), itemCode: 'MZ-DB-001', applicant, materials: [], ...override } });
      expect(res.data ?? null).toBeNull();
      expect(res.errors![0].extensions!.code).toBe(code);
      if (message) expect(res.errors![0].message).toMatch(message);
      expect(JSON.stringify(res)).not.toMatch(/at .*\.(ts|js):\d+/); // no stack traces
      const after = await service.gql('{ cases(first: 1) { totalCount } }');
      expect(after.data!.cases.totalCount).toBe(before.data!.cases.totalCount);
    });

    it('a missing required field is refused by the schema', async () => {
      const res = await service.gql(SUBMIT, { input: { commandId: id(), itemCode: 'MZ-DB-001' } });
      expect(res.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    });

    it('accepts a body up to 256 kB and refuses a larger one with 413', async () => {
      const large = JSON.stringify({ query: `{ catalog { code } }`, variables: { pad: 'x'.repeat(200_000) } });
      const ok = await fetch(service.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${service.token()}` },
        body: large,
      });
      expect(ok.status).toBe(200);
      const huge = JSON.stringify({ query: `{ catalog { code } }`, variables: { pad: 'x'.repeat(300_000) } });
      const res = await fetch(service.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${service.token()}` },
        body: huge,
      });
      expect(res.status).toBe(413);
    });

    it('malformed JSON and garbage queries do not crash the server', async () => {
      const raw = await fetch(service.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${service.token()}` },
        body: '{"query": ',
      });
      expect(raw.status).toBe(400);
      const garbage = await service.gql('{{{{');
      expect(garbage.errors![0].extensions!.code).toBe('GRAPHQL_PARSE_FAILED');
      expect((await service.gql('{ calendarStatus { coveredYears } }')).data!.calendarStatus.coveredYears).toContain(2026);
    });
  });

  it('marks an entry made after the fact as backfilled, with its reason', async () => {
    const submitted = await submit({ occurredAt: minutesAgo(120), backfillReason: '纸质台账补录' });
    expect(submitted.case.history[0]).toMatchObject({ backfilled: true, backfillReason: '纸质台账补录' });
    const res = await service.gql(m('acceptCase', 'AcceptCaseInput'), {
      input: { commandId: id(), caseId: submitted.case.id, occurredAt: minutesAgo(180), backfillReason: '补录' },
    });
    expect(res.errors![0].message).toMatch(/previous event/);
  });

  it('records a colleague covering an AB post as acting on the absent staff member’s behalf', async () => {
    const caseId = (await submit()).case.id;
    await act('acceptCase', 'AcceptCaseInput', { caseId });
    const reassigned = (await act('reassignCase', 'ReassignCaseInput', { caseId, toStaffId: 'staff-b', asCover: true, reason: 'A岗请假' }))
      .case;
    expect(reassigned).toMatchObject({ handler: 'staff-b', coverFor: 'staff-a' });
    const step = (
      await act('recordStep', 'RecordStepInput', { caseId, step: '村委会初审', opinion: '同意' }, service.token('staff', 'staff-b'))
    ).case;
    expect(step.history.at(-1).actor).toMatchObject({ id: 'staff-b', onBehalfOf: 'staff-a' });
  });

  it('keeps accepted cases on the item version they were accepted under', async () => {
    const forestry = staffAt('forestry');
    const before = (await submit({ itemCode: 'LY-LQ-001' }, forestry)).case.id;
    await act('acceptCase', 'AcceptCaseInput', { caseId: before }, forestry);
    const pending = (await submit({ itemCode: 'LY-LQ-001' }, forestry)).case.id;
    const item = {
      code: 'LY-LQ-001',
      name: '林权证',
      department: '林业',
      window: 'forestry',
      kind: 'PROMISED',
      promisedLimit: 20,
      fee: '0',
      materials: ['林权登记申请表'],
      steps: ['申请', '审核', '发证'],
    };
    const published = await service.ok(
      `mutation($input: PublishServiceItemInput!) { publishServiceItem(input: $input) { changed duplicate item { version promisedLimit } } }`,
      { input: { commandId: id(), item } },
      service.token('admin', 'admin-1'),
    );
    expect(published).toMatchObject({ changed: true, item: { version: 2, promisedLimit: 20 } });
    const old = await service.gql(`query($id: ID!) { case(id: $id) { itemVersion timeLimit { limit } } }`, { id: before }, forestry);
    expect(old.data!.case).toEqual({ itemVersion: 1, timeLimit: { limit: 30 } });
    const fresh = (await act('acceptCase', 'AcceptCaseInput', { caseId: pending }, forestry)).case;
    expect(fresh).toMatchObject({ itemVersion: 2, timeLimit: { limit: 20 } });
    await eventually(async () =>
      expect((await service.gql('{ serviceItem(code: "LY-LQ-001") { version } }')).data!.serviceItem.version).toBe(2),
    );
  });

  it('records a first-inquiry consultation', async () => {
    const res = await service.ok(
      `mutation($input: RecordConsultationInput!) { recordConsultation(input: $input) { duplicate consultation { id officer { id } visitorName visitorPhone topic routedTo } } }`,
      { input: { commandId: id(), visitorName: '李四', visitorPhone: '13900139000', topic: '咨询低保申请条件', routedTo: '民政窗口' } },
    );
    expect(res.consultation).toMatchObject({
      officer: { id: 'staff-a' },
      visitorName: '李四',
      visitorPhone: '139****9000',
      routedTo: '民政窗口',
    });
    const read = await service.gql(`query($id: ID!) { consultation(id: $id) { topic } }`, { id: res.consultation.id });
    expect(read.data!.consultation.topic).toBe('咨询低保申请条件');
  });

  it('lists cases newest first, filtered, a page at a time', async () => {
    const ids = [];
    const insurance = staffAt('medical-insurance');
    for (let i = 0; i < 3; i++) ids.push((await submit({ itemCode: 'WS-HZ-001' }, insurance)).case.id);
    const page = async (after?: string) =>
      (
        await service.gql(
          `query($after: String) { cases(filter: { itemCode: "WS-HZ-001", status: SUBMITTED }, first: 2, after: $after) { totalCount edges { cursor node { id status } } pageInfo { hasNextPage endCursor } } }`,
          { after },
          insurance,
        )
      ).data!.cases;
    const first = await eventually(async () => {
      const p = await page();
      expect(p.totalCount).toBe(3);
      return p;
    });
    expect(first.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([ids[2], ids[1]]);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = await page(first.pageInfo.endCursor);
    expect(second.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([ids[0]]);
    expect(second.pageInfo.hasNextPage).toBe(false);
    const bad = await service.gql('{ cases(first: 1000) { totalCount } }');
    expect(bad.errors![0].extensions!.code).toBe('VALIDATION.FAILED');
  });

  it('reports health', async () => {
    const res = await fetch(`${service.baseUrl}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      status: 'ok',
      info: { eventStore: { status: 'up', kind: service.onPostgres ? 'postgres' : 'sqlite' }, projections: { status: 'up' } },
    });
  });

  it('loses nothing across a restart', async () => {
    const submitted = await submit();
    await act('acceptCase', 'AcceptCaseInput', { caseId: submitted.case.id });
    await service.restart();
    const res = await service.gql(`query($id: ID!) { case(id: $id) { status history { type } } }`, { id: submitted.case.id });
    expect(res.data!.case).toEqual({ status: 'ACCEPTED', history: [{ type: 'CaseSubmitted' }, { type: 'CaseAccepted' }] });
    await eventually(async () => {
      const list = await service.gql(`{ cases(first: 100, filter: { status: ACCEPTED }) { edges { node { id } } } }`);
      expect(list.data!.cases.edges.map((e: { node: { id: string } }) => e.node.id)).toContain(submitted.case.id);
    });
    const catalog = await service.gql('{ catalog { code } }');
    expect(catalog.data!.catalog.length).toBeGreaterThanOrEqual(15); // not imported twice, not lost
  });
});
