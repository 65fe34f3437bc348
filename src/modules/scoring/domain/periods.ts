import { LocalDate, inBusinessRange, isLocalDate } from '../../../core/dates';
import { ValidationError } from '../../../core/errors';

/** 考核周期: sheets are kept per month, quarter or year, as the rule set in force says. */
export type PeriodKind = 'month' | 'quarter' | 'year';

/** A period's name: `2026-11`, `2026-Q4` or `2026`. */
export type Period = string;

export function periodOf(date: LocalDate, kind: PeriodKind): Period {
  const year = date.slice(0, 4);
  const month = Number(date.slice(5, 7));
  if (kind === 'year') return year;
  if (kind === 'quarter') return `${year}-Q${Math.ceil(month / 3)}`;
  return `${year}-${date.slice(5, 7)}`;
}

export function parsePeriod(period: string): { kind: PeriodKind; start: LocalDate; end: LocalDate } | undefined {
  let m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(period);
  if (m) return { kind: 'month', start: `${m[1]}-${m[2]}-01`, end: lastDayOf(+m[1], +m[2]) };
  m = /^(\d{4})-Q([1-4])$/.exec(period);
  if (m) {
    const first = (+m[2] - 1) * 3 + 1;
    return { kind: 'quarter', start: `${m[1]}-${pad(first)}-01`, end: lastDayOf(+m[1], first + 2) };
  }
  m = /^(\d{4})$/.exec(period);
  if (m) return { kind: 'year', start: `${m[1]}-01-01`, end: `${m[1]}-12-31` };
  return undefined;
}

/** The period's kind and bounds, or VALIDATION.FAILED for a name that is not a period. */
export function requirePeriod(period: string): { kind: PeriodKind; start: LocalDate; end: LocalDate } {
  const bounds = parsePeriod(period);
  if (!bounds) throw new ValidationError([{ field: 'period', message: 'must be a month (2026-11), a quarter (2026-Q4) or a year (2026)' }]);
  return bounds;
}

/**
 * For the efficiency indicators (效能指标) a single day is a period too: a center board shows today's
 * intake and completions. Score sheets keep to months, quarters and years (`requirePeriod`).
 */
export function requireIndicatorPeriod(period: string): { start: LocalDate; end: LocalDate } {
  if (isLocalDate(period) && inBusinessRange(period)) return { start: period, end: period };
  const bounds = parsePeriod(period);
  if (!bounds)
    throw new ValidationError([
      { field: 'period', message: 'must be a day (2026-11-20), a month (2026-11), a quarter (2026-Q4) or a year (2026)' },
    ]);
  return bounds;
}

/** The period before this one, of the same kind. */
export function previousPeriod(period: Period): Period {
  const { kind, start } = parsePeriod(period)!;
  const year = Number(start.slice(0, 4));
  const month = Number(start.slice(5, 7));
  if (kind === 'year') return String(year - 1);
  const back = kind === 'quarter' ? 3 : 1;
  const m = month - back;
  const day = m < 1 ? `${year - 1}-${pad(m + 12)}-01` : `${year}-${pad(m)}-01`;
  return periodOf(day, kind);
}

/** The first day of the period after the one `date` falls in. */
export function nextPeriodStart(date: LocalDate, kind: PeriodKind): LocalDate {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  if (kind === 'year') return `${year + 1}-01-01`;
  const step = kind === 'quarter' ? 3 - ((month - 1) % 3) : 1;
  const next = month + step;
  return next > 12 ? `${year + 1}-${pad(next - 12)}-01` : `${year}-${pad(next)}-01`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function lastDayOf(year: number, month: number): LocalDate {
  return new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
}
