import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CaseCommands } from '../../case-commands.service';
import { RequestSupplementCommand } from './request-supplement.resolver';

@CommandHandler(RequestSupplementCommand)
export class RequestSupplementHandler implements ICommandHandler<RequestSupplementCommand> {
  constructor(private readonly cases: CaseCommands) {}

  execute({ input, actor }: RequestSupplementCommand) {
    return this.cases.execute('Mutation.requestSupplement', input.caseId, input, actor, (occurredAt) => ({
      type: 'RequestSupplement',
      data: { missingMaterials: input.missingMaterials, occurredAt },
    }));
  }
}
