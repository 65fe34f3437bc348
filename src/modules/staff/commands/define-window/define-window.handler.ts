import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Inject } from '@nestjs/common';
import { authorizeTarget } from '../../../../core/access-policy';
import { Clock } from '../../../../core/clock';
import { ValidationError } from '../../../../core/errors';
import { EventStore } from '../../../../core/event-store';
import { handleCommand } from '../../../../core/handle-command';
import { fingerprintOf } from '../../../../infrastructure/graphql/command-input';
import { CLOCK, EVENT_STORE } from '../../../../infrastructure/tokens';
import { windowDecider, windowStream } from '../../domain/staff.decider';
import { DefineWindowCommand } from './define-window.resolver';

@CommandHandler(DefineWindowCommand)
export class DefineWindowHandler implements ICommandHandler<DefineWindowCommand> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ input, actor }: DefineWindowCommand) {
    const center = input.center ?? actor.center;
    if (!center) throw new ValidationError([{ field: 'center', message: 'is required when the token names no center' }]);
    authorizeTarget('Mutation.defineWindow', actor, { center, window: input.window });
    const result = await handleCommand({
      store: this.store,
      stream: windowStream(center, input.window),
      decider: windowDecider,
      command: (occurredAt) => ({
        type: 'DefineWindow',
        data: {
          center,
          window: input.window,
          name: input.name,
          department: input.department,
          chiefRepresentative: input.chiefRepresentative ?? null,
          abPairs: input.abPairs.map((p) => ({ aPost: p.aPost, bPost: p.bPost })),
          occurredAt,
        },
      }),
      context: { commandId: input.commandId, actor, fingerprint: fingerprintOf(input), now: this.clock.now() },
    });
    return { window: result.state.defined, changed: result.events.length > 0 && !result.duplicate, duplicate: result.duplicate };
  }
}
