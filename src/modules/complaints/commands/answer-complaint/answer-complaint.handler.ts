import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Clock } from '../../../../core/clock';
import { localDateOf } from '../../../../core/dates';
import { CLOCK } from '../../../../infrastructure/tokens';
import { ComplaintCommands } from '../../complaint-commands.service';
import { complaintView } from '../../queries/complaint/complaint.view';
import { AnswerComplaintCommand } from './answer-complaint.resolver';

@CommandHandler(AnswerComplaintCommand)
export class AnswerComplaintHandler implements ICommandHandler<AnswerComplaintCommand> {
  constructor(
    private readonly complaints: ComplaintCommands,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ input, actor }: AnswerComplaintCommand) {
    const today = localDateOf(this.clock.now());
    const { complaint, duplicate } = await this.complaints.execute(
      'Mutation.answerComplaint',
      input.complaintId,
      input.commandId,
      actor,
      (occurredAt) => ({
        type: 'AnswerComplaint',
        data: { form: input.form, text: input.text, answeredOn: localDateOf(occurredAt), occurredAt },
      }),
    );
    return { complaint: complaintView(complaint, actor, today), duplicate };
  }
}
