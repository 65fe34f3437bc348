import { localDateOf } from '../../../core/dates';
import { assertNever } from '../../../core/decider';
import { CaseEvent } from './case.events';
import { Case, CaseState, exists } from './case.state';

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
      };
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
      return {
        ...c,
        suspendedSince: null,
        suspensions: [...c.suspensions, { ...since, toDate: event.data.toDate, workingDays: event.data.workingDaysLeftOut }],
        timeLimit: { ...c.timeLimit!, dueDate: event.data.dueDate, provisional: event.data.provisional ?? c.timeLimit!.provisional },
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
    default:
      return assertNever(event, 'case event');
  }
}
