import { LocalDate } from '../../../core/dates';
import { Period } from './periods';
import { RuleSet, gradeOf, pointsOf, starsOf } from './rule-set';
import { EvidenceRef, ScoreLine } from './score-lines';

export interface AppealRecord {
  lineId: string;
  status: 'PENDING' | 'UPHELD' | 'REJECTED';
  grounds: string;
  reason: string | null;
  evidence: EvidenceRef[];
  decidedOn: LocalDate | null;
}

export interface SheetLine {
  lineId: string;
  code: string;
  name: string;
  points: number;
  occurredOn: LocalDate;
  /** The rule applied: its code and the version of the rules it comes from. */
  ruleVersion: number;
  source: 'automatic' | 'recorded' | 'appeal';
  staffId: string;
  caseId: string | null;
  note: string | null;
  evidence: EvidenceRef[];
  appeal: { status: AppealRecord['status']; grounds: string; reason: string | null } | null;
  /** For a restoration: the line whose points an upheld appeal gave back. */
  restores: string | null;
}

export interface ScoreSheet {
  period: Period;
  ruleVersion: number;
  base: number;
  cap: number | null;
  lines: SheetLine[];
  /** Sum of the deductions (negative), of the bonuses, and of the points upheld appeals gave back. */
  deductions: number;
  bonuses: number;
  restored: number;
  total: number;
  grade: string | null;
  stars: number;
}

/**
 * A score sheet (考核表) explains itself: the base, every line with its rule (code and version), its
 * points and the events behind it, and the total, grade and stars. For a window, each staff line counts
 * against the window as it is, or, where the rules set joint liability (连带责任), at the window's figure.
 */
export function assembleSheet(input: {
  period: Period;
  ruleSet: RuleSet;
  lines: ScoreLine[];
  appeals: AppealRecord[];
  forWindow?: boolean;
  /** Deductions of the windows whose chief representative (首席代表) this staff member is: joint liability. */
  asChiefOf?: ScoreLine[];
}): ScoreSheet {
  const { ruleSet, period } = input;
  const appeals = new Map(input.appeals.map((a) => [a.lineId, a]));
  const sheetLines: SheetLine[] = [];
  const ordered = [...input.lines].sort(
    (a, b) =>
      a.occurredOn.localeCompare(b.occurredOn) ||
      Number(BigInt(a.evidence.at(-1)?.position ?? 0) - BigInt(b.evidence.at(-1)?.position ?? 0)) ||
      a.lineId.localeCompare(b.lineId),
  );
  for (const line of ordered) {
    const rule = line.trigger ? ruleSet.rules.find((r) => r.automatic === line.trigger) : ruleSet.rules.find((r) => r.code === line.code);
    // A rule the period's version does not have scores nothing in that period.
    if (!rule) continue;
    let points = pointsOf(rule, line.severe);
    if (input.forWindow && ruleSet.jointLiability && points < 0) points = ruleSet.jointLiability.window;
    const appeal = appeals.get(line.lineId) ?? null;
    sheetLines.push({
      lineId: line.lineId,
      code: rule.code,
      name: rule.name,
      points,
      occurredOn: line.occurredOn,
      ruleVersion: ruleSet.version,
      source: line.source,
      staffId: line.staffId,
      caseId: line.caseId,
      note: line.note,
      evidence: line.evidence,
      appeal: appeal && { status: appeal.status, grounds: appeal.grounds, reason: appeal.reason },
      restores: null,
    });
    if (appeal?.status === 'UPHELD') {
      sheetLines.push({
        lineId: `${line.lineId}:restored`,
        code: rule.code,
        name: `${rule.name} (appeal upheld, points restored)`,
        points: -points,
        occurredOn: appeal.decidedOn ?? line.occurredOn,
        ruleVersion: ruleSet.version,
        source: 'appeal',
        staffId: line.staffId,
        caseId: line.caseId,
        note: appeal.reason,
        evidence: appeal.evidence,
        appeal: null,
        restores: line.lineId,
      });
    }
  }
  // Joint liability (连带责任): the chief representative shares each deduction of their window's staff,
  // at the rules' figure, unless an appeal gave the deduction back.
  const chiefShare = ruleSet.jointLiability?.chiefRepresentative;
  for (const line of chiefShare ? (input.asChiefOf ?? []) : []) {
    const rule = line.trigger ? ruleSet.rules.find((r) => r.automatic === line.trigger) : ruleSet.rules.find((r) => r.code === line.code);
    if (!rule || pointsOf(rule, line.severe) >= 0 || appeals.get(line.lineId)?.status === 'UPHELD') continue;
    sheetLines.push({
      lineId: `${line.lineId}:chief`,
      code: rule.code,
      name: `${rule.name} (连带责任: ${line.staffId})`,
      points: chiefShare!,
      occurredOn: line.occurredOn,
      ruleVersion: ruleSet.version,
      source: line.source,
      staffId: line.staffId,
      caseId: line.caseId,
      note: line.note,
      evidence: line.evidence,
      appeal: null,
      restores: null,
    });
  }
  const sum = (keep: (l: SheetLine) => boolean) => sheetLines.filter(keep).reduce((s, l) => s + l.points, 0);
  const deductions = sum((l) => l.restores === null && l.points < 0);
  const bonuses = sum((l) => l.restores === null && l.points > 0);
  const restored = sum((l) => l.restores !== null);
  const raw = ruleSet.base + deductions + bonuses + restored;
  const total = ruleSet.cap !== null ? Math.min(raw, ruleSet.cap) : raw;
  return {
    period,
    ruleVersion: ruleSet.version,
    base: ruleSet.base,
    cap: ruleSet.cap,
    lines: sheetLines,
    deductions,
    bonuses,
    restored,
    total,
    grade: gradeOf(total, ruleSet.grades),
    stars: starsOf(total, ruleSet.stars),
  };
}

/**
 * How many periods running each window of the current board has been last, newest period first in
 * `totals`. Windows tied at the bottom are all last; a period without the window breaks its run.
 */
export function lastPlaceStreaks(totals: Array<Map<string, number>>): Map<string, number> {
  const streaks = new Map<string, number>();
  for (const window of totals[0]?.keys() ?? []) {
    let streak = 0;
    for (const period of totals) {
      const own = period.get(window);
      if (own === undefined || period.size < 2 || own > Math.min(...period.values())) break;
      streak++;
    }
    streaks.set(window, streak);
  }
  return streaks;
}
