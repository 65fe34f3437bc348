import { getSolarDateFromLunar, getSolarTermDate } from 'chinese-days';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { LocalDate, addDays, isLocalDate } from '../../core/dates';
import { ValidationError } from '../../core/errors';
import { CalendarData, WorkingCalendar } from './domain/working-calendar';

interface ChineseDaysData {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

/** A center's own calendar file (CASETRAIL_CALENDAR): closures, extra working days, and schedules for new years. */
export interface CenterCalendarFile {
  closures?: Record<string, string>;
  extraWorkdays?: Record<string, string>;
  /** Official schedule entries the installed data does not have yet (e.g. next year's, once published). */
  holidays?: Record<string, string>;
  makeupWorkdays?: Record<string, string>;
  /** Years whose official schedule this file completes. */
  coveredYears?: number[];
}

/** The State Council schedule as shipped by the chinese-days package. */
export function officialCalendarData(): CalendarData {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const data = require('chinese-days/dist/chinese-days.json') as ChineseDaysData;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { version } = require('chinese-days/package.json') as { version: string };
  const years = [...new Set(Object.keys(data.holidays).map((d) => Number(d.slice(0, 4))))].sort((a, b) => a - b);
  return {
    holidays: { ...data.holidays },
    makeupWorkdays: { ...data.workdays },
    coveredYears: years,
    statutoryHolidays,
    source: `chinese-days ${version} (${years[0]}–${years.at(-1)})`,
  };
}

/** The lunar tables of chinese-days end with the lunar year 2099; after it only the solar-date holidays are known. */
const LAST_LUNAR_YEAR = 2099;

/**
 * The holidays every year has by law, whatever its yearly notice (全国年节及纪念日放假办法, 2024 revision,
 * art. 2): 元旦 1 Jan; 春节 除夕 and 正月初一 to 初三; 清明 on the solar term's day; 劳动节 1–2 May; 端午
 * 五月初五; 中秋 八月十五; 国庆 1–3 Oct. A holiday on a weekend is made up on a working day (art. 6),
 * but which day is the yearly notice's choice: it is not guessed, so a provisional due date errs early
 * (a warning comes sooner, never later) and the correction, when the notice is installed, moves it later.
 */
export function statutoryHolidays(year: number): Record<LocalDate, string> {
  const days: Record<LocalDate, string> = {};
  // Two holidays on one day (中秋 on 1 October, as in 2031) keep both names.
  const put = (date: LocalDate, name: string) => {
    if (date.startsWith(`${year}-`)) days[date] = days[date] ? `${days[date].replace(' (法定)', '')}、${name}` : name;
  };
  const md = (m: number, d: number) => `${year}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  put(md(1, 1), '元旦 (法定)');
  put(md(5, 1), '劳动节 (法定)');
  put(md(5, 2), '劳动节 (法定)');
  for (const d of [1, 2, 3]) put(md(10, d), '国庆节 (法定)');
  if (year >= 1901 && year <= LAST_LUNAR_YEAR) {
    const newYear = lunarToSolar(year, 1, 1);
    put(addDays(newYear, -1), '春节 除夕 (法定)');
    for (const d of [0, 1, 2]) put(addDays(newYear, d), '春节 (法定)');
    put(solarTerm(year, 4, 'pure_brightness'), '清明节 (法定)');
    put(lunarToSolar(year, 5, 5), '端午节 (法定)');
    put(lunarToSolar(year, 8, 15), '中秋节 (法定)');
  }
  return days;
}

/**
 * chinese-days renders dates with the process's local-time getters. A Date built from local parts reads
 * back the same in any time zone, so the lunar date goes in that way; the solar term comes out of a
 * string read as UTC midnight, which a time zone west of Greenwich renders as the day before.
 */
function lunarToSolar(year: number, month: number, day: number): LocalDate {
  return getSolarDateFromLunar(new Date(year, month - 1, day)).date;
}

function solarTerm(year: number, month: number, term: 'pure_brightness'): LocalDate {
  const date = getSolarTermDate(year, month, term);
  const utcMidnight = new Date(Date.UTC(year, month - 1, 15));
  return utcMidnight.getDate() === 15 ? date : addDays(date, 1);
}

export function parseCenterCalendar(text: string, source = 'calendar file'): CenterCalendarFile {
  const raw = (parse(text) ?? {}) as Record<string, unknown>;
  const issues: { field: string; message: string }[] = [];
  const dates = (key: keyof CenterCalendarFile): Record<string, string> | undefined => {
    const value = raw[key];
    if (value === undefined) return undefined;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      issues.push({ field: `${source}: ${key}`, message: 'must map dates (YYYY-MM-DD) to a description' });
      return undefined;
    }
    const out: Record<string, string> = {};
    for (const [date, why] of Object.entries(value)) {
      if (!isLocalDate(date)) issues.push({ field: `${source}: ${key}.${date}`, message: 'is not a date YYYY-MM-DD' });
      else out[date] = String(why ?? '');
    }
    return out;
  };
  const file: CenterCalendarFile = {
    closures: dates('closures'),
    extraWorkdays: dates('extraWorkdays'),
    holidays: dates('holidays'),
    makeupWorkdays: dates('makeupWorkdays'),
  };
  if (raw.coveredYears !== undefined) {
    if (!Array.isArray(raw.coveredYears) || raw.coveredYears.some((y) => !Number.isInteger(y))) {
      issues.push({ field: `${source}: coveredYears`, message: 'must be a list of years' });
    } else file.coveredYears = raw.coveredYears as number[];
  }
  if (issues.length) throw new ValidationError(issues);
  return file;
}

/** `centerSource` names the center's file in the calendar's `source`, with the years it completes. */
export function buildCalendar(center: CenterCalendarFile = {}, centerSource = 'center calendar'): WorkingCalendar {
  const official = officialCalendarData();
  const years = center.coveredYears?.length ? ` (${[...center.coveredYears].sort((a, b) => a - b).join(', ')})` : '';
  const own = Object.values(center).some((v) => v !== undefined) ? `${centerSource}${years}` : null;
  return new WorkingCalendar({
    ...official,
    holidays: { ...official.holidays, ...center.holidays },
    makeupWorkdays: { ...official.makeupWorkdays, ...center.makeupWorkdays },
    closures: center.closures ?? {},
    extraWorkdays: center.extraWorkdays ?? {},
    coveredYears: [...new Set([...official.coveredYears, ...(center.coveredYears ?? [])])],
    source: own ? `${official.source} + ${own}` : official.source,
  });
}

export function loadCalendar(path?: string): WorkingCalendar {
  return path ? buildCalendar(parseCenterCalendar(readFileSync(path, 'utf8'), path), path) : buildCalendar();
}

/** Years around `today` a center will compute due dates into, whose official schedule is missing. */
export function calendarWarnings(calendar: WorkingCalendar, today: string): string[] {
  const year = Number(today.slice(0, 4));
  return [year, year + 1]
    .filter((y) => !calendar.covers(y))
    .map(
      (y) =>
        `The official holiday schedule for ${y} is not installed: due dates reaching into ${y} count weekends and the statutory holidays as rest days, without the year's 调休, and are marked provisional. Add the schedule to CASETRAIL_CALENDAR or update chinese-days; running cases are then corrected by a recorded event.`,
    );
}
