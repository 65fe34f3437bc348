import fc from 'fast-check';
import { addDays } from '../../core/dates';
import { computeDueDate } from './domain/due-date';
import { buildCalendar, calendarWarnings, officialCalendarData, parseCenterCalendar, statutoryHolidays } from './official-calendar';

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
    expect(own.dayKind('2027-01-01')).toBe('HOLIDAY');
    expect(calendar.dayKind('2027-01-01')).toBe('STATUTORY_HOLIDAY'); // without the file, the law's holidays still rest
  });

  it('rejects a calendar file with malformed dates, naming the entry', () => {
    expect(() => parseCenterCalendar('closures:\n  2026-02-30: x\n', 'center.yaml')).toThrow(/center.yaml: closures.2026-02-30/);
    expect(() => parseCenterCalendar('coveredYears: soon\n')).toThrow(/coveredYears/);
  });

  describe('a year whose yearly notice is not installed (全国年节及纪念日放假办法, 2024 revision)', () => {
    it('rests on the statutory holidays of 2027: 元旦, 春节 with 除夕, 清明, 劳动节, 端午, 中秋, 国庆', () => {
      expect(calendar.covers(2027)).toBe(false);
      expect(Object.keys(statutoryHolidays(2027)).sort()).toEqual([
        '2027-01-01', // 元旦, a Friday
        '2027-02-05', // 除夕
        '2027-02-06',
        '2027-02-07',
        '2027-02-08', // 正月初一 to 初三
        '2027-04-05', // 清明
        '2027-05-01',
        '2027-05-02',
        '2027-06-09', // 端午, 五月初五
        '2027-09-15', // 中秋, 八月十五
        '2027-10-01',
        '2027-10-02',
        '2027-10-03',
      ]);
      for (const day of ['2027-01-01', '2027-02-05', '2027-02-08', '2027-04-05', '2027-06-09', '2027-09-15', '2027-10-01']) {
        expect(calendar.isWorkingDay(day)).toBe(false);
      }
      expect(calendar.isWorkingDay('2027-02-09')).toBe(true); // no 调休 is guessed
    });

    it('counts across New Year 2027 and Spring Festival 2028 with the statutory holidays, provisionally', () => {
      // Accepted Wed 30 Dec 2026, 3 working days: Thu 31, (Fri 1 Jan 元旦), Mon 4, Tue 5.
      expect(computeDueDate(promised(3), '2026-12-30', calendar)).toMatchObject({ dueDate: '2027-01-05', provisional: true });
      // 2028: 除夕 Tue 25 Jan, 初一 to 初三 Wed 26 to Fri 28.
      expect(calendar.addWorkingDays('2028-01-24', 1)).toBe('2028-01-31');
    });

    it('agrees with every published schedule since the 2024 revision: each statutory holiday is an official rest day', () => {
      const official = buildCalendar();
      for (const year of [2025, 2026]) {
        for (const day of Object.keys(statutoryHolidays(year))) expect([day, official.isWorkingDay(day)]).toEqual([day, false]);
      }
    });

    it('finds the lunar holidays and 清明 of every published year since 2008, when they became holidays', () => {
      const official = buildCalendar();
      for (let year = 2008; year <= 2026; year++) {
        for (const [day, name] of Object.entries(statutoryHolidays(year))) {
          // Before 2025 除夕 and the second of May were not holidays by law, and some notices had them worked.
          if (year < 2025 && (name.includes('除夕') || day.endsWith('-05-02'))) continue;
          expect([day, name, official.isWorkingDay(day)]).toEqual([day, name, false]);
        }
      }
    });

    it('after the lunar tables end, keeps the solar-date holidays', () => {
      expect(Object.keys(statutoryHolidays(2100))).toEqual([
        '2100-01-01',
        '2100-05-01',
        '2100-05-02',
        '2100-10-01',
        '2100-10-02',
        '2100-10-03',
      ]);
    });

    it('names its sources', () => {
      expect(officialCalendarData().source).toMatch(/^chinese-days \d+\.\d+\.\d+ \(2004–\d{4}\)$/);
      expect(buildCalendar(parseCenterCalendar('coveredYears: [2027]\nholidays:\n  2027-01-01: 元旦\n'), 'center.yaml').source).toMatch(
        /\+ center\.yaml \(2027\)$/,
      );
    });
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
