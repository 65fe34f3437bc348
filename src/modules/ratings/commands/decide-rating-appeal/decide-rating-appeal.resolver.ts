import { Command, CommandBus } from '@nestjs/cqrs';
import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { IsBoolean, IsString, Length, MaxLength } from 'class-validator';
import { Actor } from '../../../../core/actor';
import { CommandInput } from '../../../../infrastructure/graphql/command-input';
import { CurrentActor } from '../../../../infrastructure/graphql/current-actor.decorator';

class DecideRatingAppealInput extends CommandInput {
  @IsString() @Length(1, 64) ratingId!: string;
  @IsBoolean() setAside!: boolean;
  @IsString() @MaxLength(2000) reason!: string;
}

export class DecideRatingAppealCommand extends Command<unknown> {
  constructor(
    readonly input: DecideRatingAppealInput,
    readonly actor: Actor,
  ) {
    super();
  }
}

/** Oversight sets a mistaken or malicious rating aside (it stays in the history), or keeps it. */
@Resolver()
export class DecideRatingAppealResolver {
  constructor(private readonly commandBus: CommandBus) {}

  @Mutation('decideRatingAppeal')
  decideRatingAppeal(@Args('input') input: DecideRatingAppealInput, @CurrentActor() actor: Actor) {
    return this.commandBus.execute(new DecideRatingAppealCommand(input, actor));
  }
}
