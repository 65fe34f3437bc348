import { RatingListProjection } from './queries/rating/rating-list.projection';

/** ratings: 好差评, the bad-rating loop and appeals. Nest services come from ratings.module.ts. */
export * from './domain/rating.decider';
export * from './domain/rating-invitation.decider';
export { ratingIdFor } from './rating-ids';
export { RatingWatcher } from './rating-watcher';

/** The ratings' read models. */
export const ratingProjections = () => [new RatingListProjection()];
