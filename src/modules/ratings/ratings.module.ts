import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { AdvanceBadRatingHandler } from './commands/advance-bad-rating/advance-bad-rating.handler';
import { AdvanceBadRatingResolver } from './commands/advance-bad-rating/advance-bad-rating.resolver';
import { RatingAppealsResolver } from './commands/appeals.resolver';
import { RateServiceHandler } from './commands/rate-service/rate-service.handler';
import { RateServiceResolver } from './commands/rate-service/rate-service.resolver';
import { RatingListProjection } from './queries/rating/rating-list.projection';
import { InvitedToRateResolver } from './queries/invited-to-rate/invited-to-rate.resolver';
import { RatingResolver } from './queries/rating/rating.resolver';
import { RatingCommands } from './rating-commands.service';

/** 好差评: ratings, the bad-rating loop, appeals. */
@Module({
  imports: [CasesModule],
  providers: [
    RatingCommands,
    RateServiceHandler,
    RateServiceResolver,
    AdvanceBadRatingHandler,
    AdvanceBadRatingResolver,
    RatingAppealsResolver,
    RatingResolver,
    InvitedToRateResolver,
    RatingListProjection,
  ],
  exports: [RatingListProjection, RatingCommands],
})
export class RatingsModule {}

/** The service other modules inject. */
export { RatingCommands } from './rating-commands.service';
