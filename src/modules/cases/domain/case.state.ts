import { LocalDate } from '../../../core/dates';
import { DueDate, LimitUnit, Suspension, SuspensionReason } from '../../time-limits/domain';
import { Applicant } from './applicant';
import { ItemSnapshot } from '../../catalog/domain';

export type Channel = 'WINDOW' | 'ONLINE' | 'VILLAGE_AGENT' | 'APPOINTMENT';
export type Outcome = 'APPROVED' | 'DENIED';
export type DeliveryMethod = 'PICKUP' | 'MAIL' | 'ELECTRONIC';
/** GB/T 39046 业务动作: 通过 / 退回 / 其他 */
export type StepAction = 'PASS' | 'RETURN' | 'OTHER';
export type ClockStartBasis = 'ACCEPTANCE' | 'SUPPLEMENT' | 'RECEIPT';

export type CaseStatus =
  'SUBMITTED' | 'AWAITING_SUPPLEMENT' | 'ACCEPTED' | 'COMPLETED' | 'DELIVERED' | 'ARCHIVED' | 'REJECTED' | 'WITHDRAWN' | 'TERMINATED';

export interface LateNoticeReport {
  noticeOn: LocalDate;
  reportDue: LocalDate;
  reportedOn: LocalDate | null;
  overdueOn: LocalDate | null;
}

/** A participant's opinion on a joint case (会签意见). */
export type Opinion = 'AGREE' | 'DISAGREE' | 'CONDITIONAL';

/**
 * One participant's review of a joint case (联办件, SPEC §3): its own limit and clock, from the day after
 * it was notified; its own suspensions; its opinion. The due date moves only through recorded events (its
 * own resumption, or the case's, which stops every review with it).
 */
export interface ParticipantReview {
  window: string;
  department: string;
  reviewLimit: number;
  required: boolean;
  notifiedOn: LocalDate;
  dueDate: LocalDate;
  suspendedSince: { reason: SuspensionReason; detail: string | null; fromDate: LocalDate } | null;
  suspensions: Array<{ reason: SuspensionReason; detail: string | null; fromDate: LocalDate; toDate: LocalDate }>;
  opinion: {
    opinion: Opinion;
    reasons: string | null;
    conditions: string[];
    by: string;
    on: LocalDate;
    late: boolean;
    workingDaysUsed: number;
    workingDaysOver: number;
  } | null;
  /** The due date a yellow or red warning was issued for, so none is issued twice. */
  yellowFor: LocalDate | null;
  redFor: LocalDate | null;
  /** The center leader let the case complete without this opinion. */
  waived: boolean;
}

export interface Case {
  status: CaseStatus;
  id: string;
  receiptNo: string;
  center: string;
  window: string;
  itemCode: string;
  /** The version the case is pinned to: the one in force at acceptance (or at submission until then). */
  itemVersion: number;
  kind: ItemSnapshot['kind'];
  item: ItemSnapshot | null;
  applicant: Applicant;
  channel: Channel;
  materials: string[];
  submittedAt: string;
  receivedOn: LocalDate;
  supplementNoticeDue: LocalDate;
  supplementNotices: number;
  /** The item's 补正期限 at submission, and the last day the applicant may bring what the last notice lists. */
  supplementDeadline: { days: number; unit: LimitUnit } | null;
  applicantDue: LocalDate | null;
  /** Rule 5: the first notice came too late, so the clock runs from the day after receipt. */
  lateNotice: boolean;
  /**
   * D11 (seed rulebook): a late first notice is reported by the window to its department leader and the
   * center within the week; unreported by `reportDue`, the window's chief representative answers for it too.
   */
  lateNoticeReport: LateNoticeReport | null;
  firstSupplementOn: LocalDate | null;
  clockStartBasis: ClockStartBasis | null;
  acceptedAt: string | null;
  /** The promise at acceptance; `dueDate` then moves only through resumptions and extensions. */
  timeLimit: DueDate | null;
  /** The due date promised at acceptance, before any suspension or extension moved it. */
  originalDueDate: LocalDate | null;
  suspendedSince: { reason: SuspensionReason; detail: string | null; fromDate: LocalDate } | null;
  suspensions: Suspension[];
  extensions: Array<{ workingDays: number; reason: string; previousDueDate: LocalDate; dueDate: LocalDate; approvedAt: string }>;
  pendingExtension: { workingDays: number; reason: string; requestedAt: string } | null;
  urgings: Array<{ note: string; periodWorkingDays: number; urgedOn: LocalDate; periodEndsOn: LocalDate }>;
  /** Due dates a yellow or red warning was already issued for, so none is issued twice. */
  yellowFor: LocalDate | null;
  redFor: LocalDate | null;
  escalationReviewOverdue: boolean;
  /** When the last step was recorded: the next step's time counts from there. */
  lastStepOn: LocalDate | null;
  /** The steps recorded so far, in order. */
  stepsDone: string[];
  /** Steps a StepOverdue warning was issued for, so none is issued twice. */
  stepsOverdue: string[];
  withinFirstUrgingPeriod: boolean | null;
  handler: string | null;
  /** Set while `handler` is covering an absent colleague's post (AB岗). */
  coverFor: string | null;
  completedAt: string | null;
  outcome: Outcome | null;
  onTime: boolean | null;
  delivery: { method: DeliveryMethod; recipient: string; deliveredAt: string } | null;
  closedAt: string | null;
  closingReason: string | null;
  /** What the case was before it was archived. */
  archivedFrom: CaseStatus | null;
  /** 联办件: the participating windows' reviews, from acceptance; empty for other kinds. */
  participants: ParticipantReview[];
  /** 上报件: each trip to the higher authority and back, in order; absent before the first. */
  escalations?: Escalation[];
  /** 上报件: the center's own time warned (yellow) and found over its limit (red), each once. */
  centerTimeWarned?: boolean;
  centerTimeExceeded?: boolean;
}

/** 上报件 / 代办件: a trip of the case to the higher authority, carried by the center's agent, and back. */
export interface Escalation {
  authority: string;
  carriedBy: string;
  transmittal: Transmittal;
  sentOn: LocalDate;
  returnedOn: LocalDate | null;
  /** What the higher authority decided (批复), as brought back. */
  decision: string | null;
  returnFormNo: string | null;
}

/** 上报件告知书 / 代办件交接表: the form that goes with the case. */
export interface Transmittal {
  formNo: string;
  materials: string[];
  note: string | null;
}

export type CaseState = { status: 'NONE' } | Case;

export function exists(state: CaseState): state is Case {
  return state.status !== 'NONE';
}

/** Working days the suspensions have left out so far (the one in force is not counted yet). */
export function leftOutWorkingDays(c: Case): number {
  return c.suspensions.reduce((sum, s) => sum + s.workingDays, 0);
}

export function extensionWorkingDays(c: Case): number {
  return c.extensions.reduce((sum, e) => sum + e.workingDays, 0);
}

/** Once closed, nothing moves a case's clock (SPEC clarification "Closed cases keep still"). */
export function isClosed(c: Case): boolean {
  return !['SUBMITTED', 'AWAITING_SUPPLEMENT', 'ACCEPTED'].includes(c.status);
}

/**
 * Rule 12: the step now running, the first of the item's steps after the last one recorded; null when
 * the item lists none or all are done.
 */
export function runningStep(c: Case): string | null {
  const steps = c.item?.steps ?? [];
  const last = c.stepsDone.at(-1);
  const next = last === undefined ? 0 : steps.indexOf(last) + 1;
  return steps[next] ?? null;
}

/** A case's participant reviews; a case recorded in a read model before joint reviews existed has none. */
export const participantsOf = (c: Case): ParticipantReview[] => c.participants ?? [];

/** A review still waiting for its opinion, and not waived. */
export const isOpenReview = (p: ParticipantReview): boolean => p.opinion === null && !p.waived;

/** The case with one participant's review changed. */
export function withReview(c: Case, window: string, change: (p: ParticipantReview) => ParticipantReview): Case {
  return { ...c, participants: participantsOf(c).map((p) => (p.window === window ? change(p) : p)) };
}
