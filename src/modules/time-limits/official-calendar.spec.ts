import fc from 'fast-check';
import { addDays } from '../../core/dates';
import { computeDueDate } from './domain/due-date';
import { buildCalendar, calendarWarnings, parseCenterCalendar } from './official-calendar';

const calendar = buildCalendar();
const promised = (limit: number, limitUnit: 'working_days' | 'natural_days' = 'working_days') =>
  ({ kind: 'promised', promisedLimit: limit, limitUnit }) as const;

describe('official working-day calendar (State Council schedule via chinese-days)', () => {
  it('knows the 2026 Spring Festival holiday and its make-up Saturdays', () => {
    expect(calendar.dayKind('2026-02-14')).toBe('MAKEUP_WORKDAY');
    expect(calendar.dayKind('2026-02-16')).toBe('HOLIDAY');
    expect(calendar.dayKind('2026-02-23')).toBe('HOLIDAY'); // a Monday
    expect(calendar.dayKind('2026-02-28')).toBe('MAKEUP_WORKDAY');
    expect(calendar.dayKind('2026-02-24')).toBe('WORKDAY');
  });

  it('counts a 3-working-day promise across Spring Festival 2026, make-up Saturday included', () => {
    // Accepted Fri 13 Feb: day 1 is Sat 14 (调休上班), then the holiday runs to Mon 23.
    expect(computeDueDate(promised(3), '2026-02-13', calendar).dueDate).toBe('2026-02-25');
  });

  it('counts across National Day 2025, whose make-up days fall on both sides of the holiday', () => {
    expect(calendar.addWorkingDays('2025-09-26', 1)).toBe('2025-09-28'); // Sunday make-up day
    expect(computeDueDate(promised(5), '2025-09-30', calendar).dueDate).toBe('2025-10-14');
    expect(calendar.isWorkingDay('2025-10-11')).toBe(true); // Saturday make-up day
  });

  it('moves a natural-day due date off the National Day 2026 holiday to the next working day', () => {
    const due = computeDueDate(promised(7, 'natural_days'), '2026-09-24', calendar);
    expect(due).toMatchObject({ dueDate: '2026-10-08', unit: 'natural_days', limit: 7, provisional: false });
  });

  it('marks a due date that reaches a year with no official schedule as provisional, and warns', () => {
    const due = computeDueDate(promised(20), '2026-12-15', calendar);
    expect(due.provisional).toBe(true);
    expect(calendar.covers(2027)).toBe(false);
    expect(calendarWarnings(calendar, '2026-11-23')).toEqual([expect.stringContaining('2027')]);
    expect(calendarWarnings(calendar, '2025-03-01')).toEqual([]);
  });

  it("applies a center's closures, extra working days and a newly published schedule", () => {
    const own = buildCalendar(
      parseCenterCalendar(`
closures:
  2026-03-02: 中心搬迁
extraWorkdays:
  2026-03-07: 周六延时服务
holidays:
  2027-01-01: 元旦
coveredYears: [2027]
`),
    );
    expect(own.isWorkingDay('2026-03-02')).toBe(false);
    expect(own.isWorkingDay('2026-03-07')).toBe(true);
    expect(own.isWorkingDay('2027-01-01')).toBe(false);
    expect(own.covers(2027)).toBe(true);
    expect(calendar.isWorkingDay('2027-01-01')).toBe(true); // without the file, only weekends are known
  });

  it('rejects a calendar file with malformed dates, naming the entry', () => {
    expect(() => parseCenterCalendar('closures:\n  2026-02-30: x\n', 'center.yaml')).toThrow(/center.yaml: closures.2026-02-30/);
    expect(() => parseCenterCalendar('coveredYears: soon\n')).toThrow(/coveredYears/);
  });

  describe('properties', () => {
    const day = fc.integer({ min: 0, max: 365 * 22 }).map((n) => addDays('2004-01-01', n));
    const limit = fc.integer({ min: 1, max: 60 });

    it('adding N working days lands on a working day exactly N working days later', () => {
      fc.assert(
        fc.property(day, limit, (start, n) => {
          const due = calendar.addWorkingDays(start, n);
          return calendar.isWorkingDay(due) && calendar.workingDaysBetween(start, due) === n && due > start;
        }),
      );
    });

    it('a longer limit never gives an earlier due date', () => {
      fc.assert(
        fc.property(day, limit, limit, (start, a, b) => {
          fc.pre(a < b);
          return calendar.addWorkingDays(start, a) < calendar.addWorkingDays(start, b);
        }),
      );
    });

    it('a natural-day due date is never a rest day and never before start + N', () => {
      fc.assert(
        fc.property(day, limit, (start, n) => {
          const { dueDate } = computeDueDate(promised(n, 'natural_days'), start, calendar);
          return calendar.isWorkingDay(dueDate) && dueDate >= addDays(start, n);
        }),
      );
    });
  });
});
