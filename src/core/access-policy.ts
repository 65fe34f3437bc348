import { DomainError } from './errors';

/**
 * Who may do what (权限). One row per operation of the API; docs/security.md is generated from this
 * table (`npm run docs:security`) and the authorization test runs every row for every role.
 *
 * A rule names how far a role reaches from where its token places it:
 * - `window`: cases of the actor's own window (窗口) in their center, and any case of their center handed
 *   to them as the cover of a colleague's post (AB岗: the B post acts while the A post is away);
 * - `involved`: as `window`, and also a joint case (联办件) the actor's window takes part in, to read it;
 * - `participant`: only a joint case the actor's window takes part in (抄告相关), for its own review;
 * - `center`: everything in the actor's own center (中心) (for admins: its staff lists and windows);
 * - `assigned`: everything in the centers the oversight office (纪委/监察) is assigned;
 * - `all`: anything, for information that is public to every user (the catalog, the calendar);
 * - `self`: what concerns the actor personally in their own center (their own score sheet, their own lines);
 * - `own`: an applicant's own case, proved by its receipt number and the last six characters of the
 *   identity number it was submitted with (进度查询).
 * A role without a rule is refused. The system actor is never accepted over the API at all (its tokens
 * are refused at sign-in): it is reserved for the service's own background processes, which may do
 * anything (the deadline watcher, the catalog import).
 */

export const ROLES = ['applicant', 'staff', 'window_lead', 'center_leader', 'oversight', 'admin', 'system'] as const;
export type Role = (typeof ROLES)[number];
export type Rule = 'window' | 'involved' | 'participant' | 'center' | 'assigned' | 'all' | 'own' | 'self';

/** The authenticated user behind a request. */
export interface Principal {
  id: string;
  role: string;
  center?: string;
  window?: string;
  /** Oversight: the centers it watches. */
  centers?: string[];
}

/** What an operation reaches: a case (or a consultation) in a center and window. */
export interface Target {
  center: string;
  window?: string | null;
  /** Staff member the case is assigned to; a colleague covering the post acts through this. */
  handler?: string | null;
  /** 联办件: the windows reviewing the case beside its own. */
  participants?: string[];
}

export interface PolicyRow {
  /** What the operation does, for the table in docs/security.md. */
  summary: string;
  /** Whether the operation changes a case or the catalog: oversight never may. (Recording a read does not.) */
  mutates: boolean;
  rules: Partial<Record<Role, Rule>>;
}

const HANDLING = { staff: 'window', window_lead: 'window' } as const;
const READING = { staff: 'window', window_lead: 'window', center_leader: 'center', oversight: 'assigned' } as const;
/** Reading one case: its own window's staff, and the staff of the windows reviewing it (联办件). */
const CASE_READING = { ...READING, staff: 'involved', window_lead: 'involved' } as const;
/** A participant's own review of a joint case: its window's staff only. */
const REVIEWING = { staff: 'participant', window_lead: 'participant' } as const;
const EVERYONE = { applicant: 'all', staff: 'all', window_lead: 'all', center_leader: 'all', oversight: 'all', admin: 'all' } as const;

export const POLICY = {
  'Query.calendarStatus': { summary: 'working-day calendar coverage', mutates: false, rules: EVERYONE },
  'Query.catalog': { summary: 'the service catalog (办事指南)', mutates: false, rules: EVERYONE },
  'Query.serviceItem': { summary: 'one service item', mutates: false, rules: EVERYONE },
  'Query.case': { summary: 'one case with its history', mutates: false, rules: CASE_READING },
  'Query.caseByReceiptNo': { summary: 'one case by receipt number', mutates: false, rules: CASE_READING },
  'Query.cases': { summary: 'list of cases (only those in reach are listed)', mutates: false, rules: READING },
  'Query.caseProgress': { summary: 'progress of one case for its applicant (进度查询)', mutates: false, rules: { applicant: 'own' } },
  'Query.consultation': { summary: 'one first-inquiry record (首问)', mutates: false, rules: READING },
  'Query.consultations': {
    summary: 'first-inquiry visits routed to a window or sent on by its staff (首问负责)',
    mutates: false,
    rules: READING,
  },
  'Mutation.closeConsultation': {
    summary: 'close a visit routed to the window, with the case it became or the answer given',
    mutates: false,
    rules: HANDLING,
  },
  'Query.deadlines': { summary: 'cases by due date (only those in reach)', mutates: false, rules: READING },
  'Query.participantReviews': {
    summary: "a joint case's reviews waiting on a window (only those in reach: a staff member's own window's)",
    mutates: false,
    rules: READING,
  },
  'Query.deadlineCounts': { summary: 'counts per window and time-limit state (only those in reach)', mutates: false, rules: READING },
  'Query.personalDataReads': { summary: 'who read whose unmasked personal data', mutates: false, rules: { oversight: 'assigned' } },
  'Mutation.submitCase': { summary: 'submit an application (收件)', mutates: true, rules: { applicant: 'all', ...HANDLING } },
  'Mutation.requestSupplement': { summary: 'one-time supplement notice (一次性告知)', mutates: true, rules: HANDLING },
  'Mutation.receiveSupplement': { summary: 'record supplemented materials', mutates: true, rules: HANDLING },
  'Mutation.acceptCase': { summary: 'accept (受理)', mutates: true, rules: HANDLING },
  'Mutation.rejectCase': { summary: 'refuse to accept (不予受理)', mutates: true, rules: HANDLING },
  'Mutation.recordStep': { summary: 'record a review step', mutates: true, rules: HANDLING },
  'Mutation.completeCase': { summary: 'complete (办结)', mutates: true, rules: HANDLING },
  'Mutation.deliverResult': { summary: 'deliver the result (送达)', mutates: true, rules: HANDLING },
  'Mutation.withdrawCase': { summary: "withdraw at the applicant's request (撤回)", mutates: true, rules: HANDLING },
  'Mutation.terminateCase': { summary: 'terminate (终止)', mutates: true, rules: HANDLING },
  'Mutation.archiveCase': { summary: 'archive (归档)', mutates: true, rules: HANDLING },
  'Mutation.reportLateNotice': {
    summary: 'report a late first supplement notice to the department leader and the center (D11)',
    mutates: true,
    rules: HANDLING,
  },
  'Mutation.reassignCase': {
    summary: 'hand a case to a colleague, or to the cover of a post (AB岗)',
    mutates: true,
    rules: { ...HANDLING, center_leader: 'center' },
  },
  'Mutation.recordConsultation': { summary: 'record a first inquiry (首问)', mutates: true, rules: HANDLING },
  'Mutation.suspendCase': { summary: 'stop the clock (中止)', mutates: true, rules: HANDLING },
  'Mutation.resumeCase': { summary: 'start the clock again', mutates: true, rules: HANDLING },
  'Mutation.requestExtension': { summary: 'ask for more time (延期申请)', mutates: true, rules: HANDLING },
  'Mutation.approveExtension': { summary: 'approve an extension', mutates: true, rules: { center_leader: 'center' } },
  'Mutation.denyExtension': { summary: 'deny an extension', mutates: true, rules: { center_leader: 'center' } },
  'Mutation.urgeCase': { summary: 'urge a case (催办)', mutates: true, rules: { center_leader: 'center' } },
  'Mutation.recordOpinion': {
    summary: "a participating window's opinion on a joint case (会签意见)",
    mutates: true,
    rules: REVIEWING,
  },
  'Mutation.suspendReview': {
    summary: "stop a participating window's own review of a joint case (statutory procedure, applicant's request)",
    mutates: true,
    rules: REVIEWING,
  },
  'Mutation.resumeReview': { summary: "start a participating window's review again", mutates: true, rules: REVIEWING },
  'Mutation.recordJointReview': {
    summary: 'a joint review meeting or site survey (联合会审, 现场踏勘), with attendees and minutes',
    mutates: true,
    rules: HANDLING,
  },
  'Mutation.waiveOpinions': {
    summary: 'let a joint case complete without the opinions still owed, with a reason',
    mutates: true,
    rules: { center_leader: 'center' },
  },
  'Mutation.sendUp': {
    summary: 'carry an escalated case to the higher authority (上报 / 代办), with its transmittal form',
    mutates: true,
    rules: HANDLING,
  },
  'Mutation.returnFromAuthority': { summary: "record an escalated case's return with the decision", mutates: true, rules: HANDLING },
  'Mutation.recordFee': { summary: 'record a fee charged on a case (收费; never on an agency case)', mutates: true, rules: HANDLING },
  'Mutation.revealPersonalData': {
    summary: "read an applicant's full identity and phone numbers, with a reason (recorded)",
    mutates: false,
    rules: { ...HANDLING, oversight: 'assigned' },
  },
  'Mutation.publishServiceItem': { summary: 'publish a service item version', mutates: true, rules: { admin: 'all' } },
  'Query.scoreSheet': { summary: "a staff member's score sheet (考核表)", mutates: false, rules: { ...READING, staff: 'self' } },
  'Query.windowScoreSheet': { summary: "a window's score sheet", mutates: false, rules: READING },
  'Query.departmentScoreSheet': {
    summary: "a department's score sheet, over all its windows",
    mutates: false,
    rules: { center_leader: 'center', oversight: 'assigned' },
  },
  'Query.scoreboard': {
    summary: "the center's ranking, red flags and excellent windows and staff (shown in the hall)",
    mutates: false,
    rules: { staff: 'center', window_lead: 'center', center_leader: 'center', oversight: 'assigned' },
  },
  'Mutation.recordConduct': {
    summary: 'record a deduction or bonus with its evidence (记录在案)',
    mutates: false,
    rules: { center_leader: 'center', oversight: 'assigned' },
  },
  'Mutation.appealConduct': {
    summary: "appeal a line of a score sheet (申诉): one's own, or for the window's staff",
    mutates: false,
    rules: { staff: 'self', window_lead: 'window' },
  },
  'Mutation.fileComplaint': {
    summary: 'file a complaint (效能投诉): the applicant online, or a leader or oversight recording one',
    mutates: false,
    rules: { applicant: 'all', center_leader: 'center', oversight: 'assigned' },
  },
  'Mutation.answerComplaint': { summary: 'answer a complaint', mutates: false, rules: { center_leader: 'center', oversight: 'assigned' } },
  'Mutation.recordComplaintFinding': {
    summary: 'record whether a complaint is valid (有效投诉), and why',
    mutates: false,
    rules: { center_leader: 'center', oversight: 'assigned' },
  },
  'Query.exchangeRecords': {
    summary: "a case's GB/T 39046 exchange records (受理, 过程, 特别程序, 办结, 评价, 电子监察)",
    mutates: false,
    rules: CASE_READING,
  },
  'Query.caseChain': {
    summary: "a case's audit chain checked now, event by event (hashes only)",
    mutates: false,
    rules: CASE_READING,
  },
  'Query.caseReplay': {
    summary: "replay for review (复盘): one case's events recorded between two instants, in order",
    mutates: false,
    rules: CASE_READING,
  },
  'Query.centerReplay': {
    summary: "replay for review (复盘): a center's events recorded between two instants, in order",
    mutates: false,
    rules: { center_leader: 'center', oversight: 'assigned' },
  },
  'Query.oversightReads': {
    summary: "the oversight office's own reads: who looked at what, and when (every oversight read is recorded)",
    mutates: false,
    rules: { oversight: 'all' },
  },
  'Mutation.escalateComplaint': {
    summary: 'send a complaint found major to the leaders and the discipline office (上报)',
    mutates: false,
    rules: { center_leader: 'center', oversight: 'assigned' },
  },
  'Query.complaint': {
    summary: 'one complaint; who complained only to those handling it and oversight',
    mutates: false,
    rules: { ...READING, staff: 'self' },
  },
  'Query.complaints': {
    summary: "a center's complaints, newest first",
    mutates: false,
    rules: { center_leader: 'center', oversight: 'assigned' },
  },
  'Query.kpis': {
    summary: 'efficiency indicators of a period by center, department, window, staff or item (only cases in reach)',
    mutates: false,
    rules: { ...READING, staff: 'self' },
  },
  'Mutation.registerStaff': {
    summary: 'register a staff member at a window, move them, or mark them gone',
    mutates: false,
    rules: { admin: 'center' },
  },
  'Mutation.defineWindow': {
    summary: 'define a window: department, chief representative (首席代表), AB pairs',
    mutates: false,
    rules: { admin: 'center' },
  },
  'Mutation.recordLeave': {
    summary: 'record approved leave (请假): a day or less by the center director, longer by the leader in charge',
    mutates: false,
    rules: { center_leader: 'center', admin: 'center' },
  },
  'Mutation.recordAbsence': {
    summary: 'record a staff member away from work; without approved leave it is 旷工 (D03)',
    mutates: false,
    rules: { center_leader: 'center', oversight: 'assigned' },
  },
  'Query.attendance': {
    summary: "a staff member's approved leave and recorded absences (考勤)",
    mutates: false,
    rules: { staff: 'self', window_lead: 'window', center_leader: 'center', oversight: 'assigned', admin: 'center' },
  },
  'Query.windows': {
    summary: "the center's windows",
    mutates: false,
    rules: { staff: 'center', window_lead: 'center', center_leader: 'center', oversight: 'assigned', admin: 'center' },
  },
  'Query.staffMembers': {
    summary: "the center's staff",
    mutates: false,
    rules: { staff: 'center', window_lead: 'center', center_leader: 'center', oversight: 'assigned', admin: 'center' },
  },
  'Mutation.rateService': {
    summary: "rate one's own case (好差评), proved by receipt number and identity number",
    mutates: false,
    rules: { applicant: 'own' },
  },
  'Mutation.advanceBadRating': {
    summary: 'take a bad rating through verify, rectify, answer, re-check',
    mutates: false,
    rules: { window_lead: 'window', center_leader: 'center' },
  },
  'Mutation.appealRating': {
    summary: "appeal a rating of one's own work",
    mutates: false,
    rules: { staff: 'self', window_lead: 'window' },
  },
  'Mutation.decideRatingAppeal': {
    summary: 'set a rating aside (mistaken or malicious) or keep it',
    mutates: false,
    rules: { oversight: 'assigned' },
  },
  'Query.rating': { summary: 'one rating with its bad-rating loop', mutates: false, rules: { ...READING, staff: 'self' } },
  'Query.ratings': {
    summary: "a center's ratings, newest first",
    mutates: false,
    rules: { center_leader: 'center', oversight: 'assigned' },
  },
  'Query.accountabilityFlags': {
    summary: 'what SPEC §8 flags for the oversight office to decide (责任追究)',
    mutates: false,
    rules: { center_leader: 'center', oversight: 'assigned' },
  },
  'Mutation.decideConductAppeal': { summary: 'uphold or reject an appeal', mutates: false, rules: { oversight: 'assigned' } },
  'Subscription.caseEvents': { summary: 'live events of one case', mutates: false, rules: CASE_READING },
  'Subscription.centerEvents': { summary: 'live case events of a center (only cases in reach)', mutates: false, rules: READING },
  'Subscription.scoreboard': {
    summary: "the center's scoreboard, live",
    mutates: false,
    rules: { staff: 'center', window_lead: 'center', center_leader: 'center', oversight: 'assigned' },
  },
  'Subscription.supervisionAlerts': {
    summary: 'live complaint and rating follow-ups of a center: escalations, overdue answers and rectifications, bad ratings',
    mutates: false,
    rules: { center_leader: 'center', oversight: 'assigned' },
  },
  'Subscription.deadlineAlerts': { summary: 'live warnings of a center (only cases in reach)', mutates: false, rules: READING },
} as const satisfies Record<string, PolicyRow>;

export type Operation = keyof typeof POLICY;

export function ruleFor(operation: Operation, role: string): Rule | undefined {
  if (role === 'system') return 'all';
  return (POLICY[operation].rules as Partial<Record<string, Rule>>)[role];
}

/** Whether the rule reaches the target. `own` is proved by the applicant's receipt check, not here. */
export function reaches(rule: Rule, principal: Principal, target: Target): boolean {
  switch (rule) {
    case 'all':
      return true;
    case 'own':
      return false;
    case 'self':
      return inOwnCenter(principal, target) && Boolean(target.handler) && target.handler === principal.id;
    case 'center':
      return inOwnCenter(principal, target);
    case 'assigned':
      return (principal.centers ?? []).includes(target.center);
    case 'window':
      // Reach is always scoped by center: a user id is only unique within its center's staff list.
      if (!inOwnCenter(principal, target)) return false;
      if (target.handler && target.handler === principal.id) return true;
      return principal.window !== undefined && principal.window === target.window;
    case 'involved':
      return reaches('window', principal, target) || reaches('participant', principal, target);
    case 'participant':
      return inOwnCenter(principal, target) && principal.window !== undefined && (target.participants ?? []).includes(principal.window);
  }
}

function inOwnCenter(principal: Principal, target: Target): boolean {
  return principal.center !== undefined && principal.center === target.center;
}

export function forbidden(operation: string, role: string, detail = 'outside your reach'): DomainError {
  return new DomainError('AUTH.FORBIDDEN', `Not allowed: ${operation} (${detail})`, { operation, role });
}

/** Throws AUTH.FORBIDDEN unless the principal may run the operation at all (before any target is known). */
export function authorizeOperation(operation: Operation, principal: Principal): Rule {
  const rule = ruleFor(operation, principal.role);
  if (!rule) throw forbidden(operation, principal.role, `not for role ${principal.role}`);
  return rule;
}

/** Throws AUTH.FORBIDDEN unless the principal may run the operation on this target. */
export function authorizeTarget(operation: Operation, principal: Principal, target: Target): void {
  const rule = authorizeOperation(operation, principal);
  if (!reaches(rule, principal, target)) throw forbidden(operation, principal.role);
}

/**
 * The slice of the case list a rule reaches, for list queries: lists are narrowed, never refused.
 * `undefined` fields are unrestricted.
 */
export interface Reach {
  centers?: string[];
  /** The actor's window (either part may be missing from the token), or cases handed to them. */
  window?: { center: string | null; window: string | null; handler: string };
}

/** Whether a target lies in a reach: the same test as `reaches`, for rows already narrowed in SQL. */
export function inReach(reach: Reach, target: Target): boolean {
  if (reach.centers && !reach.centers.includes(target.center)) return false;
  if (reach.window) {
    const w = reach.window;
    return (
      (target.handler ?? null) === w.handler ||
      (w.center !== null && w.window !== null && target.center === w.center && target.window === w.window)
    );
  }
  return true;
}

export function reachOf(rule: Rule, principal: Principal): Reach {
  switch (rule) {
    case 'all':
      return {};
    case 'own':
      return { centers: [] };
    case 'self':
      return { centers: principal.center ? [principal.center] : [], window: { center: null, window: null, handler: principal.id } };
    case 'center':
      return { centers: principal.center ? [principal.center] : [] };
    case 'assigned':
      return { centers: principal.centers ?? [] };
    // Lists are narrowed to the actor's own window: a participant finds the joint cases waiting on it in
    // participantReviews, whose rows are its own window's reviews.
    case 'window':
    case 'involved':
    case 'participant':
      return {
        centers: principal.center ? [principal.center] : [],
        window: { center: principal.center ?? null, window: principal.window ?? null, handler: principal.id },
      };
  }
}
