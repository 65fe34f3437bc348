import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { authorizeTarget } from '../../../../core/access-policy';
import { Clock } from '../../../../core/clock';
import { DomainError } from '../../../../core/errors';
import { EventStore } from '../../../../core/event-store';
import { handleCommand } from '../../../../core/handle-command';
import { ReadModelDb } from '../../../../infrastructure/read-models/database';
import { fingerprintOf } from '../../../../infrastructure/graphql/command-input';
import { CLOCK, EVENT_STORE, READ_MODEL_DB } from '../../../../infrastructure/tokens';
import { appealDecider, appealStream } from '../../domain/appeal.decider';
import { ScoreLine } from '../../domain/score-lines';
import { AppealConductCommand, AppealPayload } from './appeal-conduct.resolver';

/** The line a score sheet shows, as the read model holds it. */
export async function findLine(db: ReadModelDb, lineId: string): Promise<ScoreLine> {
  const row = await db.selectFrom('score_lines').select('line').where('line_id', '=', lineId).executeTakeFirst();
  if (!row) throw new DomainError('SCORE.LINE_NOT_FOUND', `No score line ${lineId}`);
  return JSON.parse(row.line) as ScoreLine;
}

/** 申诉: the staff member a line is charged to (or their window's lead) contests it, once. */
@CommandHandler(AppealConductCommand)
export class AppealConductHandler implements ICommandHandler<AppealConductCommand> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODEL_DB) private readonly db: ReadModelDb,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ input, actor }: AppealConductCommand): Promise<AppealPayload> {
    const line = await findLine(this.db, input.lineId);
    authorizeTarget('Mutation.appealConduct', actor, { center: line.center, window: line.window, handler: line.staffId });
    const result = await handleCommand({
      store: this.store,
      stream: appealStream(line.lineId),
      decider: appealDecider,
      command: (occurredAt) => ({
        type: 'AppealLine' as const,
        data: { lineId: line.lineId, staffId: line.staffId, center: line.center, window: line.window, grounds: input.grounds, occurredAt },
      }),
      context: { commandId: input.commandId, actor, fingerprint: fingerprintOf(input), now: this.clock.now() },
    });
    return { lineId: line.lineId, status: result.state.status === 'NONE' ? 'PENDING' : result.state.status, duplicate: result.duplicate };
  }
}
