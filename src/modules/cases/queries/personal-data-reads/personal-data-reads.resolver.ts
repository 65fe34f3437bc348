import { Inject } from '@nestjs/common';
import { Args, Query, Resolver } from '@nestjs/graphql';
import { authorizeTarget } from '../../../../core/access-policy';
import { Actor } from '../../../../core/actor';
import { connection, decodeCursor, encodeCursor, requirePageSize } from '../../../../infrastructure/graphql/connection';
import { CurrentActor } from '../../../../infrastructure/graphql/current-actor.decorator';
import { ReadModelDb } from '../../../../infrastructure/read-models/database';
import { READ_MODEL_DB } from '../../../../infrastructure/tokens';

/** `personalDataReads`: who read whose unmasked data in a center, newest first (oversight). */
@Resolver()
export class PersonalDataReadsResolver {
  constructor(@Inject(READ_MODEL_DB) private readonly db: ReadModelDb) {}

  @Query('personalDataReads')
  async personalDataReads(
    @Args('center') center: string,
    @Args('first') first: number,
    @Args('after') after: string | null,
    @CurrentActor() actor: Actor,
  ) {
    requirePageSize(first);
    authorizeTarget('Query.personalDataReads', actor, { center });
    const query = this.db.selectFrom('personal_data_reads').where('center', '=', center);
    const { total } = (await query.select((eb) => eb.fn.countAll().as('total')).executeTakeFirstOrThrow()) as { total: number };
    let page = query
      .selectAll()
      .orderBy('position', 'desc')
      .limit(first + 1);
    if (after) page = page.where('position', '<', Number(decodeCursor('read', after, /^(\d+)$/)[1]));
    const rows = await page.execute();
    return connection(
      rows,
      first,
      Number(total),
      (row) => encodeCursor('read', String(row.position)),
      (row) => ({
        id: row.read_id,
        reader: JSON.parse(row.reader),
        caseId: row.case_id,
        receiptNo: row.receipt_no,
        center: row.center,
        reason: row.reason,
        readAt: row.read_at,
      }),
    );
  }
}
