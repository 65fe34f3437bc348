import { Inject } from '@nestjs/common';
import { Args, Query, Resolver } from '@nestjs/graphql';
import { sql } from 'kysely';
import { authorizeOperation, reachOf } from '../../../../core/access-policy';
import { Actor } from '../../../../core/actor';
import { connection, decodeCursor, encodeCursor, requirePageSize } from '../../../../infrastructure/graphql/connection';
import { CurrentActor } from '../../../../infrastructure/graphql/current-actor.decorator';
import { ReadModelDb } from '../../../../infrastructure/read-models/database';
import { READ_MODEL_DB } from '../../../../infrastructure/tokens';

interface ReviewRow {
  case_id: string;
  window: string;
  center: string;
  lead_window: string;
  receipt_no: string;
  item_code: string;
  department: string;
  required: number;
  notified_on: string;
  due_date: string;
  state: string;
}

/**
 * 联办件: the reviews waiting on a participating window (`case_reviews`, kept with the case list), soonest
 * due first. Narrowed as every list is: a staff member's reach is their own window's reviews.
 */
@Resolver()
export class ParticipantReviewsResolver {
  constructor(@Inject(READ_MODEL_DB) private readonly db: ReadModelDb) {}

  @Query('participantReviews')
  async participantReviews(
    @Args('center') center: string | null,
    @Args('window') window: string | null,
    @Args('openOnly') openOnly: boolean | null,
    @Args('first') first: number,
    @Args('after') after: string | null,
    @CurrentActor() actor: Actor,
  ) {
    requirePageSize(first);
    const reach = reachOf(authorizeOperation('Query.participantReviews', actor), actor);
    let query = this.db.selectFrom('case_reviews');
    if (reach.centers) query = reach.centers.length > 0 ? query.where('center', 'in', reach.centers) : query.where(sql<boolean>`1 = 0`);
    if (reach.window) query = query.where('center', '=', reach.window.center ?? '').where('window', '=', reach.window.window ?? '');
    if (center) query = query.where('center', '=', center);
    if (window) query = query.where('window', '=', window);
    if (openOnly !== false) query = query.where('open', '=', 1);
    const { total } = (await query.select((eb) => eb.fn.countAll().as('total')).executeTakeFirstOrThrow()) as { total: number };
    let page = query
      .selectAll()
      .orderBy('due_date')
      .orderBy('case_id')
      .orderBy('window')
      .limit(first + 1);
    if (after) {
      const [, dueDate, caseId, w] = decodeCursor('review', after, /^(\d{4}-\d{2}-\d{2}):([^:]+):(.+)$/);
      page = page.where((eb) =>
        eb.or([
          eb('due_date', '>', dueDate),
          eb.and([eb('due_date', '=', dueDate), eb('case_id', '>', caseId)]),
          eb.and([eb('due_date', '=', dueDate), eb('case_id', '=', caseId), eb('window', '>', w)]),
        ]),
      );
    }
    const rows = (await page.execute()) as ReviewRow[];
    return connection(
      rows,
      first,
      Number(total),
      (r) => encodeCursor('review', `${r.due_date}:${r.case_id}:${r.window}`),
      (r) => ({
        caseId: r.case_id,
        receiptNo: r.receipt_no,
        itemCode: r.item_code,
        leadWindow: r.lead_window,
        window: r.window,
        department: r.department,
        required: r.required === 1,
        notifiedOn: r.notified_on,
        dueDate: r.due_date,
        state: r.state,
      }),
    );
  }
}
