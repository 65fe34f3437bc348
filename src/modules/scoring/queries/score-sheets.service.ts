import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '../../../core/errors';
import { ReadModelDb } from '../../../infrastructure/read-models/database';
import { EVENT_STORE, READ_MODEL_DB } from '../../../infrastructure/tokens';
import { EventStore } from '../../../core/event-store';
import { localDateOf } from '../../../core/dates';
import { exists, caseAsOf } from '../../cases';
import { Period, parsePeriod, previousPeriod, requirePeriod } from '../domain/periods';
import { RuleSet, ruleSetOn } from '../domain/rule-set';
import { AppealRecord, ScoreSheet, assembleSheet } from '../domain/score-sheet';
import { BoardEntry, TIE_RULE, lastPlaceNotice, lastPlaceStreaks, rankBoard } from '../domain/scoreboard';
import { ScoreLine } from '../domain/score-lines';
import { ScoringRules } from '../scoring-rules.service';

/** Score sheets and the scoreboard of a period, assembled from the score lines under the period's rules. */
@Injectable()
export class ScoreSheets {
  constructor(
    @Inject(READ_MODEL_DB) private readonly db: ReadModelDb,
    private readonly rules: ScoringRules,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  /** The period's bounds and the rule set in force on its first day; a period of the wrong kind is refused. */
  async periodRules(period: Period, upTo?: bigint): Promise<{ start: string; end: string; ruleSet: RuleSet }> {
    const bounds = requirePeriod(period);
    const ruleSet = ruleSetOn(await this.rules.versions(upTo), bounds.start);
    if (!ruleSet) throw new DomainError('SCORING.NO_RULES', `No scoring rules are in force on ${bounds.start}`);
    if (ruleSet.period !== bounds.kind)
      throw new DomainError(
        'SCORING.WRONG_PERIOD',
        `Version ${ruleSet.version} of the rules scores by ${ruleSet.period}; ask for a ${ruleSet.period}`,
        { period: ruleSet.period },
      );
    return { ...bounds, ruleSet };
  }

  /**
   * The period's lines; with `upTo`, only those the log had produced by that position. A line comes into
   * being with the last event of its evidence (the completion that made a case late, the recorded conduct).
   */
  async lines(
    center: string,
    start: string,
    end: string,
    where: { staffId?: string; window?: string } = {},
    upTo?: bigint,
  ): Promise<ScoreLine[]> {
    let query = this.db
      .selectFrom('score_lines')
      .select('line')
      .where('center', '=', center)
      .where('occurred_on', '>=', start)
      .where('occurred_on', '<=', end);
    if (where.staffId) query = query.where('staff_id', '=', where.staffId);
    if (where.window) query = query.where('window', '=', where.window);
    const lines = (await query.execute()).map((r) => JSON.parse(r.line) as ScoreLine);
    return upTo === undefined ? lines : lines.filter((l) => l.evidence.every((e) => BigInt(e.position) <= upTo));
  }

  /** The lines' appeals; with `upTo`, as they stood then: not yet filed, or filed and not yet decided. */
  private async appeals(lines: ScoreLine[], upTo?: bigint): Promise<AppealRecord[]> {
    if (lines.length === 0) return [];
    const rows = await this.db
      .selectFrom('score_appeals')
      .select('appeal')
      .where(
        'line_id',
        'in',
        lines.map((l) => l.lineId),
      )
      .execute();
    const appeals = rows.map((r) => JSON.parse(r.appeal) as AppealRecord);
    if (upTo === undefined) return appeals;
    return appeals.flatMap((a) => {
      const [filed, decided] = a.evidence;
      if (BigInt(filed.position) > upTo) return [];
      if (decided && BigInt(decided.position) > upTo)
        return [{ ...a, status: 'PENDING' as const, reason: null, decidedOn: null, evidence: [filed] }];
      return [a];
    });
  }

  /** With `upTo`, the sheet as it stood when the log had reached that position (as of a moment). */
  async staffSheet(center: string, staffId: string, period: Period, upTo?: bigint): Promise<ScoreSheet & { window: string | null }> {
    const { start, end, ruleSet } = await this.periodRules(period, upTo);
    const lines = await this.lines(center, start, end, { staffId }, upTo);
    // Joint liability: the windows this staff member is chief representative of share their staff's deductions.
    const chiefOf = ruleSet.jointLiability
      ? await this.db
          .selectFrom('window_directory')
          .select('window')
          .where('center', '=', center)
          .where('chief_representative', '=', staffId)
          .execute()
      : [];
    const asChiefOf = (await Promise.all(chiefOf.map((w) => this.lines(center, start, end, { window: w.window as string }, upTo))))
      .flat()
      .filter((l) => l.staffId !== staffId);
    const appeals = await this.appeals([...lines, ...asChiefOf], upTo);
    return { ...assembleSheet({ period, ruleSet, lines, appeals, asChiefOf }), window: lines[0]?.window ?? null };
  }

  async windowSheet(center: string, window: string, period: Period, upTo?: bigint): Promise<ScoreSheet> {
    const { start, end, ruleSet } = await this.periodRules(period, upTo);
    const lines = await this.lines(center, start, end, { window }, upTo);
    return assembleSheet({ period, ruleSet, lines, appeals: await this.appeals(lines, upTo), forWindow: true });
  }

  /**
   * A department's windows: as the admins defined them (window_directory), else the windows whose
   * cases were accepted under the department's items.
   */
  async windowsOf(center: string, department: string): Promise<string[]> {
    const defined = await this.db
      .selectFrom('window_directory')
      .select('window')
      .where('center', '=', center)
      .where('department', '=', department)
      .execute();
    if (defined.length > 0) return defined.map((r) => r.window as string);
    const served = await this.db
      .selectFrom('case_list')
      .select('window')
      .distinct()
      .where('center', '=', center)
      .where('department', '=', department)
      .execute();
    return served.map((r) => r.window as string);
  }

  /** A department's sheet: every line of its windows, as each window's sheet counts it. */
  async departmentSheet(center: string, department: string, period: Period, upTo?: bigint): Promise<ScoreSheet & { windows: string[] }> {
    const { start, end, ruleSet } = await this.periodRules(period, upTo);
    const windows = await this.windowsOf(center, department);
    const lines = (await Promise.all(windows.map((w) => this.lines(center, start, end, { window: w }, upTo)))).flat();
    return { ...assembleSheet({ period, ruleSet, lines, appeals: await this.appeals(lines, upTo), forWindow: true }), windows };
  }

  /**
   * 排名: every window and staff member of the center on the board (see boardMembers) or with lines in
   * the period, best first, ranked and honoured as `rankBoard` says (ties, honours that need a pass).
   */
  async scoreboard(
    center: string,
    period: Period,
    upTo?: bigint,
  ): Promise<{ ruleVersion: number; ties: string; windows: BoardEntry[]; staff: BoardEntry[] }> {
    const { start, end, ruleSet } = await this.periodRules(period, upTo);
    const lines = await this.lines(center, start, end, {}, upTo);
    const appeals = await this.appeals(lines, upTo);
    const { windows, staff } = await this.boardMembers(center, start, end, upTo);
    for (const l of lines) {
      windows.add(l.window);
      staff.add(l.staffId);
    }
    const windowEntries = [...windows].map((w) => ({
      subject: w,
      sheet: assembleSheet({ period, ruleSet, lines: lines.filter((l) => l.window === w), appeals, forWindow: true }),
    }));
    const staffEntries = [...staff].map((s) => ({
      subject: s,
      sheet: assembleSheet({ period, ruleSet, lines: lines.filter((l) => l.staffId === s), appeals }),
    }));
    const windowBoard = rankBoard(windowEntries, { excellent: ruleSet.excellentTopN, redFlag: ruleSet.redFlagTopN });
    const notices = ruleSet.lastPlaceNotices;
    if (notices) {
      // 末位通报: the same windows' totals in as many earlier periods as the longer notice needs.
      const totals = [new Map(windowEntries.map((e) => [e.subject, e.sheet.total]))];
      let earlier = period;
      for (let i = 1; i < notices.parentDepartment; i++) {
        earlier = previousPeriod(earlier);
        totals.push(await this.windowTotals(center, earlier, [...windows], upTo));
      }
      const streaks = lastPlaceStreaks(totals);
      for (const entry of windowBoard) {
        entry.lastPlaceStreak = streaks.get(entry.subject) ?? 0;
        entry.notice = lastPlaceNotice(entry.lastPlaceStreak, notices);
      }
    }
    return {
      ruleVersion: ruleSet.version,
      ties: TIE_RULE,
      windows: windowBoard,
      staff: rankBoard(staffEntries, { excellent: ruleSet.excellentTopN, redFlag: 0 }),
    };
  }

  /**
   * Who stands on the board: the windows the admins defined and the active staff they registered (a
   * clean sheet of 100 is a result too), and whoever handled a case open at some time in the period
   * (centers that keep no staff list). Someone who left before the period and has no line in it is not.
   */
  private async boardMembers(
    center: string,
    start: string,
    end: string,
    upTo?: bigint,
  ): Promise<{ windows: Set<string>; staff: Set<string> }> {
    const open = (c: { submittedOn: string; completedOn: string | null }) =>
      c.submittedOn <= end && (c.completedOn === null || c.completedOn >= start);
    let handled: Array<{ window: string; handler: string | null }>;
    if (upTo === undefined) {
      handled = (await this.db
        .selectFrom('case_list')
        .select(['window', 'handler'])
        .where('center', '=', center)
        .where('submitted_on', '<=', end)
        .where((eb) => eb.or([eb('completed_on', 'is', null), eb('completed_on', '>=', start)]))
        .execute()) as Array<{ window: string; handler: string | null }>;
    } else {
      // As of a moment: the cases submitted by then; those touched since, folded back to see who handled them then.
      const rows = await this.db
        .selectFrom('case_list')
        .select(['case_id', 'last_position', 'window', 'handler', 'submitted_on', 'completed_on'])
        .where('center', '=', center)
        .where('submitted_position', '<=', Number(upTo))
        .execute();
      handled = [];
      for (const row of rows) {
        if (BigInt(row.last_position) <= upTo) {
          if (open({ submittedOn: row.submitted_on as string, completedOn: (row.completed_on as string | null) ?? null }))
            handled.push({ window: row.window as string, handler: (row.handler as string | null) ?? null });
          continue;
        }
        const state = await caseAsOf(this.store, row.case_id, upTo);
        if (!exists(state)) continue;
        const completedOn = state.completedAt ? localDateOf(state.completedAt) : null;
        if (open({ submittedOn: localDateOf(state.submittedAt), completedOn }))
          handled.push({ window: state.window, handler: state.handler ?? null });
      }
    }
    const registered = await this.db
      .selectFrom('staff_directory')
      .select('staff_id')
      .where('center', '=', center)
      .where('active', '=', 1)
      .execute();
    const defined = await this.db.selectFrom('window_directory').select('window').where('center', '=', center).execute();
    return {
      windows: new Set([...defined.map((r) => r.window as string), ...handled.map((r) => r.window as string)]),
      staff: new Set([
        ...registered.map((r) => r.staff_id as string),
        ...handled.map((r) => r.handler as string | null).filter((h): h is string => Boolean(h)),
      ]),
    };
  }

  /** Each window's total in a period, under that period's rules (none when no rules were in force). */
  private async windowTotals(center: string, period: Period, windows: string[], upTo?: bigint): Promise<Map<string, number>> {
    const bounds = parsePeriod(period)!;
    const ruleSet = ruleSetOn(await this.rules.versions(upTo), bounds.start);
    if (!ruleSet) return new Map();
    const lines = await this.lines(center, bounds.start, bounds.end, {}, upTo);
    const appeals = await this.appeals(lines, upTo);
    return new Map(
      windows.map((w) => [
        w,
        assembleSheet({ period, ruleSet, lines: lines.filter((l) => l.window === w), appeals, forWindow: true }).total,
      ]),
    );
  }
}
