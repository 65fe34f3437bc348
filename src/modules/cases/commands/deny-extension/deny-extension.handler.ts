import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { requireRole } from '../../../../infrastructure/auth/require-role';
import { CaseCommands } from '../../case-commands.service';
import { DenyExtensionCommand } from './deny-extension.resolver';

@CommandHandler(DenyExtensionCommand)
export class DenyExtensionHandler implements ICommandHandler<DenyExtensionCommand> {
  constructor(private readonly cases: CaseCommands) {}

  execute({ input, actor }: DenyExtensionCommand) {
    // SPEC §1 and §5 rule 8: a center leader decides.
    requireRole(actor, ['center_leader'], 'deny an extension');
    return this.cases.execute(input.caseId, input, actor, (occurredAt) => ({ type: 'DenyExtension', data: { reason: input.reason, occurredAt } }));
  }
}
