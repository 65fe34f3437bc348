import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { isLocalDate } from '../../core/dates';
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
  const years = new Set(Object.keys(data.holidays).map((d) => Number(d.slice(0, 4))));
  return { holidays: { ...data.holidays }, makeupWorkdays: { ...data.workdays }, coveredYears: [...years] };
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

export function buildCalendar(center: CenterCalendarFile = {}): WorkingCalendar {
  const official = officialCalendarData();
  return new WorkingCalendar({
    holidays: { ...official.holidays, ...center.holidays },
    makeupWorkdays: { ...official.makeupWorkdays, ...center.makeupWorkdays },
    closures: center.closures ?? {},
    extraWorkdays: center.extraWorkdays ?? {},
    coveredYears: [...new Set([...official.coveredYears, ...(center.coveredYears ?? [])])],
  });
}

export function loadCalendar(path?: string): WorkingCalendar {
  return buildCalendar(path ? parseCenterCalendar(readFileSync(path, 'utf8'), path) : {});
}

/** Years around `today` a center will compute due dates into, whose official schedule is missing. */
export function calendarWarnings(calendar: WorkingCalendar, today: string): string[] {
  const year = Number(today.slice(0, 4));
  return [year, year + 1]
    .filter((y) => !calendar.covers(y))
    .map(
      (y) =>
        `The official holiday schedule for ${y} is not installed: due dates reaching into ${y} count only weekends as rest days and are marked provisional. Add the schedule to CASETRAIL_CALENDAR or update chinese-days.`,
    );
}
