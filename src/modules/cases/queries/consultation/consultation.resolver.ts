import { Inject } from '@nestjs/common';
import { Args, Query, Resolver } from '@nestjs/graphql';
import { authorizeTarget } from '../../../../core/access-policy';
import { Actor } from '../../../../core/actor';
import { EventStore, collect } from '../../../../core/event-store';
import { connection, decodeCursor, encodeCursor, requirePageSize } from '../../../../infrastructure/graphql/connection';
import { CurrentActor } from '../../../../infrastructure/graphql/current-actor.decorator';
import { ReadModelDb } from '../../../../infrastructure/read-models/database';
import { EVENT_STORE, READ_MODEL_DB } from '../../../../infrastructure/tokens';
import { consultationStream } from '../../domain/consultation.decider';
import { consultationView } from './consultation.view';

/** 首问负责: one visit with where it stands, and the visits routed to a window or by its first officers. */
@Resolver()
export class ConsultationResolver {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODEL_DB) private readonly db: ReadModelDb,
  ) {}

  @Query('consultation')
  async consultation(@Args('id') id: string, @CurrentActor() actor: Actor) {
    const events = await collect(this.store.readStream(consultationStream(id)));
    if (events.length === 0) return null;
    const view = consultationView(events);
    // The first officer's window reads it, and so does the window it was routed to (which closes it).
    const routed = view.routing && { center: view.routing.center, window: view.routing.window };
    try {
      authorizeTarget('Query.consultation', actor, { center: view.center ?? '', window: view.window, handler: view.officer.id });
    } catch (error) {
      if (!routed) throw error;
      authorizeTarget('Query.consultation', actor, routed);
    }
    return view;
  }

  /** The visits routed to `window`, or sent on by its staff, newest first; `status` OPEN or CLOSED. */
  @Query('consultations')
  async consultations(
    @Args('center') center: string,
    @Args('window') window: string,
    @Args('status') status: 'OPEN' | 'CLOSED' | null,
    @Args('first') first: number,
    @Args('after') after: string | null,
    @CurrentActor() actor: Actor,
  ) {
    requirePageSize(first);
    authorizeTarget('Query.consultations', actor, { center, window });
    let query = this.db
      .selectFrom('consultation_list')
      .where('center', '=', center)
      .where((eb) => eb.or([eb('routed_window', '=', window), eb('officer_window', '=', window)]));
    if (status) query = query.where('status', '=', status);
    const { total } = (await query.select((eb) => eb.fn.countAll().as('total')).executeTakeFirstOrThrow()) as { total: number };
    let page = query
      .select(['consultation_id', 'recorded_position'])
      .orderBy('recorded_position', 'desc')
      .limit(first + 1);
    if (after) page = page.where('recorded_position', '<', Number(decodeCursor('consultation', after, /^(\d+)$/)[1]));
    const rows = await page.execute();
    const views = new Map(
      await Promise.all(
        rows.map(
          async (r) =>
            [
              r.consultation_id as string,
              consultationView(await collect(this.store.readStream(consultationStream(r.consultation_id)))),
            ] as const,
        ),
      ),
    );
    return connection(
      rows,
      first,
      Number(total),
      (row) => encodeCursor('consultation', String(row.recorded_position)),
      (row) => views.get(row.consultation_id as string)!,
    );
  }
}
