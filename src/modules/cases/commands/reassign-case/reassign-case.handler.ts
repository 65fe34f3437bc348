import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CaseCommands } from '../../case-commands.service';
import { ReassignCaseCommand } from './reassign-case.resolver';

@CommandHandler(ReassignCaseCommand)
export class ReassignCaseHandler implements ICommandHandler<ReassignCaseCommand> {
  constructor(private readonly cases: CaseCommands) {}

  execute({ input, actor }: ReassignCaseCommand) {
    return this.cases.execute('Mutation.reassignCase', input.caseId, input, actor, (occurredAt) => ({ type: 'ReassignCase', data: { toStaffId: input.toStaffId, asCover: input.asCover ?? false, reason: input.reason, occurredAt } }));
  }
}
