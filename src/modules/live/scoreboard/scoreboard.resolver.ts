import { Inject } from '@nestjs/common';
import { Args, Context, Resolver, Subscription } from '@nestjs/graphql';
import { Clock } from '../../../core/clock';
import { localDateOf } from '../../../core/dates';
import { RecordedEvent } from '../../../core/event-store';
import { RequestContext } from '../../../infrastructure/graphql/current-actor.decorator';
import { followLog } from '../../../infrastructure/graphql/live-events';
import { ProjectionRunner } from '../../../infrastructure/read-models/projection-runner';
import { CLOCK } from '../../../infrastructure/tokens';
import { periodOf, ruleSetOn } from '../../scoring';
import { ScoreSheets, ScoringRules } from '../../scoring/scoring.module';
import { CaseDirectory } from '../case-directory';
import { EventGate } from '../event-gate';

/** Events that can move a scoreboard: a line added or given back, a case, a registration or a window definition that brings a window or a staff member. */
const MOVES_THE_BOARD = new Set([
  'CaseSubmitted',
  'CaseAccepted',
  'CaseReassigned',
  'SupplementRequested',
  'LateNoticeReportOverdue',
  'CaseCompleted',
  'ConductRecorded',
  'AbsenceRecorded',
  'AppealDecided',
  'ComplaintFound',
  'RuleSetPublished',
  'RuleSetAmended',
  'StaffRegistered',
  'WindowDefined',
]);

/**
 * `scoreboard(center)`: the center's board for the current period, sent at once and again each time an
 * event changes it (a dashboard in the hall, 电子显示屏).
 */
@Resolver()
export class ScoreboardLiveResolver {
  constructor(
    private readonly projections: ProjectionRunner,
    private readonly directory: CaseDirectory,
    private readonly sheets: ScoreSheets,
    private readonly rules: ScoringRules,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Subscription('scoreboard', { resolve: (payload: unknown) => payload })
  scoreboard(@Args('center') center: string, @Context() context: RequestContext) {
    const gate = new EventGate('Subscription.scoreboard', context);
    gate.requireReach({ center });
    const board = async () => {
      const today = localDateOf(this.clock.now());
      const ruleSet = ruleSetOn(await this.rules.versions(), today);
      if (!ruleSet) return undefined;
      const period = periodOf(today, ruleSet.period);
      return { center, period, ...(await this.sheets.scoreboard(center, period)) };
    };
    const centerOf = async (e: RecordedEvent): Promise<string | undefined> => {
      const data = e.data as { center?: string };
      if (data.center) return data.center;
      if (e.type === 'RuleSetPublished' || e.type === 'RuleSetAmended') return center;
      return (await this.directory.forEvent(e))?.center;
    };
    let last = '';
    const changed = async () => {
      const current = await board();
      const text = JSON.stringify(current);
      if (current === undefined || text === last) return undefined;
      last = text;
      return current;
    };
    const updates = followLog(this.projections, undefined, async (e) => {
      if (!MOVES_THE_BOARD.has(e.type) || (await centerOf(e)) !== center) return undefined;
      if (!gate.admits({ center })) return undefined;
      return changed();
    });
    return (async function* () {
      try {
        const first = await changed();
        if (first) yield first;
        yield* updates;
      } finally {
        await updates.return?.();
      }
    })();
  }
}
