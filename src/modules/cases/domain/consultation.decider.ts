import { assertNever, Decider, DomainCommand, DomainEvent } from '../../../core/decider';
import { LocalDate } from '../../../core/dates';
import { DomainError } from '../../../core/errors';
import { textIssues, throwIfAny } from '../../../core/validation';

/**
 * 首问负责制: the first staff member a visitor talks to records the visit and stays responsible for it.
 * A visit routed to a window of the center stays open until that window records the case or the answer;
 * the first officer sees where it stands, and one left open past its follow-up day is recorded for the
 * leaders (督办), once.
 */
export interface ConsultationDetails {
  visitorName: string;
  visitorPhone: string | null;
  topic: string;
  itemCode: string | null;
  /** Where the visitor was sent on to, in words (another office, a department), if anywhere. */
  routedTo: string | null;
  notes: string | null;
}

/** A routing to a window of the same center, which that window closes. */
export interface Routing {
  center: string;
  window: string;
  /** The first officer (首问责任人), who stays responsible for the visit, and their window. */
  officer: string;
  officerWindow: string | null;
  routedOn: LocalDate;
  /** The day after which an open routing draws a follow-up (CASETRAIL_CONSULTATION_FOLLOW_UP_DAYS). */
  followUpDue: LocalDate;
}

export interface Closure {
  /** The window recorded the case (办件) the visit became, or the answer it gave. */
  caseId: string | null;
  answer: string | null;
  closedBy: string;
  closedOn: LocalDate;
}

export type RecordConsultation = DomainCommand<
  'RecordConsultation',
  ConsultationDetails & { consultationId: string; routing: Routing | null; occurredAt: string }
>;
export type CloseConsultation = DomainCommand<
  'CloseConsultation',
  {
    caseId: string | null;
    /** The window the named case belongs to, as its stream says (null when no case is named or none exists). */
    caseWindow: string | null;
    answer: string | null;
    by: string;
    closedOn: LocalDate;
    occurredAt: string;
  }
>;
/** The watcher's look at an open routing. */
export type CheckConsultationFollowUp = DomainCommand<'CheckConsultationFollowUp', { today: LocalDate; occurredAt: string }>;

export type ConsultationRecorded = DomainEvent<
  'ConsultationRecorded',
  ConsultationDetails & { consultationId: string; routing?: Routing | null; consultedAt: string }
>;
export type ConsultationClosed = DomainEvent<'ConsultationClosed', { consultationId: string } & Closure & { closedAt: string }>;
export type ConsultationFollowUpDue = DomainEvent<
  'ConsultationFollowUpDue',
  { consultationId: string; center: string; window: string; routedOn: LocalDate; followUpDue: LocalDate; markedOn: LocalDate }
>;
export const CONSULTATION_EVENT_TYPES: ReadonlySet<string> = new Set<ConsultationEvent['type']>([
  'ConsultationRecorded',
  'ConsultationClosed',
  'ConsultationFollowUpDue',
]);
export type ConsultationCommand = RecordConsultation | CloseConsultation | CheckConsultationFollowUp;
export type ConsultationEvent = ConsultationRecorded | ConsultationClosed | ConsultationFollowUpDue;

export type ConsultationState =
  | { recorded: false }
  | { recorded: true; consultationId: string; routing: Routing | null; closure: Closure | null; followUpMarkedOn: LocalDate | null };

export const consultationStream = (id: string) => `consultation-${id}`;

const trimmed = (v: string | null | undefined) => v?.trim() || null;

function record(command: RecordConsultation, state: ConsultationState): ConsultationEvent[] {
  if (state.recorded) throw new DomainError('CONSULTATION.ALREADY_RECORDED', 'This consultation is already recorded');
  const d = command.data;
  throwIfAny([
    ...textIssues(d.visitorName, 'visitorName', { max: 100 }),
    ...textIssues(d.topic, 'topic', { max: 500 }),
    ...textIssues(d.visitorPhone, 'visitorPhone', { required: false, max: 30 }),
    ...textIssues(d.itemCode, 'itemCode', { required: false, max: 64 }),
    ...textIssues(d.routedTo, 'routedTo', { required: false, max: 200 }),
    ...textIssues(d.notes, 'notes', { required: false }),
    ...textIssues(d.routing?.window, 'routedToWindow', { required: false, max: 64 }),
  ]);
  return [
    {
      type: 'ConsultationRecorded',
      data: {
        consultationId: d.consultationId,
        visitorName: d.visitorName.trim(),
        visitorPhone: trimmed(d.visitorPhone),
        topic: d.topic.trim(),
        itemCode: trimmed(d.itemCode),
        routedTo: trimmed(d.routedTo),
        notes: trimmed(d.notes),
        routing: d.routing ? { ...d.routing, window: d.routing.window.trim() } : null,
        consultedAt: d.occurredAt,
      },
    },
  ];
}

/** The routed window closes the visit with the case it became or the answer it gave: one of the two. */
function close(command: CloseConsultation, state: ConsultationState): ConsultationEvent[] {
  if (!state.recorded) throw new DomainError('CONSULTATION.NOT_FOUND', 'No such consultation');
  if (!state.routing) throw new DomainError('CONSULTATION.NOT_ROUTED', 'The visit was not routed to a window: there is nothing to close');
  if (state.closure)
    throw new DomainError('CONSULTATION.ALREADY_CLOSED', `Closed on ${state.closure.closedOn}`, { closedBy: state.closure.closedBy });
  const d = command.data;
  const answer = trimmed(d.answer);
  throwIfAny([
    ...textIssues(d.answer, 'answer', { required: false, max: 2000 }),
    ...((d.caseId === null) === (answer === null)
      ? [{ field: 'caseId', message: 'name the case recorded or give the answer, one of the two' }]
      : []),
  ]);
  if (d.caseId !== null && d.caseWindow !== state.routing.window)
    throw new DomainError('CONSULTATION.CASE_ELSEWHERE', `Case ${d.caseId} is not a case of window ${state.routing.window}`, {
      caseId: d.caseId,
      window: state.routing.window,
    });
  return [
    {
      type: 'ConsultationClosed',
      data: {
        consultationId: state.consultationId,
        caseId: d.caseId,
        answer,
        closedBy: d.by,
        closedOn: d.closedOn,
        closedAt: d.occurredAt,
      },
    },
  ];
}

function checkFollowUp(command: CheckConsultationFollowUp, state: ConsultationState): ConsultationEvent[] {
  if (!state.recorded || !state.routing || state.closure || state.followUpMarkedOn) return [];
  if (command.data.today <= state.routing.followUpDue) return [];
  const { center, window, routedOn, followUpDue } = state.routing;
  return [
    {
      type: 'ConsultationFollowUpDue',
      data: { consultationId: state.consultationId, center, window, routedOn, followUpDue, markedOn: command.data.today },
    },
  ];
}

export const consultationDecider: Decider<ConsultationState, ConsultationCommand, ConsultationEvent> = {
  initialState: () => ({ recorded: false }),
  evolve: (state, event) => {
    switch (event.type) {
      case 'ConsultationRecorded':
        return {
          recorded: true,
          consultationId: event.data.consultationId,
          routing: event.data.routing ?? null,
          closure: null,
          followUpMarkedOn: null,
        };
      case 'ConsultationClosed': {
        if (!state.recorded) return state;
        const { caseId, answer, closedBy, closedOn } = event.data;
        return { ...state, closure: { caseId, answer, closedBy, closedOn } };
      }
      case 'ConsultationFollowUpDue':
        return state.recorded ? { ...state, followUpMarkedOn: event.data.markedOn } : state;
      default:
        return assertNever(event, 'consultation event');
    }
  },
  decide: (command, state) => {
    switch (command.type) {
      case 'RecordConsultation':
        return record(command, state);
      case 'CloseConsultation':
        return close(command, state);
      case 'CheckConsultationFollowUp':
        return checkFollowUp(command, state);
      default:
        return assertNever(command, 'consultation command');
    }
  },
};
