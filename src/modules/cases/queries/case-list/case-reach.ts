import { SelectQueryBuilder, sql } from 'kysely';
import { Reach } from '../../../../core/access-policy';

/**
 * Narrows a query on `case_list` to the cases a principal may see (see access-policy.ts): lists are
 * narrowed, never refused, so a staff member's `cases` shows their window and the cases handed to them.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function withinReach<Q extends SelectQueryBuilder<any, 'case_list', any>>(query: Q, reach: Reach): Q {
  let q = query;
  if (reach.centers) q = (reach.centers.length > 0 ? q.where('center', 'in', reach.centers) : q.where(sql<boolean>`1 = 0`)) as Q;
  const w = reach.window;
  if (w) {
    q = q.where((eb) =>
      eb.or([
        eb('handler', '=', w.handler),
        ...(w.center !== null && w.window !== null ? [eb.and([eb('center', '=', w.center), eb('window', '=', w.window)])] : []),
      ]),
    ) as Q;
  }
  return q;
}
