import { computeDueDate } from './due-date';
import { WorkingCalendar } from './working-calendar';

// A plain calendar: weekends only, so the arithmetic is easy to read. 2024-06-03 is a Monday.
const weekendsOnly = new WorkingCalendar({ holidays: {}, makeupWorkdays: {}, coveredYears: [2024] });

describe('due dates (SPEC §5 rules 1–4, 11)', () => {
  it('immediate items are due the day they are accepted', () => {
    expect(computeDueDate({ kind: 'immediate', limitUnit: 'working_days', promisedLimit: 5 }, '2024-06-05', weekendsOnly)).toMatchObject({
      dueDate: '2024-06-05',
      basis: 'immediate',
      limit: 0,
    });
  });

  it('counts from the day after acceptance: day 1 is the next working day, the due date the N-th', () => {
    expect(computeDueDate({ kind: 'promised', promisedLimit: 1, limitUnit: 'working_days' }, '2024-06-07', weekendsOnly).dueDate).toBe(
      '2024-06-10',
    );
    expect(computeDueDate({ kind: 'promised', promisedLimit: 5, limitUnit: 'working_days' }, '2024-06-03', weekendsOnly).dueDate).toBe(
      '2024-06-10',
    );
  });

  it('prefers the promised limit to the legal one', () => {
    const due = computeDueDate(
      { kind: 'promised', legalLimit: 7, promisedLimit: 3, limitUnit: 'working_days' },
      '2024-06-03',
      weekendsOnly,
    );
    expect(due).toMatchObject({ limit: 3, basis: 'promised', dueDate: '2024-06-06' });
  });

  it('uses the legal limit when no promise is published', () => {
    expect(computeDueDate({ kind: 'promised', legalLimit: 7, limitUnit: 'working_days' }, '2024-06-03', weekendsOnly)).toMatchObject({
      limit: 7,
      basis: 'legal',
    });
  });

  it('defaults to 20 working days, 45 for joint cases, 7 for escalated ones', () => {
    expect(computeDueDate({ kind: 'promised', limitUnit: 'natural_days' }, '2024-06-03', weekendsOnly)).toMatchObject({
      limit: 20,
      unit: 'working_days',
      basis: 'default',
      dueDate: '2024-07-01',
    });
    expect(computeDueDate({ kind: 'joint', limitUnit: 'working_days' }, '2024-06-03', weekendsOnly).limit).toBe(45);
    expect(computeDueDate({ kind: 'escalated', limitUnit: 'working_days' }, '2024-06-03', weekendsOnly).limit).toBe(7);
  });

  it('a limit of 0 means the same day', () => {
    expect(computeDueDate({ kind: 'promised', promisedLimit: 0, limitUnit: 'working_days' }, '2024-06-05', weekendsOnly).dueDate).toBe(
      '2024-06-05',
    );
  });

  it('natural days: start + N, moved to the next working day when that is a rest day', () => {
    expect(computeDueDate({ kind: 'promised', promisedLimit: 3, limitUnit: 'natural_days' }, '2024-06-03', weekendsOnly).dueDate).toBe(
      '2024-06-06',
    );
    expect(computeDueDate({ kind: 'promised', promisedLimit: 5, limitUnit: 'natural_days' }, '2024-06-03', weekendsOnly).dueDate).toBe(
      '2024-06-10',
    );
  });
});
