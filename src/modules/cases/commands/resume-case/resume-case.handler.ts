import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CaseCommands } from '../../case-commands.service';
import { ResumeCaseCommand } from './resume-case.resolver';

@CommandHandler(ResumeCaseCommand)
export class ResumeCaseHandler implements ICommandHandler<ResumeCaseCommand> {
  constructor(private readonly cases: CaseCommands) {}

  execute({ input, actor }: ResumeCaseCommand) {
    return this.cases.execute('Mutation.resumeCase', input.caseId, input, actor, (occurredAt) => ({
      type: 'ResumeCase',
      data: { occurredAt },
    }));
  }
}
