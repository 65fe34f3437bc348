import { LocalDate, localDateOf } from '../../../core/dates';
import { AutomaticTrigger } from './rule-set';

/** The parts of a recorded event scoring reads (a recorded event from the store has them all). */
export interface ScoredEvent {
  id: string;
  stream: string;
  position: bigint;
  type: string;
  data: unknown;
  metadata: { actor: { id: string; role: string }; occurredAt: string };
}

/** An event a score line rests on: what a supervisor opens to check the line. */
export interface EvidenceRef {
  stream: string;
  position: string;
  type: string;
  occurredAt: string;
}

/**
 * One line of a score sheet before its points are known: the points come from the rule set in force
 * for the line's period, so the same line is scored −5 or −8 as its period's rules say.
 */
export interface ScoreLine {
  lineId: string;
  source: 'automatic' | 'recorded';
  /** Automatic lines name what happened; the rule set names the code and points for it. */
  trigger: AutomaticTrigger | null;
  /** Recorded lines name their rule directly. */
  code: string | null;
  severe: boolean;
  /** How many times the rule applies (e.g. D03 for each half day away); 1 when absent. */
  units?: number;
  /**
   * A late joint case's D06 shared among the participants whose reviews overran: this one's part of the
   * overrun, which the rules apply when they split the deduction in proportion (`jointLateCompletion`).
   */
  share?: number;
  staffId: string;
  center: string;
  window: string;
  occurredOn: LocalDate;
  caseId: string | null;
  evidence: EvidenceRef[];
  /** The recorder's description of what happened (recorded lines). */
  note: string | null;
}

/** What scoring remembers of a case between its events. */
export interface CaseScoringContext {
  caseId: string;
  center: string;
  window: string;
  handler: string | null;
  submitted: EvidenceRef | null;
  accepted: EvidenceRef | null;
  notices: EvidenceRef[];
  breaches: EvidenceRef[];
  /** Who issued the late first notice (D11), so the direct responsible person is not the same one charged twice. */
  lateNoticeIssuer?: string | null;
  /** 联办件: the notice to the participants, and each review's opinion and red cards, by window. */
  notified?: EvidenceRef | null;
  reviews?: Record<string, EvidenceRef[]>;
  /** A review's red card names the participating window's chief representative, by window. */
  reviewResponsible?: Record<string, string>;
  /** 上报件: the trips to the higher authority and back, and whether the center's own time was charged. */
  trips?: EvidenceRef[];
  centerTimeCharged?: boolean;
}

export function refOf(event: ScoredEvent): EvidenceRef {
  return { stream: event.stream, position: event.position.toString(), type: event.type, occurredAt: event.metadata.occurredAt };
}

/**
 * The automatic deductions of SPEC §6 that case events carry by themselves:
 * - late completion (D06): charged to the case's handler (承办人) when it completes past its due date; for
 *   a joint case (联办件), to the staff who gave each participant's opinion past its own limit, and to the
 *   handler only when the case's lateness is longer than any participant's overrun (the lead's own part
 *   was late too): the reviews run in parallel, so the longest overrun is the delay they caused;
 * - an escalated case (上报件) whose own time at the center passed its limit (7 working days) while the
 *   case was not yet late: D06 to the handler when the watcher finds it, with the trips to the higher
 *   authority as evidence; a late completion after it is the same lateness and is not charged again
 *   (one already red-carded is charged at its completion, as any late case);
 * - a second supplement notice (D10, the one-time notice breached): charged to whoever issued it;
 * - a late first notice (D11): charged to whoever issued it, and, when the window did not report it
 *   within the week, to the direct responsible person too (the window's chief representative), unless
 *   that is the issuer (扣该窗口工作人员和直接责任人2分: each person once).
 */
export function scoreCaseEvent(
  context: CaseScoringContext | undefined,
  event: ScoredEvent,
): { context: CaseScoringContext | undefined; lines: ScoreLine[] } {
  const data = event.data as Record<string, unknown>;
  const ref = refOf(event);
  const on = localDateOf(event.metadata.occurredAt);
  if (event.type === 'CaseSubmitted') {
    const d = data as { caseId: string; center: string; window: string };
    return {
      context: {
        caseId: d.caseId,
        center: d.center,
        window: d.window,
        handler: event.metadata.actor.role === 'applicant' ? null : event.metadata.actor.id,
        submitted: ref,
        accepted: null,
        notices: [],
        breaches: [],
      },
      lines: [],
    };
  }
  if (!context) return { context, lines: [] };
  const line = (lineId: string, trigger: AutomaticTrigger, staffId: string, evidence: EvidenceRef[]): ScoreLine => ({
    lineId,
    source: 'automatic',
    trigger,
    code: null,
    severe: false,
    staffId,
    center: context.center,
    window: context.window,
    occurredOn: on,
    caseId: context.caseId,
    evidence,
    note: null,
  });
  switch (event.type) {
    case 'CaseAccepted':
      return { context: { ...context, accepted: ref, handler: (data.handler as string) ?? context.handler }, lines: [] };
    case 'CaseReassigned':
      return { context: { ...context, handler: data.toStaffId as string }, lines: [] };
    case 'DeadlineBreached':
      return { context: { ...context, breaches: [...context.breaches, ref] }, lines: [] };
    case 'ParticipantsNotified':
      return { context: { ...context, notified: ref }, lines: [] };
    case 'CaseSentUp':
    case 'CaseReturnedFromAuthority':
      return { context: { ...context, trips: [...(context.trips ?? []), ref] }, lines: [] };
    case 'CenterTimeExceeded': {
      if (context.breaches.length > 0) return { context, lines: [] };
      const over = line(`late-completion:${context.caseId}:center-time`, 'late-completion', context.handler ?? event.metadata.actor.id, [
        ...(context.accepted ? [context.accepted] : []),
        ...(context.trips ?? []),
        ref,
      ]);
      const note = `上报件中心办理 ${data.workingDaysUsed as number} 个工作日，超过 ${data.limit as number} 个工作日（上级机关办理时间不计）`;
      return { context: { ...context, centerTimeCharged: true }, lines: [{ ...over, note }] };
    }
    case 'OpinionRecorded':
    case 'ReviewOverdue': {
      const window = data.window as string;
      const reviews = { ...context.reviews, [window]: [...(context.reviews?.[window] ?? []), ref] };
      const responsible = data.responsible as string | null | undefined;
      const reviewResponsible = responsible ? { ...context.reviewResponsible, [window]: responsible } : context.reviewResponsible;
      return { context: { ...context, reviews, ...(reviewResponsible ? { reviewResponsible } : {}) }, lines: [] };
    }
    case 'SupplementRequested': {
      const next = { ...context, notices: [...context.notices, ref] };
      const lines: ScoreLine[] = [];
      if (data.breachesOneTimeRule)
        lines.push(
          line(`second-supplement-notice:${event.id}`, 'second-supplement-notice', event.metadata.actor.id, [...context.notices, ref]),
        );
      if (data.late && data.noticeNo === 1) {
        next.lateNoticeIssuer = event.metadata.actor.id;
        lines.push(
          line(`late-supplement-notice:${context.caseId}`, 'late-supplement-notice', event.metadata.actor.id, [
            ...(context.submitted ? [context.submitted] : []),
            ref,
          ]),
        );
      }
      return { context: next, lines };
    }
    case 'LateNoticeReportOverdue': {
      const responsible = data.responsible as string | null;
      if (!responsible || responsible === context.lateNoticeIssuer) return { context, lines: [] };
      const firstNotice = context.notices[0];
      const overdue = line(`late-supplement-notice:${context.caseId}:responsible`, 'late-supplement-notice', responsible, [
        ...(firstNotice ? [firstNotice] : []),
        ref,
      ]);
      // The line belongs to the day of the late notice, as the window staff member's does.
      return {
        context,
        lines: [{ ...overdue, occurredOn: (data.noticeOn as string) ?? on, note: '直接责任人：逾期告知补正未在一周内报告' }],
      };
    }
    case 'CaseCompleted': {
      if (data.onTime !== false) return { context, lines: [] };
      const staffId = context.handler ?? event.metadata.actor.id;
      const evidence = [...(context.accepted ? [context.accepted] : []), ...context.breaches, ref];
      const delays = (data.delays as JointDelay[] | undefined) ?? [];
      const longest = Math.max(0, ...delays.map((d) => d.workingDaysOver));
      const lines: ScoreLine[] = [];
      // The lead is charged unless the participants' overruns account for the whole of the lateness, or the
      // center's own time of an escalated case was already charged for it.
      const leadLate =
        delays.length === 0 || (data.workingDaysOver as number | undefined) === undefined || (data.workingDaysOver as number) > longest;
      if (leadLate && !context.centerTimeCharged)
        lines.push(line(`late-completion:${context.caseId}`, 'late-completion', staffId, evidence));
      const total = delays.reduce((sum, d) => sum + d.workingDaysOver, 0);
      for (const d of delays) {
        // An opinion never given is answered for by the window's chief representative the red card named.
        const charged = d.reviewer ?? context.reviewResponsible?.[d.window] ?? null;
        if (charged === null) continue;
        const review = [...(context.notified ? [context.notified] : []), ...(context.reviews?.[d.window] ?? []), ...context.breaches, ref];
        lines.push({
          ...line(`late-completion:${context.caseId}:${d.window}`, 'late-completion', charged, review),
          window: d.window,
          share: d.workingDaysOver / total,
          note: `联办件会签超时：${d.department}（${d.window}）超过会签期限 ${d.workingDaysOver} 个工作日${d.reviewer ? '' : '，未回复意见，由窗口首席代表负责'}`,
        });
      }
      return { context, lines };
    }
    default:
      return { context, lines: [] };
  }
}

/** A late joint case's overrunning review, as CaseCompleted records it. */
interface JointDelay {
  window: string;
  department: string;
  workingDaysOver: number;
  reviewer: string | null;
}

/** What scoring keeps of a complaint until it is decided: the event it was filed by (no personal data). */
export interface ComplaintScoringContext {
  filed: EvidenceRef;
}

/**
 * A valid complaint caused by an empty post (A02, 所在岗位或兼任岗位每人每次扣10分): one line for each
 * holder of the post and of its AB cover posts on duty that day, on the day the post stood empty, with
 * the complaint's filing and finding as evidence on each sheet. A finding recorded before the holders
 * were kept charges the post's own holder, on the day of the finding, as it did then.
 */
export function scoreComplaintFinding(context: ComplaintScoringContext | undefined, event: ScoredEvent): ScoreLine[] {
  const d = event.data as {
    complaintId: string;
    center: string;
    valid: boolean;
    cause: string;
    staffId: string | null;
    window: string | null;
    emptyPost?: { day: LocalDate; charged: Array<{ staffId: string; post: 'POST' | 'AB_COVER' }> } | null;
  };
  if (!d.valid || d.cause !== 'EMPTY_POST' || !d.staffId || !d.window) return [];
  const charged = d.emptyPost?.charged ?? [{ staffId: d.staffId, post: 'POST' as const }];
  const occurredOn = d.emptyPost?.day ?? localDateOf(event.metadata.occurredAt);
  return charged.map(({ staffId, post }) => ({
    // The post's own line keeps the id it always had; each cover's line is named after its holder.
    lineId: post === 'POST' ? `valid-complaint-empty-post:${d.complaintId}` : `valid-complaint-empty-post:${d.complaintId}:${staffId}`,
    source: 'automatic' as const,
    trigger: 'valid-complaint-empty-post' as const,
    code: null,
    severe: false,
    staffId,
    center: d.center,
    window: d.window!,
    occurredOn,
    // The case would lead the staff member back to the applicant who complained: the line rests on the complaint.
    caseId: null,
    evidence: [...(context ? [context.filed] : []), refOf(event)],
    note: post === 'AB_COVER' ? `AB岗（兼任岗位）: ${d.staffId}` : null,
  }));
}

/**
 * 旷工 (D03): each half day a staff member was away without approved leave, as the attendance record
 * judged it when the absence was recorded. The line belongs to the day of the absence.
 */
export function scoreAbsence(event: ScoredEvent): ScoreLine[] {
  const d = event.data as {
    absenceId: string;
    staffId: string;
    center: string;
    window: string;
    day: LocalDate;
    unexcused: string[];
    evidence: string;
  };
  if (d.unexcused.length === 0) return [];
  return [
    {
      lineId: `unexcused-absence:${d.absenceId}`,
      source: 'automatic',
      trigger: 'unexcused-absence',
      code: null,
      severe: false,
      units: d.unexcused.length,
      staffId: d.staffId,
      center: d.center,
      window: d.window,
      occurredOn: d.day,
      caseId: null,
      evidence: [refOf(event)],
      note: d.evidence,
    },
  ];
}
