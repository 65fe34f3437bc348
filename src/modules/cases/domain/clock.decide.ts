import { DomainCommand } from '../../../core/decider';
import { addDays, LocalDate, localDateOf, yearOf } from '../../../core/dates';
import { DomainError } from '../../../core/errors';
import { textIssues, throwIfAny } from '../../../core/validation';
import {
  daysCounted,
  dueDateOn,
  isProvisional,
  isYellow,
  lastDayForExtension,
  LimitUse,
  naturalDaysBetween,
  readClock,
  recomputeDueDate,
  STATUTORY_PROCEDURES,
  SuspensionReason,
} from '../../time-limits/domain';
import { CaseEvent, GovernmentApproval } from './case.events';
import { At, CaseRules, requireRunningClock, RuleTable } from './case-rules';
import { Case, extensionWorkingDays, leftOutWorkingDays, runningStep } from './case.state';
import { checkReviews } from './joint.decide';
import { resumed } from './clock-resumption';
import { atAuthority, checkCenterTime } from './escalation.decide';

/**
 * The statutory clock's commands (限时办结, SPEC §5): suspension and resumption (rules 6, 7, 9, 10),
 * extensions (rule 8), urging (rule 15), and the deadline watcher's two questions: warnings (rules 12,
 * 13) and due dates settled once a year's official schedule is installed (SPEC clarification).
 */
export type SuspendCase = DomainCommand<'SuspendCase', At & { reason: SuspensionReason; detail: string | null }>;
export type ResumeCase = DomainCommand<'ResumeCase', At>;
export type RequestExtension = DomainCommand<'RequestExtension', At & { workingDays: number; reason: string }>;
export type ApproveExtension = DomainCommand<'ApproveExtension', At & { reason: string; governmentApproval?: GovernmentApproval | null }>;
export type DenyExtension = DomainCommand<'DenyExtension', At & { reason: string }>;
export type UrgeCase = DomainCommand<'UrgeCase', At & { note: string; periodWorkingDays: number }>;
/**
 * The deadline watcher's question: has this case crossed a warning threshold by `today`? It brings the
 * chief representatives of a joint case's participating windows, for a review's red card to name.
 */
export type CheckDeadline = DomainCommand<'CheckDeadline', At & { today: LocalDate; chiefRepresentatives?: Record<string, string | null> }>;
/** The calendar's question: does a provisional due date change now that more of the official schedule is installed? */
export type CorrectDueDate = DomainCommand<'CorrectDueDate', At & { today: LocalDate }>;

export type ClockCommand =
  SuspendCase | ResumeCase | RequestExtension | ApproveExtension | DenyExtension | UrgeCase | CheckDeadline | CorrectDueDate;

/** The longest urging period a leader may set, in working days. */
const MAX_URGING_WORKING_DAYS = 60;

/** Rules 6, 7, 9: the clock stops for a higher authority, a statutory procedure or the applicant's request. */
export function suspendCase(command: SuspendCase, c: Case, { calendar, policy }: CaseRules): CaseEvent[] {
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
    throw new DomainError('VALIDATION.FAILED', `detail must name the procedure (行政许可法 art. 45): ${STATUTORY_PROCEDURES.join(', ')}`, {
      issues: [{ field: 'detail', message: `must be one of ${STATUTORY_PROCEDURES.join(', ')}` }],
    });
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
      data: { caseId: c.id, reason, detail: detail?.trim() || null, fromDate, sentUpLate, suspendedAt: command.data.occurredAt },
    },
  ];
}

export function resumeCase(command: ResumeCase, c: Case, rules: CaseRules): CaseEvent[] {
  requireRunningClock(c, 'resume the clock');
  if (!c.suspendedSince) throw new DomainError('CASE.NOT_SUSPENDED', 'The clock is not suspended');
  if (atAuthority(c))
    throw new DomainError(
      'CASE.AT_AUTHORITY',
      `The case is with ${atAuthority(c)!.authority}: record its return (returnFromAuthority) to start the clock again`,
    );
  return [resumed(c, command.data.occurredAt, rules)];
}

/** Rule 8: a leader approves; at most 10 working days in all (15 for a joint case, art. 42). */
export function requestExtension(command: RequestExtension, c: Case, rules: CaseRules): CaseEvent[] {
  requireRunningClock(c, 'ask for an extension');
  if (c.pendingExtension) throw new DomainError('CASE.EXTENSION_PENDING', 'An extension is already waiting for a decision');
  const { workingDays, reason } = command.data;
  throwIfAny(textIssues(reason, 'reason'));
  const max = c.kind === 'joint' ? rules.policy.maxJointExtensionWorkingDays : rules.policy.maxExtensionWorkingDays;
  const used = extensionWorkingDays(c);
  if (!Number.isInteger(workingDays) || workingDays < 1 || used + workingDays > max) {
    throw new DomainError('CASE.EXTENSION_LIMIT', `Extensions may total at most ${max} working days; ${used} already granted`, {
      max,
      granted: used,
    });
  }
  requireExtensionInTime(c, command.data.occurredAt, rules);
  return [{ type: 'ExtensionRequested', data: { caseId: c.id, workingDays, reason: reason.trim(), requestedAt: command.data.occurredAt } }];
}

export function approveExtension(command: ApproveExtension, c: Case, rules: CaseRules): CaseEvent[] {
  requireRunningClock(c, 'approve an extension');
  if (!c.pendingExtension) throw new DomainError('CASE.NO_EXTENSION_PENDING', 'No extension is waiting for a decision');
  throwIfAny(textIssues(command.data.reason, 'reason'));
  // Art. 42: a joint case's extension is the government head's to approve; the center leader records it.
  const approval = command.data.governmentApproval ?? null;
  if (c.kind === 'joint' && !approval)
    throw new DomainError(
      'CASE.GOVERNMENT_APPROVAL_REQUIRED',
      "A joint case's extension needs the written approval of the head of the government (行政许可法 art. 42): give who approved it and the document's number",
    );
  if (approval)
    throwIfAny([
      ...textIssues(approval.by, 'governmentApproval.by', { max: 100 }),
      ...textIssues(approval.documentNo, 'governmentApproval.documentNo', { max: 100 }),
    ]);
  requireExtensionInTime(c, command.data.occurredAt, rules);
  const previousDueDate = c.timeLimit!.dueDate;
  const { workingDays } = c.pendingExtension;
  const dueDate = rules.calendar.addWorkingDays(previousDueDate, workingDays);
  return [
    {
      type: 'ExtensionApproved',
      data: {
        caseId: c.id,
        workingDays,
        reason: command.data.reason.trim(),
        previousDueDate,
        dueDate,
        provisional: isProvisional(c.timeLimit!.startDate, dueDate, rules.calendar),
        ...(approval ? { governmentApproval: { by: approval.by.trim(), documentNo: approval.documentNo.trim() } } : {}),
        approvedAt: command.data.occurredAt,
      },
    },
  ];
}

export function denyExtension(command: DenyExtension, c: Case): CaseEvent[] {
  requireRunningClock(c, 'deny an extension');
  if (!c.pendingExtension) throw new DomainError('CASE.NO_EXTENSION_PENDING', 'No extension is waiting for a decision');
  throwIfAny(textIssues(command.data.reason, 'reason'));
  return [
    {
      type: 'ExtensionDenied',
      data: {
        caseId: c.id,
        workingDays: c.pendingExtension.workingDays,
        reason: command.data.reason.trim(),
        deniedAt: command.data.occurredAt,
      },
    },
  ];
}

/** Rule 15: a leader urges (催办) with a period; finishing within the first one draws the mildest tier. */
export function urgeCase(command: UrgeCase, c: Case, { calendar }: CaseRules): CaseEvent[] {
  requireRunningClock(c, 'urge');
  const { note, periodWorkingDays } = command.data;
  throwIfAny(textIssues(note, 'note'));
  if (!Number.isInteger(periodWorkingDays) || periodWorkingDays < 0 || periodWorkingDays > MAX_URGING_WORKING_DAYS) {
    throwIfAny([{ field: 'periodWorkingDays', message: `must be a whole number of working days from 0 to ${MAX_URGING_WORKING_DAYS}` }]);
  }
  const urgedOn = localDateOf(command.data.occurredAt);
  return [
    {
      type: 'CaseUrged',
      data: {
        caseId: c.id,
        note: note.trim(),
        periodWorkingDays,
        urgedOn,
        periodEndsOn: calendar.addWorkingDays(urgedOn, periodWorkingDays),
        urgedAt: command.data.occurredAt,
      },
    },
  ];
}

/**
 * The deadline watcher's look at a case on `today`, one finding at a time: the applicant's missed
 * 补正期限, art. 43's review before sending up, the red card (rule 13), a late step (rule 12), the yellow card.
 */
export function checkDeadline(command: CheckDeadline, c: Case, rules: CaseRules): CaseEvent[] {
  const { calendar, policy } = rules;
  const { today } = command.data;
  const caseId = c.id;
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
  // 联办件: each participant's review is warned on its own clock, whatever the case's own state.
  const review = checkReviews(c, today, rules, command.data.chiefRepresentatives ?? {});
  if (review.length > 0) return review;
  const { dueDate, startDate } = c.timeLimit;
  const reading = readClock(startDate, dueDate, today, leftOutWorkingDays(c), calendar);
  // Art. 43: an escalated case must be sent up within the lower level's review period.
  const sentUp = c.suspensions.some((s) => s.reason === 'HIGHER_AUTHORITY');
  if (c.kind === 'escalated' && !sentUp && !c.escalationReviewOverdue && reading.workingDaysUsed > policy.escalationReviewWorkingDays) {
    return [
      {
        type: 'EscalationReviewOverdue',
        data: { caseId, workingDaysUsed: reading.workingDaysUsed, limit: policy.escalationReviewWorkingDays, issuedOn: today },
      },
    ];
  }
  // A case is red-carded once: its lateness is a fact, whatever later moves its due date.
  if (c.redFor === null && reading.overdue)
    return [
      {
        type: 'DeadlineBreached',
        data: { caseId, dueDate, breachedOn: addDays(dueDate, 1), workingDaysOver: -reading.workingDaysRemaining },
      },
    ];
  // SPEC §3: an escalated case's own time at the center, its trips to the authority not counted.
  const centerTime = checkCenterTime(c, today, rules);
  if (centerTime.length > 0) return centerTime;
  if (c.redFor !== null) return [];
  // Rule 12: the step now running has its own limit, and is warned once when it passes it.
  const step = runningStep(c);
  const stepLimit = step === null ? undefined : c.item?.stepLimits?.[step];
  if (step !== null && stepLimit !== undefined && !c.stepsOverdue.includes(step)) {
    const since = c.lastStepOn ?? startDate;
    const used = stepDays(c, since, today, rules);
    if (used > stepLimit)
      return [{ type: 'StepOverdue', data: { caseId, step, stepLimit, since, workingDaysUsed: used, issuedOn: today } }];
  }
  if (c.yellowFor === dueDate || !isYellow(reading, limitUse(c, today, reading.workingDaysUsed, rules), policy)) return [];
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

/** Only a provisional promise is settled; a date computed on a full calendar is a fact (SPEC §5). */
export function correctDueDate(command: CorrectDueDate, c: Case, { calendar }: CaseRules): CaseEvent[] {
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
        caseId: c.id,
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

export const clockRules: RuleTable<ClockCommand> = {
  SuspendCase: suspendCase,
  ResumeCase: resumeCase,
  RequestExtension: requestExtension,
  ApproveExtension: approveExtension,
  DenyExtension: denyExtension,
  UrgeCase: urgeCase,
  CheckDeadline: checkDeadline,
  CorrectDueDate: correctDueDate,
};

/** Rule 8, judged against the due date as it stands that day, a running suspension's days included. */
function requireExtensionInTime(c: Case, occurredAt: string, { calendar, policy }: CaseRules): void {
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
function limitUse(c: Case, today: string, workingDaysUsed: number, { calendar }: CaseRules): LimitUse {
  const { startDate, limit, unit } = c.timeLimit!;
  if (unit === 'working_days') return { used: workingDaysUsed, total: limit + extensionWorkingDays(c) };
  const countUntil = c.suspendedSince && c.suspendedSince.fromDate < today ? c.suspendedSince.fromDate : today;
  const extended = c.extensions.reduce((sum, e) => sum + naturalDaysBetween(e.previousDueDate, e.dueDate), 0);
  return { used: daysCounted(startDate, countUntil, c.suspensions, calendar, 'natural_days'), total: limit + extended };
}

/** Rule 12: working days a step has taken since `since` up to `today`, the suspended ones left out. */
export function stepDays(c: Case, since: string, today: string, { calendar }: CaseRules): number {
  const running = c.suspendedSince ? [{ fromDate: c.suspendedSince.fromDate, toDate: today }] : [];
  return daysCounted(since, today, [...c.suspensions, ...running], calendar);
}
