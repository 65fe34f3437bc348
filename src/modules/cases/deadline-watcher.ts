import { DEADLINE_WATCHER } from '../../core/actor';
import { ScheduledCheck } from '../../core/scheduled-check';
import { Clock } from '../../core/clock';
import { localDateOf } from '../../core/dates';
import { EventStore, RecordedEvent } from '../../core/event-store';
import { handleCommand } from '../../core/handle-command';
import { ReadModelDb } from '../../infrastructure/read-models/database';
import { CheckDeadline, CorrectDueDate } from './domain/clock.decide';
import { CheckLateNoticeReport } from './domain/lifecycle.decide';
import { createCaseDecider } from './domain/case.decide';
import { CaseEvent } from './domain/case.events';
import { Case, exists, isOpenReview, participantsOf } from './domain/case.state';
import { ClockPolicy, DEFAULT_CLOCK_POLICY, WorkingCalendar } from '../time-limits';
import { caseStream } from './domain/case-stream';

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
  /** Rule 12: running steps past their own limit. */
  stepWarnings: number;
  /** 联办件: participants' reviews warned yellow or red. */
  reviewWarnings: number;
  /** 上报件: the center's own time warned yellow or found over its limit. */
  centerTimeWarnings: number;
  /** Provisional due dates settled because the official schedule of their years is now installed. */
  corrections: number;
  /** 补正期限: cases closed because the applicant did not bring the missing materials in time. */
  lapsedSupplements: number;
  /** D11: late first notices the window did not report within the week. */
  unreportedLateNotices: number;
}

const emptyResult = (): WatchResult => ({
  checked: 0,
  warnings: 0,
  breaches: 0,
  escalations: 0,
  stepWarnings: 0,
  reviewWarnings: 0,
  centerTimeWarnings: 0,
  corrections: 0,
  lapsedSupplements: 0,
  unreportedLateNotices: 0,
});

/**
 * What a watcher's event is about, for its command id: the same warning of the same case is written
 * once, by whichever run or instance comes first.
 */
function watchKey(event: CaseEvent, state: Case): string {
  switch (event.type) {
    case 'StepOverdue':
      return `${state.id}:step:${event.data.step}`;
    case 'DueDateCorrected':
      return `${state.id}:correction:${event.data.previousDueDate}:${event.data.dueDate}:${event.data.provisional}`;
    case 'CaseTerminated':
      return `${state.id}:supplement-lapsed:${state.applicantDue}`;
    case 'LateNoticeReportOverdue':
      return `${state.id}:late-notice-unreported`;
    // 联办件: each participant's review is warned on its own due date.
    case 'ReviewWarningIssued':
    case 'ReviewOverdue':
      return `${state.id}:review:${event.data.window}:${event.data.dueDate}:${event.type}`;
    default:
      return `${state.id}:${state.timeLimit?.dueDate}:${event.type}`;
  }
}

/**
 * The system actor that issues yellow and red warnings (SPEC §5 rule 13), step warnings (rule 12), and
 * closes a case whose applicant missed the 补正期限. It reads the running cases from the case list, asks
 * the decider, and appends through the case's stream like any command. Command ids name the case and
 * what is said (watchKey), so a second run, or a second instance, writes nothing new. On its first run it
 * settles, before checking, the provisional due dates the installed calendar can now settle, so warnings
 * count from the corrected date. Run at start-up it catches up on everything that fell due while the service was down.
 */
export class DeadlineWatcher {
  private readonly decider;
  private timer?: NodeJS.Timeout;
  private running?: Promise<WatchResult>;
  /**
   * The calendar is loaded once, at start-up: provisional due dates can only change then, so they are
   * settled by the first run that completes, not looked at again every minute.
   */
  private settled = false;

  constructor(
    private readonly store: EventStore,
    private readonly db: ReadModelDb,
    private readonly clock: Clock,
    calendar: WorkingCalendar,
    private readonly logger: Logger,
    policy: ClockPolicy = DEFAULT_CLOCK_POLICY,
    /** Other modules' checks on the same schedule (complaint answers, rectifications, invitations to rate). */
    private readonly followUps: readonly ScheduledCheck[] = [],
  ) {
    this.decider = createCaseDecider({ calendar, policy });
  }

  async tick(): Promise<WatchResult> {
    const today = localDateOf(this.clock.now());
    const result = emptyResult();
    const rows = await this.db
      .selectFrom('case_list')
      .select(['case_id', 'state'])
      .where('status', 'in', ['ACCEPTED', 'AWAITING_SUPPLEMENT'])
      .execute();
    for (const row of rows) {
      result.checked++;
      let state = JSON.parse(row.state) as Case;
      if (!this.settled && state.timeLimit?.provisional) {
        const correction = await this.run(state, (occurredAt) => ({ type: 'CorrectDueDate', data: { today, occurredAt } }));
        if (correction) {
          state = correction.state;
          result.corrections += correction.written.length;
        }
      }
      const chiefRepresentatives = await this.chiefRepresentativesOf(state);
      const check = await this.run(state, (occurredAt) => ({ type: 'CheckDeadline', data: { today, chiefRepresentatives, occurredAt } }));
      for (const event of check?.written ?? []) {
        if (event.type === 'DeadlineWarningIssued') result.warnings++;
        if (event.type === 'DeadlineBreached') result.breaches++;
        if (event.type === 'EscalationReviewOverdue') result.escalations++;
        if (event.type === 'StepOverdue') result.stepWarnings++;
        if (event.type === 'ReviewWarningIssued' || event.type === 'ReviewOverdue') result.reviewWarnings++;
        if (event.type === 'CenterTimeWarningIssued' || event.type === 'CenterTimeExceeded') result.centerTimeWarnings++;
        if (event.type === 'CaseTerminated') result.lapsedSupplements++;
      }
    }
    this.settled = true;
    await this.lateNoticeReports(today, result);
    return result;
  }

  /** 联办件: the chief representative of each participating window whose review is still open. */
  private async chiefRepresentativesOf(c: Case): Promise<Record<string, string | null>> {
    const found: Record<string, string | null> = {};
    for (const p of participantsOf(c).filter(isOpenReview)) found[p.window] = await this.chiefRepresentative(c.center, p.window);
    return found;
  }

  /** The window's chief representative (首席代表), as the admins defined the window; null when none is. */
  private async chiefRepresentative(center: string, window: string): Promise<string | null> {
    const row = await this.db
      .selectFrom('window_directory')
      .select('definition')
      .where('key', '=', `${center}/${window}`)
      .executeTakeFirst();
    return row ? ((JSON.parse(row.definition) as { chiefRepresentative: string | null }).chiefRepresentative ?? null) : null;
  }

  /**
   * D11: a late first notice the window has not reported by the end of the week, whatever the case's
   * status since (reporting is the window's conduct, not the clock). The window's chief representative,
   * as the admins defined the window, is named the direct responsible person.
   */
  private async lateNoticeReports(today: string, result: WatchResult): Promise<void> {
    const rows = await this.db
      .selectFrom('case_list')
      .select(['state', 'center', 'window'])
      .where('late_notice_report_due', '<', today)
      .execute();
    for (const row of rows) {
      const chiefRepresentative = await this.chiefRepresentative(row.center as string, row.window as string);
      const check = await this.run(JSON.parse(row.state) as Case, (occurredAt) => ({
        type: 'CheckLateNoticeReport',
        data: { today, chiefRepresentative, occurredAt },
      }));
      result.unreportedLateNotices += check?.written.length ?? 0;
    }
  }

  /**
   * The read model may lag a little: it only decides whether to look; the stream decides what is
   * written. Returns the case as it stands after the command, and what this run wrote.
   */
  private async run(
    state: Case,
    command: (occurredAt: string) => CheckDeadline | CorrectDueDate | CheckLateNoticeReport,
  ): Promise<{ state: Case; written: RecordedEvent[] } | null> {
    const expected = this.decider.decide(command(this.clock.now().toISOString()), state);
    if (expected.length === 0) return null;
    const outcome = await handleCommand({
      store: this.store,
      stream: caseStream(state.id),
      decider: this.decider,
      command,
      context: { commandId: `deadline:${watchKey(expected[0], state)}`, actor: DEADLINE_WATCHER, now: this.clock.now() },
    });
    return exists(outcome.state) ? { state: outcome.state, written: outcome.duplicate ? [] : outcome.events } : null;
  }

  /** Runs now, then every `intervalMs`, one run at a time. */
  start(intervalMs: number): void {
    const run = () => {
      if (this.running) return;
      this.running = this.tick()
        .then(async (r) => {
          if (
            r.warnings ||
            r.breaches ||
            r.escalations ||
            r.stepWarnings ||
            r.reviewWarnings ||
            r.centerTimeWarnings ||
            r.lapsedSupplements
          ) {
            this.logger.log(
              `Deadline watcher: ${r.warnings} yellow, ${r.breaches} red, ${r.escalations} not sent up in time, ${r.stepWarnings} steps overdue, ${r.reviewWarnings} joint reviews warned, ${r.centerTimeWarnings} escalated cases' center time warned, ${r.lapsedSupplements} closed for a missed 补正期限, of ${r.checked} open cases`,
            );
          }
          if (r.corrections)
            this.logger.log(`Deadline watcher: ${r.corrections} provisional due dates settled on the installed holiday schedule`);
          if (r.unreportedLateNotices)
            this.logger.log(`Deadline watcher: ${r.unreportedLateNotices} late supplement notices not reported within the week (D11)`);
          for (const check of this.followUps) {
            const recorded = await check.run();
            if (recorded) this.logger.log(`Deadline watcher: ${recorded}`);
          }
          return r;
        })
        .catch((error: Error) => {
          // The case list rebuilt in the background: the next pass after it is done catches up.
          if ((error as { code?: string }).code === 'READ_MODEL.REBUILDING')
            this.logger.log(`Deadline watcher waits for a read model: ${error.message}`);
          else this.logger.error(`Deadline watcher failed: ${error.message}`, error.stack);
          return emptyResult();
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
