import { Inject, Injectable } from '@nestjs/common';
import { Operation, Target, authorizeOperation, authorizeTarget } from '../../core/access-policy';
import { Actor } from '../../core/actor';
import { Clock } from '../../core/clock';
import { DomainError } from '../../core/errors';
import { EventStore, RecordedEvent, collect, asDomainEvent } from '../../core/event-store';
import { checkCommand, handleCommand } from '../../core/handle-command';
import { CommandInput, commandContext } from '../../infrastructure/graphql/command-input';
import { AppConfig } from '../../config';
import { CALENDAR, CLOCK, CONFIG, EVENT_STORE } from '../../infrastructure/tokens';
import { WorkingCalendar } from '../time-limits';
import { CaseCommand, caseActor, createCaseDecider } from './domain/case.decide';
import { CaseEvent, evolveCase, initialCaseState } from './domain/case.events';
import { Case, CaseState, exists } from './domain/case.state';
import { caseStream } from './domain/case-stream';
import { caseAsOf } from './case-as-of';
import { caseTarget } from './case-target';

export interface CasePayload {
  case: Case;
  position: string;
  duplicate: boolean;
}

/** Runs case commands through the decider against the case's stream, and loads cases. */
@Injectable()
export class CaseCommands {
  private readonly decider;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(CALENDAR) calendar: WorkingCalendar,
    @Inject(CONFIG) config: AppConfig,
  ) {
    this.decider = createCaseDecider({ calendar, policy: config.clockPolicy });
  }

  /**
   * Runs one case command. Who may run it is checked against the case as read, inside the same
   * attempt (see access-policy.ts); a case that does not exist yet is checked by `submitTarget`.
   */
  async execute(
    operation: Operation,
    caseId: string,
    input: CommandInput,
    actor: Actor,
    build: (occurredAt: string) => CaseCommand,
    submitTarget?: Target,
  ): Promise<CasePayload> {
    authorizeOperation(operation, actor);
    const result = await handleCommand(this.options(operation, caseId, input, actor, build, submitTarget));
    if (!exists(result.state)) throw new DomainError('CASE.NOT_FOUND', `No case ${caseId}`);
    return { case: result.state, position: result.position.toString(), duplicate: result.duplicate };
  }

  /**
   * Every check `execute` would make, and nothing recorded: throws what the command would throw. Returns
   * the case this command id already wrote, when it did (a repeated submission), else null.
   */
  async check(
    operation: Operation,
    caseId: string,
    input: CommandInput,
    actor: Actor,
    build: (occurredAt: string) => CaseCommand,
    submitTarget?: Target,
  ): Promise<Case | null> {
    authorizeOperation(operation, actor);
    const { state, done } = await checkCommand(this.options(operation, caseId, input, actor, build, submitTarget));
    return done && exists(state) ? state : null;
  }

  private options(
    operation: Operation,
    caseId: string,
    input: CommandInput,
    actor: Actor,
    build: (occurredAt: string) => CaseCommand,
    submitTarget?: Target,
  ) {
    return {
      authorize: (state: CaseState) => {
        if (exists(state)) authorizeTarget(operation, actor, caseTarget(state));
        else if (submitTarget) authorizeTarget(operation, actor, submitTarget);
      },
      store: this.store,
      stream: caseStream(caseId),
      decider: this.decider,
      command: build,
      context: commandContext(input, actor, this.clock.now()),
      actorFor: caseActor,
    };
  }

  /**
   * The case folded from its stream, always current (unlike the list read model); with `upTo`, as it
   * stood once the log had reached that position (as of a moment).
   */
  async load(caseId: string, upTo?: bigint): Promise<Case | null> {
    const state = await caseAsOf(this.store, caseId, upTo);
    return exists(state) ? state : null;
  }

  async require(caseId: string): Promise<Case> {
    const found = await this.load(caseId);
    if (!found) throw new DomainError('CASE.NOT_FOUND', `No case ${caseId}`);
    return found;
  }

  /** The case and its whole history from one read of its stream; null for an unknown case. */
  async loadWithHistory(caseId: string): Promise<{ case: Case; events: RecordedEvent[] } | null> {
    const events = await this.history(caseId);
    const state = events.reduce((s, e) => evolveCase(s, asDomainEvent<CaseEvent>(e)), initialCaseState());
    return exists(state) ? { case: state, events } : null;
  }

  async history(caseId: string, upTo?: bigint) {
    const events = await collect(this.store.readStream(caseStream(caseId)));
    return upTo === undefined ? events : events.filter((e) => e.position <= upTo);
  }
}
