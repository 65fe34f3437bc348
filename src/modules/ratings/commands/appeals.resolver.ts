import { Inject } from '@nestjs/common';
import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { IsBoolean, IsString, Length, MaxLength } from 'class-validator';
import { Actor } from '../../../core/actor';
import { Clock } from '../../../core/clock';
import { localDateOf } from '../../../core/dates';
import type * as Schema from '../../../generated/schema.types';
import { CommandInput } from '../../../infrastructure/graphql/command-input';
import { CurrentActor } from '../../../infrastructure/graphql/current-actor.decorator';
import { CLOCK } from '../../../infrastructure/tokens';
import { RatingCommand } from '../domain/rating.decider';
import { ratingView } from '../queries/rating/rating.view';
import { RatingCommands } from '../rating-commands.service';

class AppealRatingInput extends CommandInput implements Schema.AppealRatingInput {
  @IsString() @Length(1, 64) ratingId!: string;
  @IsString() @MaxLength(2000) grounds!: string;
}

class DecideRatingAppealInput extends CommandInput implements Schema.DecideRatingAppealInput {
  @IsString() @Length(1, 64) ratingId!: string;
  @IsBoolean() setAside!: boolean;
  @IsString() @MaxLength(2000) reason!: string;
}

/**
 * Appeals against a rating (申诉): the window appeals, a leader decides; a rating set aside stays in the
 * record, marked. Each mutation builds its command and runs it through the rating decider.
 */
@Resolver()
export class RatingAppealsResolver {
  constructor(
    private readonly ratings: RatingCommands,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Mutation('appealRating')
  appealRating(@Args('input') input: AppealRatingInput, @CurrentActor() actor: Actor) {
    return this.run('Mutation.appealRating', input, actor, (occurredAt) => ({
      type: 'AppealRating',
      data: { grounds: input.grounds, occurredAt },
    }));
  }

  @Mutation('decideRatingAppeal')
  decideRatingAppeal(@Args('input') input: DecideRatingAppealInput, @CurrentActor() actor: Actor) {
    return this.run('Mutation.decideRatingAppeal', input, actor, (occurredAt) => ({
      type: 'DecideRatingAppeal',
      data: { setAside: input.setAside, reason: input.reason, occurredAt },
    }));
  }

  private async run(
    operation: Parameters<RatingCommands['execute']>[0],
    input: { ratingId: string; commandId: string },
    actor: Actor,
    build: (occurredAt: string) => RatingCommand,
  ) {
    const { rating, duplicate } = await this.ratings.execute(operation, input.ratingId, input, actor, build);
    return { rating: ratingView(rating, localDateOf(this.clock.now())), duplicate };
  }
}
