import { Module } from '@nestjs/common';
import { CatalogModule } from '../catalog/catalog.module';
import { CaseCommands } from './case-commands.service';
import { CaseClockResolver } from './commands/clock.resolver';
import { JointCaseResolver } from './commands/joint.resolver';
import { EscalationResolver } from './commands/escalation.resolver';
import { CaseLifecycleResolver } from './commands/lifecycle.resolver';
import { AcceptCaseHandler } from './commands/accept-case/accept-case.handler';
import { AcceptCaseResolver } from './commands/accept-case/accept-case.resolver';
import { ReassignCaseHandler } from './commands/reassign-case/reassign-case.handler';
import { ReassignCaseResolver } from './commands/reassign-case/reassign-case.resolver';
import { RecordConsultationHandler } from './commands/record-consultation/record-consultation.handler';
import { RecordConsultationResolver } from './commands/record-consultation/record-consultation.resolver';
import { SubmitCaseHandler } from './commands/submit-case/submit-case.handler';
import { SubmitCaseResolver } from './commands/submit-case/submit-case.resolver';
import { CaseResolver } from './queries/case-detail/case.resolver';
import { DeadlinesResolver } from './queries/deadlines/deadlines.resolver';
import { ParticipantReviewsResolver } from './queries/participant-reviews/participant-reviews.resolver';
import { CaseListProjection } from './queries/case-list/case-list.projection';
import { CaseListResolver } from './queries/case-list/case-list.resolver';
import { ConsultationResolver } from './queries/consultation/consultation.resolver';
import { ConsultationCommandsResolver } from './commands/consultation.resolver';
import { ReceiptNumbers } from './receipt-numbers.service';
import { RevealPersonalDataHandler } from './commands/reveal-personal-data/reveal-personal-data.handler';
import { RevealPersonalDataResolver } from './commands/reveal-personal-data/reveal-personal-data.resolver';
import { CaseProgressResolver } from './queries/case-progress/case-progress.resolver';
import { ProgressAttempts } from './queries/case-progress/progress-attempts';
import { ApplicantProof } from './queries/case-progress/applicant-proof';
import { PersonalDataReadsProjection } from './queries/personal-data-reads/personal-data-reads.projection';
import { PersonalDataReadsResolver } from './queries/personal-data-reads/personal-data-reads.resolver';

/**
 * Mutations whose slice has collaborators of its own keep a command handler: submission (receipt numbers,
 * the catalog), acceptance (the item version in force), reassignment (the window's AB pairs), the
 * consultation record and the recorded reveal of personal data. The rest reach their rule from the
 * topic resolvers (commands/lifecycle.resolver.ts, commands/clock.resolver.ts, and
 * commands/consultation.resolver.ts for closing a routed visit).
 */
const useCases = [
  [SubmitCaseHandler, SubmitCaseResolver],
  [AcceptCaseHandler, AcceptCaseResolver],
  [ReassignCaseHandler, ReassignCaseResolver],
  [RecordConsultationHandler, RecordConsultationResolver],
  [RevealPersonalDataHandler, RevealPersonalDataResolver],
].flat();

@Module({
  imports: [CatalogModule],
  providers: [
    CaseCommands,
    ReceiptNumbers,
    CaseResolver,
    DeadlinesResolver,
    ParticipantReviewsResolver,
    CaseListResolver,
    ConsultationResolver,
    CaseProgressResolver,
    ProgressAttempts,
    ApplicantProof,
    PersonalDataReadsResolver,
    CaseListProjection,
    PersonalDataReadsProjection,
    CaseLifecycleResolver,
    CaseClockResolver,
    JointCaseResolver,
    EscalationResolver,
    ConsultationCommandsResolver,
    ...useCases,
  ],
  exports: [CaseListProjection, PersonalDataReadsProjection, CaseCommands, ApplicantProof],
})
export class CasesModule {}

/** The services other modules inject. */
export { CaseCommands } from './case-commands.service';
export { ApplicantProof } from './queries/case-progress/applicant-proof';
