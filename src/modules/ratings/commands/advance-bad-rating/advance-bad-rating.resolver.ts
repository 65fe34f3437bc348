import { Command, CommandBus } from '@nestjs/cqrs';
import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { IsBoolean, IsOptional, IsString, Length, MaxLength } from 'class-validator';
import { Actor } from '../../../../core/actor';
import { CommandInput } from '../../../../infrastructure/graphql/command-input';
import { CurrentActor } from '../../../../infrastructure/graphql/current-actor.decorator';
import { BadRatingStep } from '../../domain/rating.decider';
import type * as Schema from '../../../../generated/schema.types';

class AdvanceBadRatingInput extends CommandInput implements Schema.AdvanceBadRatingInput {
  @IsString() @Length(1, 64) ratingId!: string;
  step!: BadRatingStep;
  @IsString() @MaxLength(5000) text!: string;
  @IsOptional() @IsBoolean() satisfied?: boolean | null;
}

export class AdvanceBadRatingCommand extends Command<unknown> {
  constructor(
    readonly input: AdvanceBadRatingInput,
    readonly actor: Actor,
  ) {
    super();
  }
}

/** The bad-rating loop, one step at a time; verification sets the rectification deadline in working days. */
@Resolver()
export class AdvanceBadRatingResolver {
  constructor(private readonly commandBus: CommandBus) {}

  @Mutation('advanceBadRating')
  advanceBadRating(@Args('input') input: AdvanceBadRatingInput, @CurrentActor() actor: Actor) {
    return this.commandBus.execute(new AdvanceBadRatingCommand(input, actor));
  }
}
