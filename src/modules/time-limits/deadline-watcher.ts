import { Actor } from '../../core/actor';
import { Clock } from '../../core/clock';
import { localDateOf } from '../../core/dates';
import { EventStore } from '../../core/event-store';
import { handleCommand } from '../../core/handle-command';
import { ReadModelDb } from '../../infrastructure/read-models/database';
import { CheckDeadline } from '../cases/domain/case.commands';
import { createCaseDecider } from '../cases/domain/case.decide';
import { Case } from '../cases/domain/case.state';
import { ClockPolicy, DEFAULT_CLOCK_POLICY } from './domain/statutory-clock';
import { WorkingCalendar } from './domain/working-calendar';

export const DEADLINE_WATCHER: Actor = { id: 'deadline-watcher', role: 'system' };

interface Logger {
  log(message: string): void;
  error(message: string, trace?: string): void;
}

export interface WatchResult {
  checked: number;
  warnings: number;
  breaches: number;
  /** Art. 43 warnings: escalated cases not sent up in time. */
  escalations: number;
}

/**
 * The system actor that issues yellow and red warnings (SPEC §5 rule 13). It reads the running cases
 * from the case list, asks the decider, and appends through the case's stream like any command.
 * Command ids name the case, the due date and the warning, so a second run, or a second instance,
 * writes nothing new. Run at start-up it catches up on everything that fell due while the service was down.
 */
export class DeadlineWatcher {
  private readonly decider;
  private timer?: NodeJS.Timeout;
  private running?: Promise<WatchResult>;

  constructor(
    private readonly store: EventStore,
    private readonly db: ReadModelDb,
    private readonly clock: Clock,
    calendar: WorkingCalendar,
    private readonly logger: Logger,
    policy: ClockPolicy = DEFAULT_CLOCK_POLICY,
    /** Complaint answers and bad-rating rectifications, watched on the same schedule. */
    private readonly followUp?: { tick(): Promise<{ complaintAnswersOverdue: number; rectificationsOverdue: number; ratingInvitations: number }> },
  ) {
    this.decider = createCaseDecider({ calendar, policy });
  }

  async tick(): Promise<WatchResult> {
    const today = localDateOf(this.clock.now());
    const result: WatchResult = { checked: 0, warnings: 0, breaches: 0, escalations: 0 };
    const rows = await this.db.selectFrom('case_list').select(['case_id', 'state']).where('status', '=', 'ACCEPTED').execute();
    for (const row of rows) {
      result.checked++;
      const state = JSON.parse(row.state) as Case;
      const check = (occurredAt: string): CheckDeadline => ({ type: 'CheckDeadline', data: { today, occurredAt } });
      // The read model may lag a little: it only decides whether to look; the stream decides what is written.
      const expected = this.decider.decide(check(this.clock.now().toISOString()), state);
      if (expected.length === 0) continue;
      const kind = expected[0].type;
      const outcome = await handleCommand({
        store: this.store,
        stream: `case-${row.case_id}`,
        decider: this.decider,
        command: check,
        context: { commandId: `deadline:${row.case_id}:${state.timeLimit!.dueDate}:${kind}`, actor: DEADLINE_WATCHER, now: this.clock.now() },
      });
      if (outcome.duplicate) continue;
      for (const event of outcome.events) {
        if (event.type === 'DeadlineWarningIssued') result.warnings++;
        if (event.type === 'DeadlineBreached') result.breaches++;
        if (event.type === 'EscalationReviewOverdue') result.escalations++;
      }
    }
    return result;
  }

  /** Runs now, then every `intervalMs`, one run at a time. */
  start(intervalMs: number): void {
    const run = () => {
      if (this.running) return;
      this.running = this.tick()
        .then(async (r) => {
          if (r.warnings || r.breaches || r.escalations) this.logger.log(`Deadline watcher: ${r.warnings} yellow, ${r.breaches} red, ${r.escalations} not sent up in time, of ${r.checked} running cases`);
          const f = await this.followUp?.tick();
          if (f && (f.complaintAnswersOverdue || f.rectificationsOverdue || f.ratingInvitations)) {
            this.logger.log(`Deadline watcher: ${f.complaintAnswersOverdue} complaint answers and ${f.rectificationsOverdue} rectifications overdue; ${f.ratingInvitations} invitations to rate`);
          }
          return r;
        })
        .catch((error: Error) => {
          this.logger.error(`Deadline watcher failed: ${error.message}`, error.stack);
          return { checked: 0, warnings: 0, breaches: 0, escalations: 0 };
        })
        .finally(() => (this.running = undefined));
    };
    run();
    this.timer = setInterval(run, intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
