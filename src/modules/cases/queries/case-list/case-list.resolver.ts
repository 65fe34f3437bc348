import { Inject } from '@nestjs/common';
import { Args, Query, Resolver } from '@nestjs/graphql';
import { ValidationError } from '../../../../core/errors';
import { ReadModelDb } from '../../../../infrastructure/read-models/database';
import { CaseFilter } from '../../../../infrastructure/graphql/schema.types';
import { READ_MODEL_DB } from '../../../../infrastructure/tokens';
import { Case } from '../../domain/case.state';

const MAX_PAGE = 100;
const encodeCursor = (position: number) => Buffer.from(`case:${position}`).toString('base64url');
function decodeCursor(cursor: string): number {
  const m = /^case:(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!m) throw new ValidationError([{ field: 'after', message: 'is not a cursor this API issued' }]);
  return Number(m[1]);
}

/** `cases`: newest submission first, from the case_list read model (eventually consistent). */
@Resolver()
export class CaseListResolver {
  constructor(@Inject(READ_MODEL_DB) private readonly db: ReadModelDb) {}

  @Query('cases')
  async cases(@Args('filter') filter: CaseFilter | null, @Args('first') first: number, @Args('after') after: string | null) {
    if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE) throw new ValidationError([{ field: 'first', message: `must be from 1 to ${MAX_PAGE}` }]);
    let query = this.db.selectFrom('case_list');
    if (filter?.status) query = query.where('status', '=', filter.status);
    if (filter?.center) query = query.where('center', '=', filter.center);
    if (filter?.window) query = query.where('window', '=', filter.window);
    if (filter?.itemCode) query = query.where('item_code', '=', filter.itemCode);
    const { total } = (await query.select((eb) => eb.fn.countAll().as('total')).executeTakeFirstOrThrow()) as { total: number };
    let page = query.select(['state', 'submitted_position']).orderBy('submitted_position', 'desc').limit(first + 1);
    if (after) page = page.where('submitted_position', '<', decodeCursor(after));
    const rows = await page.execute();
    const edges = rows.slice(0, first).map((row) => ({ cursor: encodeCursor(Number(row.submitted_position)), node: JSON.parse(row.state) as Case }));
    return { edges, pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null }, totalCount: Number(total) };
  }
}
