import { specFor } from '../../../../test/support/given-when-then';
import { ItemSnapshot } from '../../catalog/domain';
import { WorkingCalendar } from '../../time-limits/domain';
import { CaseCommand, createCaseDecider } from './case.decide';
import { CaseEvent } from './case.events';

// Weekends only; 2024-06-03 is a Monday. Business times are in UTC: 01:00Z is 09:00 China time.
const calendar = new WorkingCalendar({ holidays: {}, makeupWorkdays: {}, coveredYears: [2024] });
const decider = createCaseDecider({ calendar });
const given = specFor(decider);
const at = (day: string) => `2024-${day}T01:00:00.000Z`;
const caseId = 'e-1';

const item = (kind: 'escalated' | 'promised'): ItemSnapshot => ({
  code: 'TD-SP-001',
  version: 1,
  name: '农村宅基地审批',
  department: '自然资源',
  window: 'land',
  kind,
  promisedLimit: 30,
  limitUnit: 'working_days',
  fee: '0',
  materials: [],
  steps: [],
  allowsToleranceAcceptance: false,
});
const cmd = <T extends CaseCommand['type']>(type: T, data: Omit<Extract<CaseCommand, { type: T }>['data'], 'occurredAt'>, day: string) =>
  ({ type, data: { ...data, occurredAt: at(day) } }) as unknown as Extract<CaseCommand, { type: T }>;
/** A case accepted on Monday 3 June, followed by `commands`, as the decider records them. */
const opened = (kind: 'escalated' | 'promised', ...commands: CaseCommand[]): CaseEvent[] => {
  const all: CaseCommand[] = [
    cmd(
      'SubmitCase',
      {
        caseId,
        receiptNo: 'C1-20240603-0001',
        center: 'c1',
        item: item(kind),
        applicant: { kind: 'PERSON', name: '张三', idNumber: '11010519491231002X' },
        channel: 'WINDOW',
        materials: [],
        staffId: 'land-a',
      },
      '06-03',
    ),
    cmd('AcceptCase', { item: item(kind), staffId: 'land-a', toleranceMaterials: [] }, '06-03'),
    ...commands,
  ];
  return all.reduce<CaseEvent[]>(
    (events, c) => [...events, ...decider.decide(c, events.reduce(decider.evolve, decider.initialState()))],
    [],
  );
};
const transmittal = { formNo: '上报-2024-017', materials: ['申请表', '村委会意见'], note: null };
const sendUp = (day: string) => cmd('SendUp', { authority: '县自然资源局', carriedBy: 'agent-1', transmittal }, day);
const back = (day: string) => cmd('ReturnFromAuthority', { carriedBy: 'agent-1', decision: '准予', formNo: '县自然资批〔2024〕12号' }, day);
const check = (day: string) => cmd('CheckDeadline', { today: `2024-${day}` }, day);

describe('escalated cases (上报件 / 代办件): to the higher authority and back', () => {
  it('records the trip up with its transmittal form, the center’s days so far, and stops the clock', () =>
    given(opened('escalated'))
      .when(sendUp('06-06'))
      .then([
        {
          type: 'CaseSentUp',
          data: {
            caseId,
            authority: '县自然资源局',
            carriedBy: 'agent-1',
            transmittal,
            sentOn: '2024-06-06',
            centerWorkingDaysUsed: 3,
            sentAt: at('06-06'),
          },
        },
        {
          type: 'CaseSuspended',
          data: {
            caseId,
            reason: 'HIGHER_AUTHORITY',
            detail: '县自然资源局',
            fromDate: '2024-06-06',
            sentUpLate: false,
            suspendedAt: at('06-06'),
          },
        },
      ]));

  it('starts the clock again when the case comes back with the decision, its due date moved by the days away', () =>
    given(opened('escalated', sendUp('06-06')))
      .when(back('06-20'))
      .then((events) => {
        expect(events.map((e) => e.type)).toEqual(['CaseResumed', 'CaseReturnedFromAuthority']);
        expect(events[0].data).toMatchObject({ workingDaysLeftOut: 10, previousDueDate: '2024-07-15', dueDate: '2024-07-29' });
        expect(events[1].data).toMatchObject({ authority: '县自然资源局', decision: '准予', returnedOn: '2024-06-20' });
      }));

  it('refuses a trip for a case that is not escalated, a second trip while away, a return of a case not away', () => {
    given(opened('promised')).when(sendUp('06-06')).thenThrows('CASE.NOT_ESCALATED');
    given(opened('escalated', sendUp('06-06')))
      .when(sendUp('06-07'))
      .thenThrows('CASE.ALREADY_AT_AUTHORITY');
    given(opened('escalated')).when(back('06-07')).thenThrows('CASE.NOT_AT_AUTHORITY');
    given(opened('escalated'))
      .when(cmd('SendUp', { authority: ' ', carriedBy: 'agent-1', transmittal: { ...transmittal, formNo: '' } }, '06-06'))
      .thenThrows('VALIDATION.FAILED', {
        issues: [
          { field: 'authority', message: expect.any(String) },
          { field: 'transmittal.formNo', message: expect.any(String) },
        ],
      });
  });

  it('does not let the clock start again, nor the case complete, while it is with the higher authority', () => {
    given(opened('escalated', sendUp('06-06')))
      .when(cmd('ResumeCase', {}, '06-10'))
      .thenThrows('CASE.AT_AUTHORITY');
    given(opened('escalated', sendUp('06-06')))
      .when(cmd('CompleteCase', { outcome: 'APPROVED', reason: null }, '06-10'))
      .thenThrows('CASE.AT_AUTHORITY');
  });

  it('refuses any fee on an agency case, which is carried free; records one with its basis on another case', () => {
    given(opened('escalated'))
      .when(cmd('RecordFee', { amount: 10, basis: '工本费' }, '06-04'))
      .thenThrows('CASE.AGENCY_IS_FREE');
    given(opened('promised'))
      .when(cmd('RecordFee', { amount: 9, basis: ' 证书工本费 ' }, '06-04'))
      .then([{ type: 'FeeRecorded', data: { caseId, amount: 9, basis: '证书工本费', recordedAt: at('06-04') } }]);
    given(opened('promised'))
      .when(cmd('RecordFee', { amount: 0.001, basis: '工本费' }, '06-04'))
      .thenThrows('VALIDATION.FAILED');
    given(opened('promised'))
      .when(cmd('RecordFee', { amount: -5, basis: '' }, '06-04'))
      .thenThrows('VALIDATION.FAILED');
  });
});

describe("an escalated case's own time at the center (at most 7 working days)", () => {
  it('warns yellow two days before the limit and red past it, counting only the days at the center', () => {
    // 3 days at the center, three weeks at the authority, then the center's days count on.
    const away = opened('escalated', sendUp('06-06'), back('06-27'));
    given(away).when(check('06-28')).then([]); // 4 days at the center
    const yellow: CaseEvent = { type: 'CenterTimeWarningIssued', data: { caseId, workingDaysUsed: 5, limit: 7, issuedOn: '2024-07-01' } };
    given(away).when(check('07-01')).then([yellow]); // 5 days: 2 left
    given([...away, yellow])
      .when(check('07-03'))
      .then([]); // 7 days: at the limit, not past it
    given([...away, yellow])
      .when(check('07-04'))
      .then([{ type: 'CenterTimeExceeded', data: { caseId, workingDaysUsed: 8, limit: 7, issuedOn: '2024-07-04' } }]);
  });

  it('says nothing while the case is with the higher authority, however long it stays', () =>
    given(opened('escalated', sendUp('06-05')))
      .when(check('07-31'))
      .then([]));

  it('says nothing of the center time of a case that is not escalated', () => given(opened('promised')).when(check('06-14')).then([]));
});
