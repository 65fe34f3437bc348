import { Inject } from '@nestjs/common';
import { Args, Query, Resolver } from '@nestjs/graphql';
import { connection, decodeCursor, encodeCursor, requirePageSize } from '../../../../infrastructure/graphql/connection';
import { ReadModelDb } from '../../../../infrastructure/read-models/database';
import type { CaseFilter } from '../../../../generated/schema.types';
import { READ_MODEL_DB } from '../../../../infrastructure/tokens';
import { Case } from '../../domain/case.state';
import { authorizeOperation, reachOf } from '../../../../core/access-policy';
import { Actor } from '../../../../core/actor';
import { CurrentActor } from '../../../../infrastructure/graphql/current-actor.decorator';
import { withinReach } from './case-reach';

/** `cases`: newest submission first, from the case_list read model (eventually consistent). */
@Resolver()
export class CaseListResolver {
  constructor(@Inject(READ_MODEL_DB) private readonly db: ReadModelDb) {}

  @Query('cases')
  async cases(
    @Args('filter') filter: CaseFilter | null,
    @Args('first') first: number,
    @Args('after') after: string | null,
    @CurrentActor() actor: Actor,
  ) {
    requirePageSize(first);
    let query = withinReach(this.db.selectFrom('case_list'), reachOf(authorizeOperation('Query.cases', actor), actor));
    if (filter?.status) query = query.where('status', '=', filter.status);
    if (filter?.center) query = query.where('center', '=', filter.center);
    if (filter?.window) query = query.where('window', '=', filter.window);
    if (filter?.itemCode) query = query.where('item_code', '=', filter.itemCode);
    const { total } = (await query.select((eb) => eb.fn.countAll().as('total')).executeTakeFirstOrThrow()) as { total: number };
    let page = query
      .select(['state', 'submitted_position'])
      .orderBy('submitted_position', 'desc')
      .limit(first + 1);
    if (after) page = page.where('submitted_position', '<', Number(decodeCursor('case', after, /^(\d+)$/)[1]));
    const rows = await page.execute();
    return connection(
      rows,
      first,
      Number(total),
      (row) => encodeCursor('case', String(row.submitted_position)),
      (row) => JSON.parse(row.state) as Case,
    );
  }
}
