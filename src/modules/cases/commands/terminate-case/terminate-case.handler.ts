import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CaseCommands } from '../../case-commands.service';
import { TerminateCaseCommand } from './terminate-case.resolver';

@CommandHandler(TerminateCaseCommand)
export class TerminateCaseHandler implements ICommandHandler<TerminateCaseCommand> {
  constructor(private readonly cases: CaseCommands) {}

  execute({ input, actor }: TerminateCaseCommand) {
    return this.cases.execute('Mutation.terminateCase', input.caseId, input, actor, (occurredAt) => ({
      type: 'TerminateCase',
      data: { reason: input.reason, occurredAt },
    }));
  }
}
