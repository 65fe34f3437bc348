import { FieldIssue } from '../../../core/errors';
import { listIssues, textIssues } from '../../../core/validation';
import { AcceptanceDays, CaseKind, LimitUnit } from '../../time-limits/domain';

/** A service item (事项) as published in the catalog (事项目录 / 办事指南), before it gets a version. */
export interface ServiceItemDefinition {
  code: string;
  name: string;
  department: string;
  window: string;
  kind: CaseKind;
  legalLimit?: number;
  promisedLimit?: number;
  limitUnit: LimitUnit;
  fee: string;
  feeBasis?: string;
  legalBasis?: string;
  materials: string[];
  steps: string[];
  /** Rule 12: a step (环节) may carry its own limit, in working days. */
  stepLimits?: Record<string, number>;
  /** A step's shortest duration in natural days (公示 at least 7 days): recording it earlier is refused. */
  stepMinimumDays?: Record<string, number>;
  /** 受理日: the days of the month the item is accepted on (城乡低保: 1–10); every day when absent. */
  acceptanceDays?: AcceptanceDays;
  /**
   * 补正期限: how long an applicant has to bring what a supplement notice lists, counted from the day
   * after the notice. When it passes with nothing brought, the case is closed with a written
   * non-acceptance (不予受理).
   */
  supplementDeadline?: { days: number; unit: LimitUnit };
  allowsToleranceAcceptance: boolean;
  /**
   * 联办件 / 并联审批 (SPEC §3): the windows or departments a joint case is sent to (抄告相关) when the lead
   * window accepts it, each reviewing in parallel within its own limit. Joint items only.
   */
  participants?: ParticipantDefinition[];
}

/** A window (or the department behind it) that reviews a joint case beside the lead window. */
export interface ParticipantDefinition {
  /** The window its staff sign in at: they record its opinion. */
  window: string;
  department: string;
  /** Working days from the day after notification (the same counting as the case's own clock). */
  reviewLimit: number;
  /** An opinion the lead must have before completing; false for one only asked for advice. Default true. */
  required?: boolean;
}

/** SPEC §3: a joint case involves three or more windows or departments, the lead among them. */
export const MIN_JOINT_PARTICIPANTS = 2;

export const CASE_KINDS: CaseKind[] = ['immediate', 'promised', 'joint', 'escalated'];
export const LIMIT_UNITS: LimitUnit[] = ['working_days', 'natural_days'];
const CODE = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

/** Checks an item as it would be published; every problem is named, prefixed with `field`. */
export function serviceItemIssues(item: ServiceItemDefinition, field = 'item'): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const f = (name: string) => `${field}.${name}`;
  if (typeof item.code !== 'string' || !CODE.test(item.code))
    issues.push({ field: f('code'), message: 'must be 1–64 letters, digits, ".", "_" or "-"' });
  issues.push(...textIssues(item.name, f('name'), { max: 200 }), ...textIssues(item.department, f('department'), { max: 100 }));
  if (typeof item.window !== 'string' || !CODE.test(item.window))
    issues.push({ field: f('window'), message: 'must be a window id of letters, digits, ".", "_" or "-"' });
  if (!CASE_KINDS.includes(item.kind)) issues.push({ field: f('kind'), message: `must be one of ${CASE_KINDS.join(', ')}` });
  if (!LIMIT_UNITS.includes(item.limitUnit)) issues.push({ field: f('limitUnit'), message: `must be one of ${LIMIT_UNITS.join(', ')}` });
  for (const key of ['legalLimit', 'promisedLimit'] as const) {
    const v = item[key];
    if (v !== undefined && (!Number.isInteger(v) || v < 0 || v > 365))
      issues.push({ field: f(key), message: 'must be a whole number of days from 0 to 365' });
  }
  if (item.legalLimit !== undefined && item.promisedLimit !== undefined && item.promisedLimit > item.legalLimit) {
    issues.push({ field: f('promisedLimit'), message: `must not be longer than the legal limit (${item.legalLimit})` });
  }
  issues.push(...textIssues(item.fee, f('fee'), { max: 200 }));
  issues.push(...textIssues(item.feeBasis, f('feeBasis'), { required: false, max: 500 }));
  issues.push(...textIssues(item.legalBasis, f('legalBasis'), { required: false, max: 1000 }));
  issues.push(...listIssues(item.materials ?? [], f('materials'), { required: false }));
  issues.push(...listIssues(item.steps ?? [], f('steps'), { required: false, maxItems: 50, maxLength: 100 }));
  if (new Set(item.steps).size !== (item.steps ?? []).length) issues.push({ field: f('steps'), message: 'must not repeat a step' });
  for (const [step, limit] of Object.entries(item.stepLimits ?? {})) {
    if (!(item.steps ?? []).includes(step)) issues.push({ field: f(`stepLimits.${step}`), message: 'names a step the item does not have' });
    if (!Number.isInteger(limit) || limit < 0 || limit > 365)
      issues.push({ field: f(`stepLimits.${step}`), message: 'must be a whole number of working days from 0 to 365' });
  }
  for (const [step, days] of Object.entries(item.stepMinimumDays ?? {})) {
    if (!(item.steps ?? []).includes(step))
      issues.push({ field: f(`stepMinimumDays.${step}`), message: 'names a step the item does not have' });
    if (!Number.isInteger(days) || days < 1 || days > 365)
      issues.push({ field: f(`stepMinimumDays.${step}`), message: 'must be a whole number of days from 1 to 365' });
  }
  if (item.acceptanceDays !== undefined) {
    const { from, to } = item.acceptanceDays ?? ({} as AcceptanceDays);
    if (!Number.isInteger(from) || !Number.isInteger(to) || from < 1 || to > 31 || from > to) {
      issues.push({ field: f('acceptanceDays'), message: 'must give days of the month "from" and "to", 1 ≤ from ≤ to ≤ 31' });
    }
  }
  if (item.supplementDeadline !== undefined) {
    const { days, unit } = item.supplementDeadline ?? ({} as { days: number; unit: LimitUnit });
    if (!Number.isInteger(days) || days < 1 || days > 365)
      issues.push({ field: f('supplementDeadline.days'), message: 'must be a whole number of days from 1 to 365' });
    if (!LIMIT_UNITS.includes(unit))
      issues.push({ field: f('supplementDeadline.unit'), message: `must be one of ${LIMIT_UNITS.join(', ')}` });
  }
  issues.push(...participantIssues(item.participants, item.window, item.kind === 'joint', f('participants')));
  return issues;
}

/**
 * The participants of a joint item (or of one joint case, as accepted): windows other than the lead's,
 * each once, with a department and a limit; at least MIN_JOINT_PARTICIPANTS when given.
 */
export function participantIssues(
  participants: ParticipantDefinition[] | undefined,
  leadWindow: string,
  joint: boolean,
  field = 'participants',
): FieldIssue[] {
  if (participants === undefined) return [];
  if (!joint) return [{ field, message: 'only a joint item (kind: joint) has participants' }];
  if (!Array.isArray(participants) || participants.length < MIN_JOINT_PARTICIPANTS || participants.length > 20)
    return [
      { field, message: `must name from ${MIN_JOINT_PARTICIPANTS} to 20 windows besides the lead (a joint case involves three or more)` },
    ];
  const issues: FieldIssue[] = [];
  const seen = new Set<string>();
  participants.forEach((p, i) => {
    const at = `${field}.${i}`;
    if (typeof p?.window !== 'string' || !CODE.test(p.window)) issues.push({ field: `${at}.window`, message: 'must be a window id' });
    else if (p.window === leadWindow)
      issues.push({ field: `${at}.window`, message: 'is the lead window, which is not a participant of its own case' });
    else if (seen.has(p.window)) issues.push({ field: `${at}.window`, message: 'is named twice' });
    seen.add(p?.window);
    issues.push(...textIssues(p?.department, `${at}.department`, { max: 100 }));
    if (!Number.isInteger(p?.reviewLimit) || p.reviewLimit < 1 || p.reviewLimit > 365)
      issues.push({ field: `${at}.reviewLimit`, message: 'must be a whole number of working days from 1 to 365' });
    if (p?.required !== undefined && typeof p.required !== 'boolean')
      issues.push({ field: `${at}.required`, message: 'must be true or false' });
  });
  return issues;
}
