import { assertNever, Decider } from '../../../core/decider';
import { localDateOf } from '../../../core/dates';
import { DomainError } from '../../../core/errors';
import { Actor } from '../../../core/actor';
import { listIssues, textIssues, throwIfAny } from '../../../core/validation';
import { computeDueDate } from '../../time-limits/domain/due-date';
import { WorkingCalendar } from '../../time-limits/domain/working-calendar';
import { applicantIssues } from './applicant';
import { CaseCommand } from './case.commands';
import { CaseEvent } from './case.events';
import { evolveCase, initialCaseState } from './case.evolve';
import { Case, CaseState, CaseStatus, exists } from './case.state';

export interface CaseDeciderDeps {
  calendar: WorkingCalendar;
}

const OPEN: CaseStatus[] = ['SUBMITTED', 'AWAITING_SUPPLEMENT', 'ACCEPTED', 'COMPLETED'];
const CLOSED: CaseStatus[] = ['DELIVERED', 'REJECTED', 'WITHDRAWN', 'TERMINATED'];

function requireStatus(c: Case, allowed: CaseStatus[], code: string, action: string): void {
  if (!allowed.includes(c.status)) {
    throw new DomainError(code, `Cannot ${action}: the case is ${c.status}`, { status: c.status, allowed });
  }
}

export function createCaseDecider({ calendar }: CaseDeciderDeps): Decider<CaseState, CaseCommand, CaseEvent> {
  function decide(command: CaseCommand, state: CaseState): CaseEvent[] {
    if (command.type === 'SubmitCase') {
      if (exists(state)) throw new DomainError('CASE.ALREADY_EXISTS', `Case ${state.id} already exists`);
      const d = command.data;
      throwIfAny([...applicantIssues(d.applicant), ...listIssues(d.materials, 'materials', { required: false })]);
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
            submittedAt: d.occurredAt,
          },
        },
      ];
    }
    if (!exists(state)) throw new DomainError('CASE.NOT_FOUND', 'No such case');
    const c = state;
    const caseId = c.id;
    switch (command.type) {
      case 'RequestSupplement': {
        requireStatus(c, ['SUBMITTED'], 'CASE.NOT_PENDING_ACCEPTANCE', 'request a supplement');
        throwIfAny(listIssues(command.data.missingMaterials, 'missingMaterials'));
        const noticeNo = c.supplementNotices + 1;
        return [
          {
            type: 'SupplementRequested',
            data: {
              caseId,
              missingMaterials: command.data.missingMaterials.map((m) => m.trim()),
              noticeNo,
              breachesOneTimeRule: noticeNo > 1,
              requestedAt: command.data.occurredAt,
            },
          },
        ];
      }
      case 'ReceiveSupplement':
        requireStatus(c, ['AWAITING_SUPPLEMENT'], 'CASE.NOT_AWAITING_SUPPLEMENT', 'receive a supplement');
        throwIfAny(listIssues(command.data.materials, 'materials'));
        return [{ type: 'SupplementReceived', data: { caseId, materials: command.data.materials.map((m) => m.trim()), receivedAt: command.data.occurredAt } }];
      case 'AcceptCase': {
        requireStatus(c, ['SUBMITTED'], 'CASE.NOT_PENDING_ACCEPTANCE', 'accept');
        const { item, toleranceMaterials } = command.data;
        if (item.code !== c.itemCode) {
          throw new DomainError('ITEM.MISMATCH', `The case is for item ${c.itemCode}, not ${item.code}`);
        }
        throwIfAny(listIssues(toleranceMaterials, 'toleranceMaterials', { required: false }));
        if (toleranceMaterials.length > 0 && !item.allowsToleranceAcceptance) {
          throw new DomainError('CASE.TOLERANCE_NOT_ALLOWED', `Item ${item.code} does not allow acceptance with missing documents (容缺受理)`);
        }
        const timeLimit = computeDueDate(item, localDateOf(command.data.occurredAt), calendar);
        return [
          {
            type: 'CaseAccepted',
            data: { caseId, item, timeLimit, handler: command.data.staffId, toleranceMaterials, acceptedAt: command.data.occurredAt },
          },
        ];
      }
      case 'RejectCase':
        requireStatus(c, ['SUBMITTED', 'AWAITING_SUPPLEMENT'], 'CASE.NOT_PENDING_ACCEPTANCE', 'reject');
        throwIfAny(textIssues(command.data.reason, 'reason'));
        return [{ type: 'CaseRejected', data: { caseId, reason: command.data.reason.trim(), rejectedAt: command.data.occurredAt } }];
      case 'RecordStep': {
        requireStatus(c, ['ACCEPTED'], 'CASE.NOT_ACCEPTED', 'record a step');
        const { step, action, opinion } = command.data;
        throwIfAny([...textIssues(step, 'step', { max: 100 }), ...textIssues(opinion, 'opinion')]);
        const steps = c.item?.steps ?? [];
        if (steps.length > 0 && !steps.includes(step.trim())) {
          throw new DomainError('CASE.UNKNOWN_STEP', `"${step}" is not a step of item ${c.itemCode} (${steps.join(' → ')})`, { steps });
        }
        return [{ type: 'StepRecorded', data: { caseId, step: step.trim(), action, opinion: opinion.trim(), handledAt: command.data.occurredAt } }];
      }
      case 'CompleteCase': {
        requireStatus(c, ['ACCEPTED'], 'CASE.NOT_ACCEPTED', 'complete');
        const { outcome, reason } = command.data;
        // 行政许可法 art. 38: a denial states its reasons in writing.
        throwIfAny(textIssues(reason, 'reason', { required: outcome === 'DENIED' }));
        const dueDate = c.timeLimit!.dueDate;
        return [
          {
            type: 'CaseCompleted',
            data: {
              caseId,
              outcome,
              reason: reason?.trim() || null,
              dueDate,
              onTime: localDateOf(command.data.occurredAt) <= dueDate,
              completedAt: command.data.occurredAt,
            },
          },
        ];
      }
      case 'DeliverResult':
        requireStatus(c, ['COMPLETED'], 'CASE.NOT_COMPLETED', 'deliver the result');
        throwIfAny(textIssues(command.data.recipient, 'recipient', { max: 200 }));
        return [
          { type: 'ResultDelivered', data: { caseId, method: command.data.method, recipient: command.data.recipient.trim(), deliveredAt: command.data.occurredAt } },
        ];
      case 'WithdrawCase':
        requireStatus(c, ['SUBMITTED', 'AWAITING_SUPPLEMENT', 'ACCEPTED'], 'CASE.NOT_WITHDRAWABLE', 'withdraw');
        throwIfAny(textIssues(command.data.reason, 'reason', { required: false }));
        return [{ type: 'CaseWithdrawn', data: { caseId, reason: command.data.reason?.trim() || null, withdrawnAt: command.data.occurredAt } }];
      case 'TerminateCase':
        requireStatus(c, ['AWAITING_SUPPLEMENT'], 'CASE.NOT_AWAITING_SUPPLEMENT', 'terminate');
        throwIfAny(textIssues(command.data.reason, 'reason'));
        return [{ type: 'CaseTerminated', data: { caseId, reason: command.data.reason.trim(), terminatedAt: command.data.occurredAt } }];
      case 'ArchiveCase':
        requireStatus(c, CLOSED, 'CASE.NOT_CLOSED', 'archive');
        return [{ type: 'CaseArchived', data: { caseId, archivedAt: command.data.occurredAt } }];
      case 'ReassignCase': {
        requireStatus(c, OPEN, 'CASE.CLOSED', 'reassign');
        const { toStaffId, asCover, reason } = command.data;
        throwIfAny([...textIssues(toStaffId, 'toStaffId', { max: 100 }), ...textIssues(reason, 'reason')]);
        if (toStaffId === c.handler) throw new DomainError('CASE.ALREADY_ASSIGNED', `The case is already handled by ${toStaffId}`);
        return [
          { type: 'CaseReassigned', data: { caseId, fromStaffId: c.handler, toStaffId, asCover, reason: reason.trim(), reassignedAt: command.data.occurredAt } },
        ];
      }
      default:
        return assertNever(command, 'case command');
    }
  }

  return { decide, evolve: evolveCase, initialState: initialCaseState };
}

/** A staff member acting as a colleague's cover acts on that colleague's behalf (AB岗). */
export function caseActor(state: CaseState, actor: Actor): Actor {
  if (exists(state) && state.coverFor && state.handler === actor.id) return { ...actor, onBehalfOf: state.coverFor };
  return actor;
}
