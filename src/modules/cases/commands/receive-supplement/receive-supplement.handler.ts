import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CaseCommands } from '../../case-commands.service';
import { ReceiveSupplementCommand } from './receive-supplement.resolver';

@CommandHandler(ReceiveSupplementCommand)
export class ReceiveSupplementHandler implements ICommandHandler<ReceiveSupplementCommand> {
  constructor(private readonly cases: CaseCommands) {}

  execute({ input, actor }: ReceiveSupplementCommand) {
    return this.cases.execute('Mutation.receiveSupplement', input.caseId, input, actor, (occurredAt) => ({
      type: 'ReceiveSupplement',
      data: { materials: input.materials, occurredAt },
    }));
  }
}
