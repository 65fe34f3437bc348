import { Inject, Injectable } from '@nestjs/common';
import { Operation, authorizeOperation, authorizeTarget } from '../../core/access-policy';
import { Actor } from '../../core/actor';
import { Clock } from '../../core/clock';
import { DomainError } from '../../core/errors';
import { EventStore, foldStream } from '../../core/event-store';
import { handleCommand } from '../../core/handle-command';
import { fingerprintOf } from '../../infrastructure/graphql/command-input';
import { CLOCK, EVENT_STORE } from '../../infrastructure/tokens';
import { Complaint, ComplaintCommand, complaintDecider, complaintStream } from './domain/complaint.decider';

/** Runs complaint commands against the complaint's stream, checking who may act on the complaint as read. */
@Injectable()
export class ComplaintCommands {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(
    operation: Operation,
    complaintId: string,
    input: { commandId: string },
    actor: Actor,
    build: (occurredAt: string) => ComplaintCommand,
    options: { newCenter?: string; occurredAt?: string | null; backfillReason?: string | null } = {},
  ) {
    authorizeOperation(operation, actor);
    const result = await handleCommand({
      store: this.store,
      stream: complaintStream(complaintId),
      decider: complaintDecider,
      command: build,
      context: {
        commandId: input.commandId,
        actor,
        fingerprint: fingerprintOf(input),
        now: this.clock.now(),
        occurredAt: options.occurredAt ?? undefined,
        backfillReason: options.backfillReason ?? undefined,
      },
      authorize: (state) =>
        authorizeTarget(operation, actor, { center: state.status === 'NONE' ? (options.newCenter ?? '') : state.center }),
    });
    if (result.state.status === 'NONE') throw new DomainError('COMPLAINT.NOT_FOUND', `No complaint ${complaintId}`);
    return { complaint: result.state, duplicate: result.duplicate };
  }

  async load(complaintId: string): Promise<Complaint | null> {
    const state = await foldStream(this.store, complaintStream(complaintId), complaintDecider.evolve, complaintDecider.initialState());
    return state.status === 'NONE' ? null : state;
  }
}
