import { isDeepStrictEqual } from 'node:util';
import { localDateOf } from '../../core/dates';
import { DomainError } from '../../core/errors';
import { EventStore, collect, asDomainEvent } from '../../core/event-store';
import { handleCommand } from '../../core/handle-command';
import { SqliteEventStore } from '../../infrastructure/event-store/sqlite/sqlite-event-store';
import {
  CaseCommand,
  createCaseDecider,
  CaseEvent,
  evolveCase,
  initialCaseState,
  Case,
  CaseState,
  exists,
  timeLimitState,
  timeLimitView,
  caseStream,
} from '../../modules/cases';
import { ItemSnapshot } from '../../modules/catalog';
import { buildCalendar, CenterCalendarFile } from '../../modules/time-limits';
import { Expectation, mergeCalendars, Scenario, ScenarioFile, Step } from './scenario-file';

export interface Failure {
  /** "step 3 (2027-01-04 09:00 suspend)" or "then". */
  where: string;
  message: string;
}

export interface ScenarioResult {
  name: string;
  passed: boolean;
  failures: Failure[];
  seconds: number;
}

export interface FileResult {
  source: string;
  results: ScenarioResult[];
}

const CASE_ID = 'scenario-case';
const STREAM = caseStream(CASE_ID);
const STAFF = { id: 'staff-a', role: 'staff' as const, center: 'c1', window: 'window-1' };
const LEADER = { id: 'leader-1', role: 'center_leader' as const, center: 'c1' };
const WATCHER = { id: 'deadline-watcher', role: 'system' as const };

const text = (v: unknown, fallback: string) => (v === undefined || v === null ? fallback : String(v));
const list = (v: unknown, fallback: string[]) => (Array.isArray(v) ? v.map(String) : v === undefined ? fallback : [String(v)]);

/** The warnings a case has had, in the words the scenario files use. */
function warningsOf(events: CaseEvent[]): string[] {
  return events.flatMap((e) =>
    e.type === 'DeadlineWarningIssued'
      ? ['YELLOW']
      : e.type === 'DeadlineBreached'
        ? ['RED']
        : e.type === 'StepOverdue'
          ? [`STEP ${e.data.step}`]
          : e.type === 'EscalationReviewOverdue'
            ? ['ESCALATION']
            : [],
  );
}

/**
 * Runs each scenario against its own in-memory event store with the service's own deciders and
 * calendar: commands go through the same command handling (read, decide, append) as in the service,
 * and the deadline watcher's questions are the ones it asks.
 */
export async function runScenarioFile(file: ScenarioFile): Promise<FileResult> {
  const results: ScenarioResult[] = [];
  for (const scenario of file.scenarios) results.push(await runScenario(scenario));
  return { source: file.source, results };
}

export async function runScenario(scenario: Scenario): Promise<ScenarioResult> {
  const started = Date.now();
  const store = new SqliteEventStore(':memory:');
  const failures: Failure[] = [];
  let calendarFile: CenterCalendarFile = scenario.given.calendar;
  let calendar = buildCalendar(calendarFile, 'scenario calendar');
  let decider = createCaseDecider({ calendar, policy: scenario.given.policy });
  let commands = 0;
  let lastDay = '';
  try {
    for (const step of scenario.when) {
      const where = `step ${step.number} (${step.atText} ${step.do})`;
      lastDay = localDateOf(step.at);
      if (step.do === 'installCalendar') {
        calendarFile = mergeCalendars(calendarFile, step.args as CenterCalendarFile);
        calendar = buildCalendar(calendarFile, 'scenario calendar');
        decider = createCaseDecider({ calendar, policy: scenario.given.policy });
        if (step.expect) failures.push(...(await check(store, step.expect, where, [], lastDay, calendar)));
        continue;
      }
      const before = (await collect(store.readStream(STREAM))).length;
      let refused: DomainError | null = null;
      try {
        const state = await load(store);
        for (const [command, actor] of commandsFor(step, state, scenario.given.items)) {
          await handleCommand({
            store,
            stream: STREAM,
            decider,
            command: (occurredAt) => ({ ...command, data: { ...command.data, occurredAt } }) as CaseCommand,
            context: { commandId: `scenario-${++commands}`, actor, now: new Date(step.at) },
          });
        }
        if (step.do === 'watch') await watchUntilQuiet(store, decider, step, () => `scenario-${++commands}`);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        refused = error;
      }
      const recorded = (await collect(store.readStream(STREAM))).slice(before).map((e) => asDomainEvent<CaseEvent>(e));
      if (refused && step.expect?.refused !== refused.code) {
        failures.push({ where, message: `was refused with ${refused.code}: ${refused.message}` });
        continue;
      }
      if (step.expect) failures.push(...(await check(store, step.expect, where, recorded, lastDay, calendar, refused)));
    }
    if (scenario.then) failures.push(...(await check(store, scenario.then, 'then', [], lastDay, calendar)));
  } catch (error) {
    failures.push({ where: 'run', message: `stopped: ${(error as Error).message}` });
  } finally {
    await store.close();
  }
  return { name: scenario.name, passed: failures.length === 0, failures, seconds: (Date.now() - started) / 1000 };
}

async function load(store: EventStore): Promise<CaseState> {
  return (await collect(store.readStream(STREAM))).reduce((s, e) => evolveCase(s, asDomainEvent<CaseEvent>(e)), initialCaseState());
}

/** The deadline watcher on that day: settles a provisional due date, then asks until nothing more is said. */
async function watchUntilQuiet(
  store: EventStore,
  decider: ReturnType<typeof createCaseDecider>,
  step: Step,
  nextId: () => string,
): Promise<void> {
  const today = localDateOf(step.at);
  const ask = (type: 'CorrectDueDate' | 'CheckDeadline') =>
    handleCommand({
      store,
      stream: STREAM,
      decider,
      command: (occurredAt) => ({ type, data: { today, occurredAt } }) as CaseCommand,
      context: { commandId: nextId(), actor: WATCHER, now: new Date(step.at) },
    });
  await ask('CorrectDueDate');
  for (let i = 0; i < 20; i++) if ((await ask('CheckDeadline')).events.length === 0) return;
}

/** The service's commands for a step, with the actor who would send each. */
function commandsFor(
  step: Step,
  state: CaseState,
  items: ItemSnapshot[],
): Array<[Omit<CaseCommand, 'data'> & { data: Record<string, unknown> }, typeof STAFF | typeof LEADER | typeof WATCHER]> {
  const a = step.args;
  const current = exists(state) ? state : null;
  const item = (): ItemSnapshot => {
    const code = a.item === undefined ? (current?.itemCode ?? items[0].code) : String(a.item);
    const found = items.find((i) => i.code === code);
    if (!found)
      throw new DomainError(
        'SCENARIO.UNKNOWN_ITEM',
        `No item ${code} in the scenario's given items (${items.map((i) => i.code).join(', ')})`,
      );
    return found;
  };
  const staff = (type: CaseCommand['type'], data: Record<string, unknown> = {}) =>
    [[{ type, data }, STAFF]] as ReturnType<typeof commandsFor>;
  const leader = (type: CaseCommand['type'], data: Record<string, unknown> = {}) =>
    [[{ type, data }, LEADER]] as ReturnType<typeof commandsFor>;
  switch (step.do) {
    case 'submit':
      return staff('SubmitCase', {
        caseId: CASE_ID,
        receiptNo: 'c1-scenario-0001',
        center: 'c1',
        item: item(),
        applicant: { kind: 'PERSON', name: '张三', idNumber: '11010519491231002X' },
        channel: text(a.channel, 'WINDOW'),
        materials: list(a.materials, []),
        staffId: STAFF.id,
      });
    case 'requestSupplement':
      return staff('RequestSupplement', { missingMaterials: list(a.missing, ['户口簿']) });
    case 'receiveSupplement':
      return staff('ReceiveSupplement', { materials: list(a.materials, ['户口簿']) });
    case 'accept':
      return staff('AcceptCase', { item: item(), staffId: STAFF.id, toleranceMaterials: list(a.tolerance, []) });
    case 'reject':
      return staff('RejectCase', { reason: text(a.reason, '不属于受理范围') });
    case 'recordStep':
      return staff('RecordStep', { step: text(a.step, ''), action: text(a.action, 'PASS'), opinion: text(a.opinion, '同意') });
    case 'suspend':
      return staff('SuspendCase', {
        reason: text(a.reason, 'APPLICANT_REQUEST'),
        detail: a.detail === undefined ? null : String(a.detail),
      });
    case 'resume':
      return staff('ResumeCase');
    case 'requestExtension':
      return staff('RequestExtension', { workingDays: Number(a.days), reason: text(a.reason, '需延期办理') });
    case 'approveExtension':
      return leader('ApproveExtension', { reason: text(a.reason, '同意延期') });
    case 'denyExtension':
      return leader('DenyExtension', { reason: text(a.reason, '不同意延期') });
    case 'urge':
      return leader('UrgeCase', { note: text(a.note, '请加快办理'), periodWorkingDays: Number(a.days ?? 0) });
    case 'complete':
      return staff('CompleteCase', { outcome: text(a.outcome, 'APPROVED'), reason: a.reason === undefined ? null : String(a.reason) });
    case 'deliver':
      return staff('DeliverResult', { method: text(a.method, 'PICKUP'), recipient: text(a.recipient, '张三') });
    case 'withdraw':
      return staff('WithdrawCase', { reason: a.reason === undefined ? null : String(a.reason) });
    case 'terminate':
      return staff('TerminateCase', { reason: text(a.reason, '逾期未补正') });
    case 'archive':
      return staff('ArchiveCase');
    case 'watch':
    case 'installCalendar':
      return [];
  }
}

const show = (v: unknown) => (v === undefined ? 'nothing' : JSON.stringify(v));

/** Compares what is expected with the case as recorded; one failure per key that differs. */
async function check(
  store: EventStore,
  expected: Expectation,
  where: string,
  recorded: CaseEvent[],
  day: string,
  calendar: ReturnType<typeof buildCalendar>,
  refused: DomainError | null = null,
): Promise<Failure[]> {
  const failures: Failure[] = [];
  const fail = (what: string, want: unknown, got: unknown) =>
    failures.push({ where, message: `${what}: expected ${show(want)}, got ${show(got)}` });
  if (expected.refused !== undefined) {
    if (!refused) fail('refused', expected.refused, `accepted, recording ${recorded.map((e) => e.type).join(', ') || 'nothing'}`);
    else if (recorded.length > 0) failures.push({ where, message: `was refused but recorded ${recorded.map((e) => e.type).join(', ')}` });
  }
  for (const [field, value] of Object.entries(expected.details ?? {})) {
    const got = (refused?.details as Record<string, unknown> | undefined)?.[field];
    if (!isDeepStrictEqual(got, value)) fail(`details.${field} of the refusal`, value, got);
  }
  const events = (await collect(store.readStream(STREAM))).map((e) => asDomainEvent<CaseEvent>(e));
  const state = events.reduce(evolveCase, initialCaseState());
  const c: Case | null = exists(state) ? state : null;
  const view = c ? timeLimitView(c, day, calendar) : null;
  const actual: Record<string, unknown> = {
    status: c?.status ?? 'NONE',
    dueDate: c?.timeLimit?.dueDate,
    originalDueDate: c?.originalDueDate ?? undefined,
    startDate: c?.timeLimit?.startDate,
    provisional: c?.timeLimit?.provisional,
    clockStartBasis: c?.clockStartBasis ?? undefined,
    timeState: c?.timeLimit ? timeLimitState(c) : undefined,
    onTime: c?.onTime ?? null,
    applicantDue: c?.applicantDue ?? null,
    workingDaysUsed: view?.workingDaysUsed,
    workingDaysRemaining: view?.workingDaysRemaining,
    warnings: warningsOf(events),
    recorded: recorded.map((e) => e.type),
    history: events.map((e) => e.type),
  };
  for (const [key, want] of Object.entries(expected)) {
    if (key === 'refused' || key === 'details') continue;
    if (key === 'data') {
      const last = recorded.at(-1)?.data as Record<string, unknown> | undefined;
      for (const [field, value] of Object.entries(want as Record<string, unknown>)) {
        if (!last || !isDeepStrictEqual(last[field], value))
          fail(`data.${field} of ${recorded.at(-1)?.type ?? 'the last event'}`, value, last?.[field]);
      }
      continue;
    }
    if (!isDeepStrictEqual(actual[key], want)) fail(key, want, actual[key]);
  }
  return failures;
}
