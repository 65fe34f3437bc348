import { uuidFromName } from '../../core/ids';
import { RatingChannel, RatingStage } from './domain/rating.decider';

/** One rating per case, channel and stage: the id follows from them, so a second one finds the first. */
export const ratingIdFor = (caseId: string, channel: RatingChannel, stage: RatingStage) =>
  uuidFromName(`rating:${caseId}:${channel}:${stage}`);
