import { Module } from '@nestjs/common';
import { ProjectionsModule } from '../../infrastructure/read-models/projections.module';
import { CaseDirectory } from './case-directory';
import { CaseEventsResolver } from './case-events/case-events.resolver';
import { DeadlineAlertsResolver } from './deadline-alerts/deadline-alerts.resolver';
import { ScoringModule } from '../scoring/scoring.module';
import { CasesModule } from '../cases/cases.module';
import { ScoreboardLiveResolver } from './scoreboard/scoreboard.resolver';

/** Live subscriptions over graphql-ws: case events, center events, deadline alerts, the scoreboard. */
@Module({
  imports: [ProjectionsModule, ScoringModule, CasesModule],
  providers: [CaseDirectory, CaseEventsResolver, DeadlineAlertsResolver, ScoreboardLiveResolver],
})
export class LiveModule {}
