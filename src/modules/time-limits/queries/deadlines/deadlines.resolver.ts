import { Inject } from '@nestjs/common';
import { Args, Query, Resolver } from '@nestjs/graphql';
import { ValidationError } from '../../../../core/errors';
import { ReadModelDb } from '../../../../infrastructure/read-models/database';
import { DeadlineFilter } from '../../../../infrastructure/graphql/schema.types';
import { READ_MODEL_DB } from '../../../../infrastructure/tokens';
import { Case } from '../../../cases/domain/case.state';

const MAX_PAGE = 100;
const encodeCursor = (dueDate: string, caseId: string) => Buffer.from(`due:${dueDate}:${caseId}`).toString('base64url');
function decodeCursor(cursor: string): { dueDate: string; caseId: string } {
  const m = /^due:(\d{4}-\d{2}-\d{2}):(.+)$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!m) throw new ValidationError([{ field: 'after', message: 'is not a cursor this API issued' }]);
  return { dueDate: m[1], caseId: m[2] };
}

/** `deadlines` and `deadlineCounts`, from the case_list read model. */
@Resolver()
export class DeadlinesResolver {
  constructor(@Inject(READ_MODEL_DB) private readonly db: ReadModelDb) {}

  @Query('deadlines')
  async deadlines(@Args('filter') filter: DeadlineFilter | null, @Args('first') first: number, @Args('after') after: string | null) {
    if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE) throw new ValidationError([{ field: 'first', message: `must be from 1 to ${MAX_PAGE}` }]);
    let query = this.db.selectFrom('case_list').where('due_date', 'is not', null);
    if (filter?.center) query = query.where('center', '=', filter.center);
    if (filter?.window) query = query.where('window', '=', filter.window);
    if (filter?.state) query = query.where('time_state', '=', filter.state);
    const { total } = (await query.select((eb) => eb.fn.countAll().as('total')).executeTakeFirstOrThrow()) as { total: number };
    let page = query.select(['case_id', 'due_date', 'state']).orderBy('due_date').orderBy('case_id').limit(first + 1);
    if (after) {
      const c = decodeCursor(after);
      page = page.where((eb) => eb.or([eb('due_date', '>', c.dueDate), eb.and([eb('due_date', '=', c.dueDate), eb('case_id', '>', c.caseId)])]));
    }
    const rows = await page.execute();
    const edges = rows.slice(0, first).map((row) => ({ cursor: encodeCursor(row.due_date, row.case_id), node: JSON.parse(row.state) as Case }));
    return { edges, pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null }, totalCount: Number(total) };
  }

  @Query('deadlineCounts')
  async deadlineCounts(@Args('center') center: string | null) {
    let query = this.db.selectFrom('case_list').where('time_state', 'is not', null);
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
