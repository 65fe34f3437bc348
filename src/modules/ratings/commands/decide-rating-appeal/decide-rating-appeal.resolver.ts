import { Inject } from '@nestjs/common';
import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { IsBoolean, IsString, Length, MaxLength } from 'class-validator';
import { Actor } from '../../../../core/actor';
import { Clock } from '../../../../core/clock';
import { localDateOf } from '../../../../core/dates';
import { CommandInput } from '../../../../infrastructure/graphql/command-input';
import { CurrentActor } from '../../../../infrastructure/graphql/current-actor.decorator';
import { CLOCK } from '../../../../infrastructure/tokens';
import { RatingCommands } from '../../rating-commands.service';
import { ratingView } from '../../queries/rating/rating.view';

class DecideRatingAppealInput extends CommandInput {
  @IsString() @Length(1, 64) ratingId!: string;
  @IsBoolean() setAside!: boolean;
  @IsString() @MaxLength(2000) reason!: string;
}

/** Oversight sets a mistaken or malicious rating aside (it stays in the history), or keeps it. */
@Resolver()
export class DecideRatingAppealResolver {
  constructor(
    private readonly ratings: RatingCommands,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Mutation('decideRatingAppeal')
  async decideRatingAppeal(@Args('input') input: DecideRatingAppealInput, @CurrentActor() actor: Actor) {
    const { rating, duplicate } = await this.ratings.execute('Mutation.decideRatingAppeal', input.ratingId, input.commandId, actor, (occurredAt) => ({
      type: 'DecideRatingAppeal',
      data: { setAside: input.setAside, reason: input.reason, occurredAt },
    }));
    return { rating: ratingView(rating, localDateOf(this.clock.now())), duplicate };
  }
}
