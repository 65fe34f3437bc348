import { Module } from '@nestjs/common';
import { ProjectionsModule } from '../../infrastructure/read-models/projections.module';
import { CaseDirectory } from './case-directory';
import { CaseEventsResolver } from './case-events/case-events.resolver';
import { DeadlineAlertsResolver } from './deadline-alerts/deadline-alerts.resolver';
import { ScoringModule } from '../scoring/scoring.module';
import { CasesModule } from '../cases/cases.module';
import { ScoreboardLiveResolver } from './scoreboard/scoreboard.resolver';
import { SupervisionAlertsResolver } from './supervision-alerts/supervision-alerts.resolver';
import { ComplaintsModule } from '../complaints/complaints.module';
import { RatingsModule } from '../ratings/ratings.module';

/** Live subscriptions over graphql-ws: case events, center events, deadline alerts, supervision alerts, the scoreboard. */
@Module({
  imports: [ProjectionsModule, ScoringModule, CasesModule, ComplaintsModule, RatingsModule],
  providers: [CaseDirectory, CaseEventsResolver, DeadlineAlertsResolver, ScoreboardLiveResolver, SupervisionAlertsResolver],
})
export class LiveModule {}
