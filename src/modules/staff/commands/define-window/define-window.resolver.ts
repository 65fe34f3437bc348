import { Inject } from '@nestjs/common';
import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsOptional, IsString, Length, MaxLength, ValidateNested } from 'class-validator';
import { authorizeTarget } from '../../../../core/access-policy';
import { Actor } from '../../../../core/actor';
import { Clock } from '../../../../core/clock';
import { ValidationError } from '../../../../core/errors';
import { EventStore } from '../../../../core/event-store';
import { handleCommand } from '../../../../core/handle-command';
import { CommandInput } from '../../../../infrastructure/graphql/command-input';
import { CurrentActor } from '../../../../infrastructure/graphql/current-actor.decorator';
import { CLOCK, EVENT_STORE } from '../../../../infrastructure/tokens';
import { windowDecider, windowStream } from '../../domain/staff.decider';

class AbPairInput {
  @IsString() @Length(1, 64) aPost!: string;
  @IsString() @Length(1, 64) bPost!: string;
}

class DefineWindowInput extends CommandInput {
  @IsOptional() @IsString() @Length(1, 64) center?: string | null;
  @IsString() @Length(1, 64) window!: string;
  @IsString() @MaxLength(100) name!: string;
  @IsString() @MaxLength(100) department!: string;
  @IsOptional() @IsString() @Length(1, 64) chiefRepresentative?: string | null;
  @IsArray() @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => AbPairInput) abPairs!: AbPairInput[];
}

/** An admin defines a window: its department, its chief representative (首席代表) and its AB pairs. */
@Resolver()
export class DefineWindowResolver {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Mutation('defineWindow')
  async defineWindow(@Args('input') input: DefineWindowInput, @CurrentActor() actor: Actor) {
    const center = input.center ?? actor.center;
    if (!center) throw new ValidationError([{ field: 'input.center', message: 'is required when the token names no center' }]);
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
      context: { commandId: input.commandId, actor, now: this.clock.now() },
    });
    return { window: result.state.defined, changed: result.events.length > 0 && !result.duplicate, duplicate: result.duplicate };
  }
}
