import { DomainCommand } from '../../../core/decider';
import { addDays, LocalDate, localDateOf } from '../../../core/dates';
import { DomainError } from '../../../core/errors';
import { canonicalJson } from '../../../core/canonical-json';
import { listIssues, textIssues, throwIfAny } from '../../../core/validation';
import { ItemSnapshot, ParticipantDefinition, participantIssues } from '../../catalog/domain';
import { isYellow, STATUTORY_PROCEDURES, SuspensionReason, WorkingCalendar } from '../../time-limits/domain';
import { CaseEvent, ParticipantsNotified } from './case.events';
import { At, CaseRules, requireRunningClock, RuleTable } from './case-rules';
import { Case, isOpenReview, Opinion, ParticipantReview, participantsOf } from './case.state';
import { resumedIfSuspended } from './clock-resumption';
import { readReview, reviewDueDate } from './review-clock';

/**
 * 联办件 / 并联审批 (SPEC §3): a joint case accepted by a lead window is sent to the participating
 * windows (抄告相关), which review it in parallel, each within its own limit and on its own clock from the
 * day after notification; each records its opinion (会签意见). The lead completes the case once every
 * required opinion is in, or when the center leader, with a reason, lets it go on without the ones still
 * owed. A review stands still for its own suspensions (rules 7, 9) and whenever the whole case does.
 */
export type RecordOpinion = DomainCommand<
  'RecordOpinion',
  At & { window: string | null; staffId: string; opinion: Opinion; reasons: string | null; conditions: string[] }
>;
export type SuspendReview = DomainCommand<'SuspendReview', At & { window: string | null; reason: SuspensionReason; detail: string | null }>;
export type ResumeReview = DomainCommand<'ResumeReview', At & { window: string | null }>;
export type WaiveOpinions = DomainCommand<'WaiveOpinions', At & { reason: string }>;
export type RecordJointReview = DomainCommand<
  'RecordJointReview',
  At & { kind: 'MEETING' | 'SITE_SURVEY'; attendees: Array<{ name: string; unit: string }>; location: string | null; minutes: string }
>;

export type JointCommand = RecordOpinion | SuspendReview | ResumeReview | WaiveOpinions | RecordJointReview;

const OPINIONS: Opinion[] = ['AGREE', 'DISAGREE', 'CONDITIONAL'];

/** 会签意见: by the participant's own staff, once; a disagreement gives its reasons, a conditional opinion its conditions. */
export function recordOpinion(command: RecordOpinion, c: Case, rules: CaseRules): CaseEvent[] {
  requireRunningClock(c, 'record an opinion');
  const p = requireParticipant(c, command.data.window);
  if (p.opinion) throw opinionAlreadyRecorded(p);
  const { opinion, reasons, conditions } = command.data;
  if (!OPINIONS.includes(opinion)) throwIfAny([{ field: 'opinion', message: `must be one of ${OPINIONS.join(', ')}` }]);
  throwIfAny([
    ...textIssues(reasons, 'reasons', { required: opinion === 'DISAGREE', max: 2000 }),
    ...listIssues(conditions, 'conditions', { required: opinion === 'CONDITIONAL', maxItems: 20, maxLength: 500 }),
  ]);
  const today = localDateOf(command.data.occurredAt);
  const reading = readReview(p, c, today, rules.calendar);
  return [
    ...reviewResumedIfSuspended(p, c, command.data.occurredAt, rules.calendar),
    {
      type: 'OpinionRecorded',
      data: {
        caseId: c.id,
        window: p.window,
        department: p.department,
        opinion,
        reasons: reasons?.trim() || null,
        conditions: conditions.map((x) => x.trim()),
        recordedBy: command.data.staffId,
        reviewLimit: p.reviewLimit,
        dueDate: reading.dueDate,
        workingDaysUsed: reading.workingDaysUsed,
        workingDaysOver: Math.max(0, -reading.workingDaysRemaining),
        late: reading.overdue,
        recordedAt: command.data.occurredAt,
      },
    },
  ];
}

/** A participant's own review stops (an expert review, a hearing, the applicant's request), the case's clock does not. */
export function suspendReview(command: SuspendReview, c: Case, { calendar }: CaseRules): CaseEvent[] {
  requireRunningClock(c, "suspend a participant's review");
  const p = requireParticipant(c, command.data.window);
  if (p.opinion) throw opinionAlreadyRecorded(p);
  if (p.suspendedSince)
    throw new DomainError(
      'CASE.REVIEW_ALREADY_SUSPENDED',
      `The review of ${p.window} is already suspended since ${p.suspendedSince.fromDate}`,
    );
  const { reason, detail } = command.data;
  if (reason === 'STATUTORY_PROCEDURE' && !STATUTORY_PROCEDURES.includes(detail as (typeof STATUTORY_PROCEDURES)[number])) {
    throwIfAny([{ field: 'detail', message: `must name the procedure (行政许可法 art. 45): ${STATUTORY_PROCEDURES.join(', ')}` }]);
  }
  throwIfAny(textIssues(detail, 'detail', { required: false, max: 500 }));
  const fromDate = localDateOf(command.data.occurredAt);
  const dueDate = readReview(p, c, fromDate, calendar).dueDate;
  // As for the case: lateness is a fact once the due date has passed, and nothing stops it afterwards.
  if (fromDate > dueDate)
    throw new DomainError(
      'CASE.REVIEW_PAST_DUE_DATE',
      `The review of ${p.window} was due on ${dueDate}: it is late, and cannot be suspended now`,
      {
        dueDate,
      },
    );
  return [
    {
      type: 'ReviewSuspended',
      data: { caseId: c.id, window: p.window, reason, detail: detail?.trim() || null, fromDate, suspendedAt: command.data.occurredAt },
    },
  ];
}

export function resumeReview(command: ResumeReview, c: Case, { calendar }: CaseRules): CaseEvent[] {
  requireRunningClock(c, "resume a participant's review");
  const p = requireParticipant(c, command.data.window);
  if (!p.suspendedSince) throw new DomainError('CASE.REVIEW_NOT_SUSPENDED', `The review of ${p.window} is not suspended`);
  return reviewResumedIfSuspended(p, c, command.data.occurredAt, calendar);
}

/**
 * The center leader lets the lead complete without the required opinions still owed: the reason is
 * recorded, and those reviews stop being waited for (an opinion that still comes before completion is
 * recorded all the same).
 */
export function waiveOpinions(command: WaiveOpinions, c: Case): CaseEvent[] {
  requireRunningClock(c, 'waive the opinions still owed');
  requireJoint(c);
  throwIfAny(textIssues(command.data.reason, 'reason', { max: 2000 }));
  const owed = outstandingOpinions(c);
  if (owed.length === 0) throw new DomainError('CASE.NO_OUTSTANDING_OPINIONS', 'Every required opinion is in: there is nothing to waive');
  return [
    {
      type: 'OpinionsWaived',
      data: { caseId: c.id, windows: owed, reason: command.data.reason.trim(), waivedAt: command.data.occurredAt },
    },
  ];
}

/**
 * 联合会审 / 现场踏勘, by the lead: who attended (at least one besides the lead's own staff is expected,
 * but a survey may be one officer's), the minutes. A meeting held as a hearing or an expert review stops
 * the clock while it lasts (rule 7: `suspendCase` with that procedure); recording it ends that stop, so the
 * days the law leaves out are left out here too.
 */
export function recordJointReview(command: RecordJointReview, c: Case, rules: CaseRules): CaseEvent[] {
  requireRunningClock(c, 'record a joint review meeting or site survey');
  const { kind, attendees, location, minutes } = command.data;
  const issues = [...textIssues(minutes, 'minutes', { max: 10_000 }), ...textIssues(location, 'location', { required: false, max: 200 })];
  if (!['MEETING', 'SITE_SURVEY'].includes(kind)) issues.push({ field: 'kind', message: 'must be MEETING or SITE_SURVEY' });
  if (!Array.isArray(attendees) || attendees.length === 0 || attendees.length > 50)
    issues.push({ field: 'attendees', message: 'must name from 1 to 50 attendees' });
  (attendees ?? []).forEach((a, i) =>
    issues.push(...textIssues(a?.name, `attendees.${i}.name`, { max: 100 }), ...textIssues(a?.unit, `attendees.${i}.unit`, { max: 100 })),
  );
  throwIfAny(issues);
  // Rule 7: the hearing or expert review the clock stood still for ends with its record.
  const procedure =
    c.suspendedSince?.reason === 'STATUTORY_PROCEDURE' && ['hearing', 'expert_review'].includes(c.suspendedSince.detail ?? '');
  return [
    ...(procedure ? resumedIfSuspended(c, command.data.occurredAt, rules) : []),
    {
      type: 'JointReviewHeld',
      data: {
        caseId: c.id,
        kind,
        attendees: attendees.map((a) => ({ name: a.name.trim(), unit: a.unit.trim() })),
        location: location?.trim() || null,
        minutes: minutes.trim(),
        heldAt: command.data.occurredAt,
      },
    },
  ];
}

export const jointRules: RuleTable<JointCommand> = {
  RecordOpinion: recordOpinion,
  SuspendReview: suspendReview,
  ResumeReview: resumeReview,
  WaiveOpinions: waiveOpinions,
  RecordJointReview: recordJointReview,
};

// ——— Used by acceptance, completion, the case's own resumption and the deadline watcher ———

/**
 * 抄告相关, on acceptance: the participants named (the item's own, unless the lead changed them with a
 * reason), each due `reviewLimit` working days after today. None for a joint item published without any:
 * the lead then handles it alone, as before participants were kept.
 */
export function notifyParticipants(
  c: Case,
  item: ItemSnapshot,
  chosen: ParticipantDefinition[] | null,
  reason: string | null,
  occurredAt: string,
  calendar: WorkingCalendar,
): ParticipantsNotified[] {
  if (item.kind !== 'joint') {
    if (chosen?.length) throwIfAny([{ field: 'participants', message: 'only a joint case (联办件) has participants' }]);
    return [];
  }
  const participants = (chosen ?? item.participants ?? []).map((p) => ({ ...p, required: p.required ?? true }));
  if (participants.length === 0) return [];
  throwIfAny(participantIssues(participants, c.window, true));
  const fromCatalog = canonicalJson(sameOrder(participants)) === canonicalJson(sameOrder(item.participants ?? []));
  throwIfAny(textIssues(reason, 'participantsReason', { required: !fromCatalog, max: 2000 }));
  const notifiedOn = localDateOf(occurredAt);
  return [
    {
      type: 'ParticipantsNotified',
      data: {
        caseId: c.id,
        participants: participants.map((p) => ({
          window: p.window,
          department: p.department.trim(),
          reviewLimit: p.reviewLimit,
          required: p.required,
          dueDate: calendar.addWorkingDays(notifiedOn, p.reviewLimit),
        })),
        notifiedOn,
        fromCatalog,
        reason: fromCatalog ? null : reason!.trim(),
        notifiedAt: occurredAt,
      },
    },
  ];
}

/** 办结 of a joint case waits for every required opinion, unless the center leader waived the ones owed. */
export function requireOpinions(c: Case): void {
  const owed = outstandingOpinions(c);
  if (owed.length > 0)
    throw new DomainError(
      'CASE.OPINIONS_OUTSTANDING',
      `Opinions still owed by ${owed.join(', ')}: record them, or have the center leader waive them with a reason`,
      { windows: owed },
    );
}

/** Required reviews with no opinion and not waived. */
export const outstandingOpinions = (c: Case): string[] =>
  participantsOf(c)
    .filter((p) => p.required && isOpenReview(p))
    .map((p) => p.window);

/**
 * The deadline watcher's look at the open reviews on `today`, one finding at a time: a red card when a
 * review passes its due date without an opinion (once), a yellow one by the case's own rule (rule 13)
 * measured against the review's limit. Nothing while the case or the review stands still.
 */
export function checkReviews(
  c: Case,
  today: LocalDate,
  { calendar, policy }: CaseRules,
  chiefRepresentatives: Record<string, string | null> = {},
): CaseEvent[] {
  if (c.suspendedSince) return [];
  for (const p of participantsOf(c)) {
    if (!isOpenReview(p) || p.suspendedSince || p.redFor !== null) continue;
    const reading = readReview(p, c, today, calendar);
    const { dueDate } = reading;
    if (reading.overdue)
      return [
        {
          type: 'ReviewOverdue',
          data: {
            caseId: c.id,
            window: p.window,
            dueDate,
            breachedOn: addDays(dueDate, 1),
            workingDaysOver: -reading.workingDaysRemaining,
            ...(chiefRepresentatives[p.window] ? { responsible: chiefRepresentatives[p.window] } : {}),
          },
        },
      ];
    if (p.yellowFor !== dueDate && isYellow(reading, { used: reading.workingDaysUsed, total: p.reviewLimit }, policy))
      return [
        {
          type: 'ReviewWarningIssued',
          data: {
            caseId: c.id,
            window: p.window,
            dueDate,
            workingDaysUsed: reading.workingDaysUsed,
            workingDaysRemaining: reading.workingDaysRemaining,
            issuedOn: today,
          },
        },
      ];
  }
  return [];
}

function reviewResumedIfSuspended(p: ParticipantReview, c: Case, occurredAt: string, calendar: WorkingCalendar): CaseEvent[] {
  if (!p.suspendedSince) return [];
  const toDate = localDateOf(occurredAt);
  const after: ParticipantReview = {
    ...p,
    suspendedSince: null,
    suspensions: [...p.suspensions, { ...p.suspendedSince, toDate }],
  };
  return [
    {
      type: 'ReviewResumed',
      data: {
        caseId: c.id,
        window: p.window,
        fromDate: p.suspendedSince.fromDate,
        toDate,
        previousDueDate: p.dueDate,
        dueDate: reviewDueDate(after, c, calendar),
        resumedAt: occurredAt,
      },
    },
  ];
}

function requireJoint(c: Case): void {
  if (participantsOf(c).length === 0)
    throw new DomainError('CASE.NOT_JOINT', `Case ${c.receiptNo} has no participating windows: it is not a joint case (联办件)`, {
      kind: c.kind,
    });
}

/** The acting staff member's window must be one of the case's participants. */
function requireParticipant(c: Case, window: string | null): ParticipantReview {
  requireJoint(c);
  const p = participantsOf(c).find((x) => x.window === window);
  if (!p)
    throw new DomainError('CASE.NOT_A_PARTICIPANT', `Window ${window ?? '(none)'} is not a participant of case ${c.receiptNo}`, {
      participants: participantsOf(c).map((x) => x.window),
    });
  return p;
}

function opinionAlreadyRecorded(p: ParticipantReview): DomainError {
  return new DomainError('CASE.OPINION_ALREADY_RECORDED', `${p.window} already gave its opinion on ${p.opinion!.on}`, {
    window: p.window,
    opinion: p.opinion!.opinion,
  });
}

/** Participants compared whatever order they were named in. */
const sameOrder = (ps: ParticipantDefinition[]) =>
  [...ps]
    .map((p) => ({ window: p.window, department: p.department.trim(), reviewLimit: p.reviewLimit, required: p.required ?? true }))
    .sort((a, b) => (a.window < b.window ? -1 : 1));
