import { ServiceItemsProjection } from './modules/catalog/queries/catalog/service-items.projection';
import { CaseListProjection } from './modules/cases/queries/case-list/case-list.projection';
import { PersonalDataReadsProjection } from './modules/cases/queries/personal-data-reads/personal-data-reads.projection';
import { ComplaintListProjection } from './modules/complaints/queries/complaint/complaint-list.projection';
import { MerkleBlocksProjection } from './modules/oversight/audit/merkle-blocks.projection';
import { OversightReadsProjection } from './modules/oversight/reads/oversight-reads.projection';
import { EventTimelineProjection } from './modules/oversight/replay/event-timeline.projection';
import { RatingListProjection } from './modules/ratings/queries/rating/rating-list.projection';
import { ScoreLinesProjection } from './modules/scoring/queries/score-lines.projection';
import { DirectoryProjection } from './modules/staff/queries/directory/directory.projection';
import { ReadModelProjection } from './infrastructure/read-models/database';

/**
 * Every read model of the service, gathered from the modules: the one list the service (through the token
 * PROJECTIONS) and `casetrail replay` both build. Each call gives new instances.
 */
export function allProjections(): ReadModelProjection[] {
  return [
    new CaseListProjection(),
    new ServiceItemsProjection(),
    new PersonalDataReadsProjection(),
    new ScoreLinesProjection(),
    new ComplaintListProjection(),
    new DirectoryProjection(),
    new RatingListProjection(),
    new OversightReadsProjection(),
    new EventTimelineProjection(),
    new MerkleBlocksProjection(),
  ];
}
