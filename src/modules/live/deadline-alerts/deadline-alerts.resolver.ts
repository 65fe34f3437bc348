import { Inject } from '@nestjs/common';
import { Args, Context, Resolver, Subscription } from '@nestjs/graphql';
import { RequestContext } from '../../../infrastructure/graphql/current-actor.decorator';
import { caseTarget, DeadlineBreached, DeadlineWarningIssued } from '../../cases';
import { EventGate } from '../event-gate';
import { EventStore, asDomainEvent } from '../../../core/event-store';
import { followLogAfter } from '../../../infrastructure/graphql/live-events';
import { ProjectionRunner } from '../../../infrastructure/read-models/projection-runner';
import { EVENT_STORE } from '../../../infrastructure/tokens';
import { CaseDirectory } from '../case-directory';

/** Yellow and red warnings of a center, as the deadline watcher records them (SPEC §5 rule 13). */
@Resolver()
export class DeadlineAlertsResolver {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly projections: ProjectionRunner,
    private readonly directory: CaseDirectory,
  ) {}

  @Subscription('deadlineAlerts', { resolve: (payload: unknown) => payload })
  deadlineAlerts(@Args('center') center: string, @Args('after') after: string | null, @Context() context: RequestContext) {
    const gate = new EventGate('Subscription.deadlineAlerts', context);
    gate.requireReach({ center, window: context.actor.window });
    return followLogAfter(this.store, this.projections, after, async (e) => {
      if (e.type !== 'DeadlineWarningIssued' && e.type !== 'DeadlineBreached') return undefined;
      const c = await this.directory.forEvent(e);
      if (!c || c.center !== center || !gate.admits(caseTarget(c))) return undefined;
      const red = e.type === 'DeadlineBreached';
      const data = asDomainEvent<DeadlineWarningIssued | DeadlineBreached>(e).data;
      return {
        position: e.position.toString(),
        level: red ? 'RED' : 'YELLOW',
        caseId: c.id,
        receiptNo: c.receiptNo,
        center: c.center,
        window: c.window,
        itemCode: c.itemCode,
        handler: c.handler,
        dueDate: data.dueDate,
        workingDaysRemaining: red
          ? -(data as DeadlineBreached['data']).workingDaysOver
          : (data as DeadlineWarningIssued['data']).workingDaysRemaining,
        occurredAt: e.metadata.occurredAt,
      };
    });
  }
}
