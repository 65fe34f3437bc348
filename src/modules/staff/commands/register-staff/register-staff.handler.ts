import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Inject } from '@nestjs/common';
import { authorizeTarget } from '../../../../core/access-policy';
import { Clock } from '../../../../core/clock';
import { ValidationError } from '../../../../core/errors';
import { EventStore } from '../../../../core/event-store';
import { handleCommand } from '../../../../core/handle-command';
import { fingerprintOf } from '../../../../infrastructure/graphql/command-input';
import { CLOCK, EVENT_STORE } from '../../../../infrastructure/tokens';
import { staffDecider, staffStream } from '../../domain/staff.decider';
import { RegisterStaffCommand } from './register-staff.resolver';

@CommandHandler(RegisterStaffCommand)
export class RegisterStaffHandler implements ICommandHandler<RegisterStaffCommand> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ input, actor }: RegisterStaffCommand) {
    const center = input.center ?? actor.center;
    if (!center) throw new ValidationError([{ field: 'center', message: 'is required when the token names no center' }]);
    authorizeTarget('Mutation.registerStaff', actor, { center });
    const result = await handleCommand({
      store: this.store,
      stream: staffStream(input.staffId),
      decider: staffDecider,
      command: (occurredAt) => ({
        type: 'RegisterStaff',
        data: { staffId: input.staffId, name: input.name, center, window: input.window, active: input.active ?? true, occurredAt },
      }),
      context: { commandId: input.commandId, actor, fingerprint: fingerprintOf(input), now: this.clock.now() },
      // A staff member belongs to one center: only that center's admin may change their entry.
      authorize: (state) => state.registered && authorizeTarget('Mutation.registerStaff', actor, { center: state.registered.center }),
    });
    return { staff: result.state.registered, changed: result.events.length > 0 && !result.duplicate, duplicate: result.duplicate };
  }
}
