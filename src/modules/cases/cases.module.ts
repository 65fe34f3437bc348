import { Module } from '@nestjs/common';
import { CatalogModule } from '../catalog/catalog.module';
import { CaseCommands } from './case-commands.service';
import { AcceptCaseHandler } from './commands/accept-case/accept-case.handler';
import { AcceptCaseResolver } from './commands/accept-case/accept-case.resolver';
import { ArchiveCaseHandler } from './commands/archive-case/archive-case.handler';
import { ArchiveCaseResolver } from './commands/archive-case/archive-case.resolver';
import { CompleteCaseHandler } from './commands/complete-case/complete-case.handler';
import { CompleteCaseResolver } from './commands/complete-case/complete-case.resolver';
import { DeliverResultHandler } from './commands/deliver-result/deliver-result.handler';
import { DeliverResultResolver } from './commands/deliver-result/deliver-result.resolver';
import { ReassignCaseHandler } from './commands/reassign-case/reassign-case.handler';
import { ReassignCaseResolver } from './commands/reassign-case/reassign-case.resolver';
import { ReceiveSupplementHandler } from './commands/receive-supplement/receive-supplement.handler';
import { ReceiveSupplementResolver } from './commands/receive-supplement/receive-supplement.resolver';
import { RecordConsultationHandler } from './commands/record-consultation/record-consultation.handler';
import { RecordConsultationResolver } from './commands/record-consultation/record-consultation.resolver';
import { RecordStepHandler } from './commands/record-step/record-step.handler';
import { RecordStepResolver } from './commands/record-step/record-step.resolver';
import { RejectCaseHandler } from './commands/reject-case/reject-case.handler';
import { RejectCaseResolver } from './commands/reject-case/reject-case.resolver';
import { RequestSupplementHandler } from './commands/request-supplement/request-supplement.handler';
import { RequestSupplementResolver } from './commands/request-supplement/request-supplement.resolver';
import { SubmitCaseHandler } from './commands/submit-case/submit-case.handler';
import { SubmitCaseResolver } from './commands/submit-case/submit-case.resolver';
import { TerminateCaseHandler } from './commands/terminate-case/terminate-case.handler';
import { TerminateCaseResolver } from './commands/terminate-case/terminate-case.resolver';
import { WithdrawCaseHandler } from './commands/withdraw-case/withdraw-case.handler';
import { WithdrawCaseResolver } from './commands/withdraw-case/withdraw-case.resolver';
import { SuspendCaseHandler } from './commands/suspend-case/suspend-case.handler';
import { SuspendCaseResolver } from './commands/suspend-case/suspend-case.resolver';
import { ResumeCaseHandler } from './commands/resume-case/resume-case.handler';
import { ResumeCaseResolver } from './commands/resume-case/resume-case.resolver';
import { RequestExtensionHandler } from './commands/request-extension/request-extension.handler';
import { RequestExtensionResolver } from './commands/request-extension/request-extension.resolver';
import { ApproveExtensionHandler } from './commands/approve-extension/approve-extension.handler';
import { ApproveExtensionResolver } from './commands/approve-extension/approve-extension.resolver';
import { DenyExtensionHandler } from './commands/deny-extension/deny-extension.handler';
import { DenyExtensionResolver } from './commands/deny-extension/deny-extension.resolver';
import { UrgeCaseHandler } from './commands/urge-case/urge-case.handler';
import { UrgeCaseResolver } from './commands/urge-case/urge-case.resolver';
import { CaseResolver } from './queries/case-detail/case.resolver';
import { DeadlinesResolver } from './queries/deadlines/deadlines.resolver';
import { CaseListProjection } from './queries/case-list/case-list.projection';
import { CaseListResolver } from './queries/case-list/case-list.resolver';
import { ConsultationResolver } from './queries/consultation/consultation.resolver';
import { ReceiptNumbers } from './receipt-numbers.service';
import { RevealPersonalDataHandler } from './commands/reveal-personal-data/reveal-personal-data.handler';
import { RevealPersonalDataResolver } from './commands/reveal-personal-data/reveal-personal-data.resolver';
import { CaseProgressResolver } from './queries/case-progress/case-progress.resolver';
import { ProgressAttempts } from './queries/case-progress/progress-attempts';
import { ApplicantProof } from './queries/case-progress/applicant-proof';
import { PersonalDataReadsProjection } from './queries/personal-data-reads/personal-data-reads.projection';
import { PersonalDataReadsResolver } from './queries/personal-data-reads/personal-data-reads.resolver';

const useCases = [
  [SubmitCaseHandler, SubmitCaseResolver],
  [RequestSupplementHandler, RequestSupplementResolver],
  [ReceiveSupplementHandler, ReceiveSupplementResolver],
  [AcceptCaseHandler, AcceptCaseResolver],
  [RejectCaseHandler, RejectCaseResolver],
  [RecordStepHandler, RecordStepResolver],
  [CompleteCaseHandler, CompleteCaseResolver],
  [DeliverResultHandler, DeliverResultResolver],
  [WithdrawCaseHandler, WithdrawCaseResolver],
  [TerminateCaseHandler, TerminateCaseResolver],
  [ArchiveCaseHandler, ArchiveCaseResolver],
  [ReassignCaseHandler, ReassignCaseResolver],
  [RecordConsultationHandler, RecordConsultationResolver],
  [SuspendCaseHandler, SuspendCaseResolver],
  [ResumeCaseHandler, ResumeCaseResolver],
  [RequestExtensionHandler, RequestExtensionResolver],
  [ApproveExtensionHandler, ApproveExtensionResolver],
  [DenyExtensionHandler, DenyExtensionResolver],
  [UrgeCaseHandler, UrgeCaseResolver],
  [RevealPersonalDataHandler, RevealPersonalDataResolver],
].flat();

@Module({
  imports: [CatalogModule],
  providers: [
    CaseCommands,
    ReceiptNumbers,
    CaseResolver,
    DeadlinesResolver,
    CaseListResolver,
    ConsultationResolver,
    CaseProgressResolver,
    ProgressAttempts,
    ApplicantProof,
    PersonalDataReadsResolver,
    CaseListProjection,
    PersonalDataReadsProjection,
    ...useCases,
  ],
  exports: [CaseListProjection, PersonalDataReadsProjection, CaseCommands, ApplicantProof],
})
export class CasesModule {}

/** The services other modules inject. */
export { CaseCommands } from './case-commands.service';
export { ApplicantProof } from './queries/case-progress/applicant-proof';
