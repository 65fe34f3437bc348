import { HonourBar, ScoreSheet } from './score-sheet';

/**
 * 排名、评优与末位 (SPEC §6 and its clarifications). A published board carries consequences (流动红旗,
 * 优秀窗口/优秀个人, 末位通报), so nothing on it depends on a name's alphabetical order:
 * - equal totals share a rank (1, 2, 2, 4);
 * - honours need a pass: only sheets with no honour bar (graded as the rules require, no D14 line) are
 *   eligible, and a top-N larger than the number eligible names only the eligible;
 * - a cut-off takes in everyone tied at it: the top N go to every eligible subject whose total reaches
 *   the N-th eligible total, so a tie at the cut-off may name more than N;
 * - last place (末位) is the lowest total when some total is higher: everyone tied there is last, and
 *   nobody is last when all tie.
 */
export const TIE_RULE =
  'Equal totals share a rank and are listed by name. Honours go only to subjects graded as the rules ' +
  'require and holding no no-awards line; the top N of them are every eligible subject whose total ' +
  'reaches the N-th eligible total, so all tied at a cut-off are in. Last place is the lowest total when ' +
  'some total is higher: all tied there are last, and nobody is last when all tie.';

export interface BoardEntry {
  subject: string;
  total: number;
  grade: string | null;
  stars: number;
  /** Competition rank: one plus the number of subjects with a higher total. */
  rank: number;
  /** Shares its total, and so its rank, with another subject on the board. */
  tied: boolean;
  excellent: boolean;
  redFlag: boolean;
  /** Why no honour could go to this subject (null when eligible). */
  honourBar: HonourBar | null;
  /** At the bottom of the board, with some subject above (并列末位 included). */
  lastPlace: boolean;
  /** Windows: periods running at the bottom of the board, and the notice the rules attach to that. */
  lastPlaceStreak: number;
  notice: 'INTERNAL' | 'PARENT_DEPARTMENT' | null;
}

/** The subjects at the bottom of a board: the lowest total when some total is higher, else none. */
export function lastPlaceTotal(totals: Iterable<number>): number | null {
  const all = [...totals];
  if (all.length === 0) return null;
  const lowest = Math.min(...all);
  return all.some((t) => t > lowest) ? lowest : null;
}

/** The board of one kind of subject (windows or staff), best first; `redFlagTopN` 0 for staff. */
export function rankBoard(
  entries: Array<{ subject: string; sheet: ScoreSheet }>,
  topN: { excellent: number; redFlag: number },
): BoardEntry[] {
  const sorted = [...entries].sort((a, b) => b.sheet.total - a.sheet.total || a.subject.localeCompare(b.subject));
  const eligibleTotals = sorted.filter((e) => e.sheet.honourBar === null).map((e) => e.sheet.total);
  // The total the N-th eligible subject holds: every eligible subject reaching it is in.
  const cutOff = (n: number) => (n > 0 && eligibleTotals.length > 0 ? eligibleTotals[Math.min(n, eligibleTotals.length) - 1] : Infinity);
  const excellentFrom = cutOff(topN.excellent);
  const redFlagFrom = cutOff(topN.redFlag);
  const bottom = lastPlaceTotal(sorted.map((e) => e.sheet.total));
  const count = new Map<number, number>();
  for (const e of sorted) count.set(e.sheet.total, (count.get(e.sheet.total) ?? 0) + 1);
  let firstAt = 0;
  return sorted.map((e, i) => {
    const { total } = e.sheet;
    if (i === 0 || sorted[i - 1].sheet.total !== total) firstAt = i;
    const eligible = e.sheet.honourBar === null;
    return {
      subject: e.subject,
      total,
      grade: e.sheet.grade,
      stars: e.sheet.stars,
      rank: firstAt + 1,
      tied: count.get(total)! > 1,
      excellent: eligible && total >= excellentFrom,
      redFlag: eligible && total >= redFlagFrom,
      honourBar: e.sheet.honourBar,
      lastPlace: total === bottom,
      lastPlaceStreak: 0,
      notice: null,
    };
  });
}

/**
 * How many periods running each window of the current board has been last, newest period first in
 * `totals`: last as `lastPlaceTotal` says (ties at the bottom included, nobody when all tie); a period
 * without the window breaks its run.
 */
export function lastPlaceStreaks(totals: Array<Map<string, number>>): Map<string, number> {
  const streaks = new Map<string, number>();
  const bottoms = totals.map((period) => lastPlaceTotal(period.values()));
  for (const window of totals[0]?.keys() ?? []) {
    let streak = 0;
    for (const [i, period] of totals.entries()) {
      const own = period.get(window);
      if (own === undefined || own !== bottoms[i]) break;
      streak++;
    }
    streaks.set(window, streak);
  }
  return streaks;
}

/** 末位通报: the notice a run at the bottom draws under the rules (none when the rules set none). */
export function lastPlaceNotice(
  streak: number,
  notices: { internal: number; parentDepartment: number } | null | undefined,
): BoardEntry['notice'] {
  if (!notices) return null;
  return streak >= notices.parentDepartment ? 'PARENT_DEPARTMENT' : streak >= notices.internal ? 'INTERNAL' : null;
}
