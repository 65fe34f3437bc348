import { DEADLINE_WATCHER } from '../../core/actor';
import { Clock } from '../../core/clock';
import { localDateOf } from '../../core/dates';
import { EventStore } from '../../core/event-store';
import { handleCommand } from '../../core/handle-command';
import { ScheduledCheck } from '../../core/scheduled-check';
import { ReadModelDb } from '../../infrastructure/read-models/database';
import { ComplaintState, complaintDecider, complaintStream } from './domain/complaint.decider';

/**
 * Watches complaint answers the way the deadline watcher watches cases: a complaint not answered by its
 * due day is recorded as overdue on its own stream, once (the command id names the complaint and its
 * due day, so a second run or a second instance writes nothing).
 */
export class ComplaintWatcher implements ScheduledCheck {
  constructor(
    private readonly store: EventStore,
    private readonly db: ReadModelDb,
    private readonly clock: Clock,
  ) {}

  async tick(): Promise<{ complaintAnswersOverdue: number }> {
    const today = localDateOf(this.clock.now());
    const check = { today, occurredAt: this.clock.now().toISOString() };
    let complaintAnswersOverdue = 0;
    // Only rows whose due day has passed and whose answer is still owed (the read model's due column).
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
      if (!outcome.duplicate) complaintAnswersOverdue += outcome.events.length;
    }
    return { complaintAnswersOverdue };
  }

  async run(): Promise<string | null> {
    const { complaintAnswersOverdue } = await this.tick();
    return complaintAnswersOverdue ? `${complaintAnswersOverdue} complaint answers overdue` : null;
  }
}
