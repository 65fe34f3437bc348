import { LocalDate, isLocalDate } from '../../../core/dates';
import { FieldIssue } from '../../../core/errors';
import { PeriodKind } from './periods';

/**
 * 考核细则: the scoring rules of a center, as versioned data. A period is always scored under the
 * version in force on its first day, so a change never reaches back into a sheet already kept.
 */

/** Deductions that follow from events by themselves; every other rule is recorded by a leader or oversight. */
export const AUTOMATIC_TRIGGERS = [
  'late-completion',
  'second-supplement-notice',
  'late-supplement-notice',
  'valid-complaint-empty-post',
  'unexcused-absence',
] as const;
export type AutomaticTrigger = (typeof AUTOMATIC_TRIGGERS)[number];

export interface ScoringRule {
  /** D06, A02, B01 …: deductions (D, A) are negative, bonuses (B) positive. */
  code: string;
  name: string;
  points: number;
  /** The heavier figure some rules give for a serious case (e.g. D01: −5 with bad impact). */
  severePoints?: number;
  automatic?: AutomaticTrigger;
  /** 不得评优: a line under this rule bars its subject from every honour of the period (D14). */
  noAwards?: boolean;
  /** The rulebook's own wording (考核细则原文, Chinese), shown beside every line the rule scores. */
  text?: string;
  /** Where the wording comes from: the rulebook's article (the version's `rulebook` when absent). */
  source?: string;
}

export interface Grade {
  min: number;
  grade: string;
}

export interface StarBand {
  min: number;
  stars: number;
}

export interface RuleSetDefinition {
  effectiveFrom: LocalDate;
  period: PeriodKind;
  /** Points every sheet starts from. */
  base: number;
  /** Highest total a sheet may show (e.g. 110), or none. */
  cap: number | null;
  /** Highest first: ≥80 合格, ≥60 基本合格, else 不合格. */
  grades: Grade[];
  /** 星级评定 of windows and departments, highest first. */
  stars: StarBand[];
  /** 优秀窗口 / 优秀个人 named each period. */
  excellentTopN: number;
  /** 流动红旗 for the best windows each period. */
  redFlagTopN: number;
  /**
   * The grade an honour needs (评优须考核合格): a red flag or excellence goes only to a sheet graded this
   * or higher. Absent: the highest grade (合格 in the default rules).
   */
  honoursGrade?: string;
  /** The rulebook this version words (考核细则的名称), the source of every rule that names none. */
  rulebook?: string;
  /** 连带责任: a staff deduction also costs the window (and its chief representative) these points, when set. */
  jointLiability: { window: number; chiefRepresentative: number } | null;
  /**
   * A late joint case (联办件) charged to the participants whose reviews overran their limits: `each`
   * (the default) gives each of them the whole D06; `proportional` splits it among them by their overrun.
   */
  jointLateCompletion?: 'each' | 'proportional';
  /**
   * 末位通报: a window last so many periods running draws an internal notice, and then a notice to its
   * parent department (e.g. 2 and 3 months). Absent: no notices.
   */
  lastPlaceNotices?: { internal: number; parentDepartment: number } | null;
  rules: ScoringRule[];
}

export interface RuleSet extends RuleSetDefinition {
  version: number;
}

export function pointsOf(rule: ScoringRule, severe: boolean): number {
  return severe && rule.severePoints !== undefined ? rule.severePoints : rule.points;
}

export function gradeOf(total: number, grades: Grade[]): string | null {
  return grades.find((g) => total >= g.min)?.grade ?? null;
}

/** The lowest total that earns the grade honours need (SPEC §6, clarifications: honours need a pass). */
export function honoursMinTotal(ruleSet: RuleSetDefinition): number {
  const band = ruleSet.honoursGrade === undefined ? ruleSet.grades[0] : ruleSet.grades.find((g) => g.grade === ruleSet.honoursGrade);
  return band?.min ?? Infinity;
}

export function starsOf(total: number, bands: StarBand[]): number {
  return bands.find((b) => total >= b.min)?.stars ?? 0;
}

/** The version in force on a day: the latest whose `effectiveFrom` is on or before it. */
export function ruleSetOn(versions: readonly RuleSet[], day: LocalDate): RuleSet | undefined {
  return [...versions]
    .filter((v) => v.effectiveFrom <= day)
    .sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom) || b.version - a.version)[0];
}

const CODE = /^[A-Z]\d{2}$/;

export function ruleSetIssues(def: RuleSetDefinition, field = 'rules'): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const f = (name: string) => `${field}.${name}`;
  if (typeof def.effectiveFrom !== 'string' || !isLocalDate(def.effectiveFrom))
    issues.push({ field: f('effectiveFrom'), message: 'must be a date YYYY-MM-DD' });
  if (!['month', 'quarter', 'year'].includes(def.period)) issues.push({ field: f('period'), message: 'must be month, quarter or year' });
  if (!Number.isInteger(def.base) || def.base < 0 || def.base > 1000)
    issues.push({ field: f('base'), message: 'must be a whole number from 0 to 1000' });
  if (def.cap !== null && (!Number.isInteger(def.cap) || def.cap < def.base))
    issues.push({ field: f('cap'), message: 'must be a whole number not below the base, or null' });
  for (const [name, list, key] of [
    ['grades', def.grades, 'grade'],
    ['stars', def.stars, 'stars'],
  ] as const) {
    if (!Array.isArray(list)) issues.push({ field: f(name), message: 'must be a list' });
    else if (
      list.some(
        (g, i) =>
          typeof g.min !== 'number' || (i > 0 && g.min >= list[i - 1].min) || (g as unknown as Record<string, unknown>)[key] === undefined,
      )
    ) {
      issues.push({ field: f(name), message: `must list { min, ${key} } from the highest min down` });
    }
  }
  for (const name of ['excellentTopN', 'redFlagTopN'] as const) {
    if (!Number.isInteger(def[name]) || def[name] < 0 || def[name] > 100)
      issues.push({ field: f(name), message: 'must be a whole number from 0 to 100' });
  }
  if (def.rulebook !== undefined && (typeof def.rulebook !== 'string' || !def.rulebook.trim() || def.rulebook.length > 500))
    issues.push({ field: f('rulebook'), message: 'must be text of 1 to 500 characters' });
  if (def.honoursGrade !== undefined && !(Array.isArray(def.grades) && def.grades.some((g) => g.grade === def.honoursGrade)))
    issues.push({ field: f('honoursGrade'), message: 'must name one of the grades' });
  if (
    def.jointLiability !== null &&
    (typeof def.jointLiability?.window !== 'number' || typeof def.jointLiability?.chiefRepresentative !== 'number')
  ) {
    issues.push({ field: f('jointLiability'), message: 'must be { window, chiefRepresentative } points, or null' });
  }
  const notices = def.lastPlaceNotices;
  if (
    notices !== undefined &&
    notices !== null &&
    (!Number.isInteger(notices.internal) ||
      !Number.isInteger(notices.parentDepartment) ||
      notices.internal < 1 ||
      notices.parentDepartment <= notices.internal)
  ) {
    issues.push({
      field: f('lastPlaceNotices'),
      message: 'must be { internal, parentDepartment } periods running, parentDepartment the larger',
    });
  }
  if (!Array.isArray(def.rules) || def.rules.length === 0) issues.push({ field: f('rules'), message: 'must list at least one rule' });
  const seen = new Set<string>();
  (Array.isArray(def.rules) ? def.rules : []).forEach((rule, i) => {
    const r = (name: string) => `${field}.rules[${i}].${name}`;
    if (typeof rule.code !== 'string' || !CODE.test(rule.code))
      issues.push({ field: r('code'), message: 'must be a letter and two digits, e.g. D06' });
    else if (seen.has(rule.code)) issues.push({ field: r('code'), message: `${rule.code} is listed twice` });
    else seen.add(rule.code);
    if (typeof rule.name !== 'string' || !rule.name.trim()) issues.push({ field: r('name'), message: 'must not be empty' });
    const bonus = rule.code?.startsWith('B');
    for (const key of ['points', 'severePoints'] as const) {
      const value = rule[key];
      if (value === undefined && key === 'severePoints') continue;
      if (!Number.isInteger(value) || value === 0 || (bonus ? value! < 0 : value! > 0) || Math.abs(value!) > 100) {
        issues.push({
          field: r(key),
          message: bonus ? 'must be a positive whole number (a bonus)' : 'must be a negative whole number (a deduction)',
        });
      }
    }
    if (rule.noAwards !== undefined && typeof rule.noAwards !== 'boolean')
      issues.push({ field: r('noAwards'), message: 'must be true or false' });
    for (const key of ['text', 'source'] as const) {
      if (rule[key] !== undefined && (typeof rule[key] !== 'string' || !rule[key]!.trim() || rule[key]!.length > 2000))
        issues.push({ field: r(key), message: 'must be text of 1 to 2000 characters' });
    }
    if (rule.automatic !== undefined && !AUTOMATIC_TRIGGERS.includes(rule.automatic))
      issues.push({ field: r('automatic'), message: `must be one of ${AUTOMATIC_TRIGGERS.join(', ')}` });
  });
  if (def.jointLateCompletion !== undefined && !['each', 'proportional'].includes(def.jointLateCompletion))
    issues.push({ field: f('jointLateCompletion'), message: 'must be each or proportional' });
  return issues;
}
