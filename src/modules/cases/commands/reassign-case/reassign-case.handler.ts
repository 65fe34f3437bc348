import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ReadModelDb } from '../../../../infrastructure/read-models/database';
import { READ_MODEL_DB } from '../../../../infrastructure/tokens';
import { CaseCommands } from '../../case-commands.service';
import { ReassignCaseCommand } from './reassign-case.resolver';

@CommandHandler(ReassignCaseCommand)
export class ReassignCaseHandler implements ICommandHandler<ReassignCaseCommand> {
  constructor(
    private readonly cases: CaseCommands,
    @Inject(READ_MODEL_DB) private readonly db: ReadModelDb,
  ) {}

  async execute({ input, actor }: ReassignCaseCommand) {
    const asCover = input.asCover ?? false;
    // The window's AB pairs, as its admin defined them: a cover must be the absent post's B post.
    const c = asCover ? await this.cases.load(input.caseId) : null;
    const row = c
      ? await this.db.selectFrom('window_directory').select('definition').where('key', '=', `${c.center}/${c.window}`).executeTakeFirst()
      : undefined;
    const abPairs = row ? (JSON.parse(row.definition) as { abPairs: Array<{ aPost: string; bPost: string }> }).abPairs : [];
    return this.cases.execute('Mutation.reassignCase', input.caseId, input, actor, (occurredAt) => ({
      type: 'ReassignCase',
      data: { toStaffId: input.toStaffId, asCover, reason: input.reason, abPairs, occurredAt },
    }));
  }
}
