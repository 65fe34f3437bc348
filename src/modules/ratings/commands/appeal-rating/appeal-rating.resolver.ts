import { Inject } from '@nestjs/common';
import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { IsString, Length, MaxLength } from 'class-validator';
import { Actor } from '../../../../core/actor';
import { Clock } from '../../../../core/clock';
import { localDateOf } from '../../../../core/dates';
import { CommandInput } from '../../../../infrastructure/graphql/command-input';
import { CurrentActor } from '../../../../infrastructure/graphql/current-actor.decorator';
import { CLOCK } from '../../../../infrastructure/tokens';
import { RatingCommands } from '../../rating-commands.service';
import { ratingView } from '../../queries/rating/rating.view';

class AppealRatingInput extends CommandInput {
  @IsString() @Length(1, 64) ratingId!: string;
  @IsString() @MaxLength(2000) grounds!: string;
}

/** 申诉: the staff member rated (or their window lead) contests a rating, once. */
@Resolver()
export class AppealRatingResolver {
  constructor(
    private readonly ratings: RatingCommands,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Mutation('appealRating')
  async appealRating(@Args('input') input: AppealRatingInput, @CurrentActor() actor: Actor) {
    const { rating, duplicate } = await this.ratings.execute('Mutation.appealRating', input.ratingId, input.commandId, actor, (occurredAt) => ({
      type: 'AppealRating',
      data: { grounds: input.grounds, occurredAt },
    }));
    return { rating: ratingView(rating, localDateOf(this.clock.now())), duplicate };
  }
}
