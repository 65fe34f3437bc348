import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { requireRole } from '../../../../infrastructure/auth/require-role';
import { CaseCommands } from '../../case-commands.service';
import { UrgeCaseCommand } from './urge-case.resolver';

@CommandHandler(UrgeCaseCommand)
export class UrgeCaseHandler implements ICommandHandler<UrgeCaseCommand> {
  constructor(private readonly cases: CaseCommands) {}

  execute({ input, actor }: UrgeCaseCommand) {
    // SPEC §1 and §5 rule 8: a center leader decides.
    requireRole(actor, ['center_leader'], 'urge a case');
    return this.cases.execute(input.caseId, input, actor, (occurredAt) => ({ type: 'UrgeCase', data: { note: input.note, periodWorkingDays: input.periodWorkingDays, occurredAt } }));
  }
}
