import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { requireRole } from '../../../../infrastructure/auth/require-role';
import { CaseCommands } from '../../case-commands.service';
import { ApproveExtensionCommand } from './approve-extension.resolver';

@CommandHandler(ApproveExtensionCommand)
export class ApproveExtensionHandler implements ICommandHandler<ApproveExtensionCommand> {
  constructor(private readonly cases: CaseCommands) {}

  execute({ input, actor }: ApproveExtensionCommand) {
    // SPEC §1 and §5 rule 8: a center leader decides.
    requireRole(actor, ['center_leader'], 'approve an extension');
    return this.cases.execute(input.caseId, input, actor, (occurredAt) => ({ type: 'ApproveExtension', data: { reason: input.reason, occurredAt } }));
  }
}
