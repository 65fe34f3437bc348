import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CaseCommands } from '../../case-commands.service';
import { ApproveExtensionCommand } from './approve-extension.resolver';

@CommandHandler(ApproveExtensionCommand)
export class ApproveExtensionHandler implements ICommandHandler<ApproveExtensionCommand> {
  constructor(private readonly cases: CaseCommands) {}

  execute({ input, actor }: ApproveExtensionCommand) {
    return this.cases.execute('Mutation.approveExtension', input.caseId, input, actor, (occurredAt) => ({
      type: 'ApproveExtension',
      data: { reason: input.reason, occurredAt },
    }));
  }
}
