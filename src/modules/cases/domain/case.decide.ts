import { assertNever, Decider } from '../../../core/decider';
import { addDays, localDateOf } from '../../../core/dates';
import { DomainError } from '../../../core/errors';
import { Actor } from '../../../core/actor';
import { listIssues, textIssues, throwIfAny } from '../../../core/validation';
import { computeDueDate } from '../../time-limits/domain/due-date';
import {
  ClockPolicy,
  DEFAULT_CLOCK_POLICY,
  dueDateAfterSuspension,
  isYellow,
  lastDayForExtension,
  readClock,
  STATUTORY_PROCEDURES,
  suspendedWorkingDays,
} from '../../time-limits/domain/statutory-clock';
import { WorkingCalendar } from '../../time-limits/domain/working-calendar';
import { applicantIssues } from './applicant';
import { CaseCommand } from './case.commands';
import { CaseEvent, CaseResumed, ClockStartBasis } from './case.events';
import { evolveCase, initialCaseState } from './case.evolve';
import { Case, CaseState, CaseStatus, exists, extensionWorkingDays, leftOutWorkingDays } from './case.state';

export interface CaseDeciderDeps {
  calendar: WorkingCalendar;
  policy?: ClockPolicy;
}

const OPEN: CaseStatus[] = ['SUBMITTED', 'AWAITING_SUPPLEMENT', 'ACCEPTED', 'COMPLETED'];
const CLOSED: CaseStatus[] = ['DELIVERED', 'REJECTED', 'WITHDRAWN', 'TERMINATED'];

function requireStatus(c: Case, allowed: CaseStatus[], code: string, action: string): void {
  if (!allowed.includes(c.status)) {
    throw new DomainError(code, `Cannot ${action}: the case is ${c.status}`, { status: c.status, allowed });
  }
}

export function createCaseDecider({ calendar, policy = DEFAULT_CLOCK_POLICY }: CaseDeciderDeps): Decider<CaseState, CaseCommand, CaseEvent> {
  /**
   * Rule 5. The clock runs from the day after receipt if the office was late to ask for the supplement
   * (or to accept without one); from the day after the first supplement arrived if it asked in time; else
   * from the day after acceptance (rule 2).
   */
  function clockStart(c: Case, acceptedOn: string): { startDate: string; basis: ClockStartBasis } {
    if (c.lateNotice || (c.supplementNotices === 0 && acceptedOn > c.supplementNoticeDue)) return { startDate: c.receivedOn, basis: 'RECEIPT' };
    if (c.firstSupplementOn) return { startDate: c.firstSupplementOn, basis: 'SUPPLEMENT' };
    return { startDate: acceptedOn, basis: 'ACCEPTANCE' };
  }

  function resume(c: Case, occurredAt: string): CaseResumed {
    const since = c.suspendedSince!;
    const toDate = localDateOf(occurredAt);
    const leftOut = suspendedWorkingDays(since.fromDate, toDate, calendar);
    const previousDueDate = c.timeLimit!.dueDate;
    return {
      type: 'CaseResumed',
      data: { caseId: c.id, fromDate: since.fromDate, toDate, workingDaysLeftOut: leftOut, previousDueDate, dueDate: dueDateAfterSuspension(previousDueDate, leftOut, calendar), resumedAt: occurredAt },
    };
  }

  function requireExtensionInTime(c: Case, occurredAt: string): void {
    const lastDay = lastDayForExtension(c.timeLimit!.dueDate, policy);
    if (localDateOf(occurredAt) > lastDay) {
      throw new DomainError(
        'CASE.EXTENSION_TOO_LATE',
        `An extension must be decided and told to the applicant at least ${policy.extensionNoticeCalendarDays} calendar days before the due date ${c.timeLimit!.dueDate} (by ${lastDay})`,
        { dueDate: c.timeLimit!.dueDate, lastDay },
      );
    }
  }

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
            receivedOn: localDateOf(d.occurredAt),
            supplementNoticeDue: calendar.addWorkingDays(localDateOf(d.occurredAt), policy.supplementNoticeWorkingDays),
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
              late: localDateOf(command.data.occurredAt) > c.supplementNoticeDue,
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
        const acceptedOn = localDateOf(command.data.occurredAt);
        const { startDate, basis } = item.kind === 'immediate' ? { startDate: acceptedOn, basis: 'ACCEPTANCE' as const } : clockStart(c, acceptedOn);
        const timeLimit = computeDueDate(item, startDate, calendar);
        return [
          {
            type: 'CaseAccepted',
            data: { caseId, item, timeLimit, handler: command.data.staffId, toleranceMaterials, clockStartBasis: basis, acceptedAt: command.data.occurredAt },
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
        // Rule 12: a step's time runs from the previous step (or the clock's start) to its record.
        const stepLimit = c.item?.stepLimits?.[step.trim()] ?? null;
        const stepWorkingDays = calendar.workingDaysBetween(c.lastStepOn ?? c.timeLimit!.startDate, localDateOf(command.data.occurredAt));
        return [
          {
            type: 'StepRecorded',
            data: {
              caseId,
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
      case 'CompleteCase': {
        requireStatus(c, ['ACCEPTED'], 'CASE.NOT_ACCEPTED', 'complete');
        const { outcome, reason } = command.data;
        // 行政许可法 art. 38: a denial states its reasons in writing.
        throwIfAny(textIssues(reason, 'reason', { required: outcome === 'DENIED' }));
        // Completing a suspended case ends the suspension first, so its days are left out of the clock.
        const resumed = c.suspendedSince ? [resume(c, command.data.occurredAt)] : [];
        const dueDate = resumed[0]?.data.dueDate ?? c.timeLimit!.dueDate;
        const completedOn = localDateOf(command.data.occurredAt);
        const onTime = completedOn <= dueDate;
        const firstUrging = c.urgings[0];
        return [
          ...resumed,
          {
            type: 'CaseCompleted',
            data: {
              caseId,
              outcome,
              reason: reason?.trim() || null,
              dueDate,
              onTime,
              withinFirstUrgingPeriod: !onTime && firstUrging ? completedOn <= firstUrging.periodEndsOn : null,
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
        // AB岗: where the window records who covers whose post, only the B post covers the A post.
        const pair = asCover ? command.data.abPairs?.find((p) => p.aPost === c.handler) : undefined;
        if (pair && pair.bPost !== toStaffId) {
          throw new DomainError('CASE.NOT_THE_B_POST', `${c.handler}'s post is covered by ${pair.bPost}, not ${toStaffId}`, { aPost: pair.aPost, bPost: pair.bPost });
        }
        return [
          { type: 'CaseReassigned', data: { caseId, fromStaffId: c.handler, toStaffId, asCover, reason: reason.trim(), reassignedAt: command.data.occurredAt } },
        ];
      }
      case 'SuspendCase': {
        requireStatus(c, ['ACCEPTED'], 'CASE.NOT_ACCEPTED', 'suspend the clock');
        if (c.suspendedSince) throw new DomainError('CASE.ALREADY_SUSPENDED', `The clock is already suspended since ${c.suspendedSince.fromDate}`);
        const { reason, detail } = command.data;
        if (reason === 'STATUTORY_PROCEDURE' && !STATUTORY_PROCEDURES.includes(detail as (typeof STATUTORY_PROCEDURES)[number])) {
          throw new DomainError('VALIDATION.FAILED', `detail must name the procedure (行政许可法 art. 45): ${STATUTORY_PROCEDURES.join(', ')}`, {
            issues: [{ field: 'detail', message: `must be one of ${STATUTORY_PROCEDURES.join(', ')}` }],
          });
        }
        throwIfAny(textIssues(detail, 'detail', { required: false, max: 500 }));
        const fromDate = localDateOf(command.data.occurredAt);
        // Art. 43: the lower level's own review before sending a case up is limited.
        const sentUpLate =
          reason === 'HIGHER_AUTHORITY'
            ? readClock(c.timeLimit!.startDate, c.timeLimit!.dueDate, fromDate, leftOutWorkingDays(c), calendar).workingDaysUsed > policy.escalationReviewWorkingDays
            : null;
        return [{ type: 'CaseSuspended', data: { caseId, reason, detail: detail?.trim() || null, fromDate, sentUpLate, suspendedAt: command.data.occurredAt } }];
      }
      case 'ResumeCase':
        if (!c.suspendedSince) throw new DomainError('CASE.NOT_SUSPENDED', 'The clock is not suspended');
        return [resume(c, command.data.occurredAt)];
      case 'RequestExtension': {
        requireStatus(c, ['ACCEPTED'], 'CASE.NOT_ACCEPTED', 'ask for an extension');
        if (c.pendingExtension) throw new DomainError('CASE.EXTENSION_PENDING', 'An extension is already waiting for a decision');
        const { workingDays, reason } = command.data;
        throwIfAny(textIssues(reason, 'reason'));
        const max = c.kind === 'joint' ? policy.maxJointExtensionWorkingDays : policy.maxExtensionWorkingDays;
        const used = extensionWorkingDays(c);
        if (!Number.isInteger(workingDays) || workingDays < 1 || used + workingDays > max) {
          throw new DomainError('CASE.EXTENSION_LIMIT', `Extensions may total at most ${max} working days; ${used} already granted`, { max, granted: used });
        }
        requireExtensionInTime(c, command.data.occurredAt);
        return [{ type: 'ExtensionRequested', data: { caseId, workingDays, reason: reason.trim(), requestedAt: command.data.occurredAt } }];
      }
      case 'ApproveExtension': {
        if (!c.pendingExtension) throw new DomainError('CASE.NO_EXTENSION_PENDING', 'No extension is waiting for a decision');
        throwIfAny(textIssues(command.data.reason, 'reason'));
        requireExtensionInTime(c, command.data.occurredAt);
        const previousDueDate = c.timeLimit!.dueDate;
        const { workingDays } = c.pendingExtension;
        return [
          {
            type: 'ExtensionApproved',
            data: { caseId, workingDays, reason: command.data.reason.trim(), previousDueDate, dueDate: calendar.addWorkingDays(previousDueDate, workingDays), approvedAt: command.data.occurredAt },
          },
        ];
      }
      case 'DenyExtension':
        if (!c.pendingExtension) throw new DomainError('CASE.NO_EXTENSION_PENDING', 'No extension is waiting for a decision');
        throwIfAny(textIssues(command.data.reason, 'reason'));
        return [{ type: 'ExtensionDenied', data: { caseId, workingDays: c.pendingExtension.workingDays, reason: command.data.reason.trim(), deniedAt: command.data.occurredAt } }];
      case 'UrgeCase': {
        requireStatus(c, ['ACCEPTED'], 'CASE.NOT_ACCEPTED', 'urge');
        const { note, periodWorkingDays } = command.data;
        throwIfAny(textIssues(note, 'note'));
        if (!Number.isInteger(periodWorkingDays) || periodWorkingDays < 0 || periodWorkingDays > 60) {
          throwIfAny([{ field: 'periodWorkingDays', message: 'must be a whole number of working days from 0 to 60' }]);
        }
        const urgedOn = localDateOf(command.data.occurredAt);
        return [
          {
            type: 'CaseUrged',
            data: { caseId, note: note.trim(), periodWorkingDays, urgedOn, periodEndsOn: calendar.addWorkingDays(urgedOn, periodWorkingDays), urgedAt: command.data.occurredAt },
          },
        ];
      }
      case 'CheckDeadline': {
        // Nothing to say about a case that is not running, or whose clock is stopped.
        if (c.status !== 'ACCEPTED' || c.suspendedSince || !c.timeLimit) return [];
        const { today } = command.data;
        const { dueDate, startDate, limit } = c.timeLimit;
        const reading = readClock(startDate, dueDate, today, leftOutWorkingDays(c), calendar);
        // Art. 43: an escalated case must be sent up within the lower level's review period.
        const sentUp = c.suspensions.some((s) => s.reason === 'HIGHER_AUTHORITY');
        if (c.kind === 'escalated' && !sentUp && !c.escalationReviewOverdue && reading.workingDaysUsed > policy.escalationReviewWorkingDays) {
          return [{ type: 'EscalationReviewOverdue', data: { caseId, workingDaysUsed: reading.workingDaysUsed, limit: policy.escalationReviewWorkingDays, issuedOn: today } }];
        }
        if (reading.overdue) {
          if (c.redFor === dueDate) return [];
          return [{ type: 'DeadlineBreached', data: { caseId, dueDate, breachedOn: addDays(dueDate, 1), workingDaysOver: -reading.workingDaysRemaining } }];
        }
        if (c.yellowFor === dueDate || !isYellow(reading, limit + extensionWorkingDays(c), policy)) return [];
        return [
          {
            type: 'DeadlineWarningIssued',
            data: { caseId, level: 'YELLOW', dueDate, workingDaysUsed: reading.workingDaysUsed, workingDaysRemaining: reading.workingDaysRemaining, issuedOn: today },
          },
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
