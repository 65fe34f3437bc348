import { Inject } from '@nestjs/common';
import { Args, Resolver, Subscription } from '@nestjs/graphql';
import { EventStore, RecordedEvent } from '../../../core/event-store';
import { followLog, parseAfter } from '../../../infrastructure/graphql/live-events';
import { ProjectionRunner } from '../../../infrastructure/read-models/projection-runner';
import { EVENT_STORE } from '../../../infrastructure/tokens';
import { maskEventData } from '../../cases/domain/personal-data';
import { CaseDirectory } from '../case-directory';

const CASE_STREAM = 'case-';

export function liveEvent(e: RecordedEvent) {
  return {
    position: e.position.toString(),
    stream: e.stream,
    caseId: e.stream.startsWith(CASE_STREAM) ? e.stream.slice(CASE_STREAM.length) : null,
    type: e.type,
    occurredAt: e.metadata.occurredAt,
    recordedAt: e.metadata.recordedAt,
    backfilled: Boolean(e.metadata.backfill),
    actor: e.metadata.actor,
    data: maskEventData(e.type, e.data),
  };
}

@Resolver()
export class CaseEventsResolver {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly projections: ProjectionRunner,
    private readonly directory: CaseDirectory,
  ) {}

  @Subscription('caseEvents', { resolve: (payload: unknown) => payload })
  caseEvents(@Args('caseId') caseId: string, @Args('after') after: string | null) {
    const stream = `${CASE_STREAM}${caseId}`;
    return followLog(this.store, this.projections, parseAfter(after), async (e) => (e.stream === stream ? liveEvent(e) : undefined));
  }

  @Subscription('centerEvents', { resolve: (payload: unknown) => payload })
  centerEvents(@Args('center') center: string, @Args('after') after: string | null) {
    return followLog(this.store, this.projections, parseAfter(after), async (e) => {
      if (!e.stream.startsWith(CASE_STREAM)) return undefined;
      return (await this.directory.centerOf(e.stream.slice(CASE_STREAM.length))) === center ? liveEvent(e) : undefined;
    });
  }
}
