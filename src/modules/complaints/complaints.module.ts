import { Module } from '@nestjs/common';
import { ComplaintHandlingResolver } from './commands/handling.resolver';
import { FileComplaintHandler } from './commands/file-complaint/file-complaint.handler';
import { FileComplaintResolver } from './commands/file-complaint/file-complaint.resolver';
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
    ComplaintHandlingResolver,
  ],
  exports: [ComplaintListProjection, ComplaintCommands],
})
export class ComplaintsModule {}

/** The service other modules inject. */
export { ComplaintCommands } from './complaint-commands.service';
