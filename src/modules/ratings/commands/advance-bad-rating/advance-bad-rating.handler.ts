import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Inject } from '@nestjs/common';
import { AppConfig } from '../../../../config';
import { Clock } from '../../../../core/clock';
import { localDateOf } from '../../../../core/dates';
import { CALENDAR, CLOCK, CONFIG } from '../../../../infrastructure/tokens';
import { WorkingCalendar } from '../../../time-limits';
import { RatingCommands } from '../../rating-commands.service';
import { ratingView } from '../../queries/rating/rating.view';
import { AdvanceBadRatingCommand } from './advance-bad-rating.resolver';

@CommandHandler(AdvanceBadRatingCommand)
export class AdvanceBadRatingHandler implements ICommandHandler<AdvanceBadRatingCommand> {
  constructor(
    private readonly ratings: RatingCommands,
    @Inject(CALENDAR) private readonly calendar: WorkingCalendar,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(CONFIG) private readonly config: AppConfig,
  ) {}

  async execute({ input, actor }: AdvanceBadRatingCommand) {
    const today = localDateOf(this.clock.now());
    const rectifyDue = input.step === 'VERIFY' ? this.calendar.addWorkingDays(today, this.config.rectifyWorkingDays) : null;
    const { rating, duplicate } = await this.ratings.execute('Mutation.advanceBadRating', input.ratingId, input, actor, (occurredAt) => ({
      type: 'AdvanceBadRating',
      data: { step: input.step, text: input.text, satisfied: input.satisfied ?? null, rectifyDue, today, occurredAt },
    }));
    return { rating: ratingView(rating, today), duplicate };
  }
}
