import { Inject } from '@nestjs/common';
import { Args, Context, Resolver, Subscription } from '@nestjs/graphql';
import { forbidden } from '../../../core/access-policy';
import { RequestContext } from '../../../infrastructure/graphql/current-actor.decorator';
import { CaseCommands } from '../../cases/cases.module';
import { EventGate } from '../event-gate';
import { EventStore } from '../../../core/event-store';
import { followLogAfter, parseAfter } from '../../../infrastructure/graphql/live-events';
import { ProjectionRunner } from '../../../infrastructure/read-models/projection-runner';
import { EVENT_STORE } from '../../../infrastructure/tokens';
import { CaseDirectory } from '../case-directory';
import { liveEvent } from '../live-event';
import { caseStream, caseTarget } from '../../cases';

@Resolver()
export class CaseEventsResolver {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly projections: ProjectionRunner,
    private readonly directory: CaseDirectory,
    private readonly cases: CaseCommands,
  ) {}

  @Subscription('caseEvents', { resolve: (payload: unknown) => payload })
  async caseEvents(@Args('caseId') caseId: string, @Args('after') afterCursor: string | null, @Context() context: RequestContext) {
    const gate = new EventGate('Subscription.caseEvents', context);
    parseAfter(afterCursor); // a malformed position is refused before the case is read
    // Checked on the case's own stream: the read model may not have applied a hand-over made a moment ago.
    const known = await this.cases.load(caseId);
    if (known) gate.requireReach(caseTarget(known));
    const stream = caseStream(caseId);
    return followLogAfter(this.store, this.projections, afterCursor, async (e) => {
      if (e.stream !== stream) return undefined;
      // The case as it stands now, from its stream: the read model may not have applied a recent hand-over.
      const c = await this.cases.load(caseId);
      // The case left the subscriber's reach (handed to someone else): the subscription ends.
      if (c && !gate.admits(caseTarget(c)))
        throw forbidden('Subscription.caseEvents', context.actor.role, 'the case is no longer in your reach');
      return liveEvent(e);
    });
  }

  @Subscription('centerEvents', { resolve: (payload: unknown) => payload })
  centerEvents(@Args('center') center: string, @Args('after') after: string | null, @Context() context: RequestContext) {
    const gate = new EventGate('Subscription.centerEvents', context);
    gate.requireReach({ center, window: context.actor.window });
    return followLogAfter(this.store, this.projections, after, async (e) => {
      const c = await this.directory.forEvent(e);
      return c && c.center === center && gate.admits(caseTarget(c)) ? liveEvent(e) : undefined;
    });
  }
}
