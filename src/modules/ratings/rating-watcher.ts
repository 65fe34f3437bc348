import { DEADLINE_WATCHER } from '../../core/actor';
import { Clock } from '../../core/clock';
import { addDays, localDateOf } from '../../core/dates';
import { EventStore } from '../../core/event-store';
import { handleCommand } from '../../core/handle-command';
import { ScheduledCheck } from '../../core/scheduled-check';
import { ReadModelDb } from '../../infrastructure/read-models/database';
import { INVITE_AFTER_DAYS, ratingInvitationDecider, ratingInvitationStream } from './domain/rating-invitation.decider';
import { RatingState, ratingDecider, ratingStream } from './domain/rating.decider';

/**
 * Completed cases are invited to rate for this long after completion, to catch up after downtime; older
 * ones are left alone: an invitation weeks late would puzzle the applicant more than it would tell.
 */
const INVITE_WITHIN_DAYS = 7;

/**
 * Watches what follows a rating, on the deadline watcher's schedule: a bad rating not rectified by its
 * due day is recorded as overdue on its own stream, and completed cases nobody rated are invited to
 * rate. Each once: command ids name the rating and its due day, or the case.
 */
export class RatingWatcher implements ScheduledCheck {
  constructor(
    private readonly store: EventStore,
    private readonly db: ReadModelDb,
    private readonly clock: Clock,
  ) {}

  async tick(): Promise<{ rectificationsOverdue: number; ratingInvitations: number }> {
    const today = localDateOf(this.clock.now());
    return { rectificationsOverdue: await this.rectificationsOverdue(today), ratingInvitations: await this.inviteToRate(today) };
  }

  async run(): Promise<string | null> {
    const { rectificationsOverdue, ratingInvitations } = await this.tick();
    return rectificationsOverdue || ratingInvitations
      ? `${rectificationsOverdue} rectifications overdue; ${ratingInvitations} invitations to rate`
      : null;
  }

  /** Only rows whose rectification due day has passed (the read model's due column). */
  private async rectificationsOverdue(today: string): Promise<number> {
    const check = { today, occurredAt: this.clock.now().toISOString() };
    let overdue = 0;
    for (const row of await this.db.selectFrom('rating_list').select(['rating_id', 'state']).where('rectify_due', '<', today).execute()) {
      const state = JSON.parse(row.state) as RatingState;
      // The read model only decides whether to look; the stream decides what is written.
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
      if (!outcome.duplicate) overdue += outcome.events.length;
    }
    return overdue;
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
