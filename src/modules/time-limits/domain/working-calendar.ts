import { LocalDate, addDays, dayOfWeek, yearOf } from '../../../core/dates';

/**
 * Working days (工作日): Monday to Friday, minus official public holidays, plus the official make-up
 * working days (调休上班日) of the State Council's yearly schedule, adjusted by a center's own closures
 * and extra working days. A center's own entries take precedence over the national schedule.
 */
export interface CalendarData {
  /** Official rest days (法定节假日 and the weekend days folded into them), with their name. */
  holidays: Record<LocalDate, string>;
  /** Official make-up working days on a weekend (调休上班日). */
  makeupWorkdays: Record<LocalDate, string>;
  /** Days this center is closed although the country works. */
  closures?: Record<LocalDate, string>;
  /** Days this center works although the country rests. */
  extraWorkdays?: Record<LocalDate, string>;
  /** Years for which the official schedule is known. */
  coveredYears: number[];
  /**
   * For a year whose yearly notice is not installed: the holidays fixed by law whatever the notice says
   * (全国年节及纪念日放假办法, 2024 revision), so that only the notice's 调休 is unknown there.
   */
  statutoryHolidays?: (year: number) => Record<LocalDate, string>;
  /** Where the data comes from, for the record of a due date corrected when a schedule arrives. */
  source?: string;
}

export type DayKind =
  | 'WORKDAY'
  | 'WEEKEND'
  | 'HOLIDAY'
  /** A statutory holiday in a year whose yearly notice is not installed: a rest day, its 调休 unknown. */
  | 'STATUTORY_HOLIDAY'
  | 'MAKEUP_WORKDAY'
  | 'CENTER_CLOSURE'
  | 'CENTER_EXTRA_WORKDAY';

export class WorkingCalendar {
  private readonly covered: Set<number>;
  private readonly statutory = new Map<number, Record<LocalDate, string>>();
  /** Working days of each whole year asked for, counted once (the calendar never changes once made). */
  private readonly yearCounts = new Map<number, number>();
  private readonly workingDays = new Map<LocalDate, boolean>();

  constructor(private readonly data: CalendarData) {
    this.covered = new Set(data.coveredYears);
  }

  get coveredYears(): number[] {
    return [...this.covered].sort((a, b) => a - b);
  }

  /** What the calendar is made of: the package and the center's file, and the years they cover. */
  get source(): string {
    return this.data.source ?? 'calendar data';
  }

  covers(year: number): boolean {
    return this.covered.has(year);
  }

  /** Years between two dates (inclusive) whose official schedule is not known. */
  uncoveredYears(from: LocalDate, to: LocalDate): number[] {
    const years: number[] = [];
    for (let y = yearOf(from); y <= yearOf(to); y++) if (!this.covers(y)) years.push(y);
    return years;
  }

  dayKind(date: LocalDate): DayKind {
    if (this.data.extraWorkdays?.[date] !== undefined) return 'CENTER_EXTRA_WORKDAY';
    if (this.data.closures?.[date] !== undefined) return 'CENTER_CLOSURE';
    if (this.data.makeupWorkdays[date] !== undefined) return 'MAKEUP_WORKDAY';
    if (this.data.holidays[date] !== undefined) return 'HOLIDAY';
    const year = yearOf(date);
    if (!this.covers(year) && this.statutoryHolidaysOf(year)[date] !== undefined) return 'STATUTORY_HOLIDAY';
    const dow = dayOfWeek(date);
    return dow === 0 || dow === 6 ? 'WEEKEND' : 'WORKDAY';
  }

  isWorkingDay(date: LocalDate): boolean {
    // Asked for the same days over and over (every read of every open case): each day is worked out once.
    let working = this.workingDays.get(date);
    if (working === undefined) {
      const kind = this.dayKind(date);
      working = kind === 'WORKDAY' || kind === 'MAKEUP_WORKDAY' || kind === 'CENTER_EXTRA_WORKDAY';
      if (this.workingDays.size < 100_000) this.workingDays.set(date, working);
    }
    return working;
  }

  nextWorkingDayOnOrAfter(date: LocalDate): LocalDate {
    let d = date;
    while (!this.isWorkingDay(d)) d = addDays(d, 1);
    return d;
  }

  /** The n-th working day after `date` (the day itself not counted); n = 0 gives `date`. */
  addWorkingDays(date: LocalDate, n: number): LocalDate {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`working days must be a whole number ≥ 0, got ${n}`);
    let d = date;
    for (let left = n; left > 0;) {
      d = addDays(d, 1);
      if (this.isWorkingDay(d)) left--;
    }
    return d;
  }

  /**
   * Working days after `from` up to and including `to`; 0 when `to` is not after `from`. Whole calendar
   * years in between are counted once and kept, so a span of decades costs about as much as a year.
   */
  workingDaysBetween(from: LocalDate, to: LocalDate): number {
    let count = 0;
    const lastYear = yearOf(to);
    for (let d = addDays(from, 1); d <= to;) {
      const year = yearOf(d);
      if (year < lastYear && d.endsWith('-01-01')) {
        count += this.workingDaysIn(year);
        d = `${year + 1}-01-01`;
        continue;
      }
      if (this.isWorkingDay(d)) count++;
      d = addDays(d, 1);
    }
    return count;
  }

  private workingDaysIn(year: number): number {
    let count = this.yearCounts.get(year);
    if (count === undefined) {
      count = 0;
      for (let d = `${year}-01-01`; d <= `${year}-12-31`; d = addDays(d, 1)) if (this.isWorkingDay(d)) count++;
      this.yearCounts.set(year, count);
    }
    return count;
  }

  private statutoryHolidaysOf(year: number): Record<LocalDate, string> {
    let days = this.statutory.get(year);
    if (!days) {
      days = this.data.statutoryHolidays?.(year) ?? {};
      this.statutory.set(year, days);
    }
    return days;
  }
}
