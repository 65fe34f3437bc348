import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CaseCommands } from '../../case-commands.service';
import { RecordStepCommand } from './record-step.resolver';

@CommandHandler(RecordStepCommand)
export class RecordStepHandler implements ICommandHandler<RecordStepCommand> {
  constructor(private readonly cases: CaseCommands) {}

  execute({ input, actor }: RecordStepCommand) {
    return this.cases.execute('Mutation.recordStep', input.caseId, input, actor, (occurredAt) => ({
      type: 'RecordStep',
      data: { step: input.step, action: input.action, opinion: input.opinion, occurredAt },
    }));
  }
}
