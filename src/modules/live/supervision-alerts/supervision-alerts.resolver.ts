import { Inject } from '@nestjs/common';
import { Args, Context, Resolver, Subscription } from '@nestjs/graphql';
import { EventStore, RecordedEvent, asDomainEvent } from '../../../core/event-store';
import { RequestContext } from '../../../infrastructure/graphql/current-actor.decorator';
import { followLogAfter } from '../../../infrastructure/graphql/live-events';
import { ProjectionRunner } from '../../../infrastructure/read-models/projection-runner';
import { EVENT_STORE } from '../../../infrastructure/tokens';
import { ComplaintCommands } from '../../complaints/complaints.module';
import { ComplaintAnswerOverdue, complaintSubjects } from '../../complaints';
import { RectificationOverdue, ServiceRated } from '../../ratings';
import { ConsultationFollowUpDue } from '../../cases/domain';
import { RatingCommands } from '../../ratings/ratings.module';
import { EventGate } from '../event-gate';

type Kind = 'COMPLAINT_ESCALATED' | 'COMPLAINT_ANSWER_OVERDUE' | 'BAD_RATING' | 'RECTIFICATION_OVERDUE' | 'CONSULTATION_UNCLOSED';

interface SupervisionAlert {
  position: string;
  kind: Kind;
  center: string;
  complaintId: string | null;
  ratingId: string | null;
  consultationId: string | null;
  caseId: string | null;
  window: string | null;
  staffId: string | null;
  dueDate: string | null;
  occurredAt: string;
}

/**
 * The follow-ups a center's leaders and the discipline office (纪委) act on, pushed as they are recorded:
 * a major complaint escalated to them, a complaint answer or a rectification past its due day, a bad
 * rating to verify, a first-inquiry visit its window left open (首问负责). Who complained, and what about, stays in the complaint itself.
 */
@Resolver()
export class SupervisionAlertsResolver {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly projections: ProjectionRunner,
    private readonly complaints: ComplaintCommands,
    private readonly ratings: RatingCommands,
  ) {}

  @Subscription('supervisionAlerts', { resolve: (payload: unknown) => payload })
  supervisionAlerts(@Args('center') center: string, @Args('after') after: string | null, @Context() context: RequestContext) {
    const gate = new EventGate('Subscription.supervisionAlerts', context);
    gate.requireReach({ center });
    return followLogAfter(this.store, this.projections, after, async (e) => {
      const found = await this.alertFor(e);
      if (!found || found.center !== center || !gate.admits({ center: found.center, window: found.window, handler: found.staffId }))
        return undefined;
      const { subjects, ...alert } = found;
      // A leader a complaint is about is told of it like the others, but never of the case behind it (回避).
      return subjects?.includes(context.actor.id) ? { ...alert, caseId: null } : alert;
    });
  }

  private async alertFor(e: RecordedEvent): Promise<(SupervisionAlert & { subjects?: string[] }) | undefined> {
    const base = { position: e.position.toString(), occurredAt: e.metadata.occurredAt };
    if (e.stream.startsWith('complaint-') && (e.type === 'ComplaintEscalated' || e.type === 'ComplaintAnswerOverdue')) {
      const complaint = await this.complaints.load(e.stream.slice('complaint-'.length));
      if (!complaint) return undefined;
      const overdue = e.type === 'ComplaintAnswerOverdue';
      return {
        ...base,
        kind: overdue ? 'COMPLAINT_ANSWER_OVERDUE' : 'COMPLAINT_ESCALATED',
        center: complaint.center,
        complaintId: complaint.complaintId,
        ratingId: null,
        consultationId: null,
        caseId: complaint.about.caseId,
        window: complaint.about.window,
        staffId: complaint.about.staffId,
        dueDate: overdue ? asDomainEvent<ComplaintAnswerOverdue>(e).data.answerDue : null,
        subjects: complaintSubjects(complaint),
      };
    }
    if (e.stream.startsWith('rating-') && e.type === 'ServiceRated') {
      const d = asDomainEvent<ServiceRated>(e).data;
      if (!d.bad) return undefined;
      return {
        ...base,
        kind: 'BAD_RATING',
        center: d.center,
        complaintId: null,
        ratingId: d.ratingId,
        consultationId: null,
        caseId: d.caseId,
        window: d.window,
        staffId: d.staffId,
        dueDate: null,
      };
    }
    if (e.stream.startsWith('rating-') && e.type === 'RectificationOverdue') {
      const rating = await this.ratings.load(e.stream.slice('rating-'.length));
      if (!rating) return undefined;
      const d = asDomainEvent<RectificationOverdue>(e).data;
      return {
        ...base,
        kind: 'RECTIFICATION_OVERDUE',
        center: rating.center,
        complaintId: null,
        ratingId: rating.ratingId,
        consultationId: null,
        caseId: rating.caseId,
        window: rating.window,
        staffId: rating.staffId,
        dueDate: d.rectifyDue,
      };
    }
    if (e.stream.startsWith('consultation-') && e.type === 'ConsultationFollowUpDue') {
      const d = asDomainEvent<ConsultationFollowUpDue>(e).data;
      return {
        ...base,
        kind: 'CONSULTATION_UNCLOSED',
        center: d.center,
        complaintId: null,
        ratingId: null,
        consultationId: d.consultationId,
        caseId: null,
        window: d.window,
        staffId: null,
        dueDate: d.followUpDue,
      };
    }
    return undefined;
  }
}
