import { specFor } from '../../../../test/support/given-when-then';
import { WorkingCalendar } from '../../time-limits/domain';
import { CaseCommand, createCaseDecider } from './case.decide';
import { CaseEvent } from './case.events';
import { ItemSnapshot } from '../../catalog/domain';

// Weekends only, so the arithmetic is easy to follow: 2024-06-03 is a Monday, 06-08/09 and 06-15/16 are weekends.
const calendar = new WorkingCalendar({ holidays: {}, makeupWorkdays: {}, coveredYears: [2024] });
const decider = createCaseDecider({ calendar });
const given = specFor(decider);
const caseId = 'c-1';
const on = (day: string) => `2024-${day}T01:00:00.000Z`; // 09:00 China time
const cmd = (type: CaseCommand['type'], data: Record<string, unknown>, day: string) =>
  ({ type, data: { ...data, occurredAt: on(day) } }) as unknown as CaseCommand;
const run = (commands: CaseCommand[]): CaseEvent[] =>
  commands.reduce<CaseEvent[]>(
    (events, command) => [...events, ...decider.decide(command, events.reduce(decider.evolve, decider.initialState()))],
    [],
  );

const item: ItemSnapshot = {
  code: 'MZ-DB-001',
  version: 1,
  name: '城乡低保',
  department: '民政',
  window: 'civil-affairs',
  kind: 'promised',
  promisedLimit: 5,
  limitUnit: 'working_days',
  fee: '0',
  materials: [],
  steps: ['村委会初审', '乡民政办审核'],
  stepLimits: { 村委会初审: 2 },
  allowsToleranceAcceptance: false,
};
const submit = (day = '06-03', kind: ItemSnapshot['kind'] = 'promised') =>
  cmd(
    'SubmitCase',
    {
      caseId,
      receiptNo: 'r',
      center: 'c1',
      item: { ...item, kind },
      applicant: { kind: 'PERSON', name: '张三', idNumber: '11010519491231002X' },
      channel: 'WINDOW',
      materials: [],
      staffId: 's',
    },
    day,
  );
const accept = (day: string, kind: ItemSnapshot['kind'] = 'promised') =>
  cmd('AcceptCase', { item: { ...item, kind }, staffId: 's', toleranceMaterials: [] }, day);
const notice = (day: string) => cmd('RequestSupplement', { missingMaterials: ['户口簿'] }, day);
const supply = (day: string) => cmd('ReceiveSupplement', { materials: ['户口簿'] }, day);
const acceptedCase = run([submit(), accept('06-03')]); // due 2024-06-10
const timeLimitOf = (events: CaseEvent[]) =>
  (events.find((e) => e.type === 'CaseAccepted')!.data as { timeLimit: { startDate: string; dueDate: string } }).timeLimit;

describe('statutory clock (SPEC §5) in the case decider', () => {
  describe('rule 5: supplement timing', () => {
    it('a notice in time restarts the clock from the day after the supplement arrives', () => {
      const events = run([submit(), notice('06-05'), supply('06-06'), accept('06-12')]);
      expect(events[1].data).toMatchObject({ late: false });
      expect(events.at(-1)!.data).toMatchObject({
        clockStartBasis: 'SUPPLEMENT',
        timeLimit: { startDate: '2024-06-06', dueDate: '2024-06-13' },
      });
    });

    it('a late notice leaves the clock running from the day after receipt, whatever follows', () => {
      // Received Mon 06-03: the notice is due by 06-10 (5 working days); given 06-11.
      const events = run([submit(), notice('06-11'), supply('06-12'), accept('06-13')]);
      expect(events[1].data).toMatchObject({ late: true });
      expect(events.at(-1)!.data).toMatchObject({
        clockStartBasis: 'RECEIPT',
        timeLimit: { startDate: '2024-06-03', dueDate: '2024-06-10' },
      });
    });

    it('accepting without a notice after the notice period counts from receipt too', () => {
      expect(run([submit(), accept('06-11')]).at(-1)!.data).toMatchObject({
        clockStartBasis: 'RECEIPT',
        timeLimit: { startDate: '2024-06-03' },
      });
      expect(run([submit(), accept('06-10')]).at(-1)!.data).toMatchObject({
        clockStartBasis: 'ACCEPTANCE',
        timeLimit: { startDate: '2024-06-10' },
      });
    });

    it('a second notice neither stops nor restarts the clock: it runs from the first supplement', () => {
      const events = run([submit(), notice('06-04'), supply('06-05'), notice('06-06'), supply('06-07'), accept('06-10')]);
      expect(events[3].data).toMatchObject({ noticeNo: 2, breachesOneTimeRule: true });
      expect(timeLimitOf(events).startDate).toBe('2024-06-05');
    });
  });

  describe('rules 6, 7, 9, 10: suspensions', () => {
    it('leaves out the working days after the suspension began up to and including its end', () => {
      const events = run([...[submit(), accept('06-03')], cmd('SuspendCase', { reason: 'APPLICANT_REQUEST', detail: null }, '06-05')]);
      given(events)
        .when(cmd('ResumeCase', {}, '06-12'))
        .then([
          {
            type: 'CaseResumed',
            data: {
              caseId,
              fromDate: '2024-06-05',
              toDate: '2024-06-12',
              workingDaysLeftOut: 5,
              previousDueDate: '2024-06-10',
              dueDate: '2024-06-17',
              provisional: false,
              resumedAt: on('06-12'),
            },
          },
        ]);
    });

    it('a suspension begun and ended on the same day moves nothing', () => {
      const events = run([submit(), accept('06-03'), cmd('SuspendCase', { reason: 'APPLICANT_REQUEST', detail: null }, '06-05')]);
      given(events)
        .when(cmd('ResumeCase', {}, '06-05'))
        .then((e) => expect(e[0].data).toMatchObject({ workingDaysLeftOut: 0, dueDate: '2024-06-10' }));
    });

    it('names the statutory procedure (art. 45) when that is the reason', () => {
      given(acceptedCase)
        .when(cmd('SuspendCase', { reason: 'STATUTORY_PROCEDURE', detail: 'hearing' }, '06-05'))
        .then((e) => expect(e[0].data).toMatchObject({ detail: 'hearing' }));
      given(acceptedCase)
        .when(cmd('SuspendCase', { reason: 'STATUTORY_PROCEDURE', detail: 'a party' }, '06-05'))
        .thenThrows('VALIDATION.FAILED');
    });

    it('refuses to suspend twice or to resume a running clock', () => {
      const suspended = run([submit(), accept('06-03'), cmd('SuspendCase', { reason: 'HIGHER_AUTHORITY', detail: null }, '06-05')]);
      given(suspended)
        .when(cmd('SuspendCase', { reason: 'APPLICANT_REQUEST', detail: null }, '06-06'))
        .thenThrows('CASE.ALREADY_SUSPENDED');
      given(acceptedCase)
        .when(cmd('ResumeCase', {}, '06-06'))
        .thenThrows('CASE.NOT_SUSPENDED');
    });

    it('marks a case sent up after more than 20 working days of review (art. 43)', () => {
      const long = run([
        submit(),
        cmd('AcceptCase', { item: { ...item, promisedLimit: 30 }, staffId: 's', toleranceMaterials: [] }, '06-03'),
      ]);
      given(long)
        .when(cmd('SuspendCase', { reason: 'HIGHER_AUTHORITY', detail: null }, '07-05'))
        .then((e) => expect(e[0].data).toMatchObject({ sentUpLate: true }));
      given(acceptedCase)
        .when(cmd('SuspendCase', { reason: 'HIGHER_AUTHORITY', detail: null }, '06-05'))
        .then((e) => expect(e[0].data).toMatchObject({ sentUpLate: false }));
    });

    it('completing a suspended case ends the suspension first, so the case is judged on the moved due date', () => {
      const suspended = run([submit(), accept('06-03'), cmd('SuspendCase', { reason: 'APPLICANT_REQUEST', detail: null }, '06-05')]);
      given(suspended)
        .when(cmd('CompleteCase', { outcome: 'APPROVED', reason: null }, '06-14'))
        .then((events) => {
          expect(events.map((e) => e.type)).toEqual(['CaseResumed', 'CaseCompleted']);
          // 06-06 … 06-14 are left out: 7 working days, so 06-10 becomes 06-19.
          expect(events[0].data).toMatchObject({ workingDaysLeftOut: 7, dueDate: '2024-06-19' });
          expect(events[1].data).toMatchObject({ dueDate: '2024-06-19', onTime: true });
        });
    });
  });

  describe('rule 8: extensions', () => {
    const requested = run([submit(), accept('06-03'), cmd('RequestExtension', { workingDays: 3, reason: '需现场核查' }, '06-06')]);

    it('moves the due date by the approved working days', () =>
      given(requested)
        .when(cmd('ApproveExtension', { reason: '同意' }, '06-07'))
        .then([
          {
            type: 'ExtensionApproved',
            data: {
              caseId,
              workingDays: 3,
              reason: '同意',
              previousDueDate: '2024-06-10',
              dueDate: '2024-06-13',
              provisional: false,
              approvedAt: on('06-07'),
            },
          },
        ]));

    it('is refused later than 3 calendar days before the due date', () => {
      given(requested)
        .when(cmd('ApproveExtension', { reason: '同意' }, '06-08'))
        .thenThrows('CASE.EXTENSION_TOO_LATE', { dueDate: '2024-06-10', lastDay: '2024-06-07' });
      given(acceptedCase)
        .when(cmd('RequestExtension', { workingDays: 1, reason: 'x' }, '06-08'))
        .thenThrows('CASE.EXTENSION_TOO_LATE');
    });

    it('totals at most 10 working days, 15 for joint cases', () => {
      given(acceptedCase)
        .when(cmd('RequestExtension', { workingDays: 11, reason: 'x' }, '06-04'))
        .thenThrows('CASE.EXTENSION_LIMIT', { max: 10 });
      const joint = run([submit('06-03', 'joint'), accept('06-03', 'joint')]);
      given(joint)
        .when(cmd('RequestExtension', { workingDays: 15, reason: 'x' }, '06-04'))
        .then((e) => expect(e[0].type).toBe('ExtensionRequested'));
      // Art. 42: the head of the government approves a joint case's extension, in writing.
      const asked = run([
        submit('06-03', 'joint'),
        accept('06-03', 'joint'),
        cmd('RequestExtension', { workingDays: 15, reason: 'x' }, '06-04'),
      ]);
      given(asked)
        .when(cmd('ApproveExtension', { reason: 'ok' }, '06-04'))
        .thenThrows('CASE.GOVERNMENT_APPROVAL_REQUIRED');
      given(asked)
        .when(
          cmd('ApproveExtension', { reason: 'ok', governmentApproval: { by: ' 副县长王某 ', documentNo: '县政批〔2024〕3号' } }, '06-04'),
        )
        .then((e) =>
          expect(e[0].data).toMatchObject({ workingDays: 15, governmentApproval: { by: '副县长王某', documentNo: '县政批〔2024〕3号' } }),
        );
      const tenGranted = run([
        submit(),
        accept('06-03'),
        cmd('RequestExtension', { workingDays: 10, reason: 'x' }, '06-04'),
        cmd('ApproveExtension', { reason: 'ok' }, '06-04'),
      ]);
      given(tenGranted)
        .when(cmd('RequestExtension', { workingDays: 1, reason: 'x' }, '06-05'))
        .thenThrows('CASE.EXTENSION_LIMIT', { granted: 10 });
    });

    it('one request at a time; a denial closes it', () => {
      given(requested)
        .when(cmd('RequestExtension', { workingDays: 1, reason: 'x' }, '06-06'))
        .thenThrows('CASE.EXTENSION_PENDING');
      given(acceptedCase)
        .when(cmd('ApproveExtension', { reason: 'x' }, '06-04'))
        .thenThrows('CASE.NO_EXTENSION_PENDING');
      const denied = [
        ...requested,
        ...decider.decide(
          cmd('DenyExtension', { reason: '理由不充分' }, '06-06'),
          requested.reduce(decider.evolve, decider.initialState()),
        ),
      ];
      expect(denied.at(-1)!.type).toBe('ExtensionDenied');
      given(denied)
        .when(cmd('RequestExtension', { workingDays: 2, reason: '补充理由' }, '06-06'))
        .then((e) => expect(e[0].type).toBe('ExtensionRequested'));
    });
  });

  describe('rule 12: steps with their own limits', () => {
    it('marks a step that took longer than its limit, counting from the previous step', () => {
      const events = run([submit(), accept('06-03'), cmd('RecordStep', { step: '村委会初审', action: 'PASS', opinion: 'ok' }, '06-07')]);
      expect(events.at(-1)!.data).toMatchObject({ stepLimit: 2, stepWorkingDays: 4, late: true });
      given(events)
        .when(cmd('RecordStep', { step: '乡民政办审核', action: 'PASS', opinion: 'ok' }, '06-10'))
        .then((e) => expect(e[0].data).toMatchObject({ stepLimit: null, stepWorkingDays: 1, late: false }));
    });
  });

  describe('rule 15: urging', () => {
    const urged = run([submit(), accept('06-03'), cmd('UrgeCase', { note: '请尽快办结', periodWorkingDays: 2 }, '06-11')]);
    it('records the period it gives', () =>
      expect(urged.at(-1)!.data).toMatchObject({ urgedOn: '2024-06-11', periodEndsOn: '2024-06-13' }));
    it('knows whether a late case was finished within the first urging period', () => {
      given(urged)
        .when(cmd('CompleteCase', { outcome: 'APPROVED', reason: null }, '06-13'))
        .then((e) => expect(e[0].data).toMatchObject({ onTime: false, withinFirstUrgingPeriod: true }));
      given(urged)
        .when(cmd('CompleteCase', { outcome: 'APPROVED', reason: null }, '06-14'))
        .then((e) => expect(e[0].data).toMatchObject({ withinFirstUrgingPeriod: false }));
      given(acceptedCase)
        .when(cmd('CompleteCase', { outcome: 'APPROVED', reason: null }, '06-07'))
        .then((e) => expect(e[0].data).toMatchObject({ withinFirstUrgingPeriod: null }));
    });
  });

  describe('rule 13: warnings', () => {
    const check = (today: string) => cmd('CheckDeadline', { today }, '06-20');
    // Without step limits, so that only the case's own clock speaks (rule 12 is tested below).
    const plain: ItemSnapshot = { ...item, stepLimits: undefined };
    const acceptedCase = run([
      cmd(
        'SubmitCase',
        {
          caseId,
          receiptNo: 'r',
          center: 'c1',
          item: plain,
          applicant: { kind: 'PERSON', name: '张三', idNumber: '11010519491231002X' },
          channel: 'WINDOW',
          materials: [],
          staffId: 's',
        },
        '06-03',
      ),
      cmd('AcceptCase', { item: plain, staffId: 's', toleranceMaterials: [] }, '06-03'),
    ]);
    const accept = (day: string, kind: ItemSnapshot['kind'] = 'promised') =>
      cmd('AcceptCase', { item: { ...plain, kind }, staffId: 's', toleranceMaterials: [] }, day);

    it('issues nothing while time is ample', () => given(acceptedCase).when(check('2024-06-04')).then([]));

    it('turns yellow at 2 working days left', () =>
      given(acceptedCase)
        .when(check('2024-06-06'))
        .then([
          {
            type: 'DeadlineWarningIssued',
            data: { caseId, level: 'YELLOW', dueDate: '2024-06-10', workingDaysUsed: 3, workingDaysRemaining: 2, issuedOn: '2024-06-06' },
          },
        ]));

    it('turns yellow at 80% of the limit used when that comes first', () => {
      const long = run([
        submit(),
        cmd('AcceptCase', { item: { ...plain, promisedLimit: 20 }, staffId: 's', toleranceMaterials: [] }, '06-03'),
      ]);
      // Due 07-01. 16 of 20 working days are used on 06-25, while 4 still remain.
      given(long)
        .when(check('2024-06-25'))
        .then((e) => expect(e[0].data).toMatchObject({ workingDaysUsed: 16, workingDaysRemaining: 4 }));
      given(long).when(check('2024-06-24')).then([]);
    });

    it('turns red the day after the due date, once', () => {
      given(acceptedCase)
        .when(check('2024-06-11'))
        .then([{ type: 'DeadlineBreached', data: { caseId, dueDate: '2024-06-10', breachedOn: '2024-06-11', workingDaysOver: 1 } }]);
      const red = [...acceptedCase, ...decider.decide(check('2024-06-11'), acceptedCase.reduce(decider.evolve, decider.initialState()))];
      given(red).when(check('2024-06-12')).then([]);
    });

    it('warns once per due date, and again when an extension moves it', () => {
      const yellow = [...acceptedCase, ...decider.decide(check('2024-06-06'), acceptedCase.reduce(decider.evolve, decider.initialState()))];
      given(yellow).when(check('2024-06-07')).then([]);
      const extended = run([
        submit(),
        accept('06-03'),
        check('2024-06-06'),
        cmd('RequestExtension', { workingDays: 3, reason: 'x' }, '06-06'),
        cmd('ApproveExtension', { reason: 'ok' }, '06-06'),
      ]);
      given(extended)
        .when(check('2024-06-11'))
        .then((e) => expect(e[0].data).toMatchObject({ level: 'YELLOW', dueDate: '2024-06-13' }));
    });

    it('warns when an escalated case is still not sent up after 20 working days (art. 43), once', () => {
      const escalated = run([submit('06-03', 'escalated'), accept('06-03', 'escalated')]);
      // 21 working days after 06-03 is 07-02; the case's red card, then the center's own 7 days, came long before.
      const watched = (events: CaseEvent[]) => [
        ...events,
        ...decider.decide(check('2024-06-13'), events.reduce(decider.evolve, decider.initialState())),
      ];
      const red = watched(watched(escalated));
      expect(red.slice(-2).map((e) => e.type)).toEqual(['DeadlineBreached', 'CenterTimeExceeded']);
      given(red).when(check('2024-07-01')).then([]);
      given(red)
        .when(check('2024-07-02'))
        .then([{ type: 'EscalationReviewOverdue', data: { caseId, workingDaysUsed: 21, limit: 20, issuedOn: '2024-07-02' } }]);
      const sentUp = run([
        submit('06-03', 'escalated'),
        accept('06-03', 'escalated'),
        cmd('SuspendCase', { reason: 'HIGHER_AUTHORITY', detail: null }, '06-05'),
        cmd('ResumeCase', {}, '06-06'),
      ]);
      given(sentUp)
        .when(check('2024-07-10'))
        .then((e) => expect(e.map((x) => x.type)).not.toContain('EscalationReviewOverdue'));
    });

    it('says nothing about a suspended, completed or immediate case in time', () => {
      given(run([submit(), accept('06-03'), cmd('SuspendCase', { reason: 'APPLICANT_REQUEST', detail: null }, '06-04')]))
        .when(check('2024-06-20'))
        .then([]);
      given(run([submit(), accept('06-03'), cmd('CompleteCase', { outcome: 'APPROVED', reason: null }, '06-04')]))
        .when(check('2024-06-20'))
        .then([]);
      given(run([submit('06-03', 'immediate'), accept('06-03', 'immediate')]))
        .when(check('2024-06-03'))
        .then([]);
      given(run([submit('06-03', 'immediate'), accept('06-03', 'immediate')]))
        .when(check('2024-06-04'))
        .then((e) => expect(e[0].type).toBe('DeadlineBreached'));
    });
  });
});
