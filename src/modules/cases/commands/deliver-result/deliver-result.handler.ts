import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CaseCommands } from '../../case-commands.service';
import { DeliverResultCommand } from './deliver-result.resolver';

@CommandHandler(DeliverResultCommand)
export class DeliverResultHandler implements ICommandHandler<DeliverResultCommand> {
  constructor(private readonly cases: CaseCommands) {}

  execute({ input, actor }: DeliverResultCommand) {
    return this.cases.execute('Mutation.deliverResult', input.caseId, input, actor, (occurredAt) => ({
      type: 'DeliverResult',
      data: { method: input.method, recipient: input.recipient, occurredAt },
    }));
  }
}
