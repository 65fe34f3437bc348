import { Inject } from '@nestjs/common';
import { Args, Query, Resolver } from '@nestjs/graphql';
import { connection, decodeCursor, encodeCursor, requirePageSize } from '../../../../infrastructure/graphql/connection';
import { ReadModelDb } from '../../../../infrastructure/read-models/database';
import { DeadlineFilter } from '../../../../infrastructure/graphql/schema.types';
import { READ_MODEL_DB } from '../../../../infrastructure/tokens';
import { Case } from '../../../cases/domain/case.state';
import { withinReach } from '../../../cases/queries/case-list/case-reach';
import { authorizeOperation, reachOf } from '../../../../core/access-policy';
import { Actor } from '../../../../core/actor';
import { CurrentActor } from '../../../../infrastructure/graphql/current-actor.decorator';


/** `deadlines` and `deadlineCounts`, from the case_list read model. */
@Resolver()
export class DeadlinesResolver {
  constructor(@Inject(READ_MODEL_DB) private readonly db: ReadModelDb) {}

  @Query('deadlines')
  async deadlines(@Args('filter') filter: DeadlineFilter | null, @Args('first') first: number, @Args('after') after: string | null, @CurrentActor() actor: Actor) {
    requirePageSize(first);
    let query = withinReach(this.db.selectFrom('case_list'), reachOf(authorizeOperation('Query.deadlines', actor), actor)).where('due_date', 'is not', null);
    if (filter?.center) query = query.where('center', '=', filter.center);
    if (filter?.window) query = query.where('window', '=', filter.window);
    if (filter?.state) query = query.where('time_state', '=', filter.state);
    const { total } = (await query.select((eb) => eb.fn.countAll().as('total')).executeTakeFirstOrThrow()) as { total: number };
    let page = query.select(['case_id', 'due_date', 'state']).orderBy('due_date').orderBy('case_id').limit(first + 1);
    if (after) {
      const [, dueDate, caseId] = decodeCursor('due', after, /^(\d{4}-\d{2}-\d{2}):(.+)$/);
      page = page.where((eb) => eb.or([eb('due_date', '>', dueDate), eb.and([eb('due_date', '=', dueDate), eb('case_id', '>', caseId)])]));
    }
    const rows = await page.execute();
    return connection(rows, first, Number(total), (row) => encodeCursor('due', `${row.due_date}:${row.case_id}`), (row) => JSON.parse(row.state) as Case);
  }

  @Query('deadlineCounts')
  async deadlineCounts(@Args('center') center: string | null, @CurrentActor() actor: Actor) {
    let query = withinReach(this.db.selectFrom('case_list'), reachOf(authorizeOperation('Query.deadlineCounts', actor), actor)).where('time_state', 'is not', null);
    if (center) query = query.where('center', '=', center);
    const rows = await query
      .select(['window', 'time_state', (eb) => eb.fn.countAll().as('count')])
      .groupBy(['window', 'time_state'])
      .orderBy('window')
      .orderBy('time_state')
      .execute();
    return rows.map((r) => ({ window: r.window, state: r.time_state, count: Number(r.count) }));
  }
}
