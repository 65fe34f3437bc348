import { specFor } from '../../../../test/support/given-when-then';
import { WorkingCalendar } from '../../time-limits/domain';
import { CaseCommand, createCaseDecider } from './case.decide';
import { CaseEvent } from './case.events';
import { ItemSnapshot } from '../../catalog/domain';

// Weekends only in 2024, so the arithmetic is easy to follow: 2024-06-03 is a Monday.
const calendar = new WorkingCalendar({ holidays: {}, makeupWorkdays: {}, coveredYears: [2024, 2025] });
const decider = createCaseDecider({ calendar });
const given = specFor(decider);
const caseId = 'c-1';
const on = (day: string) => (day.length === 5 ? `2024-${day}T01:00:00.000Z` : `${day}T01:00:00.000Z`); // 09:00 China time
const cmd = (type: CaseCommand['type'], data: Record<string, unknown>, day: string) =>
  ({ type, data: { ...data, occurredAt: on(day) } }) as unknown as CaseCommand;
const runWith = (d: typeof decider, commands: CaseCommand[], start: CaseEvent[] = []): CaseEvent[] =>
  commands.reduce<CaseEvent[]>((events, command) => [...events, ...d.decide(command, events.reduce(d.evolve, d.initialState()))], start);
const run = (commands: CaseCommand[], start: CaseEvent[] = []) => runWith(decider, commands, start);
const stateOf = (events: CaseEvent[]) => events.reduce(decider.evolve, decider.initialState());

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
  steps: ['村委会初审', '公示', '乡民政办审核'],
  allowsToleranceAcceptance: false,
};
const submit = (day: string, it: ItemSnapshot = item) =>
  cmd(
    'SubmitCase',
    {
      caseId,
      receiptNo: 'r',
      center: 'c1',
      item: it,
      applicant: { kind: 'PERSON', name: '张三', idNumber: '11010519491231002X' },
      channel: 'WINDOW',
      materials: [],
      staffId: 's',
    },
    day,
  );
const accept = (day: string, it: ItemSnapshot = item) => cmd('AcceptCase', { item: it, staffId: 's', toleranceMaterials: [] }, day);
const suspend = (day: string) => cmd('SuspendCase', { reason: 'APPLICANT_REQUEST', detail: null }, day);
const resume = (day: string) => cmd('ResumeCase', {}, day);
const check = (today: string) => cmd('CheckDeadline', { today }, today.slice(5));
const accepted = run([submit('06-03'), accept('06-03')]); // day 1 is 06-04, due Mon 06-10

describe('closed cases keep still (SPEC clarification)', () => {
  const closings: Array<[string, CaseEvent[]]> = [
    ['completed', run([cmd('CompleteCase', { outcome: 'APPROVED', reason: null }, '06-05')], accepted)],
    [
      'delivered',
      run(
        [
          cmd('CompleteCase', { outcome: 'APPROVED', reason: null }, '06-05'),
          cmd('DeliverResult', { method: 'PICKUP', recipient: '张三' }, '06-05'),
        ],
        accepted,
      ),
    ],
    ['withdrawn', run([cmd('WithdrawCase', { reason: null }, '06-05')], accepted)],
    ['rejected', run([submit('06-03'), cmd('RejectCase', { reason: '不属于本中心受理范围' }, '06-04')])],
    [
      'terminated',
      run([
        submit('06-03'),
        cmd('RequestSupplement', { missingMaterials: ['户口簿'] }, '06-04'),
        cmd('TerminateCase', { reason: '未补正' }, '06-05'),
      ]),
    ],
  ];
  const clockCommands: CaseCommand[] = [
    suspend('06-06'),
    resume('06-06'),
    cmd('RequestExtension', { workingDays: 2, reason: '需现场核查' }, '06-06'),
    cmd('ApproveExtension', { reason: '同意' }, '06-06'),
    cmd('DenyExtension', { reason: '不同意' }, '06-06'),
    cmd('UrgeCase', { note: '请尽快办理', periodWorkingDays: 1 }, '06-06'),
  ];

  it.each(closings)('a %s case refuses every clock command with CASE.CLOSED', (_status, events) => {
    for (const command of clockCommands) given(events).when(command).thenThrows('CASE.CLOSED');
  });

  it('refuses a decision on an extension asked for before the case was completed; the request lapses', () => {
    const requested = run(
      [
        cmd('RequestExtension', { workingDays: 2, reason: '需现场核查' }, '06-04'),
        cmd('CompleteCase', { outcome: 'APPROVED', reason: null }, '06-05'),
      ],
      accepted,
    );
    given(requested)
      .when(cmd('ApproveExtension', { reason: '同意' }, '06-05'))
      .thenThrows('CASE.CLOSED');
    expect(stateOf(requested)).toMatchObject({ status: 'COMPLETED', pendingExtension: null });
  });

  it('a withdrawal during a suspension ends the suspension as a recorded fact first', () => {
    const suspended = run([suspend('06-05')], accepted);
    given(suspended)
      .when(cmd('WithdrawCase', { reason: '申请人撤回' }, '06-12'))
      .then((events) => {
        expect(events.map((e) => e.type)).toEqual(['CaseResumed', 'CaseWithdrawn']);
        expect(events[0].data).toMatchObject({ fromDate: '2024-06-05', toDate: '2024-06-12', workingDaysLeftOut: 5 });
      });
    const withdrawn = run([cmd('WithdrawCase', { reason: null }, '06-12')], suspended);
    expect(stateOf(withdrawn)).toMatchObject({ status: 'WITHDRAWN', suspendedSince: null });
    given(withdrawn).when(resume('06-13')).thenThrows('CASE.CLOSED');
  });

  it('the deadline watcher says nothing of a closed case, even long after its due date', () => {
    for (const [, events] of closings) given(events).when(check('2024-07-31')).then([]);
  });
});

describe('the 3-day extension notice is judged against the due date moved by a running suspension', () => {
  // Due 06-10; suspended from 06-05. On 06-12, 5 working days (06-06 … 06-12) are already left out: due 06-17.
  const suspended = run([suspend('06-05')], accepted);

  it('allows an extension asked for on 06-12, 5 days before the moved due date 06-17', () => {
    given(suspended)
      .when(cmd('RequestExtension', { workingDays: 2, reason: '需专家评审' }, '06-12'))
      .then((e) => expect(e[0].type).toBe('ExtensionRequested'));
  });

  it('refuses one asked for when even the moved due date is less than 3 days away', () => {
    // Suspended on Fri 06-07, the last day for the stored due date. On 06-12, 06-10 … 06-12 are left out: due 06-13, last day 06-10.
    const suspendedLate = run([suspend('06-07')], accepted);
    given(suspendedLate)
      .when(cmd('RequestExtension', { workingDays: 2, reason: 'x' }, '06-07'))
      .then((e) => expect(e[0].type).toBe('ExtensionRequested'));
    given(suspendedLate)
      .when(cmd('RequestExtension', { workingDays: 2, reason: 'x' }, '06-12'))
      .thenThrows('CASE.EXTENSION_TOO_LATE', { dueDate: '2024-06-13', lastDay: '2024-06-10' });
  });

  it('without a suspension, the stored due date decides, as before', () => {
    given(accepted)
      .when(cmd('RequestExtension', { workingDays: 2, reason: 'x' }, '06-07'))
      .then((e) => expect(e[0].type).toBe('ExtensionRequested'));
    given(accepted)
      .when(cmd('RequestExtension', { workingDays: 2, reason: 'x' }, '06-08'))
      .thenThrows('CASE.EXTENSION_TOO_LATE', { dueDate: '2024-06-10', lastDay: '2024-06-07' });
  });
});

describe('lateness is not undone after the fact', () => {
  it('refuses a suspension that starts after the due date', () => {
    given(accepted).when(suspend('06-11')).thenThrows('CASE.PAST_DUE_DATE', { dueDate: '2024-06-10' });
  });

  it('allows one that starts on the due date itself: that day is still counted', () => {
    given(accepted)
      .when(suspend('06-10'))
      .then((e) => expect(e[0].data).toMatchObject({ fromDate: '2024-06-10' }));
  });

  it('a red-carded case is never completed on time, whatever later moves its due date', () => {
    // Red card on 06-11; a correction (here simulated by the recorded event) moves the due date to 06-14.
    const red = run([check('2024-06-11')], accepted);
    expect(red.at(-1)!.type).toBe('DeadlineBreached');
    const moved: CaseEvent = {
      type: 'DueDateCorrected',
      data: {
        caseId,
        previousDueDate: '2024-06-10',
        dueDate: '2024-06-14',
        provisional: false,
        reason: 'x',
        scheduleYears: [2024],
        calendar: 'test',
        suspensionWorkingDays: [],
        correctedOn: '2024-06-12',
      },
    };
    given([...red, moved])
      .when(cmd('CompleteCase', { outcome: 'APPROVED', reason: null }, '06-12'))
      .then((e) => expect(e[0].data).toMatchObject({ dueDate: '2024-06-14', onTime: false }));
    // And no second red card for the moved date: the case is late once.
    given([...red, moved])
      .when(check('2024-06-17'))
      .then([]);
  });
});

describe('rule 12: step limits count like the case clock', () => {
  const stepped: ItemSnapshot = { ...item, promisedLimit: 20, stepLimits: { 村委会初审: 2 } };
  const running = run([submit('06-03', stepped), accept('06-03', stepped)]);

  it('leaves suspended days out of a step, recorded or running', () => {
    // The step runs from 06-03; suspended 06-04 to 06-07 (06-05, 06-06, 06-07 left out). On 06-10: 06-04 and 06-10 count.
    const withSuspension = run([suspend('06-04'), resume('06-07')], running);
    given(withSuspension)
      .when(cmd('RecordStep', { step: '村委会初审', action: 'PASS', opinion: '属实' }, '06-10'))
      .then((e) => expect(e[0].data).toMatchObject({ stepLimit: 2, stepWorkingDays: 2, late: false }));
    given(running)
      .when(cmd('RecordStep', { step: '村委会初审', action: 'PASS', opinion: '属实' }, '06-10'))
      .then((e) => expect(e[0].data).toMatchObject({ stepWorkingDays: 5, late: true }));
  });

  it('warns once when the running step passes its limit, and not while within it', () => {
    given(running).when(check('2024-06-05')).then([]);
    given(running)
      .when(check('2024-06-06'))
      .then([
        {
          type: 'StepOverdue',
          data: { caseId, step: '村委会初审', stepLimit: 2, since: '2024-06-03', workingDaysUsed: 3, issuedOn: '2024-06-06' },
        },
      ]);
    const warned = run([check('2024-06-06')], running);
    given(warned).when(check('2024-06-07')).then([]);
  });

  it('counts the running step from the previous step, without the days a finished suspension left out', () => {
    const second: ItemSnapshot = { ...stepped, stepLimits: { 公示: 3 } };
    const afterFirst = run([
      submit('06-03', second),
      accept('06-03', second),
      cmd('RecordStep', { step: '村委会初审', action: 'PASS', opinion: '属实' }, '06-05'),
      suspend('06-06'),
      resume('06-10'),
    ]);
    // 公示 runs from 06-05; 06-07 and 06-10 are left out; on 06-12: 06-06, 06-11, 06-12 = 3, within.
    given(afterFirst).when(check('2024-06-12')).then([]);
    given(afterFirst)
      .when(check('2024-06-13'))
      .then((e) => expect(e[0]).toMatchObject({ type: 'StepOverdue', data: { step: '公示', workingDaysUsed: 4 } }));
  });
});

describe('rule 13: the 80% yellow of a natural-day item is measured in natural days', () => {
  // 30 natural days from Mon 06-03: due Wed 07-03. 80% is 24 days: 06-27, while 4 working days still remain.
  const natural: ItemSnapshot = { ...item, promisedLimit: 30, limitUnit: 'natural_days' };
  const events = run([submit('06-03', natural), accept('06-03', natural)]);

  it('turns yellow on the 24th natural day, not on the 24th working day', () => {
    given(events).when(check('2024-06-26')).then([]);
    given(events)
      .when(check('2024-06-27'))
      .then((e) => expect(e[0]).toMatchObject({ type: 'DeadlineWarningIssued', data: { dueDate: '2024-07-03', workingDaysRemaining: 4 } }));
  });

  it('leaves the natural days of a suspension out of the share used', () => {
    // Suspended 06-10 to 06-14: 4 natural days out, 4 working days added to the due date (07-09).
    const suspended = run([suspend('06-10'), resume('06-14')], events);
    given(suspended).when(check('2024-06-28')).then([]);
    given(suspended)
      .when(check('2024-07-01'))
      .then((e) => expect(e[0].type).toBe('DeadlineWarningIssued'));
  });
});

describe('provisional due dates, and their correction when the schedule arrives', () => {
  // 2025's notice is not installed at first: only weekends and 元旦 (from the law) rest.
  const statutory = (year: number): Record<string, string> => (year === 2025 ? { '2025-01-01': '元旦 (法定)' } : {});
  const before = createCaseDecider({
    calendar: new WorkingCalendar({ holidays: {}, makeupWorkdays: {}, coveredYears: [2024], statutoryHolidays: statutory, source: 'old' }),
  });
  // Then the notice arrives: 2025-01-02 is also a rest day (a made-up day off), 2025-01-04 (Sat) a working day.
  const after = createCaseDecider({
    calendar: new WorkingCalendar({
      holidays: { '2025-01-01': '元旦', '2025-01-02': '元旦' },
      makeupWorkdays: { '2025-01-04': '元旦调休上班' },
      coveredYears: [2024, 2025],
      source: 'new',
    }),
  });
  const dec = (day: string) => `2024-12-${day}`;
  const openedDec = (acceptOn: string, limit = 5) =>
    runWith(before, [submit(dec(acceptOn), { ...item, promisedLimit: limit }), accept(dec(acceptOn), { ...item, promisedLimit: limit })]);
  const correct = (today: string) => ({ type: 'CorrectDueDate', data: { today, occurredAt: `${today}T02:00:00.000Z` } }) as CaseCommand;

  it('marks a due date provisional when its period reaches a year without a schedule', () => {
    // Accepted Fri 27 Dec: 30, 31, (1 Jan 元旦), 2, 3, 6 → due 2025-01-06.
    expect(openedDec('27').at(-1)!.data).toMatchObject({ timeLimit: { dueDate: '2025-01-06', provisional: true } });
    expect(runWith(before, [submit('06-03'), accept('06-03')]).at(-1)!.data).toMatchObject({ timeLimit: { provisional: false } });
  });

  it('marks a resumption or an extension that moves the due date into such a year provisional', () => {
    const inDecember = openedDec('16'); // due Mon 23 Dec, not provisional
    expect(inDecember.at(-1)!.data).toMatchObject({ timeLimit: { dueDate: '2024-12-23', provisional: false } });
    const resumed = runWith(before, [suspend(dec('17')), resume(dec('20'))], inDecember);
    expect(resumed.at(-1)).toMatchObject({ type: 'CaseResumed', data: { dueDate: '2024-12-26', provisional: false } });
    const extended = runWith(
      before,
      [
        cmd('RequestExtension', { workingDays: 8, reason: '需专家评审' }, dec('18')),
        cmd('ApproveExtension', { reason: '同意' }, dec('18')),
      ],
      inDecember,
    );
    expect(extended.at(-1)).toMatchObject({ type: 'ExtensionApproved', data: { dueDate: '2025-01-03', provisional: true } });
    const longResume = runWith(before, [suspend(dec('17')), resume(dec('31'))], inDecember);
    // 18 … 31 Dec left out (10 working days): 24, 25, 26, 27, 30, 31, (1 Jan 元旦), 2, 3, 6, 7.
    expect(longResume.at(-1)).toMatchObject({
      type: 'CaseResumed',
      data: { workingDaysLeftOut: 10, dueDate: '2025-01-07', provisional: true },
    });
  });

  it('records the correction once, with the old date, the new date, why and which calendar', () => {
    const events = openedDec('27');
    const corrected = specFor(after)(events);
    corrected.when(correct('2024-12-30')).then([
      {
        type: 'DueDateCorrected',
        data: {
          caseId,
          previousDueDate: '2025-01-06',
          // 30, 31, (1, 2 rest), 3, Sat 4 (调休上班), 6.
          dueDate: '2025-01-06',
          provisional: false,
          reason: 'Official holiday schedule installed for 2024, 2025 (2024、2025年放假安排已公布)',
          scheduleYears: [2024, 2025],
          calendar: 'new',
          suspensionWorkingDays: [],
          correctedOn: '2024-12-30',
        },
      },
    ]);
    const once = runWith(after, [correct('2024-12-30')], events);
    specFor(after)(once).when(correct('2024-12-31')).then([]);
  });

  it('moves the due date, and recounts the working days a finished suspension left out on the new calendar', () => {
    // Accepted Mon 23 Dec, 5 days: 24, 25, 26, 27, 30 → due 30 Dec; suspended 27 Dec to 3 Jan: 30, 31, 2, 3 left out → due 31, 2, 3, 6.
    const events = runWith(before, [suspend(dec('27')), resume('2025-01-03')], openedDec('23'));
    expect(events.at(-1)).toMatchObject({ type: 'CaseResumed', data: { workingDaysLeftOut: 4, dueDate: '2025-01-06', provisional: true } });
    // On the installed schedule 2 Jan rests and Sat 4 Jan works: 30, 31, 3 left out (3), due 30 Dec + 3 = 31, 3, 4 → 2025-01-04.
    specFor(after)(events)
      .when(correct('2025-01-03'))
      .then((e) =>
        expect(e[0].data).toMatchObject({
          previousDueDate: '2025-01-06',
          dueDate: '2025-01-04',
          provisional: false,
          suspensionWorkingDays: [3],
        }),
      );
    const corrected = runWith(after, [correct('2025-01-03')], events);
    expect(corrected.reduce(after.evolve, after.initialState())).toMatchObject({
      timeLimit: { dueDate: '2025-01-04', provisional: false },
      suspensions: [{ workingDays: 3 }],
    });
  });

  it('leaves a case alone whose date was not provisional, or that is closed, or still cannot be settled', () => {
    specFor(after)(runWith(before, [submit('06-03'), accept('06-03')]))
      .when(correct('2024-12-30'))
      .then([]);
    specFor(after)(runWith(before, [cmd('CompleteCase', { outcome: 'APPROVED', reason: null }, dec('30'))], openedDec('27')))
      .when(correct('2024-12-31'))
      .then([]);
    specFor(before)(openedDec('27')).when(correct('2024-12-30')).then([]);
  });

  it('never changes a warning or a lateness already recorded', () => {
    const red = runWith(before, [check('2025-01-07')], openedDec('27'));
    expect(red.at(-1)!.type).toBe('DeadlineBreached');
    const corrected = runWith(after, [correct('2025-01-07')], red);
    expect(corrected.slice(0, red.length)).toEqual(red);
    expect(corrected.reduce(after.evolve, after.initialState())).toMatchObject({ redFor: '2025-01-06' });
  });
});

describe('rules from the catalog', () => {
  it('acceptance days (受理日): a submission outside them is refused with the next acceptance day', () => {
    const monthly: ItemSnapshot = { ...item, acceptanceDays: { from: 1, to: 10 } };
    given([])
      .when(submit('06-10', monthly))
      .then((e) => expect(e[0].type).toBe('CaseSubmitted'));
    // 1 July 2024 is a Monday.
    given([])
      .when(submit('06-11', monthly))
      .thenThrows('CASE.OUTSIDE_ACCEPTANCE_DAYS', { nextAcceptanceDay: '2024-07-01', acceptanceDays: { from: 1, to: 10 } });
    // From 30 Nov 2024 the next is Mon 2 Dec (1 Dec is a Sunday).
    given([]).when(submit('11-30', monthly)).thenThrows('CASE.OUTSIDE_ACCEPTANCE_DAYS', { nextAcceptanceDay: '2024-12-02' });
    // Across the year: from 20 Dec to 2 Jan 2025.
    given([]).when(submit('12-20', monthly)).thenThrows('CASE.OUTSIDE_ACCEPTANCE_DAYS', { nextAcceptanceDay: '2025-01-01' });
  });

  it("the applicant's deadline to bring missing materials: the case is closed with a written non-acceptance after it", () => {
    const timed: ItemSnapshot = { ...item, supplementDeadline: { days: 5, unit: 'working_days' } };
    const noticed = run([submit('06-03', timed), cmd('RequestSupplement', { missingMaterials: ['户口簿'] }, '06-04')]);
    expect(noticed.at(-1)!.data).toMatchObject({ applicantDue: '2024-06-11' });
    given(noticed).when(check('2024-06-11')).then([]);
    given(noticed)
      .when(check('2024-06-12'))
      .then((e) =>
        expect(e).toEqual([
          {
            type: 'CaseTerminated',
            data: {
              caseId,
              reason: '申请人逾期未补正（补正期限 2024-06-11），不予受理',
              applicantDue: '2024-06-11',
              terminatedAt: on('06-12'),
            },
          },
        ]),
      );
    // Brought in time: nothing to close.
    given(run([cmd('ReceiveSupplement', { materials: ['户口簿'] }, '06-11')], noticed))
      .when(check('2024-06-20'))
      .then([]);
    // In natural days, a deadline on a rest day moves to the next working day (rule 11).
    const natural: ItemSnapshot = { ...item, supplementDeadline: { days: 4, unit: 'natural_days' } };
    expect(run([submit('06-03', natural), cmd('RequestSupplement', { missingMaterials: ['户口簿'] }, '06-04')]).at(-1)!.data).toMatchObject(
      { applicantDue: '2024-06-10' },
    );
    // Without a deadline in the catalog, nobody closes the case but staff.
    given(run([submit('06-03'), cmd('RequestSupplement', { missingMaterials: ['户口簿'] }, '06-04')]))
      .when(check('2024-12-31'))
      .then([]);
  });

  it('a public notice (公示) lasts at least its days: recording the step earlier is refused', () => {
    const notice: ItemSnapshot = { ...item, promisedLimit: 20, stepMinimumDays: { 公示: 7 } };
    const started = run([
      submit('06-03', notice),
      accept('06-03', notice),
      cmd('RecordStep', { step: '村委会初审', action: 'PASS', opinion: '属实' }, '06-05'),
    ]);
    given(started)
      .when(cmd('RecordStep', { step: '公示', action: 'PASS', opinion: '公示无异议' }, '06-11'))
      .thenThrows('CASE.STEP_TOO_EARLY', { since: '2024-06-05', earliestOn: '2024-06-12', minimumDays: 7 });
    given(started)
      .when(cmd('RecordStep', { step: '公示', action: 'PASS', opinion: '公示无异议' }, '06-12'))
      .then((e) => expect(e[0].type).toBe('StepRecorded'));
  });
});
