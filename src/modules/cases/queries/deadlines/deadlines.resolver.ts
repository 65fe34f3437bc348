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

/** `deadlines` and `deadlineCounts`, from the case_list read model, both also as of a moment. */
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
    @Args('asOf') asOf: string | null,
    @CurrentActor() actor: Actor,
  ) {
    const reach = reachOf(authorizeOperation('Query.deadlineCounts', actor), actor);
    let query = withinReach(this.db.selectFrom('case_list'), reach).where('time_state', 'is not', null);
    if (center) query = query.where('center', '=', center);
    if (!includeFinished) query = query.where('time_state', 'in', RUNNING);
    // As of a moment, as `deadlines` does it: rows untouched since are counted as they are, the cases
    // touched since are folded back to the moment and counted one by one.
    const touched = new Map<string, { window: string; state: TimeLimitState; count: number }>();
    if (asOf) {
      const upTo = Number(await positionAt(this.db, asOf));
      let since = withinReach(this.db.selectFrom('case_list'), reach)
        .where('submitted_position', '<=', upTo)
        .where('last_position', '>', upTo);
      if (center) since = since.where('center', '=', center);
      for (const row of await since.select('case_id').execute()) {
        const c = await this.cases.load(row.case_id as string, BigInt(upTo));
        if (!c?.timeLimit) continue;
        const state = timeLimitState(c);
        if (!includeFinished && !RUNNING.includes(state)) continue;
        const key = `${c.window}\u0000${state}`;
        touched.set(key, { window: c.window, state, count: (touched.get(key)?.count ?? 0) + 1 });
      }
      query = query.where('submitted_position', '<=', upTo).where('last_position', '<=', upTo);
    }
    const rows = await query
      .select(['window', 'time_state', (eb) => eb.fn.countAll().as('count')])
      .groupBy(['window', 'time_state'])
      .execute();
    for (const r of rows) {
      const key = `${r.window}\u0000${r.time_state}`;
      const state = r.time_state as TimeLimitState;
      touched.set(key, { window: r.window as string, state, count: (touched.get(key)?.count ?? 0) + Number(r.count) });
    }
    return [...touched.values()].sort((a, b) => (a.window === b.window ? (a.state < b.state ? -1 : 1) : a.window < b.window ? -1 : 1));
  }
}
