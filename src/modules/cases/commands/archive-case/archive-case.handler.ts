import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CaseCommands } from '../../case-commands.service';
import { ArchiveCaseCommand } from './archive-case.resolver';

@CommandHandler(ArchiveCaseCommand)
export class ArchiveCaseHandler implements ICommandHandler<ArchiveCaseCommand> {
  constructor(private readonly cases: CaseCommands) {}

  execute({ input, actor }: ArchiveCaseCommand) {
    return this.cases.execute('Mutation.archiveCase', input.caseId, input, actor, (occurredAt) => ({
      type: 'ArchiveCase',
      data: { occurredAt },
    }));
  }
}
