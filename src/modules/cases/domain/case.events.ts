import { assertNever, DomainEvent } from '../../../core/decider';
import { addDays, LocalDate, localDateOf } from '../../../core/dates';
import { ItemSnapshot } from '../../catalog/domain';
import { DueDate, LimitUnit, SuspensionReason } from '../../time-limits/domain';
import { Applicant } from './applicant';
import {
  Case,
  CaseState,
  Channel,
  ClockStartBasis,
  DeliveryMethod,
  exists,
  LateNoticeReport,
  Opinion,
  Outcome,
  Transmittal,
  participantsOf,
  StepAction,
  withReview,
} from './case.state';

/**
 * A case's events (what happened, in the past tense), their labels, and how each changes the case
 * (evolveCase, at the end). A new event is typed here, labelled in CASE_EVENT_LABELS and folded in evolveCase.
 */
export type CaseSubmitted = DomainEvent<
  'CaseSubmitted',
  {
    caseId: string;
    receiptNo: string;
    center: string;
    itemCode: string;
    itemVersion: number;
    kind: ItemSnapshot['kind'];
    window: string;
    applicant: Applicant;
    channel: Channel;
    materials: string[];
    /** The China-time day the application was received. */
    receivedOn: LocalDate;
    /** Rule 5: the last day a supplement notice is in time. */
    supplementNoticeDue: LocalDate;
    /** The item's 补正期限 at submission: how long the applicant has to bring what a notice lists. */
    supplementDeadline?: { days: number; unit: LimitUnit } | null;
    submittedAt: string;
  }
>;
/** 一次性告知: every missing material in one notice. A second notice breaches the one-time rule. */
export type SupplementRequested = DomainEvent<
  'SupplementRequested',
  {
    caseId: string;
    missingMaterials: string[];
    noticeNo: number;
    breachesOneTimeRule: boolean;
    /** Rule 5: given after the notice period, so the clock runs from the day after receipt. */
    late: boolean;
    /** 补正期限: the last day the applicant may bring the materials, when the item sets one. */
    applicantDue?: LocalDate | null;
    requestedAt: string;
  }
>;
export type SupplementReceived = DomainEvent<'SupplementReceived', { caseId: string; materials: string[]; receivedAt: string }>;
/** 受理: pins the item version and records the due date promised on the acceptance notice. */
export type CaseAccepted = DomainEvent<
  'CaseAccepted',
  {
    caseId: string;
    item: ItemSnapshot;
    timeLimit: DueDate;
    handler: string;
    /** 容缺受理: accepted on a written commitment to bring a non-essential document later. */
    toleranceMaterials: string[];
    /** What the clock counts from (rule 5): the acceptance, the first supplement, or the receipt itself. */
    clockStartBasis: ClockStartBasis;
    acceptedAt: string;
  }
>;
/** 退回件: not acceptable, with a written reason. */
export type CaseRejected = DomainEvent<'CaseRejected', { caseId: string; reason: string; rejectedAt: string }>;
/** 环节: one handling step and its opinion. */
export type StepRecorded = DomainEvent<
  'StepRecorded',
  {
    caseId: string;
    step: string;
    action: StepAction;
    opinion: string;
    /** Rule 12: the step's own limit, the working days it took, and whether that was too long. */
    stepLimit: number | null;
    stepWorkingDays: number;
    late: boolean;
    handledAt: string;
  }
>;
export type CaseCompleted = DomainEvent<
  'CaseCompleted',
  {
    caseId: string;
    outcome: Outcome;
    reason: string | null;
    dueDate: string;
    onTime: boolean;
    /** Rule 15: for a late case that was urged, whether it was finished within the first urging period. */
    withinFirstUrgingPeriod: boolean | null;
    /** A late case: working days past its due date. */
    workingDaysOver?: number;
    /**
     * A late joint case (联办件): the participants' reviews that overran their own limits, and by how much,
     * with who gave the opinion (null: none came). Scoring charges the delay where it was.
     */
    delays?: Array<{ window: string; department: string; workingDaysOver: number; reviewer: string | null }>;
    completedAt: string;
  }
>;
export type ResultDelivered = DomainEvent<
  'ResultDelivered',
  { caseId: string; method: DeliveryMethod; recipient: string; deliveredAt: string }
>;
export type CaseWithdrawn = DomainEvent<'CaseWithdrawn', { caseId: string; reason: string | null; withdrawnAt: string }>;
/**
 * 终止: no supplement came. Closed by staff, or by the deadline watcher the day after the applicant's
 * 补正期限 passed (`applicantDue`), with a written non-acceptance (不予受理).
 */
export type CaseTerminated = DomainEvent<
  'CaseTerminated',
  { caseId: string; reason: string; applicantDue?: LocalDate | null; terminatedAt: string }
>;
export type CaseArchived = DomainEvent<'CaseArchived', { caseId: string; archivedAt: string }>;
/** AB岗: handing a case to another staff member, as cover for an absent colleague or for good. */
export type CaseReassigned = DomainEvent<
  'CaseReassigned',
  { caseId: string; fromStaffId: string | null; toStaffId: string; asCover: boolean; reason: string; reassignedAt: string }
>;

/** Rules 6, 7, 9: the clock stops at the end of `fromDate`. */
export type CaseSuspended = DomainEvent<
  'CaseSuspended',
  {
    caseId: string;
    reason: SuspensionReason;
    detail: string | null;
    fromDate: LocalDate;
    /** 行政许可法 art. 43: sent up after more than the lower level's 20 working days of review. */
    sentUpLate: boolean | null;
    suspendedAt: string;
  }
>;
/** Rule 10: the clock starts again the day after `toDate`; the due date moves later accordingly. */
export type CaseResumed = DomainEvent<
  'CaseResumed',
  {
    caseId: string;
    fromDate: LocalDate;
    toDate: LocalDate;
    workingDaysLeftOut: number;
    previousDueDate: LocalDate;
    dueDate: LocalDate;
    /** The new due date reaches a year whose official schedule is not installed (absent on older events). */
    provisional?: boolean;
    /** 联办件: the open reviews stood still with the case; their due dates move too, by window. */
    reviewDueDates?: Record<string, LocalDate>;
    resumedAt: string;
  }
>;
/** Rule 8: 延期, asked for by staff, decided by a leader. */
export type ExtensionRequested = DomainEvent<
  'ExtensionRequested',
  { caseId: string; workingDays: number; reason: string; requestedAt: string }
>;
export type ExtensionApproved = DomainEvent<
  'ExtensionApproved',
  {
    caseId: string;
    workingDays: number;
    reason: string;
    previousDueDate: LocalDate;
    dueDate: LocalDate;
    provisional?: boolean;
    /** 行政许可法 art. 42: a joint case's extension is approved by the head of the government at that level. */
    governmentApproval?: GovernmentApproval;
    approvedAt: string;
  }
>;

/** The written approval of the head of the government (本级人民政府负责人), as recorded by the center leader. */
export interface GovernmentApproval {
  by: string;
  documentNo: string;
}
export type ExtensionDenied = DomainEvent<'ExtensionDenied', { caseId: string; workingDays: number; reason: string; deniedAt: string }>;
/** Rule 15: 催办, with the period the leader gives. */
export type CaseUrged = DomainEvent<
  'CaseUrged',
  { caseId: string; note: string; periodWorkingDays: number; urgedOn: LocalDate; periodEndsOn: LocalDate; urgedAt: string }
>;
/** Rule 13: 黄牌预警, by the system actor. */
export type DeadlineWarningIssued = DomainEvent<
  'DeadlineWarningIssued',
  { caseId: string; level: 'YELLOW'; dueDate: LocalDate; workingDaysUsed: number; workingDaysRemaining: number; issuedOn: LocalDate }
>;
/** Rule 13: 红牌, the due date passed without completion. */
export type DeadlineBreached = DomainEvent<
  'DeadlineBreached',
  { caseId: string; dueDate: LocalDate; breachedOn: LocalDate; workingDaysOver: number }
>;

/**
 * A provisional due date settled once the official schedule of its years is installed: computed again
 * from the acceptance, the suspensions and the extensions on `calendar`. Recorded beside the promise,
 * never in its place; warnings, completions and lateness already recorded stand. `previousDueDate` and
 * `dueDate` may be equal: the date is then confirmed, no longer provisional.
 */
export type DueDateCorrected = DomainEvent<
  'DueDateCorrected',
  {
    caseId: string;
    previousDueDate: LocalDate;
    dueDate: LocalDate;
    provisional: boolean;
    /** Why: the years whose schedule is now installed. */
    reason: string;
    scheduleYears: number[];
    /** Which calendar: the package and the center's file. */
    calendar: string;
    /** The working days each ended suspension leaves out on that calendar, in order. */
    suspensionWorkingDays: number[];
    correctedOn: LocalDate;
  }
>;

/**
 * 迟告知报告: the window reports its late first supplement notice to its department leader and the center
 * (seed rulebook, D11), within the week or not.
 */
export type LateNoticeReported = DomainEvent<
  'LateNoticeReported',
  { caseId: string; explanation: string; reportedOn: LocalDate; withinWeek: boolean; reportedAt: string }
>;
/**
 * The week passed with no report of a late first notice: the direct responsible person, the window's
 * chief representative (首席代表) when the window has one, answers for it too (D11). Once per case.
 */
export type LateNoticeReportOverdue = DomainEvent<
  'LateNoticeReportOverdue',
  { caseId: string; noticeOn: LocalDate; reportDue: LocalDate; responsible: string | null; markedOn: LocalDate }
>;

/** "Within the week" (一周内): the report of a late first notice is due 7 calendar days after it. */
export const LATE_NOTICE_REPORT_DAYS = 7;

function lateNoticeReportOf(event: SupplementRequested): LateNoticeReport {
  const noticeOn = localDateOf(event.data.requestedAt);
  return { noticeOn, reportDue: addDays(noticeOn, LATE_NOTICE_REPORT_DAYS), reportedOn: null, overdueOn: null };
}

/** Rule 12: a step still running has passed its own limit (环节超时). Once per step. */
export type StepOverdue = DomainEvent<
  'StepOverdue',
  { caseId: string; step: string; stepLimit: number; since: LocalDate; workingDaysUsed: number; issuedOn: LocalDate }
>;

/** 行政许可法 art. 43: an escalated case is still at the center after its 20 working days of review. */
export type EscalationReviewOverdue = DomainEvent<
  'EscalationReviewOverdue',
  { caseId: string; workingDaysUsed: number; limit: number; issuedOn: LocalDate }
>;

/** 抄告相关: a joint case's participants are told on acceptance; each review's clock runs from the next day. */
export type ParticipantsNotified = DomainEvent<
  'ParticipantsNotified',
  {
    caseId: string;
    participants: Array<{ window: string; department: string; reviewLimit: number; required: boolean; dueDate: LocalDate }>;
    notifiedOn: LocalDate;
    /** Whether they are the item's published participants; when not, `reason` says why they differ. */
    fromCatalog: boolean;
    reason: string | null;
    notifiedAt: string;
  }
>;
/** 会签意见: a participant's opinion, by its staff, timed against its own limit. */
export type OpinionRecorded = DomainEvent<
  'OpinionRecorded',
  {
    caseId: string;
    window: string;
    department: string;
    opinion: Opinion;
    reasons: string | null;
    conditions: string[];
    recordedBy: string;
    reviewLimit: number;
    dueDate: LocalDate;
    workingDaysUsed: number;
    /** Working days past its due date; 0 when in time. */
    workingDaysOver: number;
    late: boolean;
    recordedAt: string;
  }
>;
/** A participant's own review stopped (rules 7, 9), while the rest of the case goes on. */
export type ReviewSuspended = DomainEvent<
  'ReviewSuspended',
  { caseId: string; window: string; reason: SuspensionReason; detail: string | null; fromDate: LocalDate; suspendedAt: string }
>;
export type ReviewResumed = DomainEvent<
  'ReviewResumed',
  {
    caseId: string;
    window: string;
    fromDate: LocalDate;
    toDate: LocalDate;
    previousDueDate: LocalDate;
    dueDate: LocalDate;
    resumedAt: string;
  }
>;
export type ReviewWarningIssued = DomainEvent<
  'ReviewWarningIssued',
  { caseId: string; window: string; dueDate: LocalDate; workingDaysUsed: number; workingDaysRemaining: number; issuedOn: LocalDate }
>;
export type ReviewOverdue = DomainEvent<
  'ReviewOverdue',
  {
    caseId: string;
    window: string;
    dueDate: LocalDate;
    breachedOn: LocalDate;
    workingDaysOver: number;
    /**
     * The participating window's chief representative (首席代表) on that day, as the admins defined the
     * window: the direct responsible person should the opinion never come (absent when none is defined).
     */
    responsible?: string | null;
  }
>;
/** 上报: the center's agent carries the case to the higher authority; the clock stops with it (rule 6). */
export type CaseSentUp = DomainEvent<
  'CaseSentUp',
  {
    caseId: string;
    authority: string;
    carriedBy: string;
    transmittal: Transmittal;
    sentOn: LocalDate;
    /** The center's own working days so far, its earlier trips to the authority not counted. */
    centerWorkingDaysUsed: number;
    sentAt: string;
  }
>;
/** The agent brings the case back with the higher authority's decision; the clock runs again. */
export type CaseReturnedFromAuthority = DomainEvent<
  'CaseReturnedFromAuthority',
  {
    caseId: string;
    authority: string;
    carriedBy: string;
    decision: string;
    formNo: string | null;
    returnedOn: LocalDate;
    returnedAt: string;
  }
>;
/** 上报件: the center's own time close to its limit (yellow) … */
export type CenterTimeWarningIssued = DomainEvent<
  'CenterTimeWarningIssued',
  { caseId: string; workingDaysUsed: number; limit: number; issuedOn: LocalDate }
>;
/** … and past it (red): the center, not the higher authority, kept the case too long. */
export type CenterTimeExceeded = DomainEvent<
  'CenterTimeExceeded',
  { caseId: string; workingDaysUsed: number; limit: number; issuedOn: LocalDate }
>;
/** 收费: a fee charged on the case, with its basis; never on an agency case, which is free. */
export type FeeRecorded = DomainEvent<'FeeRecorded', { caseId: string; amount: number; basis: string; recordedAt: string }>;

/**
 * 联合会审 / 现场踏勘: a joint review meeting or a site survey, with who attended and the minutes; when it
 * was a hearing or an expert review the clock stood still for, its end starts the clock again.
 */
export type JointReviewHeld = DomainEvent<
  'JointReviewHeld',
  {
    caseId: string;
    kind: 'MEETING' | 'SITE_SURVEY';
    attendees: Array<{ name: string; unit: string }>;
    location: string | null;
    minutes: string;
    heldAt: string;
  }
>;

/** The center leader lets a joint case complete without the opinions still owed, with the reason. */
export type OpinionsWaived = DomainEvent<'OpinionsWaived', { caseId: string; windows: string[]; reason: string; waivedAt: string }>;

export type CaseEvent =
  | CaseSubmitted
  | SupplementRequested
  | SupplementReceived
  | CaseAccepted
  | CaseRejected
  | StepRecorded
  | CaseCompleted
  | ResultDelivered
  | CaseWithdrawn
  | CaseTerminated
  | CaseArchived
  | CaseReassigned
  | CaseSuspended
  | CaseResumed
  | ExtensionRequested
  | ExtensionApproved
  | ExtensionDenied
  | CaseUrged
  | DeadlineWarningIssued
  | DeadlineBreached
  | EscalationReviewOverdue
  | DueDateCorrected
  | StepOverdue
  | LateNoticeReported
  | LateNoticeReportOverdue
  | ParticipantsNotified
  | OpinionRecorded
  | ReviewSuspended
  | ReviewResumed
  | ReviewWarningIssued
  | ReviewOverdue
  | OpinionsWaived
  | JointReviewHeld
  | CaseSentUp
  | CaseReturnedFromAuthority
  | CenterTimeWarningIssued
  | CenterTimeExceeded
  | FeeRecorded;

/**
 * What each step is called on the paper file (案卷) and at the counter. A Record over the union, so a new
 * event type cannot be added without its name.
 */
export const CASE_EVENT_LABELS: Readonly<Record<CaseEvent['type'], string>> = {
  CaseSubmitted: '申请 / 收件',
  SupplementRequested: '一次性告知补正',
  SupplementReceived: '补正材料收到',
  LateNoticeReported: '逾期告知补正情况报告',
  LateNoticeReportOverdue: '逾期告知补正未按时报告',
  CaseAccepted: '受理',
  CaseRejected: '不予受理 (退回)',
  StepRecorded: '环节办理',
  CaseCompleted: '办结',
  ResultDelivered: '送达 / 领取',
  CaseWithdrawn: '申请人撤回',
  CaseTerminated: '终止',
  CaseArchived: '归档',
  CaseReassigned: '转办 / AB岗顶岗',
  CaseSuspended: '计时中止',
  CaseResumed: '恢复计时',
  ExtensionRequested: '申请延期',
  ExtensionApproved: '延期批准',
  ExtensionDenied: '延期不予批准',
  CaseUrged: '催办',
  DeadlineWarningIssued: '黄牌预警',
  DeadlineBreached: '红牌 (超时)',
  EscalationReviewOverdue: '上报前审查超时',
  DueDateCorrected: '办结期限更正 (放假安排公布)',
  StepOverdue: '环节超时预警',
  ParticipantsNotified: '抄告相关 (联办)',
  OpinionRecorded: '会签意见',
  ReviewSuspended: '会签计时中止',
  ReviewResumed: '会签恢复计时',
  ReviewWarningIssued: '会签黄牌预警',
  ReviewOverdue: '会签超时',
  OpinionsWaived: '会签意见免予等待',
  JointReviewHeld: '联合会审 / 现场踏勘',
  CaseSentUp: '上报上级机关 (代办)',
  CaseReturnedFromAuthority: '上级机关返回',
  CenterTimeWarningIssued: '上报件中心办理黄牌预警',
  CenterTimeExceeded: '上报件中心办理超时',
  FeeRecorded: '收费',
};

/** Every case event type: the keys of the labels, which the compiler holds to the union. */
export const CASE_EVENT_TYPES: ReadonlySet<string> = new Set(Object.keys(CASE_EVENT_LABELS));

// How each event changes the case: a new event is typed above, labelled, and folded here.

export const initialCaseState = (): CaseState => ({ status: 'NONE' });

export function evolveCase(state: CaseState, event: CaseEvent): CaseState {
  if (event.type === 'CaseSubmitted') {
    const d = event.data;
    return {
      status: 'SUBMITTED',
      id: d.caseId,
      receiptNo: d.receiptNo,
      center: d.center,
      window: d.window,
      itemCode: d.itemCode,
      itemVersion: d.itemVersion,
      kind: d.kind,
      item: null,
      applicant: d.applicant,
      channel: d.channel,
      materials: d.materials,
      submittedAt: d.submittedAt,
      receivedOn: d.receivedOn,
      supplementNoticeDue: d.supplementNoticeDue,
      supplementNotices: 0,
      supplementDeadline: d.supplementDeadline ?? null,
      applicantDue: null,
      lateNotice: false,
      lateNoticeReport: null,
      firstSupplementOn: null,
      clockStartBasis: null,
      acceptedAt: null,
      timeLimit: null,
      originalDueDate: null,
      suspendedSince: null,
      suspensions: [],
      extensions: [],
      pendingExtension: null,
      urgings: [],
      yellowFor: null,
      redFor: null,
      escalationReviewOverdue: false,
      lastStepOn: null,
      stepsDone: [],
      stepsOverdue: [],
      withinFirstUrgingPeriod: null,
      handler: null,
      coverFor: null,
      completedAt: null,
      outcome: null,
      onTime: null,
      delivery: null,
      closedAt: null,
      closingReason: null,
      archivedFrom: null,
      participants: [],
    };
  }
  if (!exists(state)) return state;
  const c: Case = state;
  switch (event.type) {
    case 'SupplementRequested':
      return {
        ...c,
        status: 'AWAITING_SUPPLEMENT',
        supplementNotices: event.data.noticeNo,
        applicantDue: event.data.applicantDue ?? null,
        lateNotice: c.lateNotice || (event.data.noticeNo === 1 && event.data.late),
        lateNoticeReport: event.data.noticeNo === 1 && event.data.late ? lateNoticeReportOf(event) : c.lateNoticeReport,
      };
    case 'LateNoticeReported':
      return c.lateNoticeReport ? { ...c, lateNoticeReport: { ...c.lateNoticeReport, reportedOn: event.data.reportedOn } } : c;
    case 'LateNoticeReportOverdue':
      return c.lateNoticeReport ? { ...c, lateNoticeReport: { ...c.lateNoticeReport, overdueOn: event.data.markedOn } } : c;
    case 'SupplementReceived':
      return {
        ...c,
        status: 'SUBMITTED',
        materials: [...c.materials, ...event.data.materials],
        firstSupplementOn: c.firstSupplementOn ?? localDateOf(event.data.receivedAt),
        applicantDue: null,
      };
    case 'CaseAccepted':
      return {
        ...c,
        status: 'ACCEPTED',
        item: event.data.item,
        itemVersion: event.data.item.version,
        kind: event.data.item.kind,
        acceptedAt: event.data.acceptedAt,
        timeLimit: event.data.timeLimit,
        originalDueDate: event.data.timeLimit.dueDate,
        clockStartBasis: event.data.clockStartBasis,
        handler: event.data.handler,
        coverFor: null,
      };
    case 'CaseRejected':
      return { ...c, status: 'REJECTED', closedAt: event.data.rejectedAt, closingReason: event.data.reason };
    case 'StepRecorded':
      return { ...c, lastStepOn: localDateOf(event.data.handledAt), stepsDone: [...c.stepsDone, event.data.step] };
    case 'CaseCompleted':
      return {
        ...c,
        status: 'COMPLETED',
        completedAt: event.data.completedAt,
        outcome: event.data.outcome,
        onTime: event.data.onTime,
        withinFirstUrgingPeriod: event.data.withinFirstUrgingPeriod,
        closingReason: event.data.reason,
        // An extension nobody decided lapses with the case.
        pendingExtension: null,
      };
    case 'ResultDelivered':
      return {
        ...c,
        status: 'DELIVERED',
        delivery: { method: event.data.method, recipient: event.data.recipient, deliveredAt: event.data.deliveredAt },
      };
    case 'CaseWithdrawn':
      return { ...c, status: 'WITHDRAWN', closedAt: event.data.withdrawnAt, closingReason: event.data.reason, pendingExtension: null };
    case 'CaseTerminated':
      return { ...c, status: 'TERMINATED', closedAt: event.data.terminatedAt, closingReason: event.data.reason };
    case 'CaseArchived':
      return { ...c, status: 'ARCHIVED', archivedFrom: c.status };
    case 'CaseReassigned':
      return { ...c, handler: event.data.toStaffId, coverFor: event.data.asCover ? (c.coverFor ?? event.data.fromStaffId) : null };
    case 'CaseSuspended':
      return { ...c, suspendedSince: { reason: event.data.reason, detail: event.data.detail, fromDate: event.data.fromDate } };
    case 'CaseResumed': {
      const since = c.suspendedSince!;
      const reviewDueDates = event.data.reviewDueDates ?? {};
      return {
        ...c,
        suspendedSince: null,
        suspensions: [...c.suspensions, { ...since, toDate: event.data.toDate, workingDays: event.data.workingDaysLeftOut }],
        timeLimit: { ...c.timeLimit!, dueDate: event.data.dueDate, provisional: event.data.provisional ?? c.timeLimit!.provisional },
        participants: participantsOf(c).map((p) => (reviewDueDates[p.window] ? { ...p, dueDate: reviewDueDates[p.window] } : p)),
      };
    }
    case 'ExtensionRequested':
      return {
        ...c,
        pendingExtension: { workingDays: event.data.workingDays, reason: event.data.reason, requestedAt: event.data.requestedAt },
      };
    case 'ExtensionApproved':
      return {
        ...c,
        pendingExtension: null,
        extensions: [
          ...c.extensions,
          {
            workingDays: event.data.workingDays,
            reason: event.data.reason,
            previousDueDate: event.data.previousDueDate,
            dueDate: event.data.dueDate,
            approvedAt: event.data.approvedAt,
          },
        ],
        timeLimit: { ...c.timeLimit!, dueDate: event.data.dueDate, provisional: event.data.provisional ?? c.timeLimit!.provisional },
      };
    case 'ExtensionDenied':
      return { ...c, pendingExtension: null };
    case 'CaseUrged':
      return {
        ...c,
        urgings: [
          ...c.urgings,
          {
            note: event.data.note,
            periodWorkingDays: event.data.periodWorkingDays,
            urgedOn: event.data.urgedOn,
            periodEndsOn: event.data.periodEndsOn,
          },
        ],
      };
    case 'DeadlineWarningIssued':
      return { ...c, yellowFor: event.data.dueDate };
    case 'DeadlineBreached':
      return { ...c, redFor: event.data.dueDate };
    case 'EscalationReviewOverdue':
      return { ...c, escalationReviewOverdue: true };
    case 'DueDateCorrected':
      return {
        ...c,
        timeLimit: { ...c.timeLimit!, dueDate: event.data.dueDate, provisional: event.data.provisional },
        suspensions: c.suspensions.map((s, i) => ({ ...s, workingDays: event.data.suspensionWorkingDays[i] ?? s.workingDays })),
      };
    case 'StepOverdue':
      return { ...c, stepsOverdue: [...c.stepsOverdue, event.data.step] };
    case 'ParticipantsNotified':
      return {
        ...c,
        participants: event.data.participants.map((p) => ({
          ...p,
          notifiedOn: event.data.notifiedOn,
          suspendedSince: null,
          suspensions: [],
          opinion: null,
          yellowFor: null,
          redFor: null,
          waived: false,
        })),
      };
    case 'OpinionRecorded': {
      const d = event.data;
      return withReview(c, d.window, (p) => ({
        ...p,
        opinion: {
          opinion: d.opinion,
          reasons: d.reasons,
          conditions: d.conditions,
          by: d.recordedBy,
          on: localDateOf(d.recordedAt),
          late: d.late,
          workingDaysUsed: d.workingDaysUsed,
          workingDaysOver: d.workingDaysOver,
        },
      }));
    }
    case 'ReviewSuspended':
      return withReview(c, event.data.window, (p) => ({
        ...p,
        suspendedSince: { reason: event.data.reason, detail: event.data.detail, fromDate: event.data.fromDate },
      }));
    case 'ReviewResumed':
      return withReview(c, event.data.window, (p) => ({
        ...p,
        suspendedSince: null,
        suspensions: [...p.suspensions, { ...p.suspendedSince!, toDate: event.data.toDate }],
        dueDate: event.data.dueDate,
      }));
    case 'ReviewWarningIssued':
      return withReview(c, event.data.window, (p) => ({ ...p, yellowFor: event.data.dueDate }));
    case 'ReviewOverdue':
      return withReview(c, event.data.window, (p) => ({ ...p, redFor: event.data.dueDate }));
    case 'OpinionsWaived':
      return { ...c, participants: participantsOf(c).map((p) => (event.data.windows.includes(p.window) ? { ...p, waived: true } : p)) };
    case 'CaseSentUp': {
      const d = event.data;
      const trip = {
        authority: d.authority,
        carriedBy: d.carriedBy,
        transmittal: d.transmittal,
        sentOn: d.sentOn,
        returnedOn: null,
        decision: null,
        returnFormNo: null,
      };
      return { ...c, escalations: [...(c.escalations ?? []), trip] };
    }
    case 'CaseReturnedFromAuthority': {
      const d = event.data;
      const trips = [...(c.escalations ?? [])];
      const last = trips.at(-1);
      if (last) trips[trips.length - 1] = { ...last, returnedOn: d.returnedOn, decision: d.decision, returnFormNo: d.formNo };
      return { ...c, escalations: trips };
    }
    case 'CenterTimeWarningIssued':
      return { ...c, centerTimeWarned: true };
    case 'CenterTimeExceeded':
      return { ...c, centerTimeExceeded: true };
    case 'FeeRecorded':
    case 'JointReviewHeld':
      return c;
    default:
      return assertNever(event, 'case event');
  }
}
