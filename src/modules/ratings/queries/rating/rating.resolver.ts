import { Inject } from '@nestjs/common';
import { Args, Query, Resolver } from '@nestjs/graphql';
import { authorizeTarget } from '../../../../core/access-policy';
import { Actor } from '../../../../core/actor';
import { Clock } from '../../../../core/clock';
import { localDateOf } from '../../../../core/dates';
import { connection, decodeCursor, encodeCursor, requirePageSize } from '../../../../infrastructure/graphql/connection';
import { CurrentActor } from '../../../../infrastructure/graphql/current-actor.decorator';
import { ReadModelDb } from '../../../../infrastructure/read-models/database';
import { CLOCK, READ_MODEL_DB } from '../../../../infrastructure/tokens';
import { Rating } from '../../domain/rating.decider';
import { RatingCommands } from '../../rating-commands.service';
import { ratingView } from './rating.view';

@Resolver()
export class RatingResolver {
  constructor(
    private readonly ratings: RatingCommands,
    @Inject(READ_MODEL_DB) private readonly db: ReadModelDb,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Query('rating')
  async rating(@Args('id') id: string, @CurrentActor() actor: Actor) {
    const found = await this.ratings.load(id);
    if (!found) return null;
    authorizeTarget('Query.rating', actor, { center: found.center, window: found.window, handler: found.staffId });
    return ratingView(found, localDateOf(this.clock.now()));
  }

  /** Newest first; `badOnly` lists the bad ratings whose loop a supervisor follows. */
  @Query('ratings')
  async list(
    @Args('center') center: string,
    @Args('badOnly') badOnly: boolean,
    @Args('first') first: number,
    @Args('after') after: string | null,
    @CurrentActor() actor: Actor,
  ) {
    requirePageSize(first);
    authorizeTarget('Query.ratings', actor, { center });
    const rows = (
      await this.db
        .selectFrom('rating_list')
        .select(['state', 'rated_position'])
        .where('center', '=', center)
        .orderBy('rated_position', 'desc')
        .execute()
    )
      .map((r) => ({ position: Number(r.rated_position), rating: JSON.parse(r.state) as Rating }))
      .filter((r) => !badOnly || r.rating.bad);
    const cursorAt = after ? Number(decodeCursor('rating', after, /^(\d+)$/)[1]) : Infinity;
    const page = rows.filter((r) => r.position < cursorAt).slice(0, first + 1);
    const today = localDateOf(this.clock.now());
    return connection(
      page,
      first,
      rows.length,
      (r) => encodeCursor('rating', String(r.position)),
      (r) => ratingView(r.rating, today),
    );
  }
}
