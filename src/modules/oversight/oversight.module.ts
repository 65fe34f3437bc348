import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { CaseChainResolver } from './dossier/case-chain.resolver';
import { EventTimelineProjection } from './replay/event-timeline.projection';
import { ReplayResolver } from './replay/replay.resolver';
import { OversightReadRecorder } from './reads/oversight-read-recorder';
import { OversightReadsProjection } from './reads/oversight-reads.projection';
import { OversightReadsResolver } from './reads/oversight-reads.resolver';

/** 监察: the record of the oversight office's own reads, replay for review, and the audit chain of a case checked on request (sealing the log and verifying it whole run in the lifecycle and from the command line). */
@Module({
  imports: [CasesModule],
  providers: [
    OversightReadRecorder,
    OversightReadsProjection,
    OversightReadsResolver,
    EventTimelineProjection,
    ReplayResolver,
    CaseChainResolver,
  ],
  exports: [OversightReadRecorder, OversightReadsProjection, EventTimelineProjection],
})
export class OversightModule {}

/** The service the application module injects. */
export { OversightReadRecorder } from './reads/oversight-read-recorder';
