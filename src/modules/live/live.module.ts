import { Module } from '@nestjs/common';
import { ProjectionsModule } from '../../infrastructure/read-models/projections.module';
import { CaseDirectory } from './case-directory';
import { CaseEventsResolver } from './case-events/case-events.resolver';
import { DeadlineAlertsResolver } from './deadline-alerts/deadline-alerts.resolver';

/** Live subscriptions over graphql-ws: case events, center events, deadline alerts. */
@Module({
  imports: [ProjectionsModule],
  providers: [CaseDirectory, CaseEventsResolver, DeadlineAlertsResolver],
})
export class LiveModule {}
