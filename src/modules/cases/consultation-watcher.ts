import { DEADLINE_WATCHER } from '../../core/actor';
import { Clock } from '../../core/clock';
import { localDateOf } from '../../core/dates';
import { EventStore } from '../../core/event-store';
import { handleCommand } from '../../core/handle-command';
import { ScheduledCheck } from '../../core/scheduled-check';
import { ReadModelDb } from '../../infrastructure/read-models/database';
import { ConsultationState, consultationDecider, consultationStream } from './domain/consultation.decider';

/**
 * 首问负责 follow-up (督办): a visit routed to a window and still open after its follow-up day is recorded
 * on its own stream for the leaders, once (the command id names the visit, so a second run or a second
 * instance writes nothing). The supervision alerts push it to them.
 */
export class ConsultationWatcher implements ScheduledCheck {
  constructor(
    private readonly store: EventStore,
    private readonly db: ReadModelDb,
    private readonly clock: Clock,
  ) {}

  async tick(): Promise<{ consultationsUnclosed: number }> {
    const today = localDateOf(this.clock.now());
    let consultationsUnclosed = 0;
    for (const row of await this.db
      .selectFrom('consultation_list')
      .select(['consultation_id', 'state'])
      .where('follow_up_due', '<', today)
      .execute()) {
      const state = JSON.parse(row.state) as ConsultationState;
      // The read model only decides whether to look; the stream decides what is written.
      const check = { type: 'CheckConsultationFollowUp' as const, data: { today, occurredAt: this.clock.now().toISOString() } };
      if (consultationDecider.decide(check, state).length === 0) continue;
      const outcome = await handleCommand({
        store: this.store,
        stream: consultationStream(row.consultation_id),
        decider: consultationDecider,
        command: (occurredAt) => ({ type: 'CheckConsultationFollowUp' as const, data: { today, occurredAt } }),
        context: { commandId: `consultation-follow-up:${row.consultation_id}`, actor: DEADLINE_WATCHER, now: this.clock.now() },
      });
      if (!outcome.duplicate) consultationsUnclosed += outcome.events.length;
    }
    return { consultationsUnclosed };
  }

  async run(): Promise<string | null> {
    const { consultationsUnclosed } = await this.tick();
    return consultationsUnclosed ? `${consultationsUnclosed} routed first-inquiry visits still open past their follow-up day` : null;
  }
}
