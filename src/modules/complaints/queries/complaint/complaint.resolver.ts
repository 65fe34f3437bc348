import { Inject } from '@nestjs/common';
import { Args, Query, Resolver } from '@nestjs/graphql';
import { authorizeTarget } from '../../../../core/access-policy';
import { Actor } from '../../../../core/actor';
import { Clock } from '../../../../core/clock';
import { localDateOf } from '../../../../core/dates';
import { connection, decodeCursor, encodeCursor, requirePageSize } from '../../../../infrastructure/graphql/connection';
import { CurrentActor } from '../../../../infrastructure/graphql/current-actor.decorator';
import { ReadModelDb } from '../../../../infrastructure/read-models/database';
import { CLOCK, READ_MODEL_DB } from '../../../../infrastructure/tokens';
import { ComplaintCommands } from '../../complaint-commands.service';
import { Complaint } from '../../domain/complaint.decider';
import { complaintView } from './complaint.view';

@Resolver()
export class ComplaintResolver {
  constructor(
    private readonly complaints: ComplaintCommands,
    @Inject(READ_MODEL_DB) private readonly db: ReadModelDb,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** One complaint, from its stream. The staff member complained about may read it, never who complained. */
  @Query('complaint')
  async complaint(@Args('id') id: string, @CurrentActor() actor: Actor) {
    const found = await this.complaints.load(id);
    if (!found) return null;
    authorizeTarget('Query.complaint', actor, { center: found.center, window: found.about.window, handler: found.about.staffId });
    return complaintView(found, actor, localDateOf(this.clock.now()));
  }

  @Query('complaints')
  async list(
    @Args('center') center: string,
    @Args('escalated') escalated: boolean | null,
    @Args('first') first: number,
    @Args('after') after: string | null,
    @CurrentActor() actor: Actor,
  ) {
    requirePageSize(first);
    authorizeTarget('Query.complaints', actor, { center });
    let query = this.db.selectFrom('complaint_list').where('center', '=', center);
    if (escalated !== null && escalated !== undefined) query = query.where('escalated', '=', escalated ? 1 : 0);
    const { total } = (await query.select((eb) => eb.fn.countAll().as('total')).executeTakeFirstOrThrow()) as { total: number };
    let page = query
      .select(['state', 'filed_position'])
      .orderBy('filed_position', 'desc')
      .limit(first + 1);
    if (after) page = page.where('filed_position', '<', Number(decodeCursor('complaint', after, /^(\d+)$/)[1]));
    const rows = await page.execute();
    const today = localDateOf(this.clock.now());
    return connection(
      rows,
      first,
      Number(total),
      (row) => encodeCursor('complaint', String(row.filed_position)),
      (row) => complaintView(JSON.parse(row.state) as Complaint, actor, today),
    );
  }
}
