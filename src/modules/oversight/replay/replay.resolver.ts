import { Inject } from '@nestjs/common';
import { Args, Query, Resolver } from '@nestjs/graphql';
import { authorizeTarget } from '../../../core/access-policy';
import { Actor } from '../../../core/actor';
import { ValidationError } from '../../../core/errors';
import { EventStore, RecordedEvent } from '../../../core/event-store';
import { connection, decodeCursor, encodeCursor, requirePageSize } from '../../../infrastructure/graphql/connection';
import { CurrentActor } from '../../../infrastructure/graphql/current-actor.decorator';
import { ReadModelDb } from '../../../infrastructure/read-models/database';
import { EVENT_STORE, READ_MODEL_DB } from '../../../infrastructure/tokens';
import { CaseCommands } from '../../cases/cases.module';
import { caseTarget, caseStream } from '../../cases';
import { liveEvent } from '../../live';

/** The window of time asked for, as ISO instants; `from` may not come after `to`. */
function requireSpan(from: string, to: string): { from: string; to: string } {
  const f = new Date(from);
  const t = new Date(to);
  if (Number.isNaN(f.getTime()) || Number.isNaN(t.getTime()))
    throw new ValidationError([{ field: 'from', message: 'from and to must be instants (ISO 8601)' }]);
  if (f > t) throw new ValidationError([{ field: 'to', message: 'must not come before from' }]);
  return { from: f.toISOString(), to: t.toISOString() };
}

/**
 * Replay for review (复盘): a case's or a center's events recorded between two instants, in the order
 * they entered the record, a page at a time, so a reviewer can step through what happened.
 */
@Resolver()
export class ReplayResolver {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODEL_DB) private readonly db: ReadModelDb,
    private readonly cases: CaseCommands,
  ) {}

  @Query('caseReplay')
  async caseReplay(
    @Args('caseId') caseId: string,
    @Args('from') from: string,
    @Args('to') to: string,
    @Args('first') first: number,
    @Args('after') after: string | null,
    @CurrentActor() actor: Actor,
  ) {
    requirePageSize(first);
    const span = requireSpan(from, to);
    const c = await this.cases.load(caseId);
    if (!c) return null;
    authorizeTarget('Query.caseReplay', actor, caseTarget(c));
    const since = after ? BigInt(decodeCursor('replay', after, /^(\d+)$/)[1]) : -1n;
    const events: RecordedEvent[] = [];
    for await (const e of this.store.readStream(caseStream(caseId))) {
      if (e.metadata.recordedAt >= span.from && e.metadata.recordedAt <= span.to) events.push(e);
    }
    const page = events.filter((e) => e.position > since);
    return connection(page.slice(0, first + 1), first, events.length, (e) => encodeCursor('replay', e.position.toString()), liveEvent);
  }

  @Query('centerReplay')
  async centerReplay(
    @Args('center') center: string,
    @Args('from') from: string,
    @Args('to') to: string,
    @Args('first') first: number,
    @Args('after') after: string | null,
    @CurrentActor() actor: Actor,
  ) {
    requirePageSize(first);
    const span = requireSpan(from, to);
    authorizeTarget('Query.centerReplay', actor, { center });
    const query = this.db
      .selectFrom('event_timeline')
      .where('center', '=', center)
      .where('recorded_at', '>=', span.from)
      .where('recorded_at', '<=', span.to);
    const { total } = (await query.select((eb) => eb.fn.countAll().as('total')).executeTakeFirstOrThrow()) as { total: number };
    let page = query
      .select(['position', 'stream', 'revision'])
      .orderBy('position')
      .limit(first + 1);
    if (after) page = page.where('position', '>', Number(decodeCursor('replay', after, /^(\d+)$/)[1]));
    const rows = await page.execute();
    const events: RecordedEvent[] = [];
    for (const row of rows) {
      for await (const e of this.store.readStream(row.stream as string, { fromRevision: BigInt(row.revision), maxCount: 1 }))
        events.push(e);
    }
    return connection(events, first, Number(total), (e) => encodeCursor('replay', e.position.toString()), liveEvent);
  }
}
