import { assertNever, Decider, DomainCommand, DomainEvent } from '../../../core/decider';
import { LocalDate } from '../../../core/dates';
import { DomainError } from '../../../core/errors';
import { textIssues, throwIfAny } from '../../../core/validation';
import { PostHolder } from '../../staff/domain';
import { computeDueDate, LimitUnit, WorkingCalendar } from '../../time-limits/domain';

/**
 * 效能投诉: a complaint about a staff member, a window or a case, by voice, phone or in writing. An
 * ordinary complaint is answered on the spot, the same day or within 3 days (answerDueOn); a written one gets a
 * written answer; a major one must be written and goes to the leaders and the discipline office. Found
 * true after investigation it is a valid complaint (有效投诉), which scoring counts.
 */
export type ComplaintChannel = 'VOICE' | 'PHONE' | 'WRITING';
export type AnswerForm = 'ON_THE_SPOT' | 'ORAL' | 'WRITTEN';
/** What a valid complaint was about: an empty post (A02, scored by itself), attitude (D07, recorded), conduct, or other. */
export type ComplaintCause = 'EMPTY_POST' | 'ATTITUDE' | 'CONDUCT' | 'OTHER';

export interface ComplaintSubject {
  staffId: string | null;
  window: string | null;
  caseId: string | null;
}

/** Who complained: confidential, shown only to those handling the complaint and to oversight. */
export interface Complainant {
  name: string;
  phone: string | null;
  idNumber: string | null;
}

export type FileComplaint = DomainCommand<
  'FileComplaint',
  {
    complaintId: string;
    center: string;
    channel: ComplaintChannel;
    about: ComplaintSubject;
    complainant: Complainant;
    matter: string;
    major: boolean;
    filedOn: LocalDate;
    answerDue: LocalDate;
    occurredAt: string;
  }
>;
export type AnswerComplaint = DomainCommand<
  'AnswerComplaint',
  { form: AnswerForm; text: string; answeredOn: LocalDate; by: string; occurredAt: string }
>;
/**
 * 窗口无人 (A02): the day the post stood empty, and its holders then: the post's own and its AB cover
 * posts (所在岗位或兼任岗位), those on duty answerable, those on approved leave all day not.
 */
export interface EmptyPost {
  day: LocalDate;
  charged: PostHolder[];
  offDuty: Array<PostHolder & { leaveIds: string[] }>;
}

/** The investigation may establish who and which post was at fault; otherwise the complaint's subject stands. */
export type RecordComplaintFinding = DomainCommand<
  'RecordComplaintFinding',
  {
    valid: boolean;
    cause: ComplaintCause;
    findings: string;
    staffId: string | null;
    window: string | null;
    /** For a valid EMPTY_POST finding: the post's holders on the day, as the staff records give them. */
    emptyPost: EmptyPost | null;
    /** Who records it: never one the complaint is about (回避). */
    by: string;
    occurredAt: string;
  }
>;

export type ComplaintFiled = DomainEvent<
  'ComplaintFiled',
  {
    complaintId: string;
    center: string;
    channel: ComplaintChannel;
    about: ComplaintSubject;
    complainant: Complainant;
    matter: string;
    major: boolean;
    filedOn: LocalDate;
    answerDue: LocalDate;
    filedAt: string;
  }
>;
export type ComplaintAnswered = DomainEvent<
  'ComplaintAnswered',
  { complaintId: string; form: AnswerForm; text: string; answeredOn: LocalDate; onTime: boolean; answeredAt: string }
>;
/** The finding names where the complaint lands, so that scoring needs nothing else. */
export type ComplaintFound = DomainEvent<
  'ComplaintFound',
  {
    complaintId: string;
    center: string;
    valid: boolean;
    cause: ComplaintCause;
    findings: string;
    staffId: string | null;
    window: string | null;
    caseId: string | null;
    /** A valid EMPTY_POST finding: who is charged A02, each −10 (absent from findings recorded before this was kept). */
    emptyPost?: EmptyPost | null;
    foundAt: string;
  }
>;

/**
 * 上报: a major complaint goes to the center's leaders and the discipline office (纪委). One filed as major
 * is escalated as it is filed; an ordinary one may be found major while it is handled, and from then on
 * it is major (answered in writing).
 */
export type EscalateComplaint = DomainCommand<
  'EscalateComplaint',
  { reason: string; escalatedOn: LocalDate; by: string; occurredAt: string }
>;
export type EscalationBasis = 'FILED_AS_MAJOR' | 'FOUND_MAJOR';
export const ESCALATED_TO = ['CENTER_LEADERS', 'DISCIPLINE_OFFICE'] as const;
export type ComplaintEscalated = DomainEvent<
  'ComplaintEscalated',
  {
    complaintId: string;
    center: string;
    basis: EscalationBasis;
    reason: string | null;
    to: (typeof ESCALATED_TO)[number][];
    escalatedOn: LocalDate;
    escalatedAt: string;
  }
>;

/** The follow-up watcher's look at an unanswered complaint (system actor). */
export type CheckComplaintAnswer = DomainCommand<'CheckComplaintAnswer', { today: LocalDate; occurredAt: string }>;
/** No answer by the due day: recorded once, for supervisors and the record. */
export type ComplaintAnswerOverdue = DomainEvent<
  'ComplaintAnswerOverdue',
  { complaintId: string; answerDue: LocalDate; markedOn: LocalDate }
>;

export type ComplaintCommand = FileComplaint | AnswerComplaint | RecordComplaintFinding | EscalateComplaint | CheckComplaintAnswer;
export type ComplaintEvent = ComplaintFiled | ComplaintAnswered | ComplaintFound | ComplaintEscalated | ComplaintAnswerOverdue;
export const COMPLAINT_EVENT_TYPES: ReadonlySet<string> = new Set<ComplaintEvent['type']>([
  'ComplaintFiled',
  'ComplaintAnswered',
  'ComplaintFound',
  'ComplaintEscalated',
  'ComplaintAnswerOverdue',
]);

export interface Complaint {
  status: 'OPEN' | 'ANSWERED' | 'CLOSED';
  complaintId: string;
  center: string;
  channel: ComplaintChannel;
  about: ComplaintSubject;
  complainant: Complainant;
  matter: string;
  major: boolean;
  filedOn: LocalDate;
  filedAt: string;
  answerDue: LocalDate;
  answer: { form: AnswerForm; text: string; answeredOn: LocalDate; onTime: boolean } | null;
  finding: { valid: boolean; cause: ComplaintCause; findings: string; staffId: string | null; emptyPost: EmptyPost | null } | null;
  /** The day the watcher recorded the answer as overdue. */
  answerOverdueOn: LocalDate | null;
  /** When and why it went to the leaders and the discipline office; null while it has not. */
  escalation: { basis: EscalationBasis; reason: string | null; escalatedOn: LocalDate; escalatedAt: string } | null;
}
export type ComplaintState = { status: 'NONE' } | Complaint;

export const complaintStream = (id: string) => `complaint-${id}`;

/** How long an ordinary complaint may wait for its answer (the center's setting; SPEC §7: 3 calendar days). */
export interface AnswerPeriod {
  days: number;
  unit: LimitUnit;
}

/**
 * The day a complaint filed on `filedOn` must be answered by. Natural days count from the filing day
 * (当日或三天内: filed Thursday, due Sunday), and a deadline on a rest day moves to the next working day,
 * as SPEC §5 rule 11 moves every natural-day limit; working days count like any time limit.
 */
export function answerDueOn(filedOn: LocalDate, period: AnswerPeriod, calendar: WorkingCalendar): LocalDate {
  return computeDueDate({ kind: 'promised', promisedLimit: period.days, limitUnit: period.unit }, filedOn, calendar).dueDate;
}

const PHONE = /^[\d+\-() ]{5,30}$/;

const escalated = (
  complaintId: string,
  center: string,
  basis: EscalationBasis,
  reason: string | null,
  escalatedOn: LocalDate,
  escalatedAt: string,
): ComplaintEscalated => ({
  type: 'ComplaintEscalated',
  data: { complaintId, center, basis, reason, to: [...ESCALATED_TO], escalatedOn, escalatedAt },
});

/**
 * Who a complaint is about (被投诉人): the staff member it names, the one the finding holds at fault, and
 * every holder charged for an empty post. They never learn who complained nor anything that leads back
 * to the applicant, and none of them handles it (回避), whatever their role.
 */
export function complaintSubjects(c: Complaint): string[] {
  const ids = [c.about.staffId, c.finding?.staffId, ...(c.finding?.emptyPost?.charged ?? []).map((h) => h.staffId)];
  return [...new Set(ids.filter((id): id is string => Boolean(id)))];
}

/** 回避: one the complaint is about leaves its answer, finding and escalation to the others, whatever their role. */
function requireNotSubject(c: Complaint, by: string): void {
  const subjects = complaintSubjects(c);
  if (subjects.includes(by))
    throw new DomainError('COMPLAINT.RECUSED', 'The complaint is about you: the other leaders and oversight handle it (回避)', {
      subjects,
    });
}

export const complaintDecider: Decider<ComplaintState, ComplaintCommand, ComplaintEvent> = {
  initialState: () => ({ status: 'NONE' }),
  evolve: (state, event) => {
    switch (event.type) {
      case 'ComplaintFiled': {
        const { filedAt, ...d } = event.data;
        return { ...d, status: 'OPEN', filedAt, answer: null, finding: null, answerOverdueOn: null, escalation: null };
      }
      case 'ComplaintAnswered': {
        if (state.status === 'NONE') return state;
        const { form, text, answeredOn, onTime } = event.data;
        return { ...state, status: state.finding ? 'CLOSED' : 'ANSWERED', answer: { form, text, answeredOn, onTime } };
      }
      case 'ComplaintFound': {
        if (state.status === 'NONE') return state;
        const { valid, cause, findings, staffId, emptyPost } = event.data;
        return {
          ...state,
          status: state.answer ? 'CLOSED' : state.status,
          finding: { valid, cause, findings, staffId, emptyPost: emptyPost ?? null },
        };
      }
      case 'ComplaintEscalated': {
        if (state.status === 'NONE') return state;
        const { basis, reason, escalatedOn, escalatedAt } = event.data;
        return { ...state, major: true, escalation: { basis, reason, escalatedOn, escalatedAt } };
      }
      case 'ComplaintAnswerOverdue':
        return state.status === 'NONE' ? state : { ...state, answerOverdueOn: event.data.markedOn };
      default:
        return assertNever(event, 'complaint event');
    }
  },
  decide: (command, state) => {
    switch (command.type) {
      case 'FileComplaint': {
        if (state.status !== 'NONE') throw new DomainError('COMPLAINT.ALREADY_FILED', 'This complaint is already filed');
        const d = command.data;
        const issues = [
          ...textIssues(d.matter, 'matter', { max: 5000 }),
          ...textIssues(d.complainant.name, 'complainant.name', { max: 100 }),
        ];
        if (d.complainant.phone && !PHONE.test(d.complainant.phone))
          issues.push({ field: 'complainant.phone', message: 'is not a phone number' });
        if (!d.about.staffId && !d.about.window && !d.about.caseId)
          issues.push({ field: 'about', message: 'must name a staff member, a window or a case' });
        throwIfAny(issues);
        if (d.major && d.channel !== 'WRITING')
          throw new DomainError('COMPLAINT.MAJOR_MUST_BE_WRITTEN', 'A major matter must be filed in writing');
        const { occurredAt, ...rest } = d;
        const filed: ComplaintFiled = { type: 'ComplaintFiled', data: { ...rest, matter: d.matter.trim(), filedAt: occurredAt } };
        if (!d.major) return [filed];
        return [filed, escalated(d.complaintId, d.center, 'FILED_AS_MAJOR', null, d.filedOn, occurredAt)];
      }
      case 'AnswerComplaint': {
        if (state.status === 'NONE') throw new DomainError('COMPLAINT.NOT_FOUND', 'No such complaint');
        requireNotSubject(state, command.data.by);
        if (state.answer) throw new DomainError('COMPLAINT.ALREADY_ANSWERED', 'The complaint has been answered');
        const d = command.data;
        throwIfAny(textIssues(d.text, 'text', { max: 5000 }));
        if ((state.channel === 'WRITING' || state.major) && d.form !== 'WRITTEN') {
          throw new DomainError(
            'COMPLAINT.WRITTEN_ANSWER_REQUIRED',
            'A complaint filed in writing, or a major one, is answered in writing',
          );
        }
        return [
          {
            type: 'ComplaintAnswered',
            data: {
              complaintId: state.complaintId,
              form: d.form,
              text: d.text.trim(),
              answeredOn: d.answeredOn,
              onTime: d.answeredOn <= state.answerDue,
              answeredAt: d.occurredAt,
            },
          },
        ];
      }
      case 'RecordComplaintFinding': {
        if (state.status === 'NONE') throw new DomainError('COMPLAINT.NOT_FOUND', 'No such complaint');
        requireNotSubject(state, command.data.by);
        if (state.finding) throw new DomainError('COMPLAINT.ALREADY_FOUND', 'The complaint has been decided');
        const d = command.data;
        throwIfAny(textIssues(d.findings, 'findings', { max: 5000 }));
        const staffId = d.staffId ?? state.about.staffId;
        const window = d.window ?? state.about.window;
        const emptyPostFound = d.valid && d.cause === 'EMPTY_POST';
        if (emptyPostFound && (!staffId || !window)) {
          throw new DomainError('COMPLAINT.POST_REQUIRED', 'Name the staff member and the window whose post was empty');
        }
        const emptyPost = emptyPostFound
          ? (d.emptyPost ?? { day: state.filedOn, charged: [{ staffId: staffId!, post: 'POST' as const }], offDuty: [] })
          : null;
        return [
          {
            type: 'ComplaintFound',
            data: {
              complaintId: state.complaintId,
              center: state.center,
              valid: d.valid,
              cause: d.cause,
              findings: d.findings.trim(),
              staffId,
              window,
              caseId: state.about.caseId,
              emptyPost,
              foundAt: d.occurredAt,
            },
          },
        ];
      }
      case 'EscalateComplaint': {
        if (state.status === 'NONE') throw new DomainError('COMPLAINT.NOT_FOUND', 'No such complaint');
        requireNotSubject(state, command.data.by);
        if (state.escalation)
          throw new DomainError('COMPLAINT.ALREADY_ESCALATED', 'The complaint has already gone to the leaders and the discipline office');
        if (state.status === 'CLOSED') throw new DomainError('COMPLAINT.CLOSED', 'The complaint has been answered and decided');
        throwIfAny(textIssues(command.data.reason, 'reason', { max: 2000 }));
        return [
          escalated(
            state.complaintId,
            state.center,
            'FOUND_MAJOR',
            command.data.reason.trim(),
            command.data.escalatedOn,
            command.data.occurredAt,
          ),
        ];
      }
      case 'CheckComplaintAnswer': {
        if (state.status === 'NONE' || state.answer || state.answerOverdueOn || command.data.today <= state.answerDue) return [];
        return [
          {
            type: 'ComplaintAnswerOverdue',
            data: { complaintId: state.complaintId, answerDue: state.answerDue, markedOn: command.data.today },
          },
        ];
      }
      default:
        return assertNever(command, 'complaint command');
    }
  },
};
