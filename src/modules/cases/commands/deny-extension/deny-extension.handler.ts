import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CaseCommands } from '../../case-commands.service';
import { DenyExtensionCommand } from './deny-extension.resolver';

@CommandHandler(DenyExtensionCommand)
export class DenyExtensionHandler implements ICommandHandler<DenyExtensionCommand> {
  constructor(private readonly cases: CaseCommands) {}

  execute({ input, actor }: DenyExtensionCommand) {
    return this.cases.execute('Mutation.denyExtension', input.caseId, input, actor, (occurredAt) => ({
      type: 'DenyExtension',
      data: { reason: input.reason, occurredAt },
    }));
  }
}
