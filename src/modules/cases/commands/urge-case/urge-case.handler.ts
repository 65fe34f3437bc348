import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CaseCommands } from '../../case-commands.service';
import { UrgeCaseCommand } from './urge-case.resolver';

@CommandHandler(UrgeCaseCommand)
export class UrgeCaseHandler implements ICommandHandler<UrgeCaseCommand> {
  constructor(private readonly cases: CaseCommands) {}

  execute({ input, actor }: UrgeCaseCommand) {
    return this.cases.execute('Mutation.urgeCase', input.caseId, input, actor, (occurredAt) => ({
      type: 'UrgeCase',
      data: { note: input.note, periodWorkingDays: input.periodWorkingDays, occurredAt },
    }));
  }
}
