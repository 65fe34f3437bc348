import fc from 'fast-check';
import { specFor } from '../../../../test/support/given-when-then';
import { WorkingCalendar } from '../../time-limits/domain';
import { isResidentIdNumber, isUnifiedSocialCreditCode } from './applicant';
import { CaseCommand, caseActor, createCaseDecider } from './case.decide';
import { CaseEvent } from './case.events';
import { CaseStatus } from './case.state';
import { ItemSnapshot } from '../../catalog/domain';

// Weekends only; 2024-06-03 is a Monday. Business times are in UTC: 01:00Z is 09:00 China time.
const calendar = new WorkingCalendar({ holidays: {}, makeupWorkdays: {}, coveredYears: [2024] });
const decider = createCaseDecider({ calendar });
const given = specFor(decider);

const item: ItemSnapshot = {
  code: 'MZ-DB-001',
  version: 2,
  name: '城乡低保',
  department: '民政',
  window: 'civil-affairs',
  kind: 'promised',
  legalLimit: 30,
  promisedLimit: 5,
  limitUnit: 'working_days',
  fee: '0',
  materials: ['书面申请', '户口簿', '身份证'],
  steps: ['受理', '村委会初审', '乡民政办审核'],
  allowsToleranceAcceptance: false,
};
const applicant = { kind: 'PERSON' as const, name: '张三', idNumber: '11010519491231002X', phone: '13800138000' };
const caseId = 'c-1';
const at = (day: string, time = '01:00:00') => `2024-06-${day}T${time}.000Z`;

const submitted: CaseEvent = {
  type: 'CaseSubmitted',
  data: {
    caseId,
    receiptNo: 'C1-20240603-0001',
    center: 'c1',
    itemCode: item.code,
    itemVersion: 2,
    kind: 'promised',
    window: 'civil-affairs',
    applicant,
    channel: 'WINDOW',
    materials: ['书面申请'],
    receivedOn: '2024-06-03',
    supplementNoticeDue: '2024-06-10',
    submittedAt: at('03'),
  },
};
const timeLimit = {
  startDate: '2024-06-03',
  dueDate: '2024-06-10',
  limit: 5,
  unit: 'working_days' as const,
  basis: 'promised' as const,
  provisional: false,
};
const accepted: CaseEvent = {
  type: 'CaseAccepted',
  data: {
    caseId,
    item,
    timeLimit,
    handler: 'staff-a',
    toleranceMaterials: [],
    clockStartBasis: 'ACCEPTANCE',
    acceptedAt: at('03', '02:00:00'),
  },
};
const completed: CaseEvent = {
  type: 'CaseCompleted',
  data: {
    caseId,
    outcome: 'APPROVED',
    reason: null,
    dueDate: '2024-06-10',
    onTime: true,
    withinFirstUrgingPeriod: null,
    completedAt: at('05'),
  },
};
const delivered: CaseEvent = { type: 'ResultDelivered', data: { caseId, method: 'PICKUP', recipient: '张三', deliveredAt: at('06') } };
const supplementRequested: CaseEvent = {
  type: 'SupplementRequested',
  data: { caseId, missingMaterials: ['户口簿'], noticeNo: 1, breachesOneTimeRule: false, late: false, requestedAt: at('03', '01:30:00') },
};
const supplementReceived: CaseEvent = { type: 'SupplementReceived', data: { caseId, materials: ['户口簿'], receivedAt: at('04') } };
const rejected: CaseEvent = { type: 'CaseRejected', data: { caseId, reason: '不属于本中心受理范围', rejectedAt: at('03') } };

const cmd = <T extends CaseCommand['type']>(
  type: T,
  data: Omit<Extract<CaseCommand, { type: T }>['data'], 'occurredAt'>,
  occurredAt = at('07'),
) => ({ type, data: { ...data, occurredAt } }) as unknown as Extract<CaseCommand, { type: T }>;

const submit = (overrides: Partial<Extract<CaseCommand, { type: 'SubmitCase' }>['data']> = {}) =>
  cmd(
    'SubmitCase',
    {
      caseId,
      receiptNo: 'C1-20240603-0001',
      center: 'c1',
      item,
      applicant,
      channel: 'WINDOW',
      materials: [' 书面申请 '],
      staffId: 'staff-a',
      ...overrides,
    },
    at('03'),
  );

describe('case decider', () => {
  describe('SubmitCase', () => {
    it('records the submission with its receipt number, item and applicant', () => given([]).when(submit()).then([submitted]));

    it('refuses a second submission of the same case', () => given([submitted]).when(submit()).thenThrows('CASE.ALREADY_EXISTS'));

    it('refuses a malformed resident identity number, naming the field', () =>
      given([])
        .when(submit({ applicant: { ...applicant, idNumber: '110105194912310021' } }))
        .thenThrows('VALIDATION.FAILED', {
          issues: [{ field: 'applicant.idNumber', message: expect.any(String) }],
        }));

    it('accepts an organisation by its unified social credit code, and refuses a bad one', () => {
      given([])
        .when(submit({ applicant: { kind: 'ORGANIZATION', name: '某某科技有限公司', idNumber: '91330100716105852F' } }))
        .then((events) => expect(events[0].type).toBe('CaseSubmitted'));
      given([])
        .when(submit({ applicant: { kind: 'ORGANIZATION', name: '某某', idNumber: '91330100716105852A' } }))
        .thenThrows('VALIDATION.FAILED');
    });

    it('refuses an empty name, a bad phone and oversized materials all at once', () =>
      given([])
        .when(submit({ applicant: { ...applicant, name: ' ', phone: '12345' }, materials: ['x'.repeat(201)] }))
        .thenThrows('VALIDATION.FAILED', {
          issues: [
            { field: 'applicant.name', message: 'must not be empty' },
            { field: 'applicant.phone', message: expect.any(String) },
            { field: 'materials[0]', message: expect.any(String) },
          ],
        }));
  });

  it('every command but SubmitCase needs an existing case', () =>
    given([])
      .when(cmd('AcceptCase', { item, staffId: 's', toleranceMaterials: [] }))
      .thenThrows('CASE.NOT_FOUND'));

  describe('supplements (补正, one-time notice 一次性告知)', () => {
    it('requests every missing material in one notice', () =>
      given([submitted])
        .when(cmd('RequestSupplement', { missingMaterials: ['户口簿'] }, at('03', '01:30:00')))
        .then([supplementRequested]));

    it('refuses a notice that names nothing', () =>
      given([submitted])
        .when(cmd('RequestSupplement', { missingMaterials: [] }))
        .thenThrows('VALIDATION.FAILED'));

    it('records a second notice as a breach of the one-time rule', () =>
      given([submitted, supplementRequested, supplementReceived])
        .when(cmd('RequestSupplement', { missingMaterials: ['身份证'] }))
        .then((events) => expect(events[0].data).toMatchObject({ noticeNo: 2, breachesOneTimeRule: true })));

    it('receives the supplement and returns the case to acceptance', () =>
      given([submitted, supplementRequested])
        .when(cmd('ReceiveSupplement', { materials: ['户口簿'] }, at('04')))
        .then([supplementReceived]));

    it('refuses a supplement nobody asked for', () =>
      given([submitted])
        .when(cmd('ReceiveSupplement', { materials: ['户口簿'] }))
        .thenThrows('CASE.NOT_AWAITING_SUPPLEMENT'));

    it('cannot accept while waiting for a supplement', () =>
      given([submitted, supplementRequested])
        .when(cmd('AcceptCase', { item, staffId: 's', toleranceMaterials: [] }))
        .thenThrows('CASE.NOT_PENDING_ACCEPTANCE', {
          status: 'AWAITING_SUPPLEMENT',
        }));

    it('terminates a case whose supplement never came', () =>
      given([submitted, supplementRequested])
        .when(cmd('TerminateCase', { reason: '逾期未补正' }))
        .then([{ type: 'CaseTerminated', data: { caseId, reason: '逾期未补正', terminatedAt: at('07') } }]));

    it('terminates only a case that waits for a supplement', () =>
      given([submitted])
        .when(cmd('TerminateCase', { reason: 'x' }))
        .thenThrows('CASE.NOT_AWAITING_SUPPLEMENT'));
  });

  describe('a late first notice, reported within the week or not (D11)', () => {
    // The notice was due 2024-06-10; issued on the 12th it is late, and its report is due on the 19th.
    const lateNotice: CaseEvent = {
      type: 'SupplementRequested',
      data: { caseId, missingMaterials: ['户口簿'], noticeNo: 1, breachesOneTimeRule: false, late: true, requestedAt: at('12') },
    };
    const report = (day: string) => cmd('ReportLateNotice', { explanation: ' 窗口人员外出培训 ' }, at(day));
    const check = (today: string, chiefRepresentative: string | null = 'chief-1') =>
      cmd('CheckLateNoticeReport', { today, chiefRepresentative });

    it('records the report, within the week up to its last day and late after it', () => {
      given([submitted, lateNotice])
        .when(report('19'))
        .then([
          {
            type: 'LateNoticeReported',
            data: { caseId, explanation: '窗口人员外出培训', reportedOn: '2024-06-19', withinWeek: true, reportedAt: at('19') },
          },
        ]);
      given([submitted, lateNotice])
        .when(report('20'))
        .then((events) => expect(events[0].data).toMatchObject({ reportedOn: '2024-06-20', withinWeek: false }));
    });

    it('refuses a report with no late first notice, a second report, and an empty explanation', () => {
      given([submitted, supplementRequested]).when(report('07')).thenThrows('CASE.NO_LATE_NOTICE');
      given([submitted]).when(report('07')).thenThrows('CASE.NO_LATE_NOTICE');
      const reported: CaseEvent = {
        type: 'LateNoticeReported',
        data: { caseId, explanation: 'x', reportedOn: '2024-06-13', withinWeek: true, reportedAt: at('13') },
      };
      given([submitted, lateNotice, reported]).when(report('14')).thenThrows('CASE.LATE_NOTICE_ALREADY_REPORTED');
      given([submitted, lateNotice])
        .when(cmd('ReportLateNotice', { explanation: ' ' }, at('13')))
        .thenThrows('VALIDATION.FAILED');
    });

    it('marks an unreported notice once the week has passed, naming the chief representative, once, even on a closed case', () => {
      given([submitted, lateNotice]).when(check('2024-06-19')).then([]);
      const overdue: CaseEvent = {
        type: 'LateNoticeReportOverdue',
        data: { caseId, noticeOn: '2024-06-12', reportDue: '2024-06-19', responsible: 'chief-1', markedOn: '2024-06-20' },
      };
      given([submitted, lateNotice]).when(check('2024-06-20')).then([overdue]);
      given([submitted, lateNotice, overdue]).when(check('2024-06-21')).then([]);
      const terminated: CaseEvent = { type: 'CaseTerminated', data: { caseId, reason: '逾期未补正', terminatedAt: at('18') } };
      given([submitted, lateNotice, terminated]).when(check('2024-06-20')).then([overdue]);
      // A window without a chief representative: the fact is recorded, naming nobody.
      given([submitted, lateNotice])
        .when(check('2024-06-20', null))
        .then((events) => expect(events[0].data).toMatchObject({ responsible: null }));
      // Reported in time, or a notice that was not late: nothing to mark.
      const reported: CaseEvent = {
        type: 'LateNoticeReported',
        data: { caseId, explanation: 'x', reportedOn: '2024-06-13', withinWeek: true, reportedAt: at('13') },
      };
      given([submitted, lateNotice, reported]).when(check('2024-06-20')).then([]);
      given([submitted, supplementRequested]).when(check('2024-06-20')).then([]);
    });
  });

  describe('AcceptCase', () => {
    it('pins the item version and records the promised due date', () =>
      given([submitted])
        .when(cmd('AcceptCase', { item, staffId: 'staff-a', toleranceMaterials: [] }, at('03', '02:00:00')))
        .then([accepted]));

    it('computes the due date on the China-time day of acceptance', () =>
      // 2024-06-07T17:00Z is Saturday 01:00 in China: counting starts after Saturday.
      given([submitted])
        .when(cmd('AcceptCase', { item, staffId: 's', toleranceMaterials: [] }, '2024-06-07T17:00:00.000Z'))
        .then((events) => expect(events[0].data).toMatchObject({ timeLimit: { startDate: '2024-06-08', dueDate: '2024-06-14' } })));

    it('refuses an item other than the one applied for', () =>
      given([submitted])
        .when(cmd('AcceptCase', { item: { ...item, code: 'OTHER' }, staffId: 's', toleranceMaterials: [] }))
        .thenThrows('ITEM.MISMATCH'));

    it('allows 容缺受理 only for items that permit it', () => {
      given([submitted])
        .when(cmd('AcceptCase', { item, staffId: 's', toleranceMaterials: ['户口簿'] }))
        .thenThrows('CASE.TOLERANCE_NOT_ALLOWED');
      given([submitted])
        .when(cmd('AcceptCase', { item: { ...item, allowsToleranceAcceptance: true }, staffId: 's', toleranceMaterials: ['户口簿'] }))
        .then((events) => expect(events[0].data).toMatchObject({ toleranceMaterials: ['户口簿'] }));
    });

    it('cannot accept twice', () =>
      given([submitted, accepted])
        .when(cmd('AcceptCase', { item, staffId: 's', toleranceMaterials: [] }))
        .thenThrows('CASE.NOT_PENDING_ACCEPTANCE'));
  });

  describe('RejectCase (退回件)', () => {
    it('rejects with a written reason', () =>
      given([submitted])
        .when(cmd('RejectCase', { reason: ' 不属于本中心受理范围 ' }, at('03')))
        .then([rejected]));
    it('needs a reason', () =>
      given([submitted])
        .when(cmd('RejectCase', { reason: '' }))
        .thenThrows('VALIDATION.FAILED'));
    it('cannot reject an accepted case', () =>
      given([submitted, accepted])
        .when(cmd('RejectCase', { reason: 'x' }))
        .thenThrows('CASE.NOT_PENDING_ACCEPTANCE'));
  });

  describe('RecordStep (环节)', () => {
    it('records a published step with its opinion', () =>
      given([submitted, accepted])
        .when(cmd('RecordStep', { step: '村委会初审', action: 'PASS', opinion: '情况属实' }))
        .then([
          {
            type: 'StepRecorded',
            data: {
              caseId,
              step: '村委会初审',
              action: 'PASS',
              opinion: '情况属实',
              stepLimit: null,
              stepWorkingDays: 4,
              late: false,
              handledAt: at('07'),
            },
          },
        ]));
    it('refuses a step the item does not publish', () =>
      given([submitted, accepted])
        .when(cmd('RecordStep', { step: '现场踏勘', action: 'PASS', opinion: 'x' }))
        .thenThrows('CASE.UNKNOWN_STEP'));
    it('needs an opinion', () =>
      given([submitted, accepted])
        .when(cmd('RecordStep', { step: '受理', action: 'PASS', opinion: '' }))
        .thenThrows('VALIDATION.FAILED'));
    it('needs an accepted case', () =>
      given([submitted])
        .when(cmd('RecordStep', { step: '受理', action: 'PASS', opinion: 'x' }))
        .thenThrows('CASE.NOT_ACCEPTED'));
  });

  describe('CompleteCase', () => {
    it('completes on time by the end of the due date, China time', () =>
      given([submitted, accepted])
        .when(cmd('CompleteCase', { outcome: 'APPROVED', reason: null }, '2024-06-10T15:59:59.000Z'))
        .then((events) => expect(events[0].data).toMatchObject({ onTime: true, dueDate: '2024-06-10' })));

    it('is late from the first moment after the due date', () =>
      given([submitted, accepted])
        .when(cmd('CompleteCase', { outcome: 'APPROVED', reason: null }, '2024-06-10T16:00:00.000Z'))
        .then((events) => expect(events[0].data).toMatchObject({ onTime: false })));

    it('a denial states its reason', () => {
      given([submitted, accepted])
        .when(cmd('CompleteCase', { outcome: 'DENIED', reason: null }))
        .thenThrows('VALIDATION.FAILED');
      given([submitted, accepted])
        .when(cmd('CompleteCase', { outcome: 'DENIED', reason: '不符合低保条件' }))
        .then((events) => expect(events[0].data).toMatchObject({ outcome: 'DENIED', reason: '不符合低保条件' }));
    });

    it('needs an accepted case', () =>
      given([submitted])
        .when(cmd('CompleteCase', { outcome: 'APPROVED', reason: null }))
        .thenThrows('CASE.NOT_ACCEPTED'));
  });

  describe('DeliverResult, ArchiveCase', () => {
    it('delivers a completed result to its recipient', () =>
      given([submitted, accepted, completed])
        .when(cmd('DeliverResult', { method: 'PICKUP', recipient: '张三' }, at('06')))
        .then([delivered]));
    it('delivers only completed cases', () =>
      given([submitted, accepted])
        .when(cmd('DeliverResult', { method: 'MAIL', recipient: '张三' }))
        .thenThrows('CASE.NOT_COMPLETED'));
    it('needs a recipient', () =>
      given([submitted, accepted, completed])
        .when(cmd('DeliverResult', { method: 'MAIL', recipient: '' }))
        .thenThrows('VALIDATION.FAILED'));
    it('archives a delivered case', () =>
      given([submitted, accepted, completed, delivered])
        .when(cmd('ArchiveCase', {}))
        .then([{ type: 'CaseArchived', data: { caseId, archivedAt: at('07') } }]));
    it('archives a rejected case too', () =>
      given([submitted, rejected])
        .when(cmd('ArchiveCase', {}))
        .then((e) => expect(e[0].type).toBe('CaseArchived')));
    it('does not archive a result nobody has received', () =>
      given([submitted, accepted, completed]).when(cmd('ArchiveCase', {})).thenThrows('CASE.NOT_CLOSED'));
  });

  describe('WithdrawCase', () => {
    it('lets the applicant withdraw before completion', () =>
      given([submitted, accepted])
        .when(cmd('WithdrawCase', { reason: null }))
        .then([{ type: 'CaseWithdrawn', data: { caseId, reason: null, withdrawnAt: at('07') } }]));
    it('not after completion', () =>
      given([submitted, accepted, completed])
        .when(cmd('WithdrawCase', { reason: null }))
        .thenThrows('CASE.NOT_WITHDRAWABLE'));
  });

  describe('ReassignCase (AB岗)', () => {
    const cover = cmd('ReassignCase', { toStaffId: 'staff-b', asCover: true, reason: 'A岗请假' });
    it('hands the case to a cover, remembering whose post is covered', () =>
      given([submitted, accepted])
        .when(cover)
        .then([
          {
            type: 'CaseReassigned',
            data: { caseId, fromStaffId: 'staff-a', toStaffId: 'staff-b', asCover: true, reason: 'A岗请假', reassignedAt: at('07') },
          },
        ]));

    it("records the cover's actions as on behalf of the absent colleague", () => {
      const events = [submitted, accepted, ...decider.decide(cover, [submitted, accepted].reduce(decider.evolve, decider.initialState()))];
      const state = events.reduce(decider.evolve, decider.initialState());
      expect(caseActor(state, { id: 'staff-b', role: 'staff' })).toEqual({ id: 'staff-b', role: 'staff', onBehalfOf: 'staff-a' });
      expect(caseActor(state, { id: 'staff-c', role: 'staff' })).toEqual({ id: 'staff-c', role: 'staff' });
    });

    it('lets only the B post cover an A post where the window records its AB pairs', () => {
      const abPairs = [{ aPost: 'staff-a', bPost: 'staff-b' }];
      given([submitted, accepted])
        .when(cmd('ReassignCase', { toStaffId: 'staff-c', asCover: true, reason: 'A岗请假', abPairs }))
        .thenThrows('CASE.NOT_THE_B_POST', { aPost: 'staff-a', bPost: 'staff-b' });
      given([submitted, accepted])
        .when(cmd('ReassignCase', { toStaffId: 'staff-b', asCover: true, reason: 'A岗请假', abPairs }))
        .then((events) => expect(events[0].type).toBe('CaseReassigned'));
      // A hand-over for good is not a cover, and a post without a recorded pair may be covered by anyone.
      given([submitted, accepted])
        .when(cmd('ReassignCase', { toStaffId: 'staff-c', asCover: false, reason: '调岗', abPairs }))
        .then((events) => expect(events[0].type).toBe('CaseReassigned'));
      given([submitted, accepted])
        .when(cmd('ReassignCase', { toStaffId: 'staff-c', asCover: true, reason: 'x', abPairs: [{ aPost: 'staff-z', bPost: 'staff-y' }] }))
        .then((events) => expect(events).toHaveLength(1));
    });

    it('refuses to reassign to the current handler, or a closed case', () => {
      given([submitted, accepted])
        .when(cmd('ReassignCase', { toStaffId: 'staff-a', asCover: false, reason: 'x' }))
        .thenThrows('CASE.ALREADY_ASSIGNED');
      given([submitted, rejected]).when(cover).thenThrows('CASE.CLOSED');
    });
  });

  describe('lifecycle model (fast-check)', () => {
    // Any sequence of commands: every refusal is a DomainError, and the status only moves along SPEC §4's arrows.
    const allowed: Record<string, CaseStatus[]> = {
      NONE: ['SUBMITTED'],
      SUBMITTED: ['AWAITING_SUPPLEMENT', 'ACCEPTED', 'REJECTED', 'WITHDRAWN', 'SUBMITTED'],
      AWAITING_SUPPLEMENT: ['SUBMITTED', 'REJECTED', 'WITHDRAWN', 'TERMINATED', 'AWAITING_SUPPLEMENT'],
      ACCEPTED: ['ACCEPTED', 'COMPLETED', 'WITHDRAWN'],
      COMPLETED: ['DELIVERED', 'COMPLETED'],
      DELIVERED: ['ARCHIVED'],
      REJECTED: ['ARCHIVED'],
      WITHDRAWN: ['ARCHIVED'],
      TERMINATED: ['ARCHIVED'],
      ARCHIVED: [],
    };
    const commands: CaseCommand[] = [
      submit(),
      cmd('RequestSupplement', { missingMaterials: ['户口簿'] }),
      cmd('ReceiveSupplement', { materials: ['户口簿'] }),
      cmd('AcceptCase', { item, staffId: 'staff-a', toleranceMaterials: [] }),
      cmd('RejectCase', { reason: 'x' }),
      cmd('RecordStep', { step: '受理', action: 'PASS', opinion: 'ok' }),
      cmd('CompleteCase', { outcome: 'APPROVED', reason: null }),
      cmd('DeliverResult', { method: 'PICKUP', recipient: '张三' }),
      cmd('WithdrawCase', { reason: null }),
      cmd('TerminateCase', { reason: 'x' }),
      cmd('ArchiveCase', {}),
      cmd('ReassignCase', { toStaffId: 'staff-b', asCover: true, reason: 'x' }),
    ];
    it('never leaves the lifecycle graph', () => {
      fc.assert(
        fc.property(fc.array(fc.constantFrom(...commands), { maxLength: 30 }), (sequence) => {
          let state = decider.initialState();
          for (const command of sequence) {
            let events: CaseEvent[];
            try {
              events = decider.decide(command, state);
            } catch (error) {
              expect((error as { code?: string }).code).toMatch(/^(CASE|VALIDATION|ITEM)\./);
              continue;
            }
            const next = events.reduce(decider.evolve, state);
            expect(allowed[state.status]).toContain(next.status);
            state = next;
          }
        }),
      );
    });
  });
});

describe('dispatch', () => {
  it('refuses a command type no topic owns, even a name every object has', () => {
    const state = decider.evolve(decider.initialState(), submitted);
    for (const type of ['NoSuchCommand', 'toString', 'constructor'])
      expect(() => decider.decide({ type, data: {} } as unknown as CaseCommand, state)).toThrow(/Unexpected case command/);
  });
});

describe('identity numbers', () => {
  it('checks the GB 11643 check character and birth date', () => {
    expect(isResidentIdNumber('11010519491231002X')).toBe(true);
    expect(isResidentIdNumber('110105194912310021')).toBe(false);
    expect(isResidentIdNumber('110105194902300026')).toBe(false); // 30 February
    expect(isResidentIdNumber('1101051949123100')).toBe(false);
  });
  it('checks the GB 32100 check character', () => {
    expect(isUnifiedSocialCreditCode('91330100716105852F')).toBe(true);
    expect(isUnifiedSocialCreditCode('9144030071526726XG')).toBe(true);
    expect(isUnifiedSocialCreditCode('91330100716105852G')).toBe(false);
  });
});
