import fc from 'fast-check';
import { addDays } from '../../../core/dates';
import { buildCalendar } from '../official-calendar';

const calendar = buildCalendar();

/** The plain count, one day after another: what workingDaysBetween must always equal. */
function dayByDay(from: string, to: string): number {
  let count = 0;
  for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (calendar.isWorkingDay(d)) count++;
  return count;
}

describe('working days between two days', () => {
  it('counts spans across years and decades exactly as counting day by day (property)', () => {
    const day = fc
      .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(day, day, (a, b) => {
        const [from, to] = a <= b ? [a, b] : [b, a];
        expect(calendar.workingDaysBetween(from, to)).toBe(dayByDay(from, to));
      }),
      { numRuns: 30 },
    );
  });

  it('keeps its edges: the same day, a year boundary, a start on 1 January and an end on 31 December', () => {
    expect(calendar.workingDaysBetween('2026-12-02', '2026-12-02')).toBe(0);
    expect(calendar.workingDaysBetween('2026-12-02', '2026-12-01')).toBe(0);
    for (const [from, to] of [
      ['2026-12-31', '2027-01-04'],
      ['2025-12-31', '2026-12-31'],
      ['2026-01-01', '2028-01-01'],
      ['2000-01-01', '2099-12-31'],
    ])
      expect([from, to, calendar.workingDaysBetween(from, to)]).toEqual([from, to, dayByDay(from, to)]);
  });
});
