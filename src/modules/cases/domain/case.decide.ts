import { assertNever, Decider } from '../../../core/decider';
import { addDays, LocalDate, localDateOf, yearOf } from '../../../core/dates';
import { DomainError } from '../../../core/errors';
import { Actor } from '../../../core/actor';
import { listIssues, textIssues, throwIfAny } from '../../../core/validation';
import {
  isAcceptanceDay,
  nextAcceptanceDay,
  computeDueDate,
  isProvisional,
  recomputeDueDate,
  ClockPolicy,
  daysCounted,
  DEFAULT_CLOCK_POLICY,
  dueDateAfterSuspension,
  dueDateOn,
  isYellow,
  lastDayForExtension,
  LimitUse,
  naturalDaysBetween,
  readClock,
  STATUTORY_PROCEDURES,
  suspendedWorkingDays,
  WorkingCalendar,
} from '../../time-limits/domain';
import { applicantIssues } from './applicant';
import { CaseCommand } from './case.commands';
import { CaseEvent, CaseResumed, ClockStartBasis } from './case.events';
import { evolveCase, initialCaseState } from './case.evolve';
import { ItemSnapshot } from '../../catalog/domain';
import { Case, CaseState, CaseStatus, exists, extensionWorkingDays, isClosed, leftOutWorkingDays, runningStep } from './case.state';

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

/** 受理日: an item accepted only on some days of the month refuses a submission on any other, naming the next. */
function requireAcceptanceDay(item: ItemSnapshot, receivedOn: LocalDate, calendar: WorkingCalendar): void {
  if (isAcceptanceDay(item.acceptanceDays, receivedOn)) return;
  const { from, to } = item.acceptanceDays!;
  const next = nextAcceptanceDay(item.acceptanceDays!, receivedOn, calendar);
  throw new DomainError(
    'CASE.OUTSIDE_ACCEPTANCE_DAYS',
    `Item ${item.code} is accepted only from the ${from} to the ${to} of a month${next ? `: the next acceptance day is ${next}` : ''}`,
    {
      acceptanceDays: { from, to },
      nextAcceptanceDay: next,
    },
  );
}

/** The clock's commands act only on an accepted case; a closed case's clock keeps still (SPEC clarification). */
function requireRunningClock(c: Case, action: string): void {
  if (isClosed(c))
    throw new DomainError('CASE.CLOSED', `Cannot ${action}: the case is ${c.status}, and nothing moves a closed case's clock`, {
      status: c.status,
    });
  requireStatus(c, ['ACCEPTED'], 'CASE.NOT_ACCEPTED', action);
}

export function createCaseDecider({
  calendar,
  policy = DEFAULT_CLOCK_POLICY,
}: CaseDeciderDeps): Decider<CaseState, CaseCommand, CaseEvent> {
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

  function resume(c: Case, occurredAt: string): CaseResumed {
    const since = c.suspendedSince!;
    const toDate = localDateOf(occurredAt);
    const leftOut = suspendedWorkingDays(since.fromDate, toDate, calendar);
    const previousDueDate = c.timeLimit!.dueDate;
    const dueDate = dueDateAfterSuspension(previousDueDate, leftOut, calendar);
    return {
      type: 'CaseResumed',
      data: {
        caseId: c.id,
        fromDate: since.fromDate,
        toDate,
        workingDaysLeftOut: leftOut,
        previousDueDate,
        dueDate,
        provisional: isProvisional(c.timeLimit!.startDate, dueDate, calendar),
        resumedAt: occurredAt,
      },
    };
  }

  /** A case ended during a suspension ends the suspension first, as a recorded fact (rule 10). */
  const resumedIfSuspended = (c: Case, occurredAt: string): CaseResumed[] => (c.suspendedSince ? [resume(c, occurredAt)] : []);

  /** Rule 8, judged against the due date as it stands that day, a running suspension's days included. */
  function requireExtensionInTime(c: Case, occurredAt: string): void {
    const today = localDateOf(occurredAt);
    const dueDate = dueDateOn(c.timeLimit!.dueDate, c.suspendedSince?.fromDate ?? null, today, calendar);
    const lastDay = lastDayForExtension(dueDate, policy);
    if (today > lastDay) {
      throw new DomainError(
        'CASE.EXTENSION_TOO_LATE',
        `An extension must be decided and told to the applicant at least ${policy.extensionNoticeCalendarDays} calendar days before the due date ${dueDate} (by ${lastDay})`,
        { dueDate, lastDay },
      );
    }
  }

  /**
   * Rule 13: the share of the limit used, in the limit's own unit. A natural-day item (rule 11) counts
   * the natural days gone, less those suspended, against its N days and the days extensions added.
   */
  function limitUse(c: Case, today: string, workingDaysUsed: number): LimitUse {
    const { startDate, limit, unit } = c.timeLimit!;
    if (unit === 'working_days') return { used: workingDaysUsed, total: limit + extensionWorkingDays(c) };
    const countUntil = c.suspendedSince && c.suspendedSince.fromDate < today ? c.suspendedSince.fromDate : today;
    const extended = c.extensions.reduce((sum, e) => sum + naturalDaysBetween(e.previousDueDate, e.dueDate), 0);
    return { used: daysCounted(startDate, countUntil, c.suspensions, calendar, 'natural_days'), total: limit + extended };
  }

  /** Rule 12: working days a step has taken since `since` up to `today`, the suspended ones left out. */
  function stepDays(c: Case, since: string, today: string): number {
    const running = c.suspendedSince ? [{ fromDate: c.suspendedSince.fromDate, toDate: today }] : [];
    return daysCounted(since, today, [...c.suspensions, ...running], calendar);
  }

  function decide(command: CaseCommand, state: CaseState): CaseEvent[] {
    if (command.type === 'SubmitCase') {
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
    if (!exists(state)) throw new DomainError('CASE.NOT_FOUND', 'No such case');
    const c = state;
    const caseId = c.id;
    switch (command.type) {
      case 'RequestSupplement': {
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
              caseId,
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
      case 'ReceiveSupplement':
        requireStatus(c, ['AWAITING_SUPPLEMENT'], 'CASE.NOT_AWAITING_SUPPLEMENT', 'receive a supplement');
        throwIfAny(listIssues(command.data.materials, 'materials'));
        return [
          {
            type: 'SupplementReceived',
            data: { caseId, materials: command.data.materials.map((m) => m.trim()), receivedAt: command.data.occurredAt },
          },
        ];
      case 'AcceptCase': {
        requireStatus(c, ['SUBMITTED'], 'CASE.NOT_PENDING_ACCEPTANCE', 'accept');
        const { item, toleranceMaterials } = command.data;
        if (item.code !== c.itemCode) {
          throw new DomainError('ITEM.MISMATCH', `The case is for item ${c.itemCode}, not ${item.code}`);
        }
        throwIfAny(listIssues(toleranceMaterials, 'toleranceMaterials', { required: false }));
        if (toleranceMaterials.length > 0 && !item.allowsToleranceAcceptance) {
          throw new DomainError(
            'CASE.TOLERANCE_NOT_ALLOWED',
            `Item ${item.code} does not allow acceptance with missing documents (容缺受理)`,
          );
        }
        const acceptedOn = localDateOf(command.data.occurredAt);
        const { startDate, basis } =
          item.kind === 'immediate' ? { startDate: acceptedOn, basis: 'ACCEPTANCE' as const } : clockStart(c, acceptedOn);
        const timeLimit = computeDueDate(item, startDate, calendar);
        return [
          {
            type: 'CaseAccepted',
            data: {
              caseId,
              item,
              timeLimit,
              handler: command.data.staffId,
              toleranceMaterials,
              clockStartBasis: basis,
              acceptedAt: command.data.occurredAt,
            },
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
        // Rule 12: a step's time runs from the previous step (or the clock's start) to its record, and
        // the days a suspension left out do not count against it, as they do not count against the case.
        const since = c.lastStepOn ?? c.timeLimit!.startDate;
        const handledOn = localDateOf(command.data.occurredAt);
        const stepLimit = c.item?.stepLimits?.[step.trim()] ?? null;
        const stepWorkingDays = stepDays(c, since, handledOn);
        // 公示 and the like run at least N natural days after the day they began (that day not counted).
        const minimumDays = c.item?.stepMinimumDays?.[step.trim()];
        if (minimumDays !== undefined && handledOn < addDays(since, minimumDays)) {
          throw new DomainError(
            'CASE.STEP_TOO_EARLY',
            `"${step.trim()}" lasts at least ${minimumDays} days from ${since}: it can be recorded from ${addDays(since, minimumDays)}`,
            {
              step: step.trim(),
              minimumDays,
              since,
              earliestOn: addDays(since, minimumDays),
            },
          );
        }
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
        const resumed = resumedIfSuspended(c, command.data.occurredAt);
        const dueDate = resumed[0]?.data.dueDate ?? c.timeLimit!.dueDate;
        const completedOn = localDateOf(command.data.occurredAt);
        // Lateness is a fact once recorded: a red-carded case is never completed on time, whatever moved since.
        const onTime = completedOn <= dueDate && c.redFor === null;
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
          {
            type: 'ResultDelivered',
            data: { caseId, method: command.data.method, recipient: command.data.recipient.trim(), deliveredAt: command.data.occurredAt },
          },
        ];
      case 'WithdrawCase':
        requireStatus(c, ['SUBMITTED', 'AWAITING_SUPPLEMENT', 'ACCEPTED'], 'CASE.NOT_WITHDRAWABLE', 'withdraw');
        throwIfAny(textIssues(command.data.reason, 'reason', { required: false }));
        return [
          ...resumedIfSuspended(c, command.data.occurredAt),
          { type: 'CaseWithdrawn', data: { caseId, reason: command.data.reason?.trim() || null, withdrawnAt: command.data.occurredAt } },
        ];
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
          throw new DomainError('CASE.NOT_THE_B_POST', `${c.handler}'s post is covered by ${pair.bPost}, not ${toStaffId}`, {
            aPost: pair.aPost,
            bPost: pair.bPost,
          });
        }
        return [
          {
            type: 'CaseReassigned',
            data: { caseId, fromStaffId: c.handler, toStaffId, asCover, reason: reason.trim(), reassignedAt: command.data.occurredAt },
          },
        ];
      }
      case 'SuspendCase': {
        requireRunningClock(c, 'suspend the clock');
        if (c.suspendedSince)
          throw new DomainError('CASE.ALREADY_SUSPENDED', `The clock is already suspended since ${c.suspendedSince.fromDate}`);
        // Lateness is a fact once the due date has passed: no suspension can start after it.
        if (localDateOf(command.data.occurredAt) > c.timeLimit!.dueDate) {
          throw new DomainError(
            'CASE.PAST_DUE_DATE',
            `The due date ${c.timeLimit!.dueDate} has passed: the case is late, and a suspension cannot start after it`,
            { dueDate: c.timeLimit!.dueDate },
          );
        }
        const { reason, detail } = command.data;
        if (reason === 'STATUTORY_PROCEDURE' && !STATUTORY_PROCEDURES.includes(detail as (typeof STATUTORY_PROCEDURES)[number])) {
          throw new DomainError(
            'VALIDATION.FAILED',
            `detail must name the procedure (行政许可法 art. 45): ${STATUTORY_PROCEDURES.join(', ')}`,
            {
              issues: [{ field: 'detail', message: `must be one of ${STATUTORY_PROCEDURES.join(', ')}` }],
            },
          );
        }
        throwIfAny(textIssues(detail, 'detail', { required: false, max: 500 }));
        const fromDate = localDateOf(command.data.occurredAt);
        // Art. 43: the lower level's own review before sending a case up is limited.
        const sentUpLate =
          reason === 'HIGHER_AUTHORITY'
            ? readClock(c.timeLimit!.startDate, c.timeLimit!.dueDate, fromDate, leftOutWorkingDays(c), calendar).workingDaysUsed >
              policy.escalationReviewWorkingDays
            : null;
        return [
          {
            type: 'CaseSuspended',
            data: { caseId, reason, detail: detail?.trim() || null, fromDate, sentUpLate, suspendedAt: command.data.occurredAt },
          },
        ];
      }
      case 'ResumeCase':
        requireRunningClock(c, 'resume the clock');
        if (!c.suspendedSince) throw new DomainError('CASE.NOT_SUSPENDED', 'The clock is not suspended');
        return [resume(c, command.data.occurredAt)];
      case 'RequestExtension': {
        requireRunningClock(c, 'ask for an extension');
        if (c.pendingExtension) throw new DomainError('CASE.EXTENSION_PENDING', 'An extension is already waiting for a decision');
        const { workingDays, reason } = command.data;
        throwIfAny(textIssues(reason, 'reason'));
        const max = c.kind === 'joint' ? policy.maxJointExtensionWorkingDays : policy.maxExtensionWorkingDays;
        const used = extensionWorkingDays(c);
        if (!Number.isInteger(workingDays) || workingDays < 1 || used + workingDays > max) {
          throw new DomainError('CASE.EXTENSION_LIMIT', `Extensions may total at most ${max} working days; ${used} already granted`, {
            max,
            granted: used,
          });
        }
        requireExtensionInTime(c, command.data.occurredAt);
        return [{ type: 'ExtensionRequested', data: { caseId, workingDays, reason: reason.trim(), requestedAt: command.data.occurredAt } }];
      }
      case 'ApproveExtension': {
        requireRunningClock(c, 'approve an extension');
        if (!c.pendingExtension) throw new DomainError('CASE.NO_EXTENSION_PENDING', 'No extension is waiting for a decision');
        throwIfAny(textIssues(command.data.reason, 'reason'));
        requireExtensionInTime(c, command.data.occurredAt);
        const previousDueDate = c.timeLimit!.dueDate;
        const { workingDays } = c.pendingExtension;
        const dueDate = calendar.addWorkingDays(previousDueDate, workingDays);
        return [
          {
            type: 'ExtensionApproved',
            data: {
              caseId,
              workingDays,
              reason: command.data.reason.trim(),
              previousDueDate,
              dueDate,
              provisional: isProvisional(c.timeLimit!.startDate, dueDate, calendar),
              approvedAt: command.data.occurredAt,
            },
          },
        ];
      }
      case 'DenyExtension':
        requireRunningClock(c, 'deny an extension');
        if (!c.pendingExtension) throw new DomainError('CASE.NO_EXTENSION_PENDING', 'No extension is waiting for a decision');
        throwIfAny(textIssues(command.data.reason, 'reason'));
        return [
          {
            type: 'ExtensionDenied',
            data: {
              caseId,
              workingDays: c.pendingExtension.workingDays,
              reason: command.data.reason.trim(),
              deniedAt: command.data.occurredAt,
            },
          },
        ];
      case 'UrgeCase': {
        requireRunningClock(c, 'urge');
        const { note, periodWorkingDays } = command.data;
        throwIfAny(textIssues(note, 'note'));
        if (!Number.isInteger(periodWorkingDays) || periodWorkingDays < 0 || periodWorkingDays > 60) {
          throwIfAny([{ field: 'periodWorkingDays', message: 'must be a whole number of working days from 0 to 60' }]);
        }
        const urgedOn = localDateOf(command.data.occurredAt);
        return [
          {
            type: 'CaseUrged',
            data: {
              caseId,
              note: note.trim(),
              periodWorkingDays,
              urgedOn,
              periodEndsOn: calendar.addWorkingDays(urgedOn, periodWorkingDays),
              urgedAt: command.data.occurredAt,
            },
          },
        ];
      }
      case 'CheckDeadline': {
        const { today } = command.data;
        // 补正期限: nothing came by the applicant's deadline, so the case is closed with a written non-acceptance.
        if (c.status === 'AWAITING_SUPPLEMENT') {
          if (!c.applicantDue || today <= c.applicantDue) return [];
          return [
            {
              type: 'CaseTerminated',
              data: {
                caseId,
                reason: `申请人逾期未补正（补正期限 ${c.applicantDue}），不予受理`,
                applicantDue: c.applicantDue,
                terminatedAt: command.data.occurredAt,
              },
            },
          ];
        }
        // Nothing to say about a case that is not running, or whose clock is stopped.
        if (c.status !== 'ACCEPTED' || c.suspendedSince || !c.timeLimit) return [];
        const { dueDate, startDate } = c.timeLimit;
        const reading = readClock(startDate, dueDate, today, leftOutWorkingDays(c), calendar);
        // Art. 43: an escalated case must be sent up within the lower level's review period.
        const sentUp = c.suspensions.some((s) => s.reason === 'HIGHER_AUTHORITY');
        if (
          c.kind === 'escalated' &&
          !sentUp &&
          !c.escalationReviewOverdue &&
          reading.workingDaysUsed > policy.escalationReviewWorkingDays
        ) {
          return [
            {
              type: 'EscalationReviewOverdue',
              data: { caseId, workingDaysUsed: reading.workingDaysUsed, limit: policy.escalationReviewWorkingDays, issuedOn: today },
            },
          ];
        }
        // A case is red-carded once: its lateness is a fact, whatever later moves its due date.
        if (c.redFor !== null) return [];
        if (reading.overdue)
          return [
            {
              type: 'DeadlineBreached',
              data: { caseId, dueDate, breachedOn: addDays(dueDate, 1), workingDaysOver: -reading.workingDaysRemaining },
            },
          ];
        // Rule 12: the step now running has its own limit, and is warned once when it passes it.
        const step = runningStep(c);
        const stepLimit = step === null ? undefined : c.item?.stepLimits?.[step];
        if (step !== null && stepLimit !== undefined && !c.stepsOverdue.includes(step)) {
          const since = c.lastStepOn ?? startDate;
          const used = stepDays(c, since, today);
          if (used > stepLimit)
            return [{ type: 'StepOverdue', data: { caseId, step, stepLimit, since, workingDaysUsed: used, issuedOn: today } }];
        }
        if (c.yellowFor === dueDate || !isYellow(reading, limitUse(c, today, reading.workingDaysUsed), policy)) return [];
        return [
          {
            type: 'DeadlineWarningIssued',
            data: {
              caseId,
              level: 'YELLOW',
              dueDate,
              workingDaysUsed: reading.workingDaysUsed,
              workingDaysRemaining: reading.workingDaysRemaining,
              issuedOn: today,
            },
          },
        ];
      }
      case 'CorrectDueDate': {
        // Only a provisional promise is settled; a date computed on a full calendar is a fact (SPEC §5).
        if (c.status !== 'ACCEPTED' || !c.timeLimit?.provisional || !c.item) return [];
        const { startDate, dueDate } = c.timeLimit;
        const settled = recomputeDueDate(
          c.item,
          startDate,
          { suspensions: c.suspensions, extensionWorkingDays: extensionWorkingDays(c) },
          calendar,
        );
        if (settled.provisional && settled.dueDate === dueDate) return [];
        const last = settled.dueDate > dueDate ? settled.dueDate : dueDate;
        const scheduleYears: number[] = [];
        for (let y = yearOf(startDate); y <= yearOf(last); y++) if (calendar.covers(y)) scheduleYears.push(y);
        return [
          {
            type: 'DueDateCorrected',
            data: {
              caseId,
              previousDueDate: dueDate,
              dueDate: settled.dueDate,
              provisional: settled.provisional,
              reason: `Official holiday schedule installed for ${scheduleYears.join(', ')} (${scheduleYears.join('、')}年放假安排已公布)`,
              scheduleYears,
              calendar: calendar.source,
              suspensionWorkingDays: settled.suspensionWorkingDays,
              correctedOn: command.data.today,
            },
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
