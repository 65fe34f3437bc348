import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CatalogReader } from '../../../catalog/catalog.module';
import { CaseCommands, CasePayload } from '../../case-commands.service';
import { AcceptCaseCommand } from './accept-case.resolver';

@CommandHandler(AcceptCaseCommand)
export class AcceptCaseHandler implements ICommandHandler<AcceptCaseCommand> {
  constructor(
    private readonly cases: CaseCommands,
    private readonly catalog: CatalogReader,
  ) {}

  async execute({ input, actor }: AcceptCaseCommand): Promise<CasePayload> {
    // Acceptance pins the case to the item version in force now; later versions never touch it.
    const current = await this.cases.require(input.caseId);
    const item = await this.catalog.current(current.itemCode);
    return this.cases.execute('Mutation.acceptCase', input.caseId, input, actor, (occurredAt) => ({
      type: 'AcceptCase',
      data: {
        item,
        staffId: actor.id,
        toleranceMaterials: input.toleranceMaterials,
        participants: input.participants?.map((p) => ({ ...p, required: p.required ?? true })) ?? null,
        participantsReason: input.participantsReason ?? null,
        occurredAt,
      },
    }));
  }
}
