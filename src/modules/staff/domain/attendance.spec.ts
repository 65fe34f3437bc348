import { specFor } from '../../../../test/support/given-when-then';
import { AttendanceEvent, LeaveRecorded, RecordAbsence, RecordLeave, attendanceDecider, onLeaveAllDay } from './attendance.decider';
import { onDutyOn, postAndCovers } from './posts';

const at = '2026-11-23T02:00:00.000Z';
const spec = specFor(attendanceDecider);

const leave = (overrides: Partial<RecordLeave['data']> = {}): RecordLeave => ({
  type: 'RecordLeave',
  data: {
    staffId: 'staff-a',
    center: 'c1',
    leaveId: 'l1',
    startsOn: '2026-11-20',
    endsOn: '2026-11-20',
    halfDay: null,
    reason: '家中有事',
    approvedBy: '王主任',
    approver: 'CENTER_DIRECTOR',
    occurredAt: at,
    ...overrides,
  },
});
const recorded = (command: RecordLeave): LeaveRecorded => {
  const { occurredAt, ...d } = command.data;
  return { type: 'LeaveRecorded', data: { ...d, recordedAt: occurredAt } };
};
const absence = (overrides: Partial<RecordAbsence['data']> = {}): RecordAbsence => ({
  type: 'RecordAbsence',
  data: {
    absenceId: 'a1',
    staffId: 'staff-a',
    center: 'c1',
    window: 'civil-affairs',
    day: '2026-11-20',
    away: ['AM', 'PM'],
    evidence: '考勤机无记录，电话未接',
    today: '2026-11-23',
    occurredAt: at,
    ...overrides,
  },
});

describe('attendance (考勤): leave and absence', () => {
  it('records a day of leave approved by the center director, and longer leave approved by the leader in charge', () => {
    spec([])
      .when(leave())
      .then([recorded(leave())]);
    spec([])
      .when(leave({ endsOn: '2026-11-24', approver: 'LEADER_IN_CHARGE' }))
      .then([recorded(leave({ endsOn: '2026-11-24', approver: 'LEADER_IN_CHARGE' }))]);
    // The leader in charge may approve a short leave too.
    spec([])
      .when(leave({ halfDay: 'AM', approver: 'LEADER_IN_CHARGE' }))
      .then((events) => expect(events).toHaveLength(1));
  });

  it('refuses longer leave the center director approved, across a month and a year end too', () => {
    spec([])
      .when(leave({ endsOn: '2026-11-21' }))
      .thenThrows('LEAVE.NEEDS_LEADER_IN_CHARGE', { startsOn: '2026-11-20', endsOn: '2026-11-21' });
    spec([])
      .when(leave({ startsOn: '2026-12-31', endsOn: '2027-01-01' }))
      .thenThrows('LEAVE.NEEDS_LEADER_IN_CHARGE');
  });

  it('refuses leave that ends before it starts, half a day over several days, overlapping leave and bad dates', () => {
    spec([])
      .when(leave({ endsOn: '2026-11-19', approver: 'LEADER_IN_CHARGE' }))
      .thenThrows('LEAVE.ENDS_BEFORE_IT_STARTS');
    spec([])
      .when(leave({ endsOn: '2026-11-21', halfDay: 'PM', approver: 'LEADER_IN_CHARGE' }))
      .thenThrows('LEAVE.HALF_DAY_IS_ONE_DAY');
    spec([recorded(leave())])
      .when(leave({ leaveId: 'l2', startsOn: '2026-11-19', endsOn: '2026-11-20', approver: 'LEADER_IN_CHARGE' }))
      .thenThrows('LEAVE.OVERLAPS', { leaveId: 'l1' });
    // The morning and the afternoon of one day are two leaves that do not overlap.
    spec([recorded(leave({ halfDay: 'AM' }))])
      .when(leave({ leaveId: 'l2', halfDay: 'PM' }))
      .then((events) => expect(events).toHaveLength(1));
    spec([])
      .when(leave({ startsOn: '2026-02-30', endsOn: '2026-02-30' }))
      .thenThrows('VALIDATION.FAILED');
    spec([])
      .when(leave({ approvedBy: ' ' }))
      .thenThrows('VALIDATION.FAILED');
  });

  it('records an absence without approved leave as 旷工 for every half day, never as lateness', () => {
    spec([])
      .when(absence())
      .then([
        {
          type: 'AbsenceRecorded',
          data: {
            absenceId: 'a1',
            staffId: 'staff-a',
            center: 'c1',
            window: 'civil-affairs',
            day: '2026-11-20',
            away: ['AM', 'PM'],
            unexcused: ['AM', 'PM'],
            evidence: '考勤机无记录，电话未接',
            leaveIds: [],
            recordedAt: at,
          },
        },
      ]);
  });

  it('excuses the half days approved leave covers, and refuses an absence wholly on approved leave', () => {
    const morningOff = recorded(leave({ halfDay: 'AM' }));
    spec([morningOff])
      .when(absence())
      .then((events) => expect(events[0].data).toMatchObject({ away: ['AM', 'PM'], unexcused: ['PM'], leaveIds: ['l1'] }));
    spec([recorded(leave({ startsOn: '2026-11-19', endsOn: '2026-11-23', approver: 'LEADER_IN_CHARGE' }))])
      .when(absence())
      .thenThrows('ATTENDANCE.ON_APPROVED_LEAVE', { leaveIds: ['l1'] });
    // Leave on another day excuses nothing.
    spec([recorded(leave({ startsOn: '2026-11-19', endsOn: '2026-11-19' }))])
      .when(absence({ away: ['PM'] }))
      .then((events) => expect(events[0].data).toMatchObject({ unexcused: ['PM'], leaveIds: [] }));
  });

  it('refuses an absence recorded twice for the same half day, one not yet happened, and an empty or repeated half day', () => {
    const given: AttendanceEvent[] = [];
    spec(given)
      .when(absence())
      .then((events) => given.push(...events));
    spec(given)
      .when(absence({ absenceId: 'a2', away: ['PM'] }))
      .thenThrows('ATTENDANCE.ALREADY_RECORDED', { absenceId: 'a1' });
    spec([])
      .when(absence({ day: '2026-11-24' }))
      .thenThrows('ATTENDANCE.IN_THE_FUTURE');
    spec([])
      .when(absence({ away: [] }))
      .thenThrows('VALIDATION.FAILED');
    spec([])
      .when(absence({ away: ['AM', 'AM'] }))
      .thenThrows('VALIDATION.FAILED');
  });

  it('knows who is on approved leave all day, and so not on duty', () => {
    const leaves = [
      { ...leave().data, leaveId: 'l1', halfDay: 'AM' as const },
      { ...leave().data, leaveId: 'l2', halfDay: 'PM' as const },
      { ...leave().data, leaveId: 'l3', startsOn: '2026-11-23', endsOn: '2026-11-25', approver: 'LEADER_IN_CHARGE' as const },
    ];
    expect(onLeaveAllDay(leaves, '2026-11-20').map((l) => l.leaveId)).toEqual(['l1', 'l2']);
    expect(onLeaveAllDay(leaves.slice(0, 1), '2026-11-20')).toEqual([]);
    expect(onLeaveAllDay(leaves, '2026-11-25').map((l) => l.leaveId)).toEqual(['l3']);
    expect(onLeaveAllDay(leaves, '2026-11-26')).toEqual([]);
  });
});

describe('posts (岗位) and their AB cover', () => {
  it('names the post and the posts paired with it either way round, each once', () => {
    const pairs = [
      { aPost: 'staff-a', bPost: 'staff-b' },
      { aPost: 'staff-c', bPost: 'staff-a' },
      { aPost: 'staff-d', bPost: 'staff-e' },
    ];
    expect(postAndCovers('staff-a', pairs)).toEqual([
      { staffId: 'staff-a', post: 'POST' },
      { staffId: 'staff-b', post: 'AB_COVER' },
      { staffId: 'staff-c', post: 'AB_COVER' },
    ]);
    expect(postAndCovers('staff-x', pairs)).toEqual([{ staffId: 'staff-x', post: 'POST' }]);
  });

  it('leaves off duty only those on approved leave the whole day; someone absent without leave is on duty', () => {
    const holders = postAndCovers('staff-a', [{ aPost: 'staff-a', bPost: 'staff-b' }]);
    const leaves: Record<string, ReturnType<typeof leave>['data'][]> = {
      'staff-b': [leave({ staffId: 'staff-b', startsOn: '2026-11-19', endsOn: '2026-11-21', approver: 'LEADER_IN_CHARGE' }).data],
      'staff-a': [leave({ halfDay: 'AM' }).data],
    };
    expect(onDutyOn(holders, (s) => leaves[s] ?? [], '2026-11-20')).toEqual({
      onDuty: [{ staffId: 'staff-a', post: 'POST' }],
      offDuty: [{ staffId: 'staff-b', post: 'AB_COVER', leaveIds: ['l1'] }],
    });
    expect(onDutyOn(holders, (s) => leaves[s] ?? [], '2026-11-22').offDuty).toEqual([]);
  });
});
