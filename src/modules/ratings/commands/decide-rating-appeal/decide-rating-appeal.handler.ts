import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Inject } from '@nestjs/common';
import { Clock } from '../../../../core/clock';
import { localDateOf } from '../../../../core/dates';
import { CLOCK } from '../../../../infrastructure/tokens';
import { RatingCommands } from '../../rating-commands.service';
import { ratingView } from '../../queries/rating/rating.view';
import { DecideRatingAppealCommand } from './decide-rating-appeal.resolver';

@CommandHandler(DecideRatingAppealCommand)
export class DecideRatingAppealHandler implements ICommandHandler<DecideRatingAppealCommand> {
  constructor(
    private readonly ratings: RatingCommands,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ input, actor }: DecideRatingAppealCommand) {
    const { rating, duplicate } = await this.ratings.execute(
      'Mutation.decideRatingAppeal',
      input.ratingId,
      input.commandId,
      actor,
      (occurredAt) => ({
        type: 'DecideRatingAppeal',
        data: { setAside: input.setAside, reason: input.reason, occurredAt },
      }),
    );
    return { rating: ratingView(rating, localDateOf(this.clock.now())), duplicate };
  }
}
