import { randomUUID } from 'node:crypto';
import { TestService } from '../support/service';

const applicant = { name: '张三', idNumber: '11010519491231002X', phone: '13800138000' };
const ONSITE = ['overall', 'efficiency', 'competence', 'attitude'].map((question) => ({ question, level: 2 }));
const RECORDS = `caseId
  acceptance { caseNo itemCode itemName acceptingUnit department acceptedBy acceptedAt promisedBy caseTypeCode caseKind }
  steps { action step handledBy opinion startedAt endedAt status late }
  specialProcedures { kind name startedAt endedAt reason result }
  completion { completedAt result completedBy onTime deliveredAt deliveryMethod }
  evaluations { satisfaction channel stage ratedAt setAside }
  supervision { content ruleCode warningType occurredAt result responsibleDepartment }`;
const GBT_TIME = /^\d{8}T\d{6}$/;

/** GB/T 39046 records of a case handled end to end, read back over GraphQL from the real service. */
describe('GB/T 39046 exchange records (end to end)', () => {
  const service = new TestService();
  beforeAll(() => service.start());
  afterAll(async () => {
    await service.stop();
    await service.cleanup();
  });

  const staff = () => service.token();
  const leader = () => service.token('center_leader', 'leader-1', { center: 'c1' });
  const run = async (name: string, type: string, input: Record<string, unknown>, token = staff(), select = 'position') => {
    const res = await service.gql(
      `mutation($input: ${type}!) { ${name}(input: $input) { ${select} } }`,
      { input: { commandId: randomUUID(), ...input } },
      token,
    );
    if (res.errors) throw new Error(`${name}: ${JSON.stringify(res.errors)}`);
    return res.data![name];
  };
  const records = (caseId: string, token = leader()) =>
    service.gql(`query($id: ID!) { exchangeRecords(caseId: $id) { ${RECORDS} } }`, { id: caseId }, token);

  it('gives acceptance, steps, special procedures, completion, evaluation and supervision, in China time and without personal data', async () => {
    const { id: caseId, receiptNo } = (
      await run(
        'submitCase',
        'SubmitCaseInput',
        { itemCode: 'MZ-DB-001', applicant, materials: ['书面申请', '户口簿', '身份证'] },
        staff(),
        'case { id receiptNo }',
      )
    ).case;
    const before = (await records(caseId)).data!.exchangeRecords;
    expect(before).toMatchObject({ caseId, acceptance: null, steps: [], completion: null });

    await run('acceptCase', 'AcceptCaseInput', { caseId });
    await run('recordStep', 'RecordStepInput', { caseId, step: '受理', opinion: '材料齐全' });
    await run('suspendCase', 'SuspendCaseInput', { caseId, reason: 'STATUTORY_PROCEDURE', detail: 'inspection' });
    await run('resumeCase', 'ResumeCaseInput', { caseId });
    await run('requestExtension', 'RequestExtensionInput', { caseId, workingDays: 5, reason: '需公示' });
    await run('approveExtension', 'DecideExtensionInput', { caseId, reason: '同意' }, leader());
    await run('urgeCase', 'UrgeCaseInput', { caseId, note: '请抓紧公示', periodWorkingDays: 3 }, leader());
    await run('completeCase', 'CompleteCaseInput', { caseId, outcome: 'APPROVED' });
    await run('deliverResult', 'DeliverResultInput', { caseId, method: 'PICKUP', recipient: '张三' });
    await run(
      'rateService',
      'RateServiceInput',
      {
        receiptNo,
        idNumberLast6: '31002X',
        channel: 'ONSITE',
        stage: 'COMPLETION',
        level: 2,
        answers: ONSITE,
        comment: null,
        named: false,
      },
      service.token('applicant', 'citizen-1', {}),
      'rating { id }',
    );

    const res = await records(caseId);
    expect(res.errors).toBeUndefined();
    const r = res.data!.exchangeRecords;
    expect(r.acceptance).toEqual({
      caseNo: receiptNo,
      itemCode: 'MZ-DB-001',
      itemName: '城乡低保',
      acceptingUnit: 'c1',
      department: '民政',
      acceptedBy: 'staff-a',
      acceptedAt: expect.stringMatching(GBT_TIME),
      promisedBy: expect.stringMatching(/^\d{8}T235959$/),
      caseTypeCode: '2',
      caseKind: 'PROMISED',
    });
    expect(r.steps).toEqual([
      {
        action: '通过',
        step: '受理',
        handledBy: 'staff-a',
        opinion: '材料齐全',
        startedAt: r.acceptance.acceptedAt,
        endedAt: expect.stringMatching(GBT_TIME),
        status: 2,
        late: false,
      },
    ]);
    expect(r.specialProcedures).toEqual([
      {
        kind: 2,
        name: '计时中止: 法定程序 (检验)',
        startedAt: expect.stringMatching(GBT_TIME),
        endedAt: expect.stringMatching(GBT_TIME),
        reason: '检验',
        result: expect.stringContaining('恢复计时'),
      },
      {
        kind: 1,
        name: '延期 5 个工作日',
        startedAt: expect.stringMatching(GBT_TIME),
        endedAt: expect.stringMatching(GBT_TIME),
        reason: '需公示',
        result: expect.stringMatching(/^批准 \(leader-1\): 办结期限由 \S+ 延至 \S+$/),
      },
    ]);
    expect(r.completion).toEqual({
      completedAt: expect.stringMatching(GBT_TIME),
      result: '准予',
      completedBy: 'staff-a',
      onTime: true,
      deliveredAt: expect.stringMatching(GBT_TIME),
      deliveryMethod: 'PICKUP',
    });
    expect(r.evaluations).toEqual([
      { satisfaction: 2, channel: 'ONSITE', stage: 'COMPLETION', ratedAt: expect.stringMatching(GBT_TIME), setAside: false },
    ]);
    expect(r.supervision).toEqual([
      {
        content: '请抓紧公示',
        ruleCode: 'TL-15',
        warningType: '催办',
        occurredAt: expect.stringMatching(GBT_TIME),
        result: expect.stringContaining('限 3 个工作日内办理'),
        responsibleDepartment: '民政',
      },
    ]);
    expect(JSON.stringify(r)).not.toMatch(/张三|11010519491231002X|13800138000/);

    // China time: the acceptance time read on the wall clock in Beijing.
    const accepted = (await service.gql(`query($id: ID!) { case(id: $id) { acceptedAt } }`, { id: caseId }, leader())).data!.case
      .acceptedAt as string;
    const beijing = new Date(Date.parse(accepted) + 8 * 3_600_000).toISOString();
    expect(r.acceptance.acceptedAt).toBe(`${beijing.slice(0, 10).replace(/-/g, '')}T${beijing.slice(11, 19).replace(/:/g, '')}`);
  });

  it('answers null for an unknown case and refuses a case out of reach', async () => {
    expect((await records('no-such-case')).data!.exchangeRecords).toBeNull();
    const { id } = (await run('submitCase', 'SubmitCaseInput', { itemCode: 'MZ-DB-001', applicant, materials: [] }, staff(), 'case { id }'))
      .case;
    const otherWindow = service.token('staff', 'staff-x', { center: 'c1', window: 'forestry' });
    expect((await records(id, otherWindow)).errors![0].extensions!.code).toBe('AUTH.FORBIDDEN');
  });
});
