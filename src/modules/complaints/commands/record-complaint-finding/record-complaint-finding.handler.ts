import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Clock } from '../../../../core/clock';
import { localDateOf } from '../../../../core/dates';
import { CLOCK } from '../../../../infrastructure/tokens';
import { ComplaintCommands } from '../../complaint-commands.service';
import { complaintView } from '../../queries/complaint/complaint.view';
import { RecordComplaintFindingCommand } from './record-complaint-finding.resolver';

/** 有效投诉: the investigation's finding. A valid one about an empty post costs the post's staff member (A02). */
@CommandHandler(RecordComplaintFindingCommand)
export class RecordComplaintFindingHandler implements ICommandHandler<RecordComplaintFindingCommand> {
  constructor(
    private readonly complaints: ComplaintCommands,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ input, actor }: RecordComplaintFindingCommand) {
    const { complaint, duplicate } = await this.complaints.execute(
      'Mutation.recordComplaintFinding',
      input.complaintId,
      input.commandId,
      actor,
      (occurredAt) => ({
        type: 'RecordComplaintFinding',
        data: {
          valid: input.valid,
          cause: input.cause,
          findings: input.findings,
          staffId: input.staffId ?? null,
          window: input.window ?? null,
          occurredAt,
        },
      }),
    );
    return { complaint: complaintView(complaint, actor, localDateOf(this.clock.now())), duplicate };
  }
}
