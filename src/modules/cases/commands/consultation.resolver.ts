import { Inject } from '@nestjs/common';
import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { IsOptional, IsString, Length, MaxLength } from 'class-validator';
import { authorizeTarget } from '../../../core/access-policy';
import { Actor } from '../../../core/actor';
import { Clock } from '../../../core/clock';
import { localDateOf } from '../../../core/dates';
import { DomainError } from '../../../core/errors';
import { EventStore, collect, foldStream } from '../../../core/event-store';
import { handleCommand } from '../../../core/handle-command';
import type * as Schema from '../../../generated/schema.types';
import { CommandInput, commandContext } from '../../../infrastructure/graphql/command-input';
import { CurrentActor } from '../../../infrastructure/graphql/current-actor.decorator';
import { CLOCK, EVENT_STORE } from '../../../infrastructure/tokens';
import { CaseCommands } from '../case-commands.service';
import { consultationDecider, consultationStream } from '../domain/consultation.decider';
import { consultationView } from '../queries/consultation/consultation.view';

class CloseConsultationInput extends CommandInput implements Schema.CloseConsultationInput {
  @IsString() @Length(1, 64) consultationId!: string;
  @IsOptional() @IsString() @Length(1, 64) caseId?: string | null;
  @IsOptional() @IsString() @MaxLength(2000) answer?: string | null;
}

/**
 * 首问负责: the window a visit was routed to closes it with the case it recorded or the answer it gave.
 * The mutation builds the command and runs it through the consultation decider.
 */
@Resolver()
export class ConsultationCommandsResolver {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly cases: CaseCommands,
  ) {}

  @Mutation('closeConsultation')
  async closeConsultation(@Args('input') input: CloseConsultationInput, @CurrentActor() actor: Actor) {
    const stream = consultationStream(input.consultationId);
    const state = await foldStream(this.store, stream, consultationDecider.evolve, consultationDecider.initialState());
    if (!state.recorded) throw new DomainError('CONSULTATION.NOT_FOUND', `No consultation ${input.consultationId}`);
    // Only the window it was routed to closes it (an unrouted visit is refused by the rule itself).
    if (state.routing) authorizeTarget('Mutation.closeConsultation', actor, { center: state.routing.center, window: state.routing.window });
    else authorizeTarget('Mutation.closeConsultation', actor, { center: actor.center ?? '', window: actor.window ?? null });
    const found = input.caseId ? await this.cases.load(input.caseId) : null;
    const caseWindow = found && state.routing && found.center === state.routing.center ? found.window : null;
    const result = await handleCommand({
      store: this.store,
      stream,
      decider: consultationDecider,
      command: (occurredAt) => ({
        type: 'CloseConsultation' as const,
        data: {
          caseId: input.caseId ?? null,
          caseWindow,
          answer: input.answer ?? null,
          by: actor.id,
          closedOn: localDateOf(occurredAt),
          occurredAt,
        },
      }),
      context: commandContext(input, actor, this.clock.now()),
    });
    return { consultation: consultationView(await collect(this.store.readStream(stream))), duplicate: result.duplicate };
  }
}
