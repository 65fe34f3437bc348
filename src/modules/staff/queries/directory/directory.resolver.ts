import { Inject } from '@nestjs/common';
import { Args, Query, Resolver } from '@nestjs/graphql';
import { authorizeTarget } from '../../../../core/access-policy';
import { Actor } from '../../../../core/actor';
import { CurrentActor } from '../../../../infrastructure/graphql/current-actor.decorator';
import { ReadModelDb } from '../../../../infrastructure/read-models/database';
import { READ_MODEL_DB } from '../../../../infrastructure/tokens';

/** The center's windows and staff, as the admins keep them. */
@Resolver()
export class DirectoryResolver {
  constructor(@Inject(READ_MODEL_DB) private readonly db: ReadModelDb) {}

  @Query('windows')
  async windows(@Args('center') center: string, @CurrentActor() actor: Actor) {
    authorizeTarget('Query.windows', actor, { center });
    const rows = await this.db.selectFrom('window_directory').select('definition').where('center', '=', center).orderBy('window').execute();
    return rows.map((r) => JSON.parse(r.definition));
  }

  @Query('staffMembers')
  async staffMembers(@Args('center') center: string, @CurrentActor() actor: Actor) {
    authorizeTarget('Query.staffMembers', actor, { center });
    const rows = await this.db
      .selectFrom('staff_directory')
      .selectAll()
      .where('center', '=', center)
      .orderBy('window')
      .orderBy('staff_id')
      .execute();
    return rows.map((r) => ({ staffId: r.staff_id, name: r.name, center: r.center, window: r.window, active: Boolean(r.active) }));
  }
}
