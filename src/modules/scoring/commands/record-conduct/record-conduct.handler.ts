import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { authorizeTarget } from '../../../../core/access-policy';
import { Clock } from '../../../../core/clock';
import { localDateOf } from '../../../../core/dates';
import { ValidationError } from '../../../../core/errors';
import { EventStore } from '../../../../core/event-store';
import { handleCommand } from '../../../../core/handle-command';
import { uuidFromName } from '../../../../core/ids';
import { commandContext } from '../../../../infrastructure/graphql/command-input';
import { CLOCK, EVENT_STORE } from '../../../../infrastructure/tokens';
import { conductDecider, conductStream } from '../../domain/conduct.decider';
import { ruleSetOn } from '../../domain/rule-set';
import { ScoringRules } from '../../scoring-rules.service';
import { ConductPayload, RecordConductCommand } from './record-conduct.resolver';

@CommandHandler(RecordConductCommand)
export class RecordConductHandler implements ICommandHandler<RecordConductCommand> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly rules: ScoringRules,
  ) {}

  async execute({ input, actor }: RecordConductCommand): Promise<ConductPayload> {
    const center = input.center ?? actor.center;
    if (!center) throw new ValidationError([{ field: 'center', message: 'is required when the token names no center' }]);
    authorizeTarget('Mutation.recordConduct', actor, { center, window: input.window });
    const now = this.clock.now();
    const today = localDateOf(now);
    const occurredOn = input.occurredOn ?? today;
    const ruleSet = ruleSetOn(await this.rules.versions(), occurredOn);
    const conductId = uuidFromName(`conduct:${input.commandId}`);
    const result = await handleCommand({
      store: this.store,
      stream: conductStream(conductId),
      decider: conductDecider,
      command: (occurredAt) => ({
        type: 'RecordConduct',
        data: {
          conductId,
          staffId: input.staffId,
          center,
          window: input.window,
          code: input.code,
          severe: input.severe ?? false,
          occurredOn,
          evidence: input.evidence,
          caseId: input.caseId ?? null,
          ruleSet,
          today,
          occurredAt,
        },
      }),
      context: commandContext(input, actor, now),
    });
    return { lineId: `conduct:${conductId}`, duplicate: result.duplicate };
  }
}
