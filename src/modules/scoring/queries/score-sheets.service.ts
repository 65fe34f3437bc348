import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '../../../core/errors';
import { ReadModelDb } from '../../../infrastructure/read-models/database';
import { READ_MODEL_DB } from '../../../infrastructure/tokens';
import { Period, parsePeriod, previousPeriod, requirePeriod } from '../domain/periods';
import { RuleSet, ruleSetOn } from '../domain/rule-set';
import { AppealRecord, ScoreSheet, assembleSheet, lastPlaceStreaks } from '../domain/score-sheet';
import { ScoreLine } from '../domain/score-lines';
import { ScoringRules } from '../scoring-rules.service';

export interface BoardEntry {
  subject: string;
  total: number;
  grade: string | null;
  stars: number;
  rank: number;
  excellent: boolean;
  redFlag: boolean;
  /** Windows: periods running at the bottom of the board, and the notice the rules attach to that. */
  lastPlaceStreak: number;
  notice: 'INTERNAL' | 'PARENT_DEPARTMENT' | null;
}

/** Score sheets and the scoreboard of a period, assembled from the score lines under the period's rules. */
@Injectable()
export class ScoreSheets {
  constructor(
    @Inject(READ_MODEL_DB) private readonly db: ReadModelDb,
    private readonly rules: ScoringRules,
  ) {}

  /** The period's bounds and the rule set in force on its first day; a period of the wrong kind is refused. */
  async periodRules(period: Period): Promise<{ start: string; end: string; ruleSet: RuleSet }> {
    const bounds = requirePeriod(period);
    const ruleSet = ruleSetOn(await this.rules.versions(), bounds.start);
    if (!ruleSet) throw new DomainError('SCORING.NO_RULES', `No scoring rules are in force on ${bounds.start}`);
    if (ruleSet.period !== bounds.kind) throw new DomainError('SCORING.WRONG_PERIOD', `Version ${ruleSet.version} of the rules scores by ${ruleSet.period}; ask for a ${ruleSet.period}`, { period: ruleSet.period });
    return { ...bounds, ruleSet };
  }

  async lines(center: string, start: string, end: string, where: { staffId?: string; window?: string } = {}): Promise<ScoreLine[]> {
    let query = this.db.selectFrom('score_lines').select('line').where('center', '=', center).where('occurred_on', '>=', start).where('occurred_on', '<=', end);
    if (where.staffId) query = query.where('staff_id', '=', where.staffId);
    if (where.window) query = query.where('window', '=', where.window);
    return (await query.execute()).map((r) => JSON.parse(r.line) as ScoreLine);
  }

  private async appeals(lines: ScoreLine[]): Promise<AppealRecord[]> {
    if (lines.length === 0) return [];
    const rows = await this.db.selectFrom('score_appeals').select('appeal').where('line_id', 'in', lines.map((l) => l.lineId)).execute();
    return rows.map((r) => JSON.parse(r.appeal) as AppealRecord);
  }

  async staffSheet(center: string, staffId: string, period: Period): Promise<ScoreSheet & { window: string | null }> {
    const { start, end, ruleSet } = await this.periodRules(period);
    const lines = await this.lines(center, start, end, { staffId });
    // Joint liability: the windows this staff member is chief representative of share their staff's deductions.
    const chiefOf = ruleSet.jointLiability ? await this.db.selectFrom('window_directory').select('window').where('center', '=', center).where('chief_representative', '=', staffId).execute() : [];
    const asChiefOf = (await Promise.all(chiefOf.map((w) => this.lines(center, start, end, { window: w.window as string })))).flat().filter((l) => l.staffId !== staffId);
    const appeals = await this.appeals([...lines, ...asChiefOf]);
    return { ...assembleSheet({ period, ruleSet, lines, appeals, asChiefOf }), window: lines[0]?.window ?? null };
  }

  async windowSheet(center: string, window: string, period: Period): Promise<ScoreSheet> {
    const { start, end, ruleSet } = await this.periodRules(period);
    const lines = await this.lines(center, start, end, { window });
    return assembleSheet({ period, ruleSet, lines, appeals: await this.appeals(lines), forWindow: true });
  }

  /**
   * A department's windows: as the admins defined them (window_directory), else the windows whose
   * cases were accepted under the department's items.
   */
  async windowsOf(center: string, department: string): Promise<string[]> {
    const defined = await this.db.selectFrom('window_directory').select('window').where('center', '=', center).where('department', '=', department).execute();
    if (defined.length > 0) return defined.map((r) => r.window as string);
    const served = await this.db.selectFrom('case_list').select('window').distinct().where('center', '=', center).where('department', '=', department).execute();
    return served.map((r) => r.window as string);
  }

  /** A department's sheet: every line of its windows, as each window's sheet counts it. */
  async departmentSheet(center: string, department: string, period: Period): Promise<ScoreSheet & { windows: string[] }> {
    const { start, end, ruleSet } = await this.periodRules(period);
    const windows = await this.windowsOf(center, department);
    const lines = (await Promise.all(windows.map((w) => this.lines(center, start, end, { window: w })))).flat();
    return { ...assembleSheet({ period, ruleSet, lines, appeals: await this.appeals(lines), forWindow: true }), windows };
  }

  /**
   * 排名: every window and staff member of the center with cases or lines in the period, best first.
   * The top windows carry the red flag (流动红旗); the top windows and staff are named excellent.
   */
  async scoreboard(center: string, period: Period): Promise<{ ruleVersion: number; windows: BoardEntry[]; staff: BoardEntry[] }> {
    const { start, end, ruleSet } = await this.periodRules(period);
    const lines = await this.lines(center, start, end);
    const appeals = await this.appeals(lines);
    const known = await this.db.selectFrom('case_list').select(['window', 'handler']).where('center', '=', center).execute();
    const windows = new Set([...known.map((r) => r.window as string), ...lines.map((l) => l.window)]);
    const staff = new Set([...known.map((r) => r.handler as string | null).filter((h): h is string => Boolean(h)), ...lines.map((l) => l.staffId)]);
    const rank = (entries: Array<{ subject: string; sheet: ScoreSheet }>, redFlags: number): BoardEntry[] => {
      const sorted = entries.sort((a, b) => b.sheet.total - a.sheet.total || a.subject.localeCompare(b.subject));
      return sorted.map((e, i) => {
        // Equal totals share a rank (1, 2, 2, 4).
        const rankNo = sorted.findIndex((x) => x.sheet.total === e.sheet.total) + 1;
        return { subject: e.subject, total: e.sheet.total, grade: e.sheet.grade, stars: e.sheet.stars, rank: rankNo, excellent: i < ruleSet.excellentTopN, redFlag: i < redFlags, lastPlaceStreak: 0, notice: null };
      });
    };
    const windowEntries = [...windows].map((w) => ({ subject: w, sheet: assembleSheet({ period, ruleSet, lines: lines.filter((l) => l.window === w), appeals, forWindow: true }) }));
    const staffEntries = [...staff].map((s) => ({ subject: s, sheet: assembleSheet({ period, ruleSet, lines: lines.filter((l) => l.staffId === s), appeals }) }));
    const windowBoard = rank(windowEntries, ruleSet.redFlagTopN);
    const notices = ruleSet.lastPlaceNotices;
    if (notices) {
      // 末位通报: the same windows' totals in as many earlier periods as the longer notice needs.
      const totals = [new Map(windowEntries.map((e) => [e.subject, e.sheet.total]))];
      let earlier = period;
      for (let i = 1; i < notices.parentDepartment; i++) {
        earlier = previousPeriod(earlier);
        totals.push(await this.windowTotals(center, earlier, [...windows]));
      }
      const streaks = lastPlaceStreaks(totals);
      for (const entry of windowBoard) {
        entry.lastPlaceStreak = streaks.get(entry.subject) ?? 0;
        entry.notice = entry.lastPlaceStreak >= notices.parentDepartment ? 'PARENT_DEPARTMENT' : entry.lastPlaceStreak >= notices.internal ? 'INTERNAL' : null;
      }
    }
    return { ruleVersion: ruleSet.version, windows: windowBoard, staff: rank(staffEntries, 0) };
  }

  /** Each window's total in a period, under that period's rules (none when no rules were in force). */
  private async windowTotals(center: string, period: Period, windows: string[]): Promise<Map<string, number>> {
    const bounds = parsePeriod(period)!;
    const ruleSet = ruleSetOn(await this.rules.versions(), bounds.start);
    if (!ruleSet) return new Map();
    const lines = await this.lines(center, bounds.start, bounds.end);
    const appeals = await this.appeals(lines);
    return new Map(windows.map((w) => [w, assembleSheet({ period, ruleSet, lines: lines.filter((l) => l.window === w), appeals, forWindow: true }).total]));
  }
}
