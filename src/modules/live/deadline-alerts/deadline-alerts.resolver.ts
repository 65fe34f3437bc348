import { Inject } from '@nestjs/common';
import { Args, Context, Resolver, Subscription } from '@nestjs/graphql';
import { RequestContext } from '../../../infrastructure/graphql/current-actor.decorator';
import {
  caseTarget,
  CenterTimeExceeded,
  CenterTimeWarningIssued,
  DeadlineBreached,
  DeadlineWarningIssued,
  ReviewOverdue,
  ReviewWarningIssued,
} from '../../cases';
import { EventGate } from '../event-gate';
import { EventStore, asDomainEvent } from '../../../core/event-store';
import { followLogAfter } from '../../../infrastructure/graphql/live-events';
import { ProjectionRunner } from '../../../infrastructure/read-models/projection-runner';
import { EVENT_STORE } from '../../../infrastructure/tokens';
import { CaseDirectory } from '../case-directory';

const ALERTS = new Set([
  'DeadlineWarningIssued',
  'DeadlineBreached',
  'ReviewWarningIssued',
  'ReviewOverdue',
  'CenterTimeWarningIssued',
  'CenterTimeExceeded',
]);

type Alerting =
  DeadlineWarningIssued | DeadlineBreached | ReviewWarningIssued | ReviewOverdue | CenterTimeWarningIssued | CenterTimeExceeded;

/**
 * What an alert says, by its event: the level, the due date and the working days left (negative: over),
 * and what it is about. A review's warning names the participating window that owes the opinion.
 */
function alertOf(event: Alerting, caseDueDate: string | null) {
  switch (event.type) {
    case 'DeadlineWarningIssued':
      return {
        level: 'YELLOW',
        about: 'CASE',
        dueDate: event.data.dueDate,
        workingDaysRemaining: event.data.workingDaysRemaining,
        reviewWindow: null,
      };
    case 'DeadlineBreached':
      return {
        level: 'RED',
        about: 'CASE',
        dueDate: event.data.dueDate,
        workingDaysRemaining: -event.data.workingDaysOver,
        reviewWindow: null,
      };
    case 'ReviewWarningIssued':
      return {
        level: 'YELLOW',
        about: 'REVIEW',
        dueDate: event.data.dueDate,
        workingDaysRemaining: event.data.workingDaysRemaining,
        reviewWindow: event.data.window,
      };
    case 'ReviewOverdue':
      return {
        level: 'RED',
        about: 'REVIEW',
        dueDate: event.data.dueDate,
        workingDaysRemaining: -event.data.workingDaysOver,
        reviewWindow: event.data.window,
      };
    case 'CenterTimeWarningIssued':
    case 'CenterTimeExceeded':
      return {
        level: event.type === 'CenterTimeExceeded' ? 'RED' : 'YELLOW',
        about: 'CENTER_TIME',
        dueDate: caseDueDate,
        workingDaysRemaining: event.data.limit - event.data.workingDaysUsed,
        reviewWindow: null,
      };
  }
}

/**
 * Yellow and red warnings of a center, as the deadline watcher records them (SPEC §5 rule 13): of the
 * cases' own clocks, of joint cases' reviews (reaching the reviewing window's staff too) and of escalated
 * cases' time at the center.
 */
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
      if (!ALERTS.has(e.type)) return undefined;
      const c = await this.directory.forEvent(e);
      if (!c || c.center !== center) return undefined;
      const alert = alertOf(asDomainEvent<Alerting>(e), c.timeLimit?.dueDate ?? null);
      // A review's warning is also for the staff of the window that owes the opinion.
      const reviewer = alert.reviewWindow ? { center: c.center, window: alert.reviewWindow } : null;
      if (!gate.admits(caseTarget(c)) && !(reviewer && gate.admits(reviewer))) return undefined;
      return {
        position: e.position.toString(),
        ...alert,
        caseId: c.id,
        receiptNo: c.receiptNo,
        center: c.center,
        window: c.window,
        itemCode: c.itemCode,
        handler: c.handler,
        occurredAt: e.metadata.occurredAt,
      };
    });
  }
}
