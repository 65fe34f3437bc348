import { Inject } from '@nestjs/common';
import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { IsBoolean, IsOptional, IsString, Length, MaxLength } from 'class-validator';
import { authorizeTarget } from '../../../../core/access-policy';
import { Actor } from '../../../../core/actor';
import { Clock } from '../../../../core/clock';
import { ValidationError } from '../../../../core/errors';
import { EventStore } from '../../../../core/event-store';
import { handleCommand } from '../../../../core/handle-command';
import { CommandInput } from '../../../../infrastructure/graphql/command-input';
import { CurrentActor } from '../../../../infrastructure/graphql/current-actor.decorator';
import { CLOCK, EVENT_STORE } from '../../../../infrastructure/tokens';
import { staffDecider, staffStream } from '../../domain/staff.decider';

class RegisterStaffInput extends CommandInput {
  @IsString() @Length(1, 64) staffId!: string;
  @IsString() @MaxLength(100) name!: string;
  @IsOptional() @IsString() @Length(1, 64) center?: string | null;
  @IsString() @Length(1, 64) window!: string;
  @IsOptional() @IsBoolean() active?: boolean | null;
}

/** An admin registers a staff member at a window, moves them, or marks them as gone (`active: false`). */
@Resolver()
export class RegisterStaffResolver {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Mutation('registerStaff')
  async registerStaff(@Args('input') input: RegisterStaffInput, @CurrentActor() actor: Actor) {
    const center = input.center ?? actor.center;
    if (!center) throw new ValidationError([{ field: 'input.center', message: 'is required when the token names no center' }]);
    authorizeTarget('Mutation.registerStaff', actor, { center });
    const result = await handleCommand({
      store: this.store,
      stream: staffStream(input.staffId),
      decider: staffDecider,
      command: (occurredAt) => ({ type: 'RegisterStaff', data: { staffId: input.staffId, name: input.name, center, window: input.window, active: input.active ?? true, occurredAt } }),
      context: { commandId: input.commandId, actor, now: this.clock.now() },
      // A staff member belongs to one center: only that center's admin may change their entry.
      authorize: (state) => state.registered && authorizeTarget('Mutation.registerStaff', actor, { center: state.registered.center }),
    });
    return { staff: result.state.registered, changed: result.events.length > 0 && !result.duplicate, duplicate: result.duplicate };
  }
}
