import { DomainCommand } from '../../../core/decider';
import { addDays, LocalDate, localDateOf } from '../../../core/dates';
import { DomainError } from '../../../core/errors';
import { listIssues, textIssues, throwIfAny } from '../../../core/validation';
import { ItemSnapshot, ParticipantDefinition } from '../../catalog/domain';
import { computeDueDate, isAcceptanceDay, nextAcceptanceDay, WorkingCalendar } from '../../time-limits/domain';
import { Applicant, applicantIssues } from './applicant';
import { CaseEvent } from './case.events';
import { At, CaseRules, CLOSED, requireStatus, RuleTable } from './case-rules';
import { Case, CaseState, Channel, ClockStartBasis, DeliveryMethod, exists, Outcome, StepAction } from './case.state';
import { stepDays } from './clock.decide';
import { resumedIfSuspended } from './clock-resumption';
import { atAuthority } from './escalation.decide';
import { notifyParticipants, requireOpinions } from './joint.decide';
import { reviewDelays } from './review-clock';

/**
 * A case's life from submission to archive (SPEC §4): supplements (rule 5), acceptance and the clock's
 * start (rules 2–4), review steps (rule 12), completion, delivery, withdrawal, termination, archiving.
 */
export type SubmitCase = DomainCommand<
  'SubmitCase',
  At & {
    caseId: string;
    receiptNo: string;
    center: string;
    item: ItemSnapshot;
    applicant: Applicant;
    channel: Channel;
    materials: string[];
    staffId: string | null;
  }
>;
export type RequestSupplement = DomainCommand<'RequestSupplement', At & { missingMaterials: string[] }>;
export type ReceiveSupplement = DomainCommand<'ReceiveSupplement', At & { materials: string[] }>;
export type AcceptCase = DomainCommand<
  'AcceptCase',
  At & {
    item: ItemSnapshot;
    staffId: string;
    toleranceMaterials: string[];
    /** 联办件: the participants, when the lead names others than the item's; absent, the item's own. */
    participants?: ParticipantDefinition[] | null;
    /** Why the participants differ from the item's. */
    participantsReason?: string | null;
  }
>;
export type RejectCase = DomainCommand<'RejectCase', At & { reason: string }>;
export type RecordStep = DomainCommand<'RecordStep', At & { step: string; action: StepAction; opinion: string }>;
export type CompleteCase = DomainCommand<'CompleteCase', At & { outcome: Outcome; reason: string | null }>;
export type DeliverResult = DomainCommand<'DeliverResult', At & { method: DeliveryMethod; recipient: string }>;
export type WithdrawCase = DomainCommand<'WithdrawCase', At & { reason: string | null }>;
export type TerminateCase = DomainCommand<'TerminateCase', At & { reason: string }>;
export type ArchiveCase = DomainCommand<'ArchiveCase', At>;
/** The window reports its late first supplement notice to its department leader and the center (D11). */
export type ReportLateNotice = DomainCommand<'ReportLateNotice', At & { explanation: string }>;
/** The watcher's look at a late first notice nobody reported; the window's chief representative, if any. */
export type CheckLateNoticeReport = DomainCommand<'CheckLateNoticeReport', At & { today: LocalDate; chiefRepresentative: string | null }>;

/** The commands on a case that exists; a submission makes one (submitCase). */
export type LifecycleCommand =
  | RequestSupplement
  | ReceiveSupplement
  | AcceptCase
  | RejectCase
  | RecordStep
  | CompleteCase
  | DeliverResult
  | WithdrawCase
  | TerminateCase
  | ArchiveCase
  | ReportLateNotice
  | CheckLateNoticeReport;

/** 收件: the case is made, with the day the supplement notice is due by (rule 5). */
export function submitCase(command: SubmitCase, state: CaseState, { calendar, policy }: CaseRules): CaseEvent[] {
  if (exists(state)) throw new DomainError('CASE.ALREADY_EXISTS', `Case ${state.id} already exists`);
  const d = command.data;
  throwIfAny([...applicantIssues(d.applicant), ...listIssues(d.materials, 'materials', { required: false })]);
  requireAcceptanceDay(d.item, localDateOf(d.occurredAt), calendar);
  return [
    {
      type: 'CaseSubmitted',
      data: {
        caseId: d.caseId,
        receiptNo: d.receiptNo,
        center: d.center,
        itemCode: d.item.code,
        itemVersion: d.item.version,
        kind: d.item.kind,
        window: d.item.window,
        applicant: { ...d.applicant, name: d.applicant.name.trim() },
        channel: d.channel,
        materials: d.materials.map((m) => m.trim()),
        receivedOn: localDateOf(d.occurredAt),
        supplementNoticeDue: calendar.addWorkingDays(localDateOf(d.occurredAt), policy.supplementNoticeWorkingDays),
        ...(d.item.supplementDeadline ? { supplementDeadline: d.item.supplementDeadline } : {}),
        submittedAt: d.occurredAt,
      },
    },
  ];
}

/** 一次性告知 (rule 5): all missing materials at once; a second notice, or a late one, is recorded as such. */
export function requestSupplement(command: RequestSupplement, c: Case, { calendar }: CaseRules): CaseEvent[] {
  requireStatus(c, ['SUBMITTED'], 'CASE.NOT_PENDING_ACCEPTANCE', 'request a supplement');
  throwIfAny(listIssues(command.data.missingMaterials, 'missingMaterials'));
  const noticeNo = c.supplementNotices + 1;
  const requestedOn = localDateOf(command.data.occurredAt);
  // 补正期限 counts like a time limit: N working days, or N natural days ending on a working day (rule 11).
  const deadline = c.supplementDeadline;
  const applicantDue = deadline
    ? computeDueDate({ kind: 'promised', promisedLimit: deadline.days, limitUnit: deadline.unit }, requestedOn, calendar).dueDate
    : null;
  return [
    {
      type: 'SupplementRequested',
      data: {
        caseId: c.id,
        missingMaterials: command.data.missingMaterials.map((m) => m.trim()),
        noticeNo,
        breachesOneTimeRule: noticeNo > 1,
        late: requestedOn > c.supplementNoticeDue,
        ...(applicantDue ? { applicantDue } : {}),
        requestedAt: command.data.occurredAt,
      },
    },
  ];
}

export function receiveSupplement(command: ReceiveSupplement, c: Case): CaseEvent[] {
  requireStatus(c, ['AWAITING_SUPPLEMENT'], 'CASE.NOT_AWAITING_SUPPLEMENT', 'receive a supplement');
  throwIfAny(listIssues(command.data.materials, 'materials'));
  return [
    {
      type: 'SupplementReceived',
      data: { caseId: c.id, materials: command.data.materials.map((m) => m.trim()), receivedAt: command.data.occurredAt },
    },
  ];
}

/**
 * 受理: the case is pinned to the item version in force and promised its due date (rules 2–5); a joint
 * case's participants are told at once (抄告相关).
 */
export function acceptCase(command: AcceptCase, c: Case, { calendar }: CaseRules): CaseEvent[] {
  requireStatus(c, ['SUBMITTED'], 'CASE.NOT_PENDING_ACCEPTANCE', 'accept');
  const { item, toleranceMaterials } = command.data;
  if (item.code !== c.itemCode) {
    throw new DomainError('ITEM.MISMATCH', `The case is for item ${c.itemCode}, not ${item.code}`);
  }
  throwIfAny(listIssues(toleranceMaterials, 'toleranceMaterials', { required: false }));
  if (toleranceMaterials.length > 0 && !item.allowsToleranceAcceptance) {
    throw new DomainError('CASE.TOLERANCE_NOT_ALLOWED', `Item ${item.code} does not allow acceptance with missing documents (容缺受理)`);
  }
  const acceptedOn = localDateOf(command.data.occurredAt);
  const { startDate, basis } =
    item.kind === 'immediate' ? { startDate: acceptedOn, basis: 'ACCEPTANCE' as const } : clockStart(c, acceptedOn);
  const timeLimit = computeDueDate(item, startDate, calendar);
  const notified = notifyParticipants(
    c,
    item,
    command.data.participants ?? null,
    command.data.participantsReason ?? null,
    command.data.occurredAt,
    calendar,
  );
  return [
    {
      type: 'CaseAccepted',
      data: {
        caseId: c.id,
        item,
        timeLimit,
        handler: command.data.staffId,
        toleranceMaterials,
        clockStartBasis: basis,
        acceptedAt: command.data.occurredAt,
      },
    },
    ...notified,
  ];
}

export function rejectCase(command: RejectCase, c: Case): CaseEvent[] {
  requireStatus(c, ['SUBMITTED', 'AWAITING_SUPPLEMENT'], 'CASE.NOT_PENDING_ACCEPTANCE', 'reject');
  throwIfAny(textIssues(command.data.reason, 'reason'));
  return [{ type: 'CaseRejected', data: { caseId: c.id, reason: command.data.reason.trim(), rejectedAt: command.data.occurredAt } }];
}

/** 环节: a step the item publishes, timed against its own limit (rule 12) and its minimum duration (公示). */
export function recordStep(command: RecordStep, c: Case, rules: CaseRules): CaseEvent[] {
  requireStatus(c, ['ACCEPTED'], 'CASE.NOT_ACCEPTED', 'record a step');
  const { step, action, opinion } = command.data;
  throwIfAny([...textIssues(step, 'step', { max: 100 }), ...textIssues(opinion, 'opinion')]);
  const steps = c.item?.steps ?? [];
  if (steps.length > 0 && !steps.includes(step.trim())) {
    throw new DomainError('CASE.UNKNOWN_STEP', `"${step}" is not a step of item ${c.itemCode} (${steps.join(' → ')})`, { steps });
  }
  // Rule 12: a step's time runs from the previous step (or the clock's start) to its record, and
  // the days a suspension left out do not count against it, as they do not count against the case.
  const since = c.lastStepOn ?? c.timeLimit!.startDate;
  const handledOn = localDateOf(command.data.occurredAt);
  const stepLimit = c.item?.stepLimits?.[step.trim()] ?? null;
  const stepWorkingDays = stepDays(c, since, handledOn, rules);
  // 公示 and the like run at least N natural days after the day they began (that day not counted).
  const minimumDays = c.item?.stepMinimumDays?.[step.trim()];
  if (minimumDays !== undefined && handledOn < addDays(since, minimumDays)) {
    throw new DomainError(
      'CASE.STEP_TOO_EARLY',
      `"${step.trim()}" lasts at least ${minimumDays} days from ${since}: it can be recorded from ${addDays(since, minimumDays)}`,
      { step: step.trim(), minimumDays, since, earliestOn: addDays(since, minimumDays) },
    );
  }
  return [
    {
      type: 'StepRecorded',
      data: {
        caseId: c.id,
        step: step.trim(),
        action,
        opinion: opinion.trim(),
        stepLimit,
        stepWorkingDays,
        late: stepLimit !== null && stepWorkingDays > stepLimit,
        handledAt: command.data.occurredAt,
      },
    },
  ];
}

/** 办结: on time if by the end of the due date and never red-carded (SPEC clarification). */
export function completeCase(command: CompleteCase, c: Case, rules: CaseRules): CaseEvent[] {
  requireStatus(c, ['ACCEPTED'], 'CASE.NOT_ACCEPTED', 'complete');
  requireOpinions(c);
  // 上报件: the decision is the higher authority's; the case completes once it is back.
  if (atAuthority(c)) throw new DomainError('CASE.AT_AUTHORITY', `The case is with ${atAuthority(c)!.authority}: record its return first`);
  const { outcome, reason } = command.data;
  // 行政许可法 art. 38: a denial states its reasons in writing.
  throwIfAny(textIssues(reason, 'reason', { required: outcome === 'DENIED' }));
  // Completing a suspended case ends the suspension first, so its days are left out of the clock.
  const resumed = resumedIfSuspended(c, command.data.occurredAt, rules);
  const dueDate = resumed[0]?.data.dueDate ?? c.timeLimit!.dueDate;
  const completedOn = localDateOf(command.data.occurredAt);
  // Lateness is a fact once recorded: a red-carded case is never completed on time, whatever moved since.
  const onTime = completedOn <= dueDate && c.redFor === null;
  const firstUrging = c.urgings[0];
  const late = onTime ? {} : { workingDaysOver: completedOn > dueDate ? rules.calendar.workingDaysBetween(dueDate, completedOn) : 0 };
  const delays = onTime ? [] : reviewDelays(c, completedOn, rules.calendar);
  return [
    ...resumed,
    {
      type: 'CaseCompleted',
      data: {
        caseId: c.id,
        outcome,
        reason: reason?.trim() || null,
        dueDate,
        onTime,
        withinFirstUrgingPeriod: !onTime && firstUrging ? completedOn <= firstUrging.periodEndsOn : null,
        ...late,
        ...(delays.length > 0 ? { delays } : {}),
        completedAt: command.data.occurredAt,
      },
    },
  ];
}

export function deliverResult(command: DeliverResult, c: Case): CaseEvent[] {
  requireStatus(c, ['COMPLETED'], 'CASE.NOT_COMPLETED', 'deliver the result');
  throwIfAny(textIssues(command.data.recipient, 'recipient', { max: 200 }));
  return [
    {
      type: 'ResultDelivered',
      data: { caseId: c.id, method: command.data.method, recipient: command.data.recipient.trim(), deliveredAt: command.data.occurredAt },
    },
  ];
}

/** An applicant may withdraw until the case is completed; a running suspension ends first (rule 10). */
export function withdrawCase(command: WithdrawCase, c: Case, rules: CaseRules): CaseEvent[] {
  requireStatus(c, ['SUBMITTED', 'AWAITING_SUPPLEMENT', 'ACCEPTED'], 'CASE.NOT_WITHDRAWABLE', 'withdraw');
  throwIfAny(textIssues(command.data.reason, 'reason', { required: false }));
  return [
    ...resumedIfSuspended(c, command.data.occurredAt, rules),
    { type: 'CaseWithdrawn', data: { caseId: c.id, reason: command.data.reason?.trim() || null, withdrawnAt: command.data.occurredAt } },
  ];
}

export function terminateCase(command: TerminateCase, c: Case): CaseEvent[] {
  requireStatus(c, ['AWAITING_SUPPLEMENT'], 'CASE.NOT_AWAITING_SUPPLEMENT', 'terminate');
  throwIfAny(textIssues(command.data.reason, 'reason'));
  return [{ type: 'CaseTerminated', data: { caseId: c.id, reason: command.data.reason.trim(), terminatedAt: command.data.occurredAt } }];
}

export function archiveCase(command: ArchiveCase, c: Case): CaseEvent[] {
  requireStatus(c, CLOSED, 'CASE.NOT_CLOSED', 'archive');
  return [{ type: 'CaseArchived', data: { caseId: c.id, archivedAt: command.data.occurredAt } }];
}

/**
 * D11 in full (seed rulebook: 扣该窗口工作人员和直接责任人2分): a late first notice costs whoever issued it;
 * the window reports it to its department leader and the center within the week, and a report may come
 * late (it is recorded as late). It concerns the window's conduct, not the clock: a closed case may be
 * reported too.
 */
export function reportLateNotice(command: ReportLateNotice, c: Case): CaseEvent[] {
  const report = c.lateNoticeReport;
  if (!report) throw new DomainError('CASE.NO_LATE_NOTICE', 'The case has no late first supplement notice to report');
  if (report.reportedOn) throw new DomainError('CASE.LATE_NOTICE_ALREADY_REPORTED', `The late notice was reported on ${report.reportedOn}`);
  throwIfAny(textIssues(command.data.explanation, 'explanation', { max: 2000 }));
  const reportedOn = localDateOf(command.data.occurredAt);
  return [
    {
      type: 'LateNoticeReported',
      data: {
        caseId: c.id,
        explanation: command.data.explanation.trim(),
        reportedOn,
        withinWeek: reportedOn <= report.reportDue,
        reportedAt: command.data.occurredAt,
      },
    },
  ];
}

/** Unreported past the week: recorded once, naming the direct responsible person (the chief representative). */
export function checkLateNoticeReport(command: CheckLateNoticeReport, c: Case): CaseEvent[] {
  const report = c.lateNoticeReport;
  if (!report || report.reportedOn || report.overdueOn || command.data.today <= report.reportDue) return [];
  return [
    {
      type: 'LateNoticeReportOverdue',
      data: {
        caseId: c.id,
        noticeOn: report.noticeOn,
        reportDue: report.reportDue,
        responsible: command.data.chiefRepresentative,
        markedOn: command.data.today,
      },
    },
  ];
}

export const lifecycleRules: RuleTable<LifecycleCommand> = {
  RequestSupplement: requestSupplement,
  ReceiveSupplement: receiveSupplement,
  AcceptCase: acceptCase,
  RejectCase: rejectCase,
  RecordStep: recordStep,
  CompleteCase: completeCase,
  DeliverResult: deliverResult,
  WithdrawCase: withdrawCase,
  TerminateCase: terminateCase,
  ArchiveCase: archiveCase,
  ReportLateNotice: reportLateNotice,
  CheckLateNoticeReport: checkLateNoticeReport,
};

/** 受理日: an item accepted only on some days of the month refuses a submission on any other, naming the next. */
function requireAcceptanceDay(item: ItemSnapshot, receivedOn: LocalDate, calendar: WorkingCalendar): void {
  if (isAcceptanceDay(item.acceptanceDays, receivedOn)) return;
  const { from, to } = item.acceptanceDays!;
  const next = nextAcceptanceDay(item.acceptanceDays!, receivedOn, calendar);
  throw new DomainError(
    'CASE.OUTSIDE_ACCEPTANCE_DAYS',
    `Item ${item.code} is accepted only from the ${from} to the ${to} of a month${next ? `: the next acceptance day is ${next}` : ''}`,
    { acceptanceDays: { from, to }, nextAcceptanceDay: next },
  );
}

/**
 * Rule 5. The clock runs from the day after receipt if the office was late to ask for the supplement
 * (or to accept without one); from the day after the first supplement arrived if it asked in time; else
 * from the day after acceptance (rule 2).
 */
function clockStart(c: Case, acceptedOn: string): { startDate: string; basis: ClockStartBasis } {
  if (c.lateNotice || (c.supplementNotices === 0 && acceptedOn > c.supplementNoticeDue))
    return { startDate: c.receivedOn, basis: 'RECEIPT' };
  if (c.firstSupplementOn) return { startDate: c.firstSupplementOn, basis: 'SUPPLEMENT' };
  return { startDate: acceptedOn, basis: 'ACCEPTANCE' };
}
