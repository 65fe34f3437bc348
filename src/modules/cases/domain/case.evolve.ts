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
      supplementNotices: 0,
      acceptedAt: null,
      timeLimit: null,
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
      return { ...c, status: 'AWAITING_SUPPLEMENT', supplementNotices: event.data.noticeNo };
    case 'SupplementReceived':
      return { ...c, status: 'SUBMITTED', materials: [...c.materials, ...event.data.materials] };
    case 'CaseAccepted':
      return {
        ...c,
        status: 'ACCEPTED',
        item: event.data.item,
        itemVersion: event.data.item.version,
        kind: event.data.item.kind,
        acceptedAt: event.data.acceptedAt,
        timeLimit: event.data.timeLimit,
        handler: event.data.handler,
        coverFor: null,
      };
    case 'CaseRejected':
      return { ...c, status: 'REJECTED', closedAt: event.data.rejectedAt, closingReason: event.data.reason };
    case 'StepRecorded':
      return c;
    case 'CaseCompleted':
      return { ...c, status: 'COMPLETED', completedAt: event.data.completedAt, outcome: event.data.outcome, onTime: event.data.onTime, closingReason: event.data.reason };
    case 'ResultDelivered':
      return { ...c, status: 'DELIVERED', delivery: { method: event.data.method, recipient: event.data.recipient, deliveredAt: event.data.deliveredAt } };
    case 'CaseWithdrawn':
      return { ...c, status: 'WITHDRAWN', closedAt: event.data.withdrawnAt, closingReason: event.data.reason };
    case 'CaseTerminated':
      return { ...c, status: 'TERMINATED', closedAt: event.data.terminatedAt, closingReason: event.data.reason };
    case 'CaseArchived':
      return { ...c, status: 'ARCHIVED', archivedFrom: c.status };
    case 'CaseReassigned':
      return { ...c, handler: event.data.toStaffId, coverFor: event.data.asCover ? (c.coverFor ?? event.data.fromStaffId) : null };
    default:
      return assertNever(event, 'case event');
  }
}
