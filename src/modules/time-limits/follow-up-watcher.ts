import { Clock } from '../../core/clock';
import { addDays, localDateOf } from '../../core/dates';
import { EventStore } from '../../core/event-store';
import { handleCommand } from '../../core/handle-command';
import { ReadModelDb } from '../../infrastructure/read-models/database';
import { ComplaintState, complaintDecider, complaintStream } from '../complaints/domain/complaint.decider';
import { RatingState, ratingDecider, ratingStream } from '../ratings/domain/rating.decider';
import { INVITE_AFTER_DAYS, ratingInvitationDecider, ratingInvitationStream } from '../ratings/domain/rating-invitation.decider';
import { DEADLINE_WATCHER } from '../../core/actor';

export interface FollowUpResult {
  complaintAnswersOverdue: number;
  rectificationsOverdue: number;
  ratingInvitations: number;
}

/**
 * Completed cases are invited to rate for this long after completion, to catch up after downtime; older
 * ones are left alone: an invitation weeks late would puzzle the applicant more than it would tell.
 */
const INVITE_WITHIN_DAYS = 7;

/**
 * Watches the follow-up deadlines the way the deadline watcher watches cases: a complaint not answered
 * within its 3 working days, and a bad rating not rectified by its due day, are recorded as overdue on
 * their own streams, once (command ids name the item and its due day).
 */
export class FollowUpWatcher {
  constructor(
    private readonly store: EventStore,
    private readonly db: ReadModelDb,
    private readonly clock: Clock,
  ) {}

  async tick(): Promise<FollowUpResult> {
    const today = localDateOf(this.clock.now());
    const result: FollowUpResult = { complaintAnswersOverdue: 0, rectificationsOverdue: 0, ratingInvitations: 0 };
    const check = { today, occurredAt: this.clock.now().toISOString() };

    // Only rows whose due day has passed, answer or rectification still owed (the read models' due columns).
    for (const row of await this.db
      .selectFrom('complaint_list')
      .select(['complaint_id', 'state'])
      .where('answer_due', '<', today)
      .execute()) {
      const state = JSON.parse(row.state) as ComplaintState;
      // The read model only decides whether to look; the stream decides what is written.
      if (complaintDecider.decide({ type: 'CheckComplaintAnswer', data: check }, state).length === 0 || state.status === 'NONE') continue;
      const outcome = await handleCommand({
        store: this.store,
        stream: complaintStream(row.complaint_id),
        decider: complaintDecider,
        command: (occurredAt) => ({ type: 'CheckComplaintAnswer' as const, data: { today, occurredAt } }),
        context: { commandId: `answer-overdue:${row.complaint_id}:${state.answerDue}`, actor: DEADLINE_WATCHER, now: this.clock.now() },
      });
      if (!outcome.duplicate) result.complaintAnswersOverdue += outcome.events.length;
    }

    for (const row of await this.db.selectFrom('rating_list').select(['rating_id', 'state']).where('rectify_due', '<', today).execute()) {
      const state = JSON.parse(row.state) as RatingState;
      if (ratingDecider.decide({ type: 'CheckRectification', data: check }, state).length === 0 || state.status === 'NONE') continue;
      const outcome = await handleCommand({
        store: this.store,
        stream: ratingStream(row.rating_id),
        decider: ratingDecider,
        command: (occurredAt) => ({ type: 'CheckRectification' as const, data: { today, occurredAt } }),
        context: {
          commandId: `rectify-overdue:${row.rating_id}:${state.loop?.rectifyDue}`,
          actor: DEADLINE_WATCHER,
          now: this.clock.now(),
        },
      });
      if (!outcome.duplicate) result.rectificationsOverdue += outcome.events.length;
    }
    result.ratingInvitations = await this.inviteToRate(today);
    return result;
  }

  /**
   * 邀评: completed cases nobody has rated at completion are invited once, 3 days after completion. Never
   * a completion entered after the fact (补录, simulated history): its applicant left long ago, and an SMS
   * now would be a surprise.
   */
  private async inviteToRate(today: string): Promise<number> {
    const latest = addDays(today, -INVITE_AFTER_DAYS);
    const earliest = addDays(today, -INVITE_WITHIN_DAYS);
    const rated = new Set(
      (await this.db.selectFrom('rating_list').select('state').where('rated_on', '>=', earliest).execute())
        .map((r) => JSON.parse(r.state) as RatingState)
        .filter((r) => r.status !== 'NONE' && r.stage === 'COMPLETION')
        .map((r) => (r as { caseId: string }).caseId),
    );
    const completed = await this.db
      .selectFrom('case_list')
      .select(['case_id', 'receipt_no', 'center', 'completed_on'])
      .where('completed_on', '>=', earliest)
      .where('completed_on', '<=', latest)
      .where('completed_backfilled', '=', 0)
      .execute();
    let invited = 0;
    for (const row of completed) {
      if (rated.has(row.case_id)) continue;
      const outcome = await handleCommand({
        store: this.store,
        stream: ratingInvitationStream(row.case_id),
        decider: ratingInvitationDecider,
        command: (occurredAt) => ({
          type: 'InviteToRate' as const,
          data: { caseId: row.case_id, receiptNo: row.receipt_no, center: row.center, completedOn: row.completed_on, today, occurredAt },
        }),
        context: { commandId: `rating-invite:${row.case_id}`, actor: DEADLINE_WATCHER, now: this.clock.now() },
      });
      if (!outcome.duplicate) invited += outcome.events.length;
    }
    return invited;
  }
}
