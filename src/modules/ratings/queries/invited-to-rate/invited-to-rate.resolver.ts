import { Inject } from '@nestjs/common';
import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { EventStore, collect } from '../../../../core/event-store';
import { EVENT_STORE } from '../../../../infrastructure/tokens';
import { ratingInvitationStream } from '../../domain/rating-invitation.decider';
import { ratingStream } from '../../domain/rating.decider';
import { ratingIdFor } from '../../rating-ids';

/**
 * 邀评 on the applicant's progress page (`CaseProgress.invitedToRate`): whether the case has been
 * invited to rate and not rated at completion since. Ratings answer it, since the streams are theirs;
 * the progress query hands over the case's id, which the schema does not show.
 */
@Resolver('CaseProgress')
export class InvitedToRateResolver {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @ResolveField('invitedToRate')
  async invitedToRate(@Parent() progress: { caseId: string; completedAt: string | null }): Promise<boolean> {
    if (progress.completedAt === null) return false;
    const [invitation] = await collect(this.store.readStream(ratingInvitationStream(progress.caseId), { maxCount: 1 }));
    if (!invitation) return false;
    for (const channel of ['ONSITE', 'ONLINE'] as const) {
      const [rated] = await collect(
        this.store.readStream(ratingStream(ratingIdFor(progress.caseId, channel, 'COMPLETION')), { maxCount: 1 }),
      );
      if (rated) return false;
    }
    return true;
  }
}
