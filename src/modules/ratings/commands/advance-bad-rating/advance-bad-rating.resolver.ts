import { Inject } from '@nestjs/common';
import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { IsBoolean, IsIn, IsOptional, IsString, Length, MaxLength } from 'class-validator';
import { AppConfig } from '../../../../config';
import { Actor } from '../../../../core/actor';
import { Clock } from '../../../../core/clock';
import { localDateOf } from '../../../../core/dates';
import { CommandInput } from '../../../../infrastructure/graphql/command-input';
import { CurrentActor } from '../../../../infrastructure/graphql/current-actor.decorator';
import { CALENDAR, CLOCK, CONFIG } from '../../../../infrastructure/tokens';
import { WorkingCalendar } from '../../../time-limits/domain/working-calendar';
import { BadRatingStep } from '../../domain/rating.decider';
import { RatingCommands } from '../../rating-commands.service';
import { ratingView } from '../../queries/rating/rating.view';

class AdvanceBadRatingInput extends CommandInput {
  @IsString() @Length(1, 64) ratingId!: string;
  @IsIn(['VERIFY', 'RECTIFY', 'ANSWER', 'RECHECK']) step!: BadRatingStep;
  @IsString() @MaxLength(5000) text!: string;
  @IsOptional() @IsBoolean() satisfied?: boolean | null;
}

/** The bad-rating loop, one step at a time; verification sets the rectification deadline in working days. */
@Resolver()
export class AdvanceBadRatingResolver {
  constructor(
    private readonly ratings: RatingCommands,
    @Inject(CALENDAR) private readonly calendar: WorkingCalendar,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(CONFIG) private readonly config: AppConfig,
  ) {}

  @Mutation('advanceBadRating')
  async advanceBadRating(@Args('input') input: AdvanceBadRatingInput, @CurrentActor() actor: Actor) {
    const today = localDateOf(this.clock.now());
    const rectifyDue = input.step === 'VERIFY' ? this.calendar.addWorkingDays(today, this.config.rectifyWorkingDays) : null;
    const { rating, duplicate } = await this.ratings.execute('Mutation.advanceBadRating', input.ratingId, input.commandId, actor, (occurredAt) => ({
      type: 'AdvanceBadRating',
      data: { step: input.step, text: input.text, satisfied: input.satisfied ?? null, rectifyDue, today, occurredAt },
    }));
    return { rating: ratingView(rating, today), duplicate };
  }
}
