import { assertNever, Decider, DomainCommand, DomainEvent } from '../../../core/decider';
import { isLocalDate, LocalDate } from '../../../core/dates';
import { DomainError, FieldIssue } from '../../../core/errors';
import { textIssues, throwIfAny } from '../../../core/validation';

/**
 * 考勤: a staff member's approved leave (请假) and recorded absences (缺勤), one stream per staff member
 * and center, so an absence is always judged against every leave recorded before it.
 *
 * The rulebook (请假审批): leave of one day or less is approved by the center director (中心主任), longer
 * leave by the leader in charge (分管领导); the leader in charge may approve any leave. Someone away
 * from work without approved leave is absent (旷工, D03, each half day), never merely late (D02).
 */
export type Approver = 'CENTER_DIRECTOR' | 'LEADER_IN_CHARGE';
export type HalfDay = 'AM' | 'PM';

export interface Leave {
  leaveId: string;
  startsOn: LocalDate;
  endsOn: LocalDate;
  /** Leave of half a day: the morning or the afternoon of its one day. */
  halfDay: HalfDay | null;
  reason: string;
  /** Who signed the leave slip, and in what capacity. */
  approvedBy: string;
  approver: Approver;
}

export interface Absence {
  absenceId: string;
  /** The window the staff member was posted to that day. */
  window: string;
  day: LocalDate;
  /** The half days away (AM, PM or both) and those of them no approved leave covers (旷工). */
  away: HalfDay[];
  unexcused: HalfDay[];
}

export type RecordLeave = DomainCommand<'RecordLeave', { staffId: string; center: string } & Leave & { occurredAt: string }>;
export type RecordAbsence = DomainCommand<
  'RecordAbsence',
  {
    absenceId: string;
    staffId: string;
    center: string;
    window: string;
    day: LocalDate;
    away: HalfDay[];
    evidence: string;
    today: LocalDate;
    occurredAt: string;
  }
>;
export type LeaveRecorded = DomainEvent<'LeaveRecorded', { staffId: string; center: string } & Leave & { recordedAt: string }>;
/** Scoring reads `unexcused`: D03 for each half day away without approved leave. */
export type AbsenceRecorded = DomainEvent<
  'AbsenceRecorded',
  { staffId: string; center: string; window: string; evidence: string; leaveIds: string[]; recordedAt: string } & Absence
>;
export type AttendanceCommand = RecordLeave | RecordAbsence;
export type AttendanceEvent = LeaveRecorded | AbsenceRecorded;
export type AttendanceState = { leaves: Leave[]; absences: Absence[] };

export const attendanceStream = (center: string, staffId: string) => `attendance-${center}-${staffId}`;

const HALVES: HalfDay[] = ['AM', 'PM'];

/** The half days of `day` an approved leave covers. */
export function leaveCovers(leave: Leave, day: LocalDate): HalfDay[] {
  if (day < leave.startsOn || day > leave.endsOn) return [];
  return leave.halfDay ? [leave.halfDay] : HALVES;
}

/** Whether a staff member is on approved leave for the whole of `day` (not on duty that day). */
export function onLeaveAllDay(leaves: Leave[], day: LocalDate): Leave[] {
  const covering = leaves.filter((l) => leaveCovers(l, day).length > 0);
  const covered = new Set(covering.flatMap((l) => leaveCovers(l, day)));
  return HALVES.every((h) => covered.has(h)) ? covering : [];
}

function dateIssues(value: string, field: string): FieldIssue[] {
  return typeof value === 'string' && isLocalDate(value) ? [] : [{ field, message: 'must be a date YYYY-MM-DD' }];
}

function recordLeave(command: RecordLeave, state: AttendanceState): LeaveRecorded[] {
  const { occurredAt, ...d } = command.data;
  throwIfAny([
    ...dateIssues(d.startsOn, 'startsOn'),
    ...dateIssues(d.endsOn, 'endsOn'),
    ...textIssues(d.reason, 'reason', { max: 500 }),
    ...textIssues(d.approvedBy, 'approvedBy', { max: 100 }),
  ]);
  if (d.endsOn < d.startsOn)
    throw new DomainError('LEAVE.ENDS_BEFORE_IT_STARTS', `Leave cannot end (${d.endsOn}) before it starts (${d.startsOn})`);
  if (d.halfDay && d.endsOn !== d.startsOn) throw new DomainError('LEAVE.HALF_DAY_IS_ONE_DAY', 'Half-day leave is for a single day');
  // 一天以内由中心主任批准，一天以上由分管领导批准.
  if (d.endsOn !== d.startsOn && d.approver !== 'LEADER_IN_CHARGE')
    throw new DomainError('LEAVE.NEEDS_LEADER_IN_CHARGE', 'Leave of more than one day is approved by the leader in charge (分管领导)', {
      startsOn: d.startsOn,
      endsOn: d.endsOn,
    });
  const overlapping = state.leaves.find(
    (l) => l.startsOn <= d.endsOn && d.startsOn <= l.endsOn && (!l.halfDay || !d.halfDay || l.halfDay === d.halfDay),
  );
  if (overlapping)
    throw new DomainError(
      'LEAVE.OVERLAPS',
      `Leave ${overlapping.leaveId} (${overlapping.startsOn} to ${overlapping.endsOn}) is already recorded`,
      {
        leaveId: overlapping.leaveId,
      },
    );
  return [{ type: 'LeaveRecorded', data: { ...d, reason: d.reason.trim(), approvedBy: d.approvedBy.trim(), recordedAt: occurredAt } }];
}

function recordAbsence(command: RecordAbsence, state: AttendanceState): AbsenceRecorded[] {
  const { occurredAt, today, ...d } = command.data;
  throwIfAny([
    ...dateIssues(d.day, 'day'),
    ...textIssues(d.evidence, 'evidence', { max: 2000 }),
    ...(d.away.length === 0 || new Set(d.away).size !== d.away.length
      ? [{ field: 'away', message: 'must name AM, PM or both, once each' }]
      : []),
  ]);
  if (d.day > today) throw new DomainError('ATTENDANCE.IN_THE_FUTURE', `${d.day} has not happened yet`);
  const already = state.absences.find((a) => a.day === d.day && a.away.some((h) => d.away.includes(h)));
  if (already)
    throw new DomainError('ATTENDANCE.ALREADY_RECORDED', `An absence on ${d.day} is already recorded`, { absenceId: already.absenceId });
  const covering = state.leaves.filter((l) => leaveCovers(l, d.day).some((h) => d.away.includes(h)));
  const excused = new Set(covering.flatMap((l) => leaveCovers(l, d.day)));
  const unexcused = HALVES.filter((h) => d.away.includes(h) && !excused.has(h));
  // Away on approved leave is not an absence: nothing to record, and saying so is clearer than a line of 0.
  if (unexcused.length === 0)
    throw new DomainError('ATTENDANCE.ON_APPROVED_LEAVE', `${d.staffId} was on approved leave on ${d.day}`, {
      leaveIds: covering.map((l) => l.leaveId),
    });
  return [
    {
      type: 'AbsenceRecorded',
      data: {
        ...d,
        away: HALVES.filter((h) => d.away.includes(h)),
        unexcused,
        evidence: d.evidence.trim(),
        leaveIds: covering.map((l) => l.leaveId),
        recordedAt: occurredAt,
      },
    },
  ];
}

export const attendanceDecider: Decider<AttendanceState, AttendanceCommand, AttendanceEvent> = {
  initialState: () => ({ leaves: [], absences: [] }),
  evolve: (state, event) => {
    switch (event.type) {
      case 'LeaveRecorded': {
        const { leaveId, startsOn, endsOn, halfDay, reason, approvedBy, approver } = event.data;
        return { ...state, leaves: [...state.leaves, { leaveId, startsOn, endsOn, halfDay, reason, approvedBy, approver }] };
      }
      case 'AbsenceRecorded': {
        const { absenceId, window, day, away, unexcused } = event.data;
        return { ...state, absences: [...state.absences, { absenceId, window, day, away, unexcused }] };
      }
      default:
        return assertNever(event, 'attendance event');
    }
  },
  decide: (command, state) => {
    switch (command.type) {
      case 'RecordLeave':
        return recordLeave(command, state);
      case 'RecordAbsence':
        return recordAbsence(command, state);
      default:
        return assertNever(command, 'attendance command');
    }
  },
};
