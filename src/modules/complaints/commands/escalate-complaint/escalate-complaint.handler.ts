import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Clock } from '../../../../core/clock';
import { localDateOf } from '../../../../core/dates';
import { CLOCK } from '../../../../infrastructure/tokens';
import { ComplaintCommands } from '../../complaint-commands.service';
import { complaintView } from '../../queries/complaint/complaint.view';
import { EscalateComplaintCommand } from './escalate-complaint.resolver';

@CommandHandler(EscalateComplaintCommand)
export class EscalateComplaintHandler implements ICommandHandler<EscalateComplaintCommand> {
  constructor(
    private readonly complaints: ComplaintCommands,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ input, actor }: EscalateComplaintCommand) {
    const { complaint, duplicate } = await this.complaints.execute(
      'Mutation.escalateComplaint',
      input.complaintId,
      input.commandId,
      actor,
      (occurredAt) => ({
        type: 'EscalateComplaint',
        data: { reason: input.reason, escalatedOn: localDateOf(occurredAt), occurredAt },
      }),
    );
    return { complaint: complaintView(complaint, actor, localDateOf(this.clock.now())), duplicate };
  }
}
