import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CaseCommands } from '../../case-commands.service';
import { CompleteCaseCommand } from './complete-case.resolver';

@CommandHandler(CompleteCaseCommand)
export class CompleteCaseHandler implements ICommandHandler<CompleteCaseCommand> {
  constructor(private readonly cases: CaseCommands) {}

  execute({ input, actor }: CompleteCaseCommand) {
    return this.cases.execute('Mutation.completeCase', input.caseId, input, actor, (occurredAt) => ({
      type: 'CompleteCase',
      data: { outcome: input.outcome, reason: input.reason ?? null, occurredAt },
    }));
  }
}
