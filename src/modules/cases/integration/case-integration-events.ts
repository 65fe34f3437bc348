import { RecordedEvent, asDomainEvent } from '../../../core/event-store';
import { CASE_EVENT_TYPES, CaseEvent } from '../domain/case.events';
import { caseIdOfStream } from '../domain/case-stream';

/**
 * The public contract other government systems consume (electronic supervision, data exchange): small,
 * versioned, and free of personal data. Domain events change with the product; these change only by
 * adding a new version. Consumers de-duplicate by `id` (delivery is at least once) and rely on order per
 * case (the message key is the case id).
 */
export interface IntegrationEvent {
  /** e.g. casetrail.case.accepted.v1 */
  type: string;
  /** The id of the domain event it was made from. */
  id: string;
  caseId: string;
  /** Position in the service's event log; increases in publication order. */
  position: string;
  occurredAt: string;
  recordedAt: string;
  data: Record<string, unknown>;
}

const v1 = (name: string) => `casetrail.case.${name}.v1`;

/** The integration event for a domain event, or undefined for events that are not part of the contract. */
export function toIntegrationEvent(recorded: RecordedEvent): IntegrationEvent | undefined {
  if (recorded.type === 'RatingInvited' && recorded.stream.startsWith('rating-invitation-')) {
    // 邀评: the portal and the SMS gateway invite the applicant; they find the contact by receipt number.
    const d = recorded.data as { caseId: string; receiptNo: string; completedOn: string };
    return envelope(recorded, d.caseId, v1('rating_invited'), { receiptNo: d.receiptNo, completedOn: d.completedOn });
  }
  const caseId = caseIdOfStream(recorded.stream);
  if (caseId === null || !CASE_EVENT_TYPES.has(recorded.type)) return undefined;
  const event = asDomainEvent<CaseEvent>(recorded);
  const mapped = map(event);
  if (!mapped) return undefined;
  return envelope(recorded, caseId, mapped[0], mapped[1]);
}

function envelope(recorded: RecordedEvent, caseId: string, type: string, data: Record<string, unknown>): IntegrationEvent {
  return {
    type,
    id: recorded.id,
    caseId,
    position: recorded.position.toString(),
    occurredAt: recorded.metadata.occurredAt,
    recordedAt: recorded.metadata.recordedAt,
    data,
  };
}

function map(event: CaseEvent): [string, Record<string, unknown>] | undefined {
  switch (event.type) {
    case 'CaseSubmitted': {
      // No applicant: names and identity numbers never leave through Kafka.
      const { receiptNo, center, window, itemCode, itemVersion, kind, channel } = event.data;
      return [v1('submitted'), { receiptNo, center, window, itemCode, itemVersion, kind, channel }];
    }
    case 'SupplementRequested':
      return [
        v1('supplement_requested'),
        {
          missingMaterials: event.data.missingMaterials,
          noticeNo: event.data.noticeNo,
          late: event.data.late,
          breachesOneTimeRule: event.data.breachesOneTimeRule,
        },
      ];
    case 'SupplementReceived':
      return [v1('supplement_received'), {}];
    case 'CaseAccepted': {
      const { item, timeLimit, clockStartBasis, handler } = event.data;
      return [
        v1('accepted'),
        {
          itemCode: item.code,
          itemVersion: item.version,
          dueDate: timeLimit.dueDate,
          limit: timeLimit.limit,
          unit: timeLimit.unit,
          clockStartBasis,
          handler,
        },
      ];
    }
    case 'CaseRejected':
      return [v1('rejected'), { reason: event.data.reason }];
    case 'StepRecorded':
      return [v1('step_recorded'), { step: event.data.step, action: event.data.action, late: event.data.late }];
    case 'CaseCompleted':
      return [v1('completed'), { outcome: event.data.outcome, onTime: event.data.onTime, dueDate: event.data.dueDate }];
    case 'ResultDelivered':
      return [v1('delivered'), { method: event.data.method }];
    case 'CaseWithdrawn':
      return [v1('withdrawn'), {}];
    case 'CaseTerminated':
      return [v1('terminated'), { reason: event.data.reason }];
    case 'CaseArchived':
      return [v1('archived'), {}];
    case 'CaseSuspended':
      return [v1('suspended'), { reason: event.data.reason, detail: event.data.detail }];
    case 'CaseResumed':
      return [v1('resumed'), { dueDate: event.data.dueDate, workingDaysLeftOut: event.data.workingDaysLeftOut }];
    case 'ExtensionApproved':
      return [v1('extended'), { workingDays: event.data.workingDays, dueDate: event.data.dueDate }];
    case 'CaseUrged':
      return [v1('urged'), { periodWorkingDays: event.data.periodWorkingDays, periodEndsOn: event.data.periodEndsOn }];
    case 'DeadlineWarningIssued':
      return [
        v1('deadline_warning'),
        { level: 'YELLOW', dueDate: event.data.dueDate, workingDaysRemaining: event.data.workingDaysRemaining },
      ];
    case 'DeadlineBreached':
      return [v1('deadline_breached'), { level: 'RED', dueDate: event.data.dueDate, workingDaysOver: event.data.workingDaysOver }];
    case 'EscalationReviewOverdue':
      return [v1('escalation_review_overdue'), { workingDaysUsed: event.data.workingDaysUsed, limit: event.data.limit }];
    case 'DueDateCorrected': {
      const { previousDueDate, dueDate, provisional, scheduleYears } = event.data;
      return [v1('due_date_corrected'), { previousDueDate, dueDate, provisional, scheduleYears }];
    }
    case 'StepOverdue':
      return [v1('step_overdue'), { step: event.data.step, stepLimit: event.data.stepLimit, workingDaysUsed: event.data.workingDaysUsed }];
    // 联办件: the participating departments' own systems follow their reviews.
    case 'ParticipantsNotified':
      return [
        v1('participants_notified'),
        {
          participants: event.data.participants.map(({ window, department, reviewLimit, required, dueDate }) => ({
            window,
            department,
            reviewLimit,
            required,
            dueDate,
          })),
        },
      ];
    case 'OpinionRecorded': {
      const { window, department, opinion, reasons, conditions, recordedBy, dueDate, late, workingDaysOver } = event.data;
      return [v1('opinion_recorded'), { window, department, opinion, reasons, conditions, by: recordedBy, dueDate, late, workingDaysOver }];
    }
    case 'ReviewWarningIssued':
      return [
        v1('review_warning'),
        { window: event.data.window, level: 'YELLOW', dueDate: event.data.dueDate, workingDaysRemaining: event.data.workingDaysRemaining },
      ];
    case 'ReviewOverdue':
      return [
        v1('review_overdue'),
        { window: event.data.window, level: 'RED', dueDate: event.data.dueDate, workingDaysOver: event.data.workingDaysOver },
      ];
    case 'OpinionsWaived':
      return [v1('opinions_waived'), { windows: event.data.windows, reason: event.data.reason }];
    case 'JointReviewHeld':
      return [
        v1('joint_review_held'),
        { kind: event.data.kind, units: [...new Set(event.data.attendees.map((a) => a.unit))], location: event.data.location },
      ];
    // 上报件: the trip to the higher authority and back (no applicant data in the transmittal's number).
    case 'CaseSentUp':
      return [
        v1('sent_up'),
        { authority: event.data.authority, formNo: event.data.transmittal.formNo, centerWorkingDaysUsed: event.data.centerWorkingDaysUsed },
      ];
    case 'CaseReturnedFromAuthority':
      return [v1('returned_from_authority'), { authority: event.data.authority, decision: event.data.decision, formNo: event.data.formNo }];
    case 'CenterTimeWarningIssued':
      return [v1('center_time_warning'), { level: 'YELLOW', workingDaysUsed: event.data.workingDaysUsed, limit: event.data.limit }];
    case 'CenterTimeExceeded':
      return [v1('center_time_exceeded'), { level: 'RED', workingDaysUsed: event.data.workingDaysUsed, limit: event.data.limit }];
    // Internal to the center: who handles the case, and extension requests before a decision.
    case 'CaseReassigned':
    case 'ExtensionRequested':
    case 'ExtensionDenied':
      return undefined;
    // The contract publishes what it names (docs/integration-events.md): a new event stays internal until a
    // message for it is added here and to the contract, so adding an event never changes what others receive.
    default:
      return undefined;
  }
}
