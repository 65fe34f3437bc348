import { Inject, Injectable } from '@nestjs/common';
import { Operation, authorizeOperation, authorizeTarget } from '../../core/access-policy';
import { Actor } from '../../core/actor';
import { Clock } from '../../core/clock';
import { DomainError } from '../../core/errors';
import { EventStore, foldStream } from '../../core/event-store';
import { handleCommand } from '../../core/handle-command';
import { fingerprintOf } from '../../infrastructure/graphql/command-input';
import { CLOCK, EVENT_STORE } from '../../infrastructure/tokens';
import { Rating, RatingCommand, ratingDecider, ratingStream } from './domain/rating.decider';

/** Runs rating commands on the rating's stream; who may act is checked on the rating as read. */
@Injectable()
export class RatingCommands {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(
    operation: Operation,
    ratingId: string,
    input: { commandId: string },
    actor: Actor,
    build: (occurredAt: string) => RatingCommand,
  ): Promise<{ rating: Rating; duplicate: boolean }> {
    authorizeOperation(operation, actor);
    const result = await handleCommand({
      store: this.store,
      stream: ratingStream(ratingId),
      decider: ratingDecider,
      command: build,
      context: { commandId: input.commandId, actor, fingerprint: fingerprintOf(input), now: this.clock.now() },
      // Rating is proved by the applicant's receipt check; acting on a rating is checked by where it lands.
      authorize: (state) =>
        operation !== 'Mutation.rateService' &&
        state.status !== 'NONE' &&
        authorizeTarget(operation, actor, { center: state.center, window: state.window, handler: state.staffId }),
    });
    if (result.state.status === 'NONE') throw new DomainError('RATING.NOT_FOUND', `No rating ${ratingId}`);
    const { status: _s, ...rating } = result.state;
    return { rating, duplicate: result.duplicate };
  }

  async load(ratingId: string): Promise<Rating | null> {
    const state = await foldStream(this.store, ratingStream(ratingId), ratingDecider.evolve, ratingDecider.initialState());
    if (state.status === 'NONE') return null;
    const { status: _s, ...rating } = state;
    return rating;
  }
}
