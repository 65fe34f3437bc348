import { Inject } from '@nestjs/common';
import { Args, Query, Resolver } from '@nestjs/graphql';
import { authorizeOperation } from '../../../core/access-policy';
import { Actor } from '../../../core/actor';
import { connection, decodeCursor, encodeCursor, requirePageSize } from '../../../infrastructure/graphql/connection';
import { CurrentActor } from '../../../infrastructure/graphql/current-actor.decorator';
import { ReadModelDb } from '../../../infrastructure/read-models/database';
import { READ_MODEL_DB } from '../../../infrastructure/tokens';

@Resolver()
export class OversightReadsResolver {
  constructor(@Inject(READ_MODEL_DB) private readonly db: ReadModelDb) {}

  /** The oversight office's own reads, newest first: who looked at what, and when. */
  @Query('oversightReads')
  async oversightReads(
    @Args('userId') userId: string | null,
    @Args('first') first: number,
    @Args('after') after: string | null,
    @CurrentActor() actor: Actor,
  ) {
    requirePageSize(first);
    authorizeOperation('Query.oversightReads', actor);
    let query = this.db.selectFrom('oversight_reads');
    if (userId) query = query.where('user_id', '=', userId);
    const { total } = (await query.select((eb) => eb.fn.countAll().as('total')).executeTakeFirstOrThrow()) as { total: number };
    let page = query
      .selectAll()
      .orderBy('position', 'desc')
      .limit(first + 1);
    if (after) page = page.where('position', '<', Number(decodeCursor('oversight-read', after, /^(\d+)$/)[1]));
    const rows = await page.execute();
    return connection(
      rows,
      first,
      Number(total),
      (row) => encodeCursor('oversight-read', String(row.position)),
      (row) => ({
        id: row.read_id,
        userId: row.user_id,
        operation: row.operation,
        arguments: JSON.parse(row.arguments),
        readAt: row.read_at,
        position: String(row.position),
      }),
    );
  }
}
