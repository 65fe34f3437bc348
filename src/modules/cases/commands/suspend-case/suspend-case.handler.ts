import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CaseCommands } from '../../case-commands.service';
import { SuspendCaseCommand } from './suspend-case.resolver';

@CommandHandler(SuspendCaseCommand)
export class SuspendCaseHandler implements ICommandHandler<SuspendCaseCommand> {
  constructor(private readonly cases: CaseCommands) {}

  execute({ input, actor }: SuspendCaseCommand) {
    return this.cases.execute('Mutation.suspendCase', input.caseId, input, actor, (occurredAt) => ({
      type: 'SuspendCase',
      data: { reason: input.reason, detail: input.detail ?? null, occurredAt },
    }));
  }
}
