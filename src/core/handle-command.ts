import { checkBusinessTime } from './business-time';
import { Decider, DomainCommand, DomainEvent } from './decider';
import { CommandIdReusedError, DomainError, DuplicateEventError, WrongExpectedRevisionError } from './errors';
import { Actor, EventStore, NewEvent, RecordedEvent, collect, asDomainEvent } from './event-store';
import { eventIdFor } from './ids';

export const SCHEMA_VERSION = 1;

export interface CommandContext {
  /** Client-chosen idempotency key: the same id never writes twice. */
  commandId: string;
  actor: Actor;
  /**
   * Business time given by the caller. Absent means "now": then it is taken at the attempt that
   * commits, never earlier than the stream's previous event, so a writer that lost a race and retried
   * is not refused for a time it never chose.
   */
  occurredAt?: string;
  backfillReason?: string;
  /**
   * What the caller asked, as a hash of its input (commandId aside): a command id repeated with other
   * input is refused (COMMAND.ID_REUSED), never answered with the first result. Absent: not compared.
   */
  fingerprint?: string;
  correlationId?: string;
  causationId?: string;
  now: Date;
}

export interface HandleCommandOptions<S, C extends DomainCommand, E extends DomainEvent> {
  store: EventStore;
  stream: string;
  decider: Decider<S, C, E>;
  /** The command, built with the business time it is decided at. */
  command: (occurredAt: string) => C;
  context: CommandContext;
  /** Lets an aggregate adjust the recorded actor from its state (e.g. AB-post cover). */
  actorFor?: (state: S, actor: Actor) => Actor;
  /**
   * Throws unless the actor may run this command on the state as read (who may act depends on the
   * case's center, window and handler). Checked on every attempt, before a repeated command's earlier
   * result is returned, so a reused command id shows nothing to someone out of reach.
   */
  authorize?: (state: S) => void;
  maxAttempts?: number;
  /**
   * The decider's state is its stream's last event alone (a counter): read that one event, not the
   * stream, whose length then costs nothing. A repeated command is still found: its event id is already
   * in the stream, so the append is refused as a duplicate and only then is the stream read in full.
   */
  stateFromLastEvent?: boolean;
}

export interface CommandResult<S> {
  state: S;
  /** Events this command wrote (or had written, when `duplicate`). */
  events: RecordedEvent[];
  /** Global position of the command's last event. */
  position: bigint;
  /** True when the command had already been handled and nothing new was written. */
  duplicate: boolean;
}

interface Decided<S, E> {
  recorded: RecordedEvent[];
  state: S;
  occurredAt: string;
  backfill?: { reason: string };
  events: E[];
}

/**
 * read → evolve → authorize → decide: every check a command meets before anything is written. Returns
 * the earlier result instead when this command id has already written to the stream.
 */
async function readAndDecide<S, C extends DomainCommand, E extends DomainEvent>(
  options: HandleCommandOptions<S, C, E>,
): Promise<Decided<S, E> | { earlier: CommandResult<S> }> {
  const { store, stream, decider, command, context } = options;
  const recorded = await readForDecision(store, stream, options.stateFromLastEvent);
  const state = recorded.reduce((s, e) => decider.evolve(s, asDomainEvent<E>(e)), decider.initialState());
  options.authorize?.(state);
  const earlier = resultOfEarlierRun(decider, recorded, context);
  if (earlier) return { earlier };
  const { occurredAt, backfill } = businessTime(context, recorded.at(-1)?.metadata.occurredAt);
  return { recorded, state, occurredAt, backfill, events: decider.decide(command(occurredAt), state) };
}

/**
 * Runs every check of a command against the stream as it is now and records nothing: for work that must
 * not begin for a command that will be refused (a receipt number is issued only for a case that can be
 * submitted). Throws what the command would throw; returns the state it was checked against, and whether
 * this command id has already written to the stream.
 */
export async function checkCommand<S, C extends DomainCommand, E extends DomainEvent>(
  options: HandleCommandOptions<S, C, E>,
): Promise<{ state: S; done: boolean }> {
  const decided = await readAndDecide(options);
  return 'earlier' in decided ? { state: decided.earlier.state, done: true } : { state: decided.state, done: false };
}

/**
 * read → evolve → decide → append with the revision that was read. A conflict means someone else
 * wrote in between: read again and decide again, a bounded number of times.
 */
export async function handleCommand<S, C extends DomainCommand, E extends DomainEvent>(
  options: HandleCommandOptions<S, C, E>,
): Promise<CommandResult<S>> {
  const { store, stream, decider, context } = options;
  const maxAttempts = options.maxAttempts ?? 10;
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    const decided = await readAndDecide(options);
    if ('earlier' in decided) return decided.earlier;
    const { recorded, state, occurredAt, backfill, events } = decided;
    const last = recorded.at(-1);
    if (events.length === 0) return { state, events: [], position: last?.position ?? -1n, duplicate: false };
    const actor = options.actorFor ? options.actorFor(state, context.actor) : context.actor;
    const newEvents = toNewEvents(events, context, actor, occurredAt, backfill);
    try {
      if (!(await appendAfter(store, stream, newEvents, last, attempt))) continue;
    } catch (error) {
      if (error instanceof DuplicateEventError) {
        const again = resultOfEarlierRun(decider, await collect(store.readStream(stream)), context);
        if (again) return again;
      }
      throw error;
    }
    const written = await writtenAfter(store, stream, last);
    const ours = written.filter((e) => e.metadata.commandId === context.commandId);
    const newState = ours.reduce((s, e) => decider.evolve(s, asDomainEvent<E>(e)), state);
    return { state: newState, events: ours, position: ours.at(-1)?.position ?? last?.position ?? 0n, duplicate: false };
  }
  throw new DomainError('STREAM.CONFLICT', `Too many concurrent changes to ${stream}; try again`);
}

/** What a decision reads: the whole stream, or only its last event where that is the whole state. */
async function readForDecision(store: EventStore, stream: string, lastOnly: boolean | undefined): Promise<RecordedEvent[]> {
  if (!lastOnly) return collect(store.readStream(stream));
  const last = await store.lastEvent(stream);
  return last ? [last] : [];
}

/** The decided events as they are recorded: ids from the command id, and the command's metadata. */
function toNewEvents(
  events: DomainEvent[],
  context: CommandContext,
  actor: Actor,
  occurredAt: string,
  backfill: { reason: string } | undefined,
): NewEvent[] {
  return events.map((event, index) => ({
    id: eventIdFor(context.commandId, index),
    type: event.type,
    data: event.data,
    metadata: {
      actor,
      commandId: context.commandId,
      correlationId: context.correlationId ?? context.commandId,
      causationId: context.causationId ?? context.commandId,
      occurredAt,
      recordedAt: context.now.toISOString(),
      ...(backfill ? { backfill } : {}),
      ...(context.fingerprint ? { commandFingerprint: context.fingerprint } : {}),
      schemaVersion: SCHEMA_VERSION,
    },
  }));
}

/**
 * Several commands on one stream, decided one after another on the state as it evolves and appended
 * together: one read and one append (one commit) for all of them. Each keeps its own command id, in its
 * events' ids and metadata, so each is recognised later exactly as if it had been handled alone. A
 * command its decider refuses fails alone. For a stream that many writers append to at once (a
 * center-day's receipt numbers). Throws DuplicateEventError when one of them had already written
 * elsewhere in the stream: the caller then handles them one by one (`handleCommand` finds the earlier result).
 */
export async function handleCommands<S, C extends DomainCommand, E extends DomainEvent>(
  options: Omit<HandleCommandOptions<S, C, E>, 'command' | 'context' | 'actorFor' | 'authorize'> & {
    commands: Array<{ command: (occurredAt: string) => C; context: CommandContext }>;
  },
): Promise<Array<{ ok: CommandResult<S> } | { error: unknown }>> {
  const { store, stream, decider, commands } = options;
  const maxAttempts = options.maxAttempts ?? 10;
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    const recorded = await readForDecision(store, stream, options.stateFromLastEvent);
    const last = recorded.at(-1);
    let state = recorded.reduce((s, e) => decider.evolve(s, asDomainEvent<E>(e)), decider.initialState());
    let previousOccurredAt = last?.metadata.occurredAt;
    const outcomes: Array<{ ok: CommandResult<S> } | { error: unknown } | { pending: { state: S } }> = [];
    const newEvents: NewEvent[] = [];
    for (const { command, context } of commands) {
      try {
        const earlier = resultOfEarlierRun(decider, recorded, context);
        if (earlier) {
          outcomes.push({ ok: earlier });
          continue;
        }
        const { occurredAt, backfill } = businessTime(context, previousOccurredAt);
        const events = decider.decide(command(occurredAt), state);
        state = events.reduce((s, e) => decider.evolve(s, e), state);
        newEvents.push(...toNewEvents(events, context, context.actor, occurredAt, backfill));
        if (events.length > 0) previousOccurredAt = occurredAt;
        outcomes.push({ pending: { state } });
      } catch (error) {
        outcomes.push({ error });
      }
    }
    if (newEvents.length > 0 && !(await appendAfter(store, stream, newEvents, last, attempt))) continue;
    const written = newEvents.length > 0 ? await writtenAfter(store, stream, last) : [];
    return outcomes.map((outcome, i) => {
      if (!('pending' in outcome)) return outcome;
      const ours = written.filter((e) => e.metadata.commandId === commands[i].context.commandId);
      return {
        ok: { state: outcome.pending.state, events: ours, position: ours.at(-1)?.position ?? last?.position ?? -1n, duplicate: false },
      };
    });
  }
  throw new DomainError('STREAM.CONFLICT', `Too many concurrent changes to ${stream}; try again`);
}

function businessTime(
  context: CommandContext,
  previousOccurredAt: string | undefined,
): { occurredAt: string; backfill?: { reason: string } } {
  if (context.occurredAt === undefined) {
    const now = context.now.toISOString();
    return { occurredAt: previousOccurredAt && previousOccurredAt > now ? previousOccurredAt : now };
  }
  const { backfill } = checkBusinessTime({
    occurredAt: context.occurredAt,
    now: context.now,
    previousOccurredAt,
    backfillReason: context.backfillReason,
  });
  return { occurredAt: context.occurredAt, ...(backfill ? { backfill } : {}) };
}

/** Writers that lost a race retry at random moments, so they do not collide again in lockstep. */
/**
 * Appends right after `last` (the stream's last event when the command was decided). False when the
 * stream moved on meanwhile: after a short random wait, the caller reads and decides again.
 */
async function appendAfter(
  store: EventStore,
  stream: string,
  events: NewEvent[],
  last: RecordedEvent | undefined,
  attempt: number,
): Promise<boolean> {
  try {
    await store.append(stream, events, last ? last.revision : 'no_stream');
    return true;
  } catch (error) {
    if (!(error instanceof WrongExpectedRevisionError)) throw error;
    await backoff(attempt);
    return false;
  }
}

/** What was recorded on the stream after `last`: the events just appended, with their positions. */
function writtenAfter(store: EventStore, stream: string, last: RecordedEvent | undefined): Promise<RecordedEvent[]> {
  return collect(store.readStream(stream, { fromRevision: last ? last.revision + 1n : 0n }));
}

function backoff(attempt: number): Promise<void> {
  const ms = Math.random() * Math.min(50, 2 ** attempt);
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * The result of this command id's earlier run on the stream, if any (the state just after it): what a
 * retry is answered with. A command id is the caller's: the same id from another user, or with other
 * input, is refused rather than answered with someone else's result.
 */
function resultOfEarlierRun<S, E extends DomainEvent>(
  decider: Pick<Decider<S, never, E>, 'evolve' | 'initialState'>,
  recorded: RecordedEvent[],
  context: Pick<CommandContext, 'commandId' | 'actor' | 'fingerprint'>,
): CommandResult<S> | undefined {
  const lastIndex = recorded.findLastIndex((e) => e.metadata.commandId === context.commandId);
  if (lastIndex < 0) return undefined;
  const upTo = recorded.slice(0, lastIndex + 1);
  const events = upTo.filter((e) => e.metadata.commandId === context.commandId);
  const first = events[0].metadata;
  if (first.actor.id !== context.actor.id) throw new CommandIdReusedError('by another user');
  if (first.commandFingerprint && context.fingerprint && first.commandFingerprint !== context.fingerprint)
    throw new CommandIdReusedError('with other input');
  const state = upTo.reduce((s, e) => decider.evolve(s, asDomainEvent<E>(e)), decider.initialState());
  return { state, events, position: events.at(-1)!.position, duplicate: true };
}
