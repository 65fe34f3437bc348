import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CaseCommands } from '../../case-commands.service';
import { RejectCaseCommand } from './reject-case.resolver';

@CommandHandler(RejectCaseCommand)
export class RejectCaseHandler implements ICommandHandler<RejectCaseCommand> {
  constructor(private readonly cases: CaseCommands) {}

  execute({ input, actor }: RejectCaseCommand) {
    return this.cases.execute('Mutation.rejectCase', input.caseId, input, actor, (occurredAt) => ({
      type: 'RejectCase',
      data: { reason: input.reason, occurredAt },
    }));
  }
}
