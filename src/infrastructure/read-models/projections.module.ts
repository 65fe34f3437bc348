import { Logger, Module } from '@nestjs/common';
import { EventStore } from '../../core/event-store';
import { CatalogModule } from '../../modules/catalog/catalog.module';
import { ServiceItemsProjection } from '../../modules/catalog/queries/catalog/service-items.projection';
import { CasesModule } from '../../modules/cases/cases.module';
import { CaseListProjection } from '../../modules/cases/queries/case-list/case-list.projection';
import { PersonalDataReadsProjection } from '../../modules/cases/queries/personal-data-reads/personal-data-reads.projection';
import { ScoringModule } from '../../modules/scoring/scoring.module';
import { ComplaintsModule } from '../../modules/complaints/complaints.module';
import { StaffModule } from '../../modules/staff/staff.module';
import { RatingsModule } from '../../modules/ratings/ratings.module';
import { RatingListProjection } from '../../modules/ratings/queries/rating/rating-list.projection';
import { DirectoryProjection } from '../../modules/staff/queries/directory/directory.projection';
import { ComplaintListProjection } from '../../modules/complaints/queries/complaint/complaint-list.projection';
import { ScoreLinesProjection } from '../../modules/scoring/queries/score-lines.projection';
import { EVENT_STORE, READ_MODEL_DB } from '../tokens';
import { ReadModelDb, ReadModelProjection } from './database';
import { ProjectionRunner } from './projection-runner';

/** Every read model of the service, fed by one runner. */
@Module({
  imports: [CatalogModule, CasesModule, ScoringModule, ComplaintsModule, StaffModule, RatingsModule],
  providers: [
    {
      provide: ProjectionRunner,
      inject: [EVENT_STORE, READ_MODEL_DB, CaseListProjection, ServiceItemsProjection, PersonalDataReadsProjection, ScoreLinesProjection, ComplaintListProjection, DirectoryProjection, RatingListProjection],
      useFactory: (...[store, db, ...projections]: [EventStore, ReadModelDb, ...ReadModelProjection[]]) => new ProjectionRunner(store, db, projections, new Logger('Projections')),
    },
  ],
  exports: [ProjectionRunner],
})
export class ProjectionsModule {}
