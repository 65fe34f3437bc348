/**
 * Calendar dates and instants in China time. Mainland China has kept UTC+8 without daylight
 * saving since 1991, so a fixed offset is exact for every date this product handles.
 */
export type LocalDate = string; // YYYY-MM-DD, a day in Asia/Shanghai
export type Instant = string; // ISO-8601 with offset, e.g. 2026-03-02T09:30:00.000Z

const OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isLocalDate(value: string): boolean {
  const m = LOCAL_DATE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
}

/** The China-time calendar day an instant falls on. */
export function localDateOf(instant: Instant | Date): LocalDate {
  const ms = (typeof instant === 'string' ? Date.parse(instant) : instant.getTime()) + OFFSET_MS;
  return new Date(ms).toISOString().slice(0, 10);
}

/** An instant as a China-time wall clock reading, `YYYY-MM-DD hh:mm:ss`, for pages people read (北京时间). */
export function chinaTimeOf(instant: Instant | Date): string {
  const ms = (typeof instant === 'string' ? Date.parse(instant) : instant.getTime()) + OFFSET_MS;
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

export function addDays(date: LocalDate, days: number): LocalDate {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: LocalDate): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

export function yearOf(date: LocalDate): number {
  return Number(date.slice(0, 4));
}

const ISO_INSTANT = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](\d{2}):(\d{2}))$/;

/**
 * An ISO-8601 instant with an offset, naming a time that exists: 2026-02-30, T24:00 or an offset of
 * +23:59 are refused rather than rolled over into another day.
 */
export function isIsoInstant(value: string): boolean {
  const m = ISO_INSTANT.exec(value);
  if (!m || !isLocalDate(m[1])) return false;
  const [hour, minute, second, offsetHours, offsetMinutes] = [m[2], m[3], m[4] ?? '0', m[5] ?? '0', m[6] ?? '0'].map(Number);
  return hour <= 23 && minute <= 59 && second <= 59 && offsetHours <= 14 && offsetMinutes <= 59 && !Number.isNaN(Date.parse(value));
}

/** Normalises any accepted instant spelling to UTC ISO with milliseconds. */
export function normalizeInstant(value: string | Date): Instant {
  return (typeof value === 'string' ? new Date(value) : value).toISOString();
}

/**
 * The days business may be dated (China time): from 2000-01-01, before which no center kept electronic
 * records, to 2099-12-31. A date outside them is refused as input, so no case can send a calendar
 * computation across centuries.
 */
export const EARLIEST_BUSINESS_DAY: LocalDate = '2000-01-01';
export const LATEST_BUSINESS_DAY: LocalDate = '2099-12-31';

export function inBusinessRange(day: LocalDate): boolean {
  return day >= EARLIEST_BUSINESS_DAY && day <= LATEST_BUSINESS_DAY;
}
