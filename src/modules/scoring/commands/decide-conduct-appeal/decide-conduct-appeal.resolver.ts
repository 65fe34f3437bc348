import { Command, CommandBus } from '@nestjs/cqrs';
import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { IsBoolean, IsString, Length, MaxLength } from 'class-validator';
import { Actor } from '../../../../core/actor';
import { CommandInput } from '../../../../infrastructure/graphql/command-input';
import { CurrentActor } from '../../../../infrastructure/graphql/current-actor.decorator';
import { AppealPayload } from '../appeal-conduct/appeal-conduct.resolver';
import type * as Schema from '../../../../generated/schema.types';

class DecideConductAppealInput extends CommandInput implements Schema.DecideConductAppealInput {
  @IsString() @Length(1, 200) lineId!: string;
  @IsBoolean() upheld!: boolean;
  @IsString() @MaxLength(2000) reason!: string;
}

export class DecideConductAppealCommand extends Command<AppealPayload> {
  constructor(
    readonly input: DecideConductAppealInput,
    readonly actor: Actor,
  ) {
    super();
  }
}

@Resolver()
export class DecideConductAppealResolver {
  constructor(private readonly commandBus: CommandBus) {}

  @Mutation('decideConductAppeal')
  decideConductAppeal(@Args('input') input: DecideConductAppealInput, @CurrentActor() actor: Actor): Promise<AppealPayload> {
    return this.commandBus.execute(new DecideConductAppealCommand(input, actor));
  }
}
