import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Inject } from '@nestjs/common';
import { Clock } from '../../../../core/clock';
import { localDateOf } from '../../../../core/dates';
import { CLOCK } from '../../../../infrastructure/tokens';
import { RatingCommands } from '../../rating-commands.service';
import { ratingView } from '../../queries/rating/rating.view';
import { AppealRatingCommand } from './appeal-rating.resolver';

@CommandHandler(AppealRatingCommand)
export class AppealRatingHandler implements ICommandHandler<AppealRatingCommand> {
  constructor(
    private readonly ratings: RatingCommands,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ input, actor }: AppealRatingCommand) {
    const { rating, duplicate } = await this.ratings.execute(
      'Mutation.appealRating',
      input.ratingId,
      input.commandId,
      actor,
      (occurredAt) => ({
        type: 'AppealRating',
        data: { grounds: input.grounds, occurredAt },
      }),
    );
    return { rating: ratingView(rating, localDateOf(this.clock.now())), duplicate };
  }
}
