import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CaseCommands } from '../../case-commands.service';
import { RequestExtensionCommand } from './request-extension.resolver';

@CommandHandler(RequestExtensionCommand)
export class RequestExtensionHandler implements ICommandHandler<RequestExtensionCommand> {
  constructor(private readonly cases: CaseCommands) {}

  execute({ input, actor }: RequestExtensionCommand) {
    return this.cases.execute('Mutation.requestExtension', input.caseId, input, actor, (occurredAt) => ({
      type: 'RequestExtension',
      data: { workingDays: input.workingDays, reason: input.reason, occurredAt },
    }));
  }
}
