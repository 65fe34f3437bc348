import fc from 'fast-check';
import { addDays } from '../../../core/dates';
import { CaseCommand, createCaseDecider } from './case.decide';
import { CaseEvent } from './case.events';
import { ItemSnapshot } from '../../catalog/domain';
import { dueDateAfterSuspension, readClock, suspendedWorkingDays } from '../../time-limits/domain';
import { buildCalendar } from '../../time-limits';

const calendar = buildCalendar();
const decider = createCaseDecider({ calendar });
const item = (promisedLimit: number): ItemSnapshot => ({
  code: 'X-1',
  version: 1,
  name: 'x',
  department: 'd',
  window: 'w',
  kind: 'promised',
  promisedLimit,
  limitUnit: 'working_days',
  fee: '0',
  materials: [],
  steps: [],
  allowsToleranceAcceptance: false,
});
const at = (date: string) => `${date}T01:00:00.000Z`;
const cmd = (type: CaseCommand['type'], data: Record<string, unknown>, date: string) =>
  ({ type, data: { ...data, occurredAt: at(date) } }) as unknown as CaseCommand;
const run = (commands: CaseCommand[]): CaseEvent[] =>
  commands.reduce<CaseEvent[]>(
    (events, command) => [...events, ...decider.decide(command, events.reduce(decider.evolve, decider.initialState()))],
    [],
  );
const opened = (date: string, limit: number) => [
  cmd(
    'SubmitCase',
    {
      caseId: 'c',
      receiptNo: 'r',
      center: 'c1',
      item: item(limit),
      applicant: { kind: 'PERSON', name: '张三', idNumber: '11010519491231002X' },
      channel: 'WINDOW',
      materials: [],
      staffId: 's',
    },
    date,
  ),
  cmd('AcceptCase', { item: item(limit), staffId: 's', toleranceMaterials: [] }, date),
];

describe('the statutory clock on the official calendar', () => {
  it('Spring Festival 2026: a suspension across the holiday leaves out only working days, make-up Saturday included', () => {
    // Accepted Tue 10 Feb, 5 working days: 11, 12, 13, Sat 14 (调休上班), Tue 24 → due 24 Feb.
    const events = run([
      ...opened('2026-02-10', 5),
      cmd('SuspendCase', { reason: 'APPLICANT_REQUEST', detail: null }, '2026-02-12'),
      cmd('ResumeCase', {}, '2026-02-25'),
    ]);
    expect((events[1].data as { timeLimit: { dueDate: string } }).timeLimit.dueDate).toBe('2026-02-24');
    // Left out: 13, Sat 14, 24, 25 = 4 working days; 24 Feb + 4 = 25, 26, 27, Sat 28 (调休上班).
    expect(events.at(-1)!.data).toMatchObject({ workingDaysLeftOut: 4, previousDueDate: '2026-02-24', dueDate: '2026-02-28' });
  });

  it('National Day 2025: an extension approved before the holiday counts past it', () => {
    // Accepted Mon 22 Sep, 10 working days, make-up days Sun 28 Sep and Sat 11 Oct → due Sat 11 Oct.
    const events = run([
      ...opened('2025-09-22', 10),
      cmd('RequestExtension', { workingDays: 5, reason: '需专家评审' }, '2025-09-29'),
      cmd('ApproveExtension', { reason: '同意延期' }, '2025-09-30'),
    ]);
    expect((events[1].data as { timeLimit: { dueDate: string } }).timeLimit.dueDate).toBe('2025-10-11');
    expect(events.at(-1)!.data).toMatchObject({ previousDueDate: '2025-10-11', dueDate: '2025-10-17' });
  });

  it('National Day 2025: the deadline watcher counts no holiday as used time', () => {
    const events = run(opened('2025-09-22', 10));
    const state = events.reduce(decider.evolve, decider.initialState());
    const check = (today: string) => decider.decide(cmd('CheckDeadline', { today }, '2025-10-20'), state);
    expect(check('2025-10-07')).toEqual([]); // mid-holiday: 7 used, 3 left
    expect(check('2025-10-09')).toMatchObject([{ type: 'DeadlineWarningIssued', data: { workingDaysUsed: 8, workingDaysRemaining: 2 } }]);
    expect(check('2025-10-12')).toMatchObject([{ type: 'DeadlineBreached', data: { dueDate: '2025-10-11', breachedOn: '2025-10-12' } }]);
  });

  describe('properties (fast-check)', () => {
    const day = fc.integer({ min: 0, max: 365 * 22 }).map((n) => addDays('2004-01-01', n));
    const span = fc.integer({ min: 0, max: 90 });

    it('a suspension never shortens a due date, and the moved date is a working day', () => {
      fc.assert(
        fc.property(day, fc.integer({ min: 1, max: 60 }), span, span, (start, limit, a, b) => {
          const due = calendar.addWorkingDays(start, limit);
          const from = addDays(start, a);
          const to = addDays(from, b);
          const moved = dueDateAfterSuspension(due, suspendedWorkingDays(from, to, calendar), calendar);
          return moved >= due && calendar.isWorkingDay(moved);
        }),
      );
    });

    it('time used plus time remaining is the limit, on any working day before the due date', () => {
      fc.assert(
        fc.property(day, fc.integer({ min: 1, max: 60 }), fc.integer({ min: 0, max: 59 }), (start, limit, k) => {
          fc.pre(k < limit);
          const due = calendar.addWorkingDays(start, limit);
          const today = calendar.addWorkingDays(start, k);
          const r = readClock(start, due, today, 0, calendar);
          return r.workingDaysUsed + r.workingDaysRemaining === limit && !r.overdue;
        }),
      );
    });
  });
});
