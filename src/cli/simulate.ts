import { Actor } from '../core/actor';
import { LocalDate, addDays, localDateOf } from '../core/dates';
import { EventStore, ExpectedRevision, NewEvent, collect } from '../core/event-store';
import { SCHEMA_VERSION } from '../core/handle-command';
import { WrongExpectedRevisionError } from '../core/errors';
import { eventIdFor, uuidFromName } from '../core/ids';
import { ServiceItemDefinition, publishItem, ItemSnapshot } from '../modules/catalog';
import {
  ApplicantKind,
  CaseCommand,
  createCaseDecider,
  CaseEvent,
  Case,
  CaseState,
  exists,
  isOpenReview,
  participantsOf,
  formatReceiptNo,
  receiptStream,
  caseStream,
} from '../modules/cases';
import { ClockPolicy, DEFAULT_CLOCK_POLICY, STATUTORY_PROCEDURES, SuspensionReason, WorkingCalendar } from '../modules/time-limits';

export interface SimulationOptions {
  store: EventStore;
  calendar: WorkingCalendar;
  items: ServiceItemDefinition[];
  days: number;
  casesPerDay: number;
  centers: string[];
  seed: number;
  now: Date;
  policy?: ClockPolicy;
  /** Called after each simulated day is written; a promise it returns is waited for. */
  onDay?: (day: LocalDate, stats: SimulationStats) => void | Promise<void>;
}

export interface SimulationStats {
  cases: number;
  events: number;
  rejected: number;
  supplements: number;
  lateNotices: number;
  suspensions: number;
  extensions: number;
  lateCompletions: number;
  withdrawn: number;
  terminated: number;
  warnings: number;
  breaches: number;
  open: number;
  /** Cases another writer changed meanwhile (a service running on the same store), left as they were. */
  leftAlone: number;
}

const SIMULATED = '模拟数据 (simulated traffic)';
const LEADER: Actor = { id: 'leader-1', role: 'center_leader' };
const WATCHER: Actor = { id: 'deadline-watcher', role: 'system' };
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀英华';

/** Small seeded PRNG (mulberry32): the same seed gives the same traffic. */
function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    chance: (p: number) => next() < p,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)],
  };
}
type Random = ReturnType<typeof random>;

/** A valid resident identity number (GB 11643) for a made-up person. */
function residentId(rng: Random): string {
  const region = rng.pick(['110105', '320102', '330106', '440305', '510104', '350102']);
  const birth = `${rng.int(1940, 2005)}${String(rng.int(1, 12)).padStart(2, '0')}${String(rng.int(1, 28)).padStart(2, '0')}`;
  const body = `${region}${birth}${String(rng.int(0, 999)).padStart(3, '0')}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = weights.reduce((acc, w, i) => acc + w * Number(body[i]), 0);
  return body + '10X98765432'[sum % 11];
}

/** An instant at hh:mm China time on a day. */
const at = (day: LocalDate, hh: number, mm = 0) =>
  new Date(`${day}T${String(hh).padStart(2, '0')}:${String(mm).padStart(2, '0')}:00+08:00`).toISOString();

/** What will happen to a case, rolled when it is submitted. */
interface Fate {
  reject: boolean;
  supplement: { noticeAfter: number; supplyAfter: number | null } | null;
  suspension: { reason: SuspensionReason; detail: string | null; atShare: number; workingDays: number } | null;
  extension: number | null;
  late: { workingDays: number; urge: boolean } | null;
  withdraw: boolean;
  completeShare: number;
}

interface SimCase {
  id: string;
  stream: string;
  state: CaseState;
  revision: ExpectedRevision;
  staff: Actor;
  item: ItemSnapshot;
  fate: Fate;
  commands: number;
  pending: NewEvent[];
  lastAt: string;
  /** Changed meanwhile by another writer (a running service's watcher): simulated no further. */
  leftAlone?: boolean;
}

interface Action {
  at: string;
  simCase: SimCase;
  actor: Actor;
  command: (occurredAt: string) => CaseCommand;
}

function rollFate(rng: Random): Fate {
  const late = rng.chance(0.08);
  return {
    reject: rng.chance(0.05),
    supplement: rng.chance(0.15)
      ? { noticeAfter: rng.chance(0.15) ? rng.int(6, 8) : rng.int(0, 2), supplyAfter: rng.chance(0.1) ? null : rng.int(1, 4) }
      : null,
    suspension: rng.chance(0.1)
      ? (() => {
          const reason = rng.pick(['HIGHER_AUTHORITY', 'STATUTORY_PROCEDURE', 'APPLICANT_REQUEST'] as const);
          return {
            reason,
            detail: reason === 'STATUTORY_PROCEDURE' ? rng.pick(STATUTORY_PROCEDURES) : null,
            atShare: 0.3,
            workingDays: rng.int(2, 8),
          };
        })()
      : null,
    extension: !late && rng.chance(0.05) ? rng.int(2, 10) : null,
    late: late ? { workingDays: rng.int(1, 5), urge: rng.chance(0.5) } : null,
    withdraw: rng.chance(0.03),
    completeShare: 0.5 + rng.next() * 0.45,
  };
}

/**
 * Fills a store with realistic traffic over the catalog: every case goes through the real case
 * decider, day by day, with business times in office hours, supplements (some late, some never
 * supplied), suspensions, extensions, urging, late completions, rejections and withdrawals, and the
 * yellow and red warnings the deadline watcher would have issued. Entries are marked backfilled.
 */
export async function simulate(options: SimulationOptions): Promise<SimulationStats> {
  const { store, calendar, items, days, casesPerDay, centers, seed, now } = options;
  const policy = options.policy ?? DEFAULT_CLOCK_POLICY;
  const rng = random(seed);
  const decider = createCaseDecider({ calendar, policy });
  const stats: SimulationStats = {
    cases: 0,
    events: 0,
    rejected: 0,
    supplements: 0,
    lateNotices: 0,
    suspensions: 0,
    extensions: 0,
    lateCompletions: 0,
    withdrawn: 0,
    terminated: 0,
    warnings: 0,
    breaches: 0,
    open: 0,
    leftAlone: 0,
  };
  const nowIso = now.toISOString();
  const today = localDateOf(now);

  // The catalog, as the service would have it.
  const published = new Map<string, ItemSnapshot>();
  for (const item of items) {
    const result = await publishItem(store, item, {
      commandId: `simulate:catalog:${item.code}:${JSON.stringify(item).length}`,
      actor: { id: 'simulator', role: 'admin' },
      now,
    });
    published.set(item.code, result.state.current!);
  }
  const catalog = [...published.values()];

  const agenda = new Map<LocalDate, Action[]>();
  const schedule = (action: Action) => {
    if (action.at > nowIso) return; // the future has not happened yet: the case stays open
    const day = localDateOf(action.at);
    const list = agenda.get(day) ?? [];
    list.push(action);
    agenda.set(day, list);
  };
  const open = new Set<SimCase>();

  const apply = (action: Action): CaseEvent[] => {
    const c = action.simCase;
    if (c.leftAlone) return [];
    const occurredAt = action.at > c.lastAt ? action.at : c.lastAt;
    let events: CaseEvent[];
    try {
      events = decider.decide(action.command(occurredAt), c.state);
    } catch {
      return []; // the plan met a rule (e.g. an extension asked too late): it is simply not done
    }
    const commandId = `sim:${seed}:${c.id}:${++c.commands}`;
    events.forEach((event, i) => {
      c.state = decider.evolve(c.state, event);
      c.pending.push({
        id: eventIdFor(commandId, i),
        type: event.type,
        data: event.data,
        metadata: {
          actor: action.actor,
          commandId,
          correlationId: commandId,
          causationId: commandId,
          occurredAt,
          recordedAt: nowIso,
          ...(now.getTime() - Date.parse(occurredAt) > 10 * 60_000 ? { backfill: { reason: SIMULATED } } : {}),
          schemaVersion: SCHEMA_VERSION,
        },
      });
    });
    c.lastAt = occurredAt;
    return events;
  };

  /** The next thing to happen to a case, from its state and its fate. */
  const plan = (c: SimCase, lastAt: string) => {
    const s = c.state as Case;
    const day = localDateOf(lastAt);
    const on = (workingDays: number, hh: number) => at(calendar.addWorkingDays(day, workingDays), hh, rng.int(0, 59));
    const staff = c.staff;
    // A plan step that falls before what already happened happens now instead.
    const next = (when: string, actor: Actor, command: (occurredAt: string) => CaseCommand) =>
      schedule({ at: when < c.lastAt ? c.lastAt : when, simCase: c, actor, command });
    const f = c.fate;
    switch (s.status) {
      case 'SUBMITTED': {
        if (f.reject)
          return next(at(day, 16, rng.int(0, 59)), staff, (o) => ({
            type: 'RejectCase',
            data: { reason: '不属于本中心受理范围', occurredAt: o },
          }));
        if (f.supplement && s.supplementNotices === 0) {
          return next(on(f.supplement.noticeAfter, 10), staff, (o) => ({
            type: 'RequestSupplement',
            data: { missingMaterials: [c.item.materials.at(-1) ?? '户口簿'], occurredAt: o },
          }));
        }
        return next(on(rng.chance(0.6) ? 0 : 1, rng.chance(0.6) ? 16 : 11), staff, (o) => ({
          type: 'AcceptCase',
          data: { item: c.item, staffId: staff.id, toleranceMaterials: [], occurredAt: o },
        }));
      }
      case 'AWAITING_SUPPLEMENT':
        if (f.supplement!.supplyAfter === null)
          return next(on(15, 16), staff, (o) => ({ type: 'TerminateCase', data: { reason: '逾期未补正', occurredAt: o } }));
        return next(on(f.supplement!.supplyAfter, 14), staff, (o) => ({
          type: 'ReceiveSupplement',
          data: { materials: [c.item.materials.at(-1) ?? '户口簿'], occurredAt: o },
        }));
      case 'ACCEPTED': {
        const tl = s.timeLimit!;
        if (tl.limit === 0)
          return next(at(day, 17, rng.int(0, 29)), staff, (o) => ({
            type: 'CompleteCase',
            data: { outcome: 'APPROVED', reason: null, occurredAt: o },
          }));
        const total = calendar.workingDaysBetween(tl.startDate, tl.dueDate);
        const dayOf = (share: number) => calendar.addWorkingDays(tl.startDate, Math.max(1, Math.round(total * share)));
        if (s.suspendedSince)
          return next(on(f.suspension!.workingDays, 9), staff, (o) => ({ type: 'ResumeCase', data: { occurredAt: o } }));
        // 联办件: each participant's staff gives its opinion within its limit; on a case fated to be late,
        // the first one a working day past it, so that the delay has somewhere to be.
        const owed = participantsOf(s).find(isOpenReview);
        if (owed) {
          const reviewer: Actor = { id: `${owed.window}-a`, role: 'staff', center: s.center, window: owed.window };
          const overran = f.late && owed === participantsOf(s)[0];
          const onDay = calendar.addWorkingDays(owed.notifiedOn, overran ? owed.reviewLimit + 1 : Math.max(1, owed.reviewLimit - 1));
          return next(at(onDay, 11), reviewer, (o) => ({
            type: 'RecordOpinion',
            data: { window: owed.window, staffId: reviewer.id, opinion: 'AGREE', reasons: null, conditions: [], occurredAt: o },
          }));
        }
        if (f.suspension && s.suspensions.length === 0 && day < dayOf(f.suspension.atShare)) {
          const { reason, detail } = f.suspension;
          return next(at(dayOf(f.suspension.atShare), 15), staff, (o) => ({
            type: 'SuspendCase',
            data: { reason, detail, occurredAt: o },
          }));
        }
        if (f.withdraw)
          return next(at(dayOf(0.4), 11), staff, (o) => ({ type: 'WithdrawCase', data: { reason: '申请人撤回申请', occurredAt: o } }));
        if (f.extension && s.extensions.length === 0 && !s.pendingExtension && day < dayOf(0.5)) {
          const days = f.extension;
          return next(at(dayOf(0.5), 10), staff, (o) => ({
            type: 'RequestExtension',
            data: { workingDays: days, reason: '需进一步核查', occurredAt: o },
          }));
        }
        if (s.pendingExtension)
          return next(on(0, 16), LEADER, (o) => ({
            type: 'ApproveExtension',
            data: {
              reason: '同意延期',
              // Art. 42: a joint case's extension is the government head's to approve.
              ...(s.kind === 'joint'
                ? { governmentApproval: { by: '县人民政府分管副县长', documentNo: `县政批〔${o.slice(0, 4)}〕${s.receiptNo.slice(-4)}号` } }
                : {}),
              occurredAt: o,
            },
          }));
        const steps = c.item.steps.slice(1);
        const done = s.lastStepOn ? steps.length : 0;
        if (steps.length > 0 && done === 0) {
          return next(at(dayOf(f.completeShare * 0.6), 15), staff, (o) => ({
            type: 'RecordStep',
            data: { step: steps[0], action: 'PASS', opinion: '材料齐全，情况属实，同意', occurredAt: o },
          }));
        }
        if (f.late) {
          const finish = calendar.addWorkingDays(tl.dueDate, f.late.workingDays);
          if (f.late.urge && s.urgings.length === 0 && day <= tl.dueDate) {
            return next(at(calendar.addWorkingDays(tl.dueDate, 1), 9, 30), LEADER, (o) => ({
              type: 'UrgeCase',
              data: { note: '已超期，请即办结', periodWorkingDays: 3, occurredAt: o },
            }));
          }
          return next(at(finish, 16), staff, (o) => ({ type: 'CompleteCase', data: { outcome: 'APPROVED', reason: null, occurredAt: o } }));
        }
        const completeOn = dayOf(f.completeShare) > day ? dayOf(f.completeShare) : day;
        const denied = rng.chance(0.1);
        return next(at(completeOn, 16), staff, (o) => ({
          type: 'CompleteCase',
          data: { outcome: denied ? 'DENIED' : 'APPROVED', reason: denied ? '不符合条件' : null, occurredAt: o },
        }));
      }
      case 'COMPLETED':
        return next(on(rng.int(0, 3), 10), staff, (o) => ({
          type: 'DeliverResult',
          data: { method: rng.pick(['PICKUP', 'MAIL', 'ELECTRONIC'] as const), recipient: s.applicant.name, occurredAt: o },
        }));
      case 'DELIVERED':
      case 'REJECTED':
      case 'WITHDRAWN':
      case 'TERMINATED':
        return next(on(5, 17), staff, (o) => ({ type: 'ArchiveCase', data: { occurredAt: o } }));
      case 'ARCHIVED':
        return undefined;
    }
  };

  const count = (events: CaseEvent[]) => {
    for (const e of events) {
      if (e.type === 'CaseRejected') stats.rejected++;
      if (e.type === 'SupplementRequested') {
        stats.supplements++;
        if (e.data.late) stats.lateNotices++;
      }
      if (e.type === 'CaseSuspended') stats.suspensions++;
      if (e.type === 'ExtensionApproved') stats.extensions++;
      if (e.type === 'CaseCompleted' && !e.data.onTime) stats.lateCompletions++;
      if (e.type === 'CaseWithdrawn') stats.withdrawn++;
      if (e.type === 'CaseTerminated') stats.terminated++;
      if (e.type === 'DeadlineWarningIssued') stats.warnings++;
      if (e.type === 'DeadlineBreached') stats.breaches++;
    }
  };

  const first = addDays(today, -days + 1);
  for (let day = first; day <= today; day = addDays(day, 1)) {
    const receipts = new Map<string, NewEvent[]>();
    // Numbers already issued that day (by the service, or an earlier simulation) are continued, not reused.
    const issued = new Map<string, number>();
    for (const center of centers) issued.set(center, (await collect(store.readStream(receiptStream(center, day)))).length);
    if (calendar.isWorkingDay(day)) {
      for (let n = 0; n < casesPerDay; n++) {
        const item = rng.pick(catalog);
        const center = rng.pick(centers);
        const id = uuidFromName(`simulate:${seed}:${day}:${n}`);
        const staff: Actor = { id: `${item.window}-${rng.pick(['a', 'b'])}`, role: 'staff', center, window: item.window };
        const c: SimCase = {
          id,
          stream: caseStream(id),
          state: decider.initialState(),
          revision: 'no_stream',
          staff,
          item,
          fate: rollFate(rng),
          commands: 0,
          pending: [],
          lastAt: '',
        };
        const submittedAt = at(day, rng.int(9, 16), rng.int(0, 59));
        if (submittedAt > nowIso) continue;
        const book = receipts.get(center) ?? [];
        const seq = issued.get(center)! + book.length + 1;
        const receiptNo = formatReceiptNo(center, day, seq);
        const commandId = `sim:${seed}:receipt:${id}`;
        book.push({
          id: eventIdFor(commandId, 0),
          type: 'ReceiptNumberIssued',
          data: { receiptNo, center, day, seq, caseId: id, issuedAt: submittedAt },
          metadata: {
            actor: staff,
            commandId,
            correlationId: commandId,
            causationId: commandId,
            occurredAt: submittedAt,
            recordedAt: nowIso,
            backfill: { reason: SIMULATED },
            schemaVersion: SCHEMA_VERSION,
          },
        });
        receipts.set(center, book);
        const kind: ApplicantKind = 'PERSON';
        schedule({
          at: submittedAt,
          simCase: c,
          actor: staff,
          command: (o) => ({
            type: 'SubmitCase',
            data: {
              caseId: id,
              receiptNo,
              center,
              item,
              applicant: {
                kind,
                name: rng.pick([...SURNAMES]) + rng.pick([...GIVEN]) + (rng.chance(0.5) ? rng.pick([...GIVEN]) : ''),
                idNumber: residentId(rng),
                phone: `13${rng.int(100000000, 999999999)}`,
              },
              channel: rng.pick(['WINDOW', 'WINDOW', 'ONLINE', 'VILLAGE_AGENT', 'APPOINTMENT'] as const),
              materials: item.materials.slice(0, -1),
              staffId: staff.id,
              occurredAt: o,
            },
          }),
        });
        stats.cases++;
      }
    }
    // Run the day's actions in time order; an action may schedule another for the same day.
    const todays = agenda.get(day) ?? [];
    agenda.delete(day);
    while (todays.length > 0) {
      todays.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
      const action = todays.shift()!;
      const events = apply(action);
      if (events.length === 0 && exists(action.simCase.state)) {
        // The rules refused what was planned (say, an extension asked too late): drop the optional turns.
        action.simCase.fate = { ...action.simCase.fate, extension: null, suspension: null, withdraw: false };
        plan(action.simCase, action.simCase.lastAt);
      }
      count(events);
      if (exists(action.simCase.state)) open.add(action.simCase);
      if (events.length > 0) {
        plan(action.simCase, action.simCase.lastAt);
        const more = agenda.get(day);
        if (more) {
          todays.push(...more);
          agenda.delete(day);
        }
      }
    }
    // The deadline watcher's view at the end of the working day.
    if (calendar.isWorkingDay(day) && at(day, 17, 30) <= nowIso) {
      for (const c of open) {
        if (c.state.status !== 'ACCEPTED') continue;
        const events = apply({
          at: at(day, 17, 30),
          simCase: c,
          actor: WATCHER,
          command: (o) => ({ type: 'CheckDeadline', data: { today: day, occurredAt: o } }),
        });
        count(events);
      }
    }
    // Append the day: every stream at the revision it was left at, in one group commit.
    const writes: Promise<unknown>[] = [];
    for (const [center, events] of receipts) {
      const before = issued.get(center)!;
      writes.push(store.append(receiptStream(center, day), events, before === 0 ? 'no_stream' : BigInt(before - 1)));
    }
    for (const c of open) {
      if (c.pending.length === 0) continue;
      const events = c.pending;
      c.pending = [];
      stats.events += events.length;
      const expected = c.revision;
      c.revision = (expected === 'no_stream' ? -1n : expected) + BigInt(events.length);
      writes.push(
        store.append(c.stream, events, expected).catch((error: unknown) => {
          // A service running on the same store appended to the case since the simulation last wrote it
          // (its watcher's warning, say). The simulation's plan for the case no longer holds: it stops
          // there, and what is recorded stays as it is.
          if (!(error instanceof WrongExpectedRevisionError)) throw error;
          c.leftAlone = true;
          open.delete(c);
          stats.events -= events.length;
          stats.leftAlone++;
        }),
      );
      if (c.state.status === 'ARCHIVED') open.delete(c);
    }
    await Promise.all(writes);
    await options.onDay?.(day, stats);
  }
  stats.open = [...open].filter(
    (c) => c.state.status === 'ACCEPTED' || c.state.status === 'SUBMITTED' || c.state.status === 'AWAITING_SUPPLEMENT',
  ).length;
  return stats;
}
