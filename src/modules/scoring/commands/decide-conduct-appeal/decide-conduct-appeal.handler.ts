import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { authorizeTarget } from '../../../../core/access-policy';
import { Clock } from '../../../../core/clock';
import { EventStore } from '../../../../core/event-store';
import { handleCommand } from '../../../../core/handle-command';
import { ReadModelDb } from '../../../../infrastructure/read-models/database';
import { fingerprintOf } from '../../../../infrastructure/graphql/command-input';
import { CLOCK, EVENT_STORE, READ_MODEL_DB } from '../../../../infrastructure/tokens';
import { appealDecider, appealStream } from '../../domain/appeal.decider';
import { AppealPayload } from '../appeal-conduct/appeal-conduct.resolver';
import { findLine } from '../appeal-conduct/appeal-conduct.handler';
import { DecideConductAppealCommand } from './decide-conduct-appeal.resolver';

/** The oversight office decides an appeal: upheld, the line's points come back; rejected, they stay. */
@CommandHandler(DecideConductAppealCommand)
export class DecideConductAppealHandler implements ICommandHandler<DecideConductAppealCommand> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODEL_DB) private readonly db: ReadModelDb,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ input, actor }: DecideConductAppealCommand): Promise<AppealPayload> {
    const line = await findLine(this.db, input.lineId);
    authorizeTarget('Mutation.decideConductAppeal', actor, { center: line.center, window: line.window });
    const result = await handleCommand({
      store: this.store,
      stream: appealStream(line.lineId),
      decider: appealDecider,
      command: (occurredAt) => ({ type: 'DecideAppeal' as const, data: { upheld: input.upheld, reason: input.reason, occurredAt } }),
      context: { commandId: input.commandId, actor, fingerprint: fingerprintOf(input), now: this.clock.now() },
    });
    return { lineId: line.lineId, status: result.state.status === 'NONE' ? 'PENDING' : result.state.status, duplicate: result.duplicate };
  }
}
