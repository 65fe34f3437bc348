import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { AdvanceBadRatingResolver } from './commands/advance-bad-rating/advance-bad-rating.resolver';
import { AppealRatingResolver } from './commands/appeal-rating/appeal-rating.resolver';
import { DecideRatingAppealResolver } from './commands/decide-rating-appeal/decide-rating-appeal.resolver';
import { RateServiceResolver } from './commands/rate-service/rate-service.resolver';
import { RatingListProjection } from './queries/rating/rating-list.projection';
import { RatingResolver } from './queries/rating/rating.resolver';
import { RatingCommands } from './rating-commands.service';

/** 好差评: ratings, the bad-rating loop, appeals. */
@Module({
  imports: [CasesModule],
  providers: [RatingCommands, RateServiceResolver, AdvanceBadRatingResolver, AppealRatingResolver, DecideRatingAppealResolver, RatingResolver, RatingListProjection],
  exports: [RatingListProjection],
})
export class RatingsModule {}
