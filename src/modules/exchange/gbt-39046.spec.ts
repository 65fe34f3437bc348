import { RecordedCaseEvent, exchangeRecords, gbtTime } from './gbt-39046';

/** Times in UTC; the records show them in China time (UTC+8). */
const at = (hour: number, day = 2) => new Date(Date.UTC(2026, 2, day, hour)).toISOString();
const event = (
  type: string,
  data: Record<string, unknown>,
  actor: { id: string; onBehalfOf?: string } = { id: 'staff-a' },
  occurredAt = at(1),
): RecordedCaseEvent => ({
  type,
  data: { caseId: 'c1', ...data },
  metadata: { actor, occurredAt },
});

const item = {
  code: 'MZ-DB-001',
  name: '城乡低保',
  department: '民政',
  window: 'civil-affairs',
  kind: 'promised',
  legalLimit: 27,
  promisedLimit: 27,
  limitUnit: 'working_days',
  steps: ['受理', '审核'],
  version: 1,
};
const applicant = { kind: 'PERSON', name: '张三', idNumber: '11010519491231002X', phone: '13800138000' };
const submitted = event('CaseSubmitted', {
  receiptNo: 'c1-20260302-0001',
  center: 'c1',
  itemCode: 'MZ-DB-001',
  itemVersion: 1,
  kind: 'promised',
  window: 'civil-affairs',
  applicant,
  channel: 'WINDOW',
  materials: [],
  receivedOn: '2026-03-02',
  supplementNoticeDue: '2026-03-09',
  submittedAt: at(1),
});
const accepted = event('CaseAccepted', {
  item,
  timeLimit: { startDate: '2026-03-02', dueDate: '2026-04-08', limit: 27, unit: 'working_days', basis: 'promised', provisional: false },
  handler: 'staff-a',
  toleranceMaterials: [],
  clockStartBasis: 'ACCEPTANCE',
  acceptedAt: at(2),
});

describe("GB/T 39046 exchange records from a case's events", () => {
  it('writes times as YYYYMMDDThhmmss in China time', () => {
    expect(gbtTime('2026-03-02T16:30:05.123Z')).toBe('20260303T003005');
  });

  it('makes the acceptance record, one record per step, and the completion', () => {
    const records = exchangeRecords(
      'c1',
      [
        submitted,
        accepted,
        event('StepRecorded', {
          step: '受理',
          action: 'PASS',
          opinion: '材料齐全',
          stepLimit: null,
          stepWorkingDays: 0,
          late: false,
          handledAt: at(3),
        }),
        event(
          'StepRecorded',
          { step: '审核', action: 'RETURN', opinion: '补充说明', stepLimit: 5, stepWorkingDays: 6, late: true, handledAt: at(4, 10) },
          { id: 'staff-b', onBehalfOf: 'staff-a' },
        ),
        event('CaseCompleted', {
          outcome: 'APPROVED',
          reason: null,
          dueDate: '2026-04-08',
          onTime: true,
          withinFirstUrgingPeriod: null,
          completedAt: at(5, 11),
        }),
        event('ResultDelivered', { method: 'PICKUP', recipient: '张三', deliveredAt: at(6, 12) }),
      ],
      [],
    );
    expect(records.acceptance).toEqual({
      caseNo: 'c1-20260302-0001',
      itemCode: 'MZ-DB-001',
      itemName: '城乡低保',
      acceptingUnit: 'c1',
      department: '民政',
      acceptedBy: 'staff-a',
      acceptedAt: '20260302T100000',
      promisedBy: '20260408T235959',
      caseTypeCode: '2',
      caseKind: 'promised',
    });
    expect(records.steps).toEqual([
      {
        action: '通过',
        step: '受理',
        handledBy: 'staff-a',
        opinion: '材料齐全',
        startedAt: '20260302T100000',
        endedAt: '20260302T110000',
        status: 2,
        late: false,
      },
      {
        action: '退回',
        step: '审核',
        handledBy: 'staff-b (代 staff-a)',
        opinion: '补充说明',
        startedAt: '20260302T110000',
        endedAt: '20260310T120000',
        status: 2,
        late: true,
      },
    ]);
    expect(records.completion).toEqual({
      completedAt: '20260311T130000',
      result: '准予',
      completedBy: 'staff-a',
      onTime: true,
      deliveredAt: '20260312T140000',
      deliveryMethod: 'PICKUP',
    });
    // Nothing personal leaves in these records.
    expect(JSON.stringify(records)).not.toMatch(/张三|11010519491231002X|13800138000/);
  });

  it('records suspensions and extensions as special procedures, open until they end', () => {
    const suspended = event('CaseSuspended', {
      reason: 'STATUTORY_PROCEDURE',
      detail: 'expert_review',
      fromDate: '2026-03-03',
      sentUpLate: null,
      suspendedAt: at(2, 3),
    });
    const requested = event('ExtensionRequested', { workingDays: 5, reason: '需现场踏勘', requestedAt: at(2, 20) });
    const open = exchangeRecords('c1', [submitted, accepted, suspended], []);
    expect(open.specialProcedures).toEqual([
      { kind: 2, name: '计时中止: 法定程序 (专家评审)', startedAt: '20260303T100000', endedAt: null, reason: '专家评审', result: null },
    ]);

    const records = exchangeRecords(
      'c1',
      [
        submitted,
        accepted,
        suspended,
        event('CaseResumed', {
          fromDate: '2026-03-03',
          toDate: '2026-03-06',
          workingDaysLeftOut: 3,
          previousDueDate: '2026-04-08',
          dueDate: '2026-04-13',
          resumedAt: at(2, 6),
        }),
        requested,
        event(
          'ExtensionApproved',
          { workingDays: 5, reason: '需现场踏勘', previousDueDate: '2026-04-13', dueDate: '2026-04-20', approvedAt: at(3, 20) },
          { id: 'leader-1' },
        ),
        event('ExtensionRequested', { workingDays: 5, reason: '再次延期', requestedAt: at(2, 23) }),
        event('ExtensionDenied', { workingDays: 5, reason: '超过延期上限', deniedAt: at(3, 23) }, { id: 'leader-1' }),
      ],
      [],
    );
    expect(records.specialProcedures).toEqual([
      {
        kind: 2,
        name: '计时中止: 法定程序 (专家评审)',
        startedAt: '20260303T100000',
        endedAt: '20260306T100000',
        reason: '专家评审',
        result: '恢复计时, 不计 3 个工作日, 办结期限由 2026-04-08 顺延至 2026-04-13',
      },
      {
        kind: 1,
        name: '延期 5 个工作日',
        startedAt: '20260320T100000',
        endedAt: '20260320T110000',
        reason: '需现场踏勘',
        result: '批准 (leader-1): 办结期限由 2026-04-13 延至 2026-04-20',
      },
      {
        kind: 1,
        name: '延期 5 个工作日',
        startedAt: '20260323T100000',
        endedAt: '20260323T110000',
        reason: '再次延期',
        result: '不予批准 (leader-1): 超过延期上限',
      },
    ]);
  });

  it("makes e-supervision records from warnings, red cards and urging, charged to the item's department", () => {
    const watcher = { id: 'deadline-watcher' };
    const records = exchangeRecords(
      'c1',
      [
        submitted,
        accepted,
        event(
          'DeadlineWarningIssued',
          { level: 'YELLOW', dueDate: '2026-04-08', workingDaysUsed: 25, workingDaysRemaining: 2, issuedOn: '2026-04-06' },
          watcher,
          at(0, 6),
        ),
        event(
          'CaseUrged',
          { note: '请加快办理', periodWorkingDays: 2, urgedOn: '2026-04-07', periodEndsOn: '2026-04-09', urgedAt: at(2, 7) },
          { id: 'leader-1' },
          at(2, 7),
        ),
        event('DeadlineBreached', { dueDate: '2026-04-08', breachedOn: '2026-04-09', workingDaysOver: 1 }, watcher, at(0, 9)),
      ],
      [],
    );
    expect(records.supervision).toEqual([
      {
        content: '距办结期限 2026-04-08 剩余 2 个工作日',
        ruleCode: 'TL-13-YELLOW',
        warningType: '黄牌预警',
        occurredAt: '20260306T080000',
        result: '已用 25 个工作日',
        responsibleDepartment: '民政',
      },
      {
        content: '请加快办理',
        ruleCode: 'TL-15',
        warningType: '催办',
        occurredAt: '20260307T100000',
        result: '限 2 个工作日内办理, 至 2026-04-09',
        responsibleDepartment: '民政',
      },
      {
        content: '办结期限 2026-04-08 已过, 尚未办结',
        ruleCode: 'TL-13-RED',
        warningType: '红牌',
        occurredAt: '20260309T080000',
        result: '超期 1 个工作日',
        responsibleDepartment: '民政',
      },
    ]);
  });

  it("makes a step of each participant's opinion on a joint case, and supervision records of its warnings naming its department", () => {
    const records = exchangeRecords(
      'c1',
      [
        submitted,
        accepted,
        event('ParticipantsNotified', {
          participants: [
            { window: 'social-security', department: '人力社保', reviewLimit: 5, required: true, dueDate: '2026-03-09' },
            { window: 'tax', department: '税务', reviewLimit: 5, required: true, dueDate: '2026-03-09' },
          ],
          notifiedOn: '2026-03-02',
          fromCatalog: true,
          reason: null,
          notifiedAt: at(2),
        }),
        event(
          'ReviewOverdue',
          { window: 'tax', dueDate: '2026-03-09', breachedOn: '2026-03-10', workingDaysOver: 1 },
          { id: 'deadline-watcher' },
          at(1, 10),
        ),
        event(
          'OpinionRecorded',
          {
            window: 'social-security',
            department: '人力社保',
            opinion: 'AGREE',
            reasons: null,
            conditions: [],
            late: false,
            recordedAt: at(3, 5),
          },
          { id: 'ss-a' },
        ),
        event(
          'OpinionRecorded',
          {
            window: 'tax',
            department: '税务',
            opinion: 'CONDITIONAL',
            reasons: null,
            conditions: ['补交完税证明'],
            late: true,
            recordedAt: at(3, 11),
          },
          { id: 'tax-a' },
        ),
      ],
      [],
    );
    expect(records.steps).toEqual([
      {
        action: '通过',
        step: '会签：人力社保',
        handledBy: 'ss-a',
        opinion: '同意',
        startedAt: '20260302T100000',
        endedAt: '20260305T110000',
        status: 2,
        late: false,
      },
      {
        action: '其他',
        step: '会签：税务',
        handledBy: 'tax-a',
        opinion: '有条件同意：条件：补交完税证明',
        startedAt: '20260302T100000',
        endedAt: '20260311T110000',
        status: 2,
        late: true,
      },
    ]);
    expect(records.supervision).toEqual([
      expect.objectContaining({
        ruleCode: 'TL-JOINT-RED',
        warningType: '会签超时',
        responsibleDepartment: '税务',
        result: '超期 1 个工作日',
      }),
    ]);
  });

  it('gives each rating as an evaluation, set-aside ones marked, and nothing for a case not yet accepted', () => {
    const records = exchangeRecords(
      'c1',
      [submitted],
      [
        { level: 1, channel: 'ONSITE', stage: 'ACCEPTANCE', ratedAt: at(2), setAside: false },
        { level: 5, channel: 'ONLINE', stage: 'COMPLETION', ratedAt: at(3), setAside: true },
      ],
    );
    expect(records).toMatchObject({ acceptance: null, steps: [], completion: null, supervision: [] });
    expect(records.evaluations).toEqual([
      { satisfaction: 1, channel: 'ONSITE', stage: 'ACCEPTANCE', ratedAt: '20260302T100000', setAside: false },
      { satisfaction: 5, channel: 'ONLINE', stage: 'COMPLETION', ratedAt: '20260302T110000', setAside: true },
    ]);
  });
});
