import { LocalDate } from '../../../core/dates';
import { Period } from './periods';
import { RuleSet, ScoringRule, gradeOf, honoursMinTotal, pointsOf, starsOf } from './rule-set';
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
  /** The rulebook's own wording of the rule and where it comes from (考核细则原文), when the rules give them. */
  ruleText: string | null;
  ruleSource: string | null;
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
  /** Why the sheet's subject may hold no honour this period (红旗, 优秀), or null when nothing bars it. */
  honourBar: HonourBar | null;
}

/**
 * Honours need a pass (SPEC §6, clarifications): a sheet graded below the grade the rules name for
 * honours, or holding a line of a no-awards rule (D14 向中介机构介绍业务, 不得评优) that no appeal gave
 * back, earns no red flag and no excellence, whatever its rank.
 */
export interface HonourBar {
  reason: 'GRADE' | 'NO_AWARDS_LINE';
  /** GRADE: the sheet's grade, and the grade honours need. */
  grade: string | null;
  requiredGrade: string | null;
  /** NO_AWARDS_LINE: the line that bars it, and its rule's code. */
  lineId: string | null;
  code: string | null;
}

/** The rule of the period's version that scores a line, if that version has one. */
function ruleFor(ruleSet: RuleSet, line: ScoreLine): ScoringRule | undefined {
  return line.trigger ? ruleSet.rules.find((r) => r.automatic === line.trigger) : ruleSet.rules.find((r) => r.code === line.code);
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
  const wording = (rule: ScoringRule) => ({ ruleText: rule.text ?? null, ruleSource: rule.source ?? ruleSet.rulebook ?? null });
  let noAwardsLine: SheetLine | null = null;
  for (const line of ordered) {
    const rule = ruleFor(ruleSet, line);
    // A rule the period's version does not have scores nothing in that period.
    if (!rule) continue;
    let points = pointsOf(rule, line.severe) * (line.units ?? 1);
    // A late joint case's deduction split among the participants that overran, when the rules say so.
    // To the hundredth, rounded the same way for deductions and bonuses (half away from zero).
    if (line.share !== undefined && ruleSet.jointLateCompletion === 'proportional')
      points = Math.sign(points) * (Math.round(Math.abs(points * line.share) * 100) / 100);
    if (input.forWindow && ruleSet.jointLiability && points < 0) points = ruleSet.jointLiability.window;
    const appeal = appeals.get(line.lineId) ?? null;
    const sheetLine: SheetLine = {
      lineId: line.lineId,
      code: rule.code,
      name: rule.name,
      points,
      occurredOn: line.occurredOn,
      ruleVersion: ruleSet.version,
      ...wording(rule),
      source: line.source,
      staffId: line.staffId,
      caseId: line.caseId,
      note: line.note,
      evidence: line.evidence,
      appeal: appeal && { status: appeal.status, grounds: appeal.grounds, reason: appeal.reason },
      restores: null,
    };
    sheetLines.push(sheetLine);
    if (rule.noAwards && appeal?.status !== 'UPHELD') noAwardsLine ??= sheetLine;
    if (appeal?.status === 'UPHELD') {
      sheetLines.push({
        lineId: `${line.lineId}:restored`,
        code: rule.code,
        name: `${rule.name} (appeal upheld, points restored)`,
        points: -points,
        occurredOn: appeal.decidedOn ?? line.occurredOn,
        ruleVersion: ruleSet.version,
        ...wording(rule),
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
  // at the rules' figure, unless an appeal gave the deduction back. A share is not the conduct itself: it
  // never bars the chief's honours.
  const chiefShare = ruleSet.jointLiability?.chiefRepresentative;
  for (const line of chiefShare ? (input.asChiefOf ?? []) : []) {
    const rule = ruleFor(ruleSet, line);
    if (!rule || pointsOf(rule, line.severe) >= 0 || appeals.get(line.lineId)?.status === 'UPHELD') continue;
    // The chief's share is the rules' figure per deduction, however many units the deduction counts.
    sheetLines.push({
      lineId: `${line.lineId}:chief`,
      code: rule.code,
      name: `${rule.name} (连带责任: ${line.staffId})`,
      points: chiefShare!,
      occurredOn: line.occurredOn,
      ruleVersion: ruleSet.version,
      ...wording(rule),
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
  const grade = gradeOf(total, ruleSet.grades);
  const requiredGrade = ruleSet.honoursGrade ?? ruleSet.grades[0]?.grade ?? null;
  const honourBar: HonourBar | null =
    total < honoursMinTotal(ruleSet)
      ? { reason: 'GRADE', grade, requiredGrade, lineId: null, code: null }
      : noAwardsLine
        ? { reason: 'NO_AWARDS_LINE', grade, requiredGrade, lineId: noAwardsLine.lineId, code: noAwardsLine.code }
        : null;
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
    grade,
    stars: starsOf(total, ruleSet.stars),
    honourBar,
  };
}
