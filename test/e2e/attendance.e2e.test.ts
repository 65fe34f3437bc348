import { eventually } from '../support/eventually';
import { TestService, errorCode } from '../support/service';

/**
 * 考勤 (seed rulebook on leave): leave of a day or less approved by the center director, longer by the
 * leader in charge; away without approved leave is 旷工 (D03, each half day), never lateness.
 */
describe('leave and absence (请假、旷工, end to end)', () => {
  const service = new TestService();
  beforeAll(() => service.start());
  afterAll(async () => {
    await service.stop();
    await service.cleanup();
  });

  const center = 'c1';
  const window = 'civil-affairs';
  const leader = () => service.token('center_leader', 'leader-1', { center });
  const mutate = (name: string, input: Record<string, unknown>, select: string, token = leader()) =>
    service.mutate(name, input, select, token);
  const leave = (staffId: string, input: Record<string, unknown>) =>
    mutate('recordLeave', { staffId, reason: '事假', approvedBy: '王主任', approver: 'CENTER_DIRECTOR', ...input }, 'leaveId duplicate');
  const absence = (staffId: string, input: Record<string, unknown>) =>
    mutate(
      'recordAbsence',
      { staffId, window, evidence: '考勤机无记录，电话未接', ...input },
      'absenceId lineId attendance { absences { day away unexcused } }',
    );
  const attendance = async (staffId: string, token = leader()) =>
    service.gql(
      `query($s: String!) { attendance(center: "${center}", staffId: $s) { leaves { leaveId startsOn endsOn halfDay approver } absences { day away unexcused } } }`,
      { s: staffId },
      token,
    );
  const sheet = async (staffId: string) => {
    const res = await service.gql(
      `query($s: String!) { scoreSheet(staffId: $s, center: "${center}", period: "2026-11") { total lines { id code points occurredOn ruleText note evidence { type } } } }`,
      { s: staffId },
      leader(),
    );
    expect(res.errors).toBeUndefined();
    return res.data!.scoreSheet as {
      total: number;
      lines: Array<{
        id: string;
        code: string;
        points: number;
        occurredOn: string;
        ruleText: string;
        note: string;
        evidence: Array<{ type: string }>;
      }>;
    };
  };
  const code = errorCode;

  it('records leave of a day approved by the center director, and refuses longer leave unless the leader in charge approved it', async () => {
    expect((await leave('staff-l1', { startsOn: '2026-11-09' })).errors).toBeUndefined();
    const refused = await leave('staff-l1', { startsOn: '2026-11-16', endsOn: '2026-11-18' });
    expect(code(refused)).toBe('LEAVE.NEEDS_LEADER_IN_CHARGE');
    expect(
      (await leave('staff-l1', { startsOn: '2026-11-16', endsOn: '2026-11-18', approvedBy: '李副县长', approver: 'LEADER_IN_CHARGE' }))
        .errors,
    ).toBeUndefined();
    expect(code(await leave('staff-l1', { startsOn: '2026-11-18', endsOn: '2026-11-19', approver: 'LEADER_IN_CHARGE' }))).toBe(
      'LEAVE.OVERLAPS',
    );
    // An impossible day is refused by the Date type itself.
    expect(code(await leave('staff-l1', { startsOn: '2026-02-30' }))).toBe('BAD_USER_INPUT');
    // Refusals recorded nothing.
    const res = await attendance('staff-l1');
    expect(res.data!.attendance.leaves).toEqual([
      { leaveId: expect.any(String), startsOn: '2026-11-09', endsOn: '2026-11-09', halfDay: null, approver: 'CENTER_DIRECTOR' },
      { leaveId: expect.any(String), startsOn: '2026-11-16', endsOn: '2026-11-18', halfDay: null, approver: 'LEADER_IN_CHARGE' },
    ]);
  });

  it('scores a day away without approved leave as 旷工, 5 points for each half day, and refuses a day wholly on leave', async () => {
    expect(code(await absence('staff-l1', { day: '2026-11-17' }))).toBe('ATTENDANCE.ON_APPROVED_LEAVE');
    const away = await absence('staff-l1', { day: '2026-11-20' });
    expect(away.errors).toBeUndefined();
    expect(away.data!.recordAbsence.attendance.absences).toEqual([{ day: '2026-11-20', away: ['AM', 'PM'], unexcused: ['AM', 'PM'] }]);
    const lineId = away.data!.recordAbsence.lineId as string;
    const s = await eventually(async () => {
      const current = await sheet('staff-l1');
      expect(current.lines.map((l) => l.id)).toContain(lineId);
      return current;
    });
    expect(s.lines.find((l) => l.id === lineId)).toEqual({
      id: lineId,
      code: 'D03',
      points: -10,
      occurredOn: '2026-11-20',
      ruleText: expect.stringContaining('旷工'),
      note: '考勤机无记录，电话未接',
      evidence: [{ type: 'AbsenceRecorded' }],
    });
    expect(s.total).toBe(90);
    // The same half day again is refused; the afternoon of a half-day leave leaves the morning unexcused.
    expect(code(await absence('staff-l1', { day: '2026-11-20', away: ['PM'] }))).toBe('ATTENDANCE.ALREADY_RECORDED');
    expect((await leave('staff-l2', { startsOn: '2026-11-23', halfDay: 'PM' })).errors).toBeUndefined();
    const half = await absence('staff-l2', { day: '2026-11-23' });
    expect(half.data!.recordAbsence.attendance.absences).toEqual([{ day: '2026-11-23', away: ['AM', 'PM'], unexcused: ['AM'] }]);
    await eventually(async () => expect((await sheet('staff-l2')).total).toBe(95));
  });

  it('keeps 旷工 out of hand-recorded conduct, refuses a day not yet come, and shows attendance only to those entitled', async () => {
    const byHand = await mutate(
      'recordConduct',
      { staffId: 'staff-l1', window, code: 'D03', evidence: '旷工', occurredOn: '2026-11-24' },
      'lineId',
    );
    expect(code(byHand)).toBe('CONDUCT.AUTOMATIC_RULE');
    expect(code(await absence('staff-l1', { day: '2099-01-05' }))).toBe('ATTENDANCE.IN_THE_FUTURE');
    expect((await attendance('staff-l1', service.token('staff', 'staff-l1', { center, window }))).errors).toBeUndefined();
    expect(code(await attendance('staff-l1', service.token('staff', 'staff-other', { center, window })))).toBe('AUTH.FORBIDDEN');
    // Staff do not record their own leave.
    const ownLeave = await mutate(
      'recordLeave',
      { staffId: 'staff-l1', startsOn: '2026-11-26', reason: '事假', approvedBy: '王', approver: 'CENTER_DIRECTOR' },
      'leaveId',
      service.token('staff', 'staff-l1', { center, window }),
    );
    expect(code(ownLeave)).toBe('AUTH.FORBIDDEN');
  });
});
