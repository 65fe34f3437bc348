import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CaseCommands } from '../../case-commands.service';
import { WithdrawCaseCommand } from './withdraw-case.resolver';

@CommandHandler(WithdrawCaseCommand)
export class WithdrawCaseHandler implements ICommandHandler<WithdrawCaseCommand> {
  constructor(private readonly cases: CaseCommands) {}

  execute({ input, actor }: WithdrawCaseCommand) {
    return this.cases.execute('Mutation.withdrawCase', input.caseId, input, actor, (occurredAt) => ({
      type: 'WithdrawCase',
      data: { reason: input.reason ?? null, occurredAt },
    }));
  }
}
