import { parse, stringify } from 'yaml';
import { isLocalDate } from '../../core/dates';
import { FieldIssue, ValidationError } from '../../core/errors';
import { serviceItemIssues, ServiceItemDefinition, ItemSnapshot } from '../../modules/catalog';
import { ClockPolicy, DEFAULT_CLOCK_POLICY, CenterCalendarFile, parseCenterCalendar } from '../../modules/time-limits';

/**
 * An auditor's scenario file (场景文件): given catalog items and calendar additions, when commands at
 * business times, then due dates, states, warnings and refusals. The format is documented for people who
 * are not programmers in docs/scenarios/README.md.
 */
export interface ScenarioFile {
  source: string;
  scenarios: Scenario[];
}

export interface Scenario {
  name: string;
  given: Given;
  when: Step[];
  then?: Expectation;
}

export interface Given {
  items: ItemSnapshot[];
  calendar: CenterCalendarFile;
  policy: ClockPolicy;
}

export const STEP_KINDS = [
  'submit',
  'requestSupplement',
  'receiveSupplement',
  'accept',
  'reject',
  'recordStep',
  'suspend',
  'resume',
  'requestExtension',
  'approveExtension',
  'denyExtension',
  'urge',
  'complete',
  'deliver',
  'withdraw',
  'terminate',
  'archive',
  'watch',
  'installCalendar',
] as const;
export type StepKind = (typeof STEP_KINDS)[number];

export interface Step {
  /** 1-based, as the auditor counts them in the file. */
  number: number;
  /** Business time, as an instant (the file gives China time). */
  at: string;
  /** As written in the file, for the report. */
  atText: string;
  do: StepKind;
  args: Record<string, unknown>;
  expect?: Expectation;
}

/** What may be checked after a step (`expect`) or at the end (`then`). Every key is optional. */
export interface Expectation {
  refused?: string;
  /** Part of the refusal's details, e.g. the next acceptance day. */
  details?: Record<string, unknown>;
  status?: string;
  dueDate?: string;
  originalDueDate?: string;
  startDate?: string;
  provisional?: boolean;
  clockStartBasis?: string;
  timeState?: string;
  onTime?: boolean | null;
  applicantDue?: string | null;
  workingDaysUsed?: number;
  workingDaysRemaining?: number;
  warnings?: string[];
  recorded?: string[];
  history?: string[];
  data?: Record<string, unknown>;
}

const EXPECTATION_KEYS: Array<keyof Expectation> = [
  'refused',
  'details',
  'status',
  'dueDate',
  'originalDueDate',
  'startDate',
  'provisional',
  'clockStartBasis',
  'timeState',
  'onTime',
  'applicantDue',
  'workingDaysUsed',
  'workingDaysRemaining',
  'warnings',
  'recorded',
  'history',
  'data',
];

const TIME = /^(\d{4}-\d{2}-\d{2})(?:[ T](\d{2}):(\d{2}))?$/;

/** "2026-12-30 09:00" or "2026-12-30" (09:00), China time (UTC+8), as the instant it names. */
function instantOf(text: string): string | null {
  const m = TIME.exec(text);
  if (!m || !isLocalDate(m[1])) return null;
  const [hh, mm] = [Number(m[2] ?? 9), Number(m[3] ?? 0)];
  if (hh > 23 || mm > 59) return null;
  return new Date(Date.parse(`${m[1]}T${String(hh).padStart(2, '0')}:${String(mm).padStart(2, '0')}:00+08:00`)).toISOString();
}

type Raw = Record<string, unknown>;
const isMap = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v);

function itemOf(raw: Raw): ItemSnapshot {
  const code = String(raw.code ?? '');
  return {
    ...(raw as unknown as ServiceItemDefinition),
    code,
    version: 1,
    name: String(raw.name ?? code),
    department: String(raw.department ?? '办事大厅'),
    window: String(raw.window ?? 'window-1'),
    kind: (raw.kind ?? 'promised') as ServiceItemDefinition['kind'],
    limitUnit: (raw.limitUnit ?? 'working_days') as ServiceItemDefinition['limitUnit'],
    fee: String(raw.fee ?? '0'),
    materials: ((raw.materials as unknown[]) ?? []).map(String),
    steps: ((raw.steps as unknown[]) ?? []).map(String),
    allowsToleranceAcceptance: Boolean(raw.allowsToleranceAcceptance ?? false),
    ...(isMap(raw.supplementDeadline)
      ? { supplementDeadline: { unit: 'working_days', ...raw.supplementDeadline } as ServiceItemDefinition['supplementDeadline'] }
      : {}),
  };
}

function givenOf(raw: unknown, field: string, inherited: Given | undefined, issues: FieldIssue[], source: string): Given {
  const given: Given = inherited
    ? { ...inherited, calendar: { ...inherited.calendar } }
    : { items: [], calendar: {}, policy: DEFAULT_CLOCK_POLICY };
  if (raw === undefined) return given;
  if (!isMap(raw)) {
    issues.push({ field, message: 'must be a map with items, calendar or policy' });
    return given;
  }
  for (const key of Object.keys(raw))
    if (!['items', 'calendar', 'policy'].includes(key))
      issues.push({ field: `${field}.${key}`, message: 'is not one of items, calendar, policy' });
  if (raw.items !== undefined) {
    if (!Array.isArray(raw.items)) issues.push({ field: `${field}.items`, message: 'must be a list of service items' });
    else {
      const items = raw.items.map((entry, i) =>
        isMap(entry) ? itemOf(entry) : (issues.push({ field: `${field}.items[${i}]`, message: 'must be a service item' }), null),
      );
      items.forEach((item, i) => item && issues.push(...serviceItemIssues(item, `${field}.items[${i}] (${item.code || '?'})`)));
      given.items = [
        ...given.items.filter((old) => !items.some((n) => n?.code === old.code)),
        ...(items.filter(Boolean) as ItemSnapshot[]),
      ];
    }
  }
  if (raw.calendar !== undefined) {
    try {
      given.calendar = mergeCalendars(given.calendar, parseCenterCalendar(stringify(raw.calendar), `${source}: ${field}.calendar`));
    } catch (error) {
      if (error instanceof ValidationError) issues.push(...error.issues);
      else throw error;
    }
  }
  if (raw.policy !== undefined) {
    if (!isMap(raw.policy)) issues.push({ field: `${field}.policy`, message: 'must be a map of clock settings' });
    else {
      for (const [key, value] of Object.entries(raw.policy)) {
        if (!(key in DEFAULT_CLOCK_POLICY))
          issues.push({ field: `${field}.policy.${key}`, message: `is not one of ${Object.keys(DEFAULT_CLOCK_POLICY).join(', ')}` });
        else if (typeof value !== 'number' || value < 0) issues.push({ field: `${field}.policy.${key}`, message: 'must be a number ≥ 0' });
      }
      given.policy = { ...given.policy, ...(raw.policy as Partial<ClockPolicy>) };
    }
  }
  return given;
}

export function mergeCalendars(a: CenterCalendarFile, b: CenterCalendarFile): CenterCalendarFile {
  return {
    closures: { ...a.closures, ...b.closures },
    extraWorkdays: { ...a.extraWorkdays, ...b.extraWorkdays },
    holidays: { ...a.holidays, ...b.holidays },
    makeupWorkdays: { ...a.makeupWorkdays, ...b.makeupWorkdays },
    coveredYears: [...new Set([...(a.coveredYears ?? []), ...(b.coveredYears ?? [])])],
  };
}

function expectationOf(raw: unknown, field: string, issues: FieldIssue[]): Expectation | undefined {
  if (raw === undefined) return undefined;
  if (!isMap(raw)) {
    issues.push({ field, message: 'must be a map of what to check' });
    return undefined;
  }
  for (const key of Object.keys(raw)) {
    if (!EXPECTATION_KEYS.includes(key as keyof Expectation))
      issues.push({ field: `${field}.${key}`, message: `is not something to check; one of ${EXPECTATION_KEYS.join(', ')}` });
  }
  for (const key of ['warnings', 'recorded', 'history'] as const) {
    if (raw[key] !== undefined && !Array.isArray(raw[key])) issues.push({ field: `${field}.${key}`, message: 'must be a list' });
  }
  for (const key of ['data', 'details'] as const)
    if (raw[key] !== undefined && !isMap(raw[key])) issues.push({ field: `${field}.${key}`, message: 'must be a map' });
  return raw as Expectation;
}

/** Reads a scenario file; every problem is reported at once, with where it is. */
export function parseScenarioFile(text: string, source: string): ScenarioFile {
  let raw: unknown;
  try {
    raw = parse(text);
  } catch (error) {
    throw new ValidationError([{ field: source, message: `is not valid YAML: ${(error as Error).message}` }]);
  }
  const issues: FieldIssue[] = [];
  if (!isMap(raw) || !Array.isArray(raw.scenarios) || raw.scenarios.length === 0) {
    throw new ValidationError([{ field: source, message: 'must have a list "scenarios" (and may have a shared "given")' }]);
  }
  for (const key of Object.keys(raw))
    if (!['given', 'scenarios'].includes(key)) issues.push({ field: `${source}: ${key}`, message: 'is not one of given, scenarios' });
  const shared = givenOf(raw.given, `${source}: given`, undefined, issues, source);
  const scenarios = raw.scenarios.map((entry: unknown, i: number): Scenario => {
    const where = `${source}: scenarios[${i}]`;
    if (!isMap(entry)) {
      issues.push({ field: where, message: 'must be a map with name, when and then' });
      return { name: `#${i + 1}`, given: shared, when: [] };
    }
    const name = typeof entry.name === 'string' && entry.name.trim() ? entry.name.trim() : `#${i + 1}`;
    if (name.startsWith('#')) issues.push({ field: `${where}.name`, message: 'is required' });
    for (const key of Object.keys(entry))
      if (!['name', 'given', 'when', 'then'].includes(key))
        issues.push({ field: `${where}.${key}`, message: 'is not one of name, given, when, then' });
    const given = givenOf(entry.given, `${where}.given`, shared, issues, source);
    if (!Array.isArray(entry.when) || entry.when.length === 0)
      issues.push({ field: `${where}.when`, message: 'must list at least one step' });
    const steps = (Array.isArray(entry.when) ? entry.when : []).map((s: unknown, j: number): Step | null => {
      const at = `${where}.when[${j}]`;
      if (!isMap(s)) {
        issues.push({ field: at, message: 'must be a map with at and do' });
        return null;
      }
      const { at: atText, do: kind, expect, ...args } = s;
      const instant = typeof atText === 'string' ? instantOf(atText) : null;
      if (!instant) issues.push({ field: `${at}.at`, message: 'must be a China-time "YYYY-MM-DD HH:mm" (or "YYYY-MM-DD", read as 09:00)' });
      if (!STEP_KINDS.includes(kind as StepKind)) issues.push({ field: `${at}.do`, message: `must be one of ${STEP_KINDS.join(', ')}` });
      return {
        number: j + 1,
        at: instant ?? '',
        atText: String(atText),
        do: kind as StepKind,
        args,
        expect: expectationOf(expect, `${at}.expect`, issues),
      };
    });
    const when = steps.filter((s): s is Step => s !== null);
    when.forEach((step, j) => {
      if (j > 0 && step.at && when[j - 1].at && step.at < when[j - 1].at)
        issues.push({ field: `${where}.when[${j}].at`, message: `is earlier than the step before (${when[j - 1].atText})` });
    });
    if (given.items.length === 0)
      issues.push({ field: `${where}.given.items`, message: 'must list at least one service item (here or in the shared given)' });
    return { name, given, when, then: expectationOf(entry.then, `${where}.then`, issues) };
  });
  if (issues.length) throw new ValidationError(issues);
  return { source, scenarios };
}
