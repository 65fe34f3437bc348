import { Command, CommandBus } from '@nestjs/cqrs';
import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { IsString, Length, MaxLength } from 'class-validator';
import { Actor } from '../../../../core/actor';
import { CommandInput } from '../../../../infrastructure/graphql/command-input';
import { CurrentActor } from '../../../../infrastructure/graphql/current-actor.decorator';

class AppealRatingInput extends CommandInput {
  @IsString() @Length(1, 64) ratingId!: string;
  @IsString() @MaxLength(2000) grounds!: string;
}

export class AppealRatingCommand extends Command<unknown> {
  constructor(
    readonly input: AppealRatingInput,
    readonly actor: Actor,
  ) {
    super();
  }
}

/** 申诉: the staff member rated (or their window lead) contests a rating, once. */
@Resolver()
export class AppealRatingResolver {
  constructor(private readonly commandBus: CommandBus) {}

  @Mutation('appealRating')
  appealRating(@Args('input') input: AppealRatingInput, @CurrentActor() actor: Actor) {
    return this.commandBus.execute(new AppealRatingCommand(input, actor));
  }
}
