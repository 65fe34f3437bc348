import { Module } from '@nestjs/common';
import { AnswerComplaintHandler } from './commands/answer-complaint/answer-complaint.handler';
import { AnswerComplaintResolver } from './commands/answer-complaint/answer-complaint.resolver';
import { EscalateComplaintHandler } from './commands/escalate-complaint/escalate-complaint.handler';
import { EscalateComplaintResolver } from './commands/escalate-complaint/escalate-complaint.resolver';
import { FileComplaintHandler } from './commands/file-complaint/file-complaint.handler';
import { FileComplaintResolver } from './commands/file-complaint/file-complaint.resolver';
import { RecordComplaintFindingHandler } from './commands/record-complaint-finding/record-complaint-finding.handler';
import { RecordComplaintFindingResolver } from './commands/record-complaint-finding/record-complaint-finding.resolver';
import { ComplaintCommands } from './complaint-commands.service';
import { ComplaintListProjection } from './queries/complaint/complaint-list.projection';
import { ComplaintResolver } from './queries/complaint/complaint.resolver';

/** 效能投诉: filing, answering within the time allowed, escalating major ones, and the finding that feeds scoring. */
@Module({
  providers: [
    ComplaintCommands,
    ComplaintResolver,
    ComplaintListProjection,
    FileComplaintHandler,
    FileComplaintResolver,
    AnswerComplaintHandler,
    AnswerComplaintResolver,
    RecordComplaintFindingHandler,
    RecordComplaintFindingResolver,
    EscalateComplaintHandler,
    EscalateComplaintResolver,
  ],
  exports: [ComplaintListProjection, ComplaintCommands],
})
export class ComplaintsModule {}

/** The service other modules inject. */
export { ComplaintCommands } from './complaint-commands.service';
