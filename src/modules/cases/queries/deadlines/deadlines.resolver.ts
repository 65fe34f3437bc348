import { Inject } from '@nestjs/common';
import { Args, Query, Resolver } from '@nestjs/graphql';
import { connection, decodeCursor, encodeCursor, requirePageSize } from '../../../../infrastructure/graphql/connection';
import { ReadModelDb } from '../../../../infrastructure/read-models/database';
import type { DeadlineFilter } from '../../../../generated/schema.types';
import { READ_MODEL_DB } from '../../../../infrastructure/tokens';
import { Case } from '../../domain/case.state';
import { withinReach } from '../case-list/case-reach';
import { authorizeOperation, reachOf } from '../../../../core/access-policy';
import { Actor } from '../../../../core/actor';
import { CurrentActor } from '../../../../infrastructure/graphql/current-actor.decorator';
import { positionAt } from '../../../../infrastructure/read-models/log-timeline';
import { CaseCommands } from '../../case-commands.service';
import { CaseView } from '../case-detail/case.resolver';
import { timeLimitState, TimeLimitState } from '../case-detail/time-limit.view';

/** The states of a clock still running: what a supervisor watches. Finished cases are asked for by name. */
const RUNNING: TimeLimitState[] = ['ON_TRACK', 'WARNING', 'OVERDUE', 'SUSPENDED'];
const runningOnly = (filter: DeadlineFilter | null) => !filter?.state && !filter?.includeFinished;

/** `deadlines` and `deadlineCounts`, from the case_list read model; `deadlines` also as of a moment. */
@Resolver()
export class DeadlinesResolver {
  constructor(
    @Inject(READ_MODEL_DB) private readonly db: ReadModelDb,
    private readonly cases: CaseCommands,
  ) {}

  @Query('deadlines')
  async deadlines(
    @Args('filter') filter: DeadlineFilter | null,
    @Args('first') first: number,
    @Args('after') after: string | null,
    @Args('asOf') asOf: string | null,
    @CurrentActor() actor: Actor,
  ) {
    requirePageSize(first);
    if (asOf) return this.deadlinesAsOf(filter, first, after, asOf, actor);
    let query = withinReach(this.db.selectFrom('case_list'), reachOf(authorizeOperation('Query.deadlines', actor), actor)).where(
      'due_date',
      'is not',
      null,
    );
    if (filter?.center) query = query.where('center', '=', filter.center);
    if (filter?.window) query = query.where('window', '=', filter.window);
    if (filter?.state) query = query.where('time_state', '=', filter.state);
    if (runningOnly(filter)) query = query.where('time_state', 'in', RUNNING);
    const { total } = (await query.select((eb) => eb.fn.countAll().as('total')).executeTakeFirstOrThrow()) as { total: number };
    let page = query
      .select(['case_id', 'due_date', 'state'])
      .orderBy('due_date')
      .orderBy('case_id')
      .limit(first + 1);
    if (after) {
      const [, dueDate, caseId] = decodeCursor('due', after, /^(\d{4}-\d{2}-\d{2}):(.+)$/);
      page = page.where((eb) => eb.or([eb('due_date', '>', dueDate), eb.and([eb('due_date', '=', dueDate), eb('case_id', '>', caseId)])]));
    }
    const rows = await page.execute();
    return connection(
      rows,
      first,
      Number(total),
      (row) => encodeCursor('due', `${row.due_date}:${row.case_id}`),
      (row) => JSON.parse(row.state) as Case,
    );
  }

  /**
   * The list as it stood at `asOf`. A case whose last event came before that moment is in the read model
   * exactly as it was then, and is filtered and paged in SQL; the few touched since (running then, or
   * closed since) are folded from their streams up to that moment and merged in. Reach is decided on the
   * cases as they stand now.
   */
  private async deadlinesAsOf(filter: DeadlineFilter | null, first: number, after: string | null, asOf: string, actor: Actor) {
    const upTo = await positionAt(this.db, asOf);
    const reach = reachOf(authorizeOperation('Query.deadlines', actor), actor);
    const cursor = after ? decodeCursor('due', after, /^(\d{4}-\d{2}-\d{2}):(.+)$/) : null;
    const afterCursor = (dueDate: string, caseId: string) =>
      !cursor || dueDate > cursor[1] || (dueDate === cursor[1] && caseId > cursor[2]);
    let base = withinReach(this.db.selectFrom('case_list'), reach).where('submitted_position', '<=', Number(upTo));
    if (filter?.center) base = base.where('center', '=', filter.center);

    // Touched since: folded back to the moment.
    const touched: CaseView[] = [];
    for (const row of await base.select('case_id').where('last_position', '>', Number(upTo)).execute()) {
      const c = await this.cases.load(row.case_id as string, upTo);
      if (!c?.timeLimit || (filter?.window && c.window !== filter.window) || (filter?.state && timeLimitState(c) !== filter.state))
        continue;
      if (runningOnly(filter) && !RUNNING.includes(timeLimitState(c))) continue;
      touched.push({ ...c, asOf, asOfPosition: upTo.toString() });
    }
    // Untouched since: the read model's row is the case as it was.
    let settled = base.where('last_position', '<=', Number(upTo)).where('due_date', 'is not', null);
    if (filter?.window) settled = settled.where('window', '=', filter.window);
    if (filter?.state) settled = settled.where('time_state', '=', filter.state);
    if (runningOnly(filter)) settled = settled.where('time_state', 'in', RUNNING);
    const { total } = (await settled.select((eb) => eb.fn.countAll().as('total')).executeTakeFirstOrThrow()) as { total: number };
    let page = settled
      .select(['case_id', 'due_date', 'state'])
      .orderBy('due_date')
      .orderBy('case_id')
      .limit(first + 1);
    if (cursor)
      page = page.where((eb) =>
        eb.or([eb('due_date', '>', cursor[1]), eb.and([eb('due_date', '=', cursor[1]), eb('case_id', '>', cursor[2])])]),
      );
    const merged = [
      ...(await page.execute()).map((row) => ({ ...(JSON.parse(row.state) as Case), asOf, asOfPosition: upTo.toString() })),
      ...touched.filter((c) => afterCursor(c.timeLimit!.dueDate, c.id)),
    ].sort((a, b) =>
      a.timeLimit!.dueDate === b.timeLimit!.dueDate ? (a.id < b.id ? -1 : 1) : a.timeLimit!.dueDate < b.timeLimit!.dueDate ? -1 : 1,
    );
    return connection(
      merged.slice(0, first + 1),
      first,
      Number(total) + touched.length,
      (c) => encodeCursor('due', `${c.timeLimit!.dueDate}:${c.id}`),
      (c) => c,
    );
  }

  @Query('deadlineCounts')
  async deadlineCounts(
    @Args('center') center: string | null,
    @Args('includeFinished') includeFinished: boolean | null,
    @CurrentActor() actor: Actor,
  ) {
    let query = withinReach(this.db.selectFrom('case_list'), reachOf(authorizeOperation('Query.deadlineCounts', actor), actor)).where(
      'time_state',
      'is not',
      null,
    );
    if (center) query = query.where('center', '=', center);
    if (!includeFinished) query = query.where('time_state', 'in', RUNNING);
    const rows = await query
      .select(['window', 'time_state', (eb) => eb.fn.countAll().as('count')])
      .groupBy(['window', 'time_state'])
      .orderBy('window')
      .orderBy('time_state')
      .execute();
    return rows.map((r) => ({ window: r.window, state: r.time_state, count: Number(r.count) }));
  }
}
