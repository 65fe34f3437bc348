import { eventually } from '../support/eventually';
import { TestService } from '../support/service';

type Line = { id: string; code: string; points: number; occurredOn: string; ruleText: string; evidence: Array<{ type: string }> };

/**
 * A02 per person (SPEC §6 and its clarifications; seed rulebook: 所在岗位或兼任岗位每人每次扣10分): a valid
 * complaint about an empty post costs its holder and every AB cover post on duty that day, each −10.
 */
describe('an empty post found on a valid complaint (窗口无人, A02, end to end)', () => {
  const service = new TestService();
  beforeAll(() => service.start());
  afterAll(async () => {
    await service.stop();
    await service.cleanup();
  });

  const center = 'c1';
  const window = 'w-ab';
  const day = '2026-11-16';
  const leader = () => service.token('center_leader', 'leader-1', { center });
  const mutate = async (name: string, input: Record<string, unknown>, select: string, token = leader()) => {
    const res = await service.mutate(name, input, select, token);
    expect(res.errors).toBeUndefined();
    return res.data![name];
  };
  const linesOf = async (staffId: string) => {
    const res = await service.gql(
      `query($s: String!) { scoreSheet(staffId: $s, center: "${center}", period: "2026-11") { total lines { id code points occurredOn ruleText evidence { type } } } }`,
      { s: staffId },
      leader(),
    );
    expect(res.errors).toBeUndefined();
    return res.data!.scoreSheet as { total: number; lines: Line[] };
  };

  it('charges the post and its AB cover posts on duty that day, each −10, and not the one on approved leave', async () => {
    // s-a's post is covered by s-b (s-a is the A post) and covers s-c (s-a is the B post); s-c was on leave.
    await mutate(
      'defineWindow',
      {
        center,
        window,
        name: '社保综合窗口',
        department: '人社局',
        abPairs: [
          { aPost: 's-a', bPost: 's-b' },
          { aPost: 's-c', bPost: 's-a' },
          { aPost: 's-d', bPost: 's-e' },
        ],
      },
      'changed',
      service.token('admin', 'admin-1', { center }),
    );
    await mutate(
      'recordLeave',
      {
        staffId: 's-c',
        startsOn: '2026-11-16',
        endsOn: '2026-11-17',
        reason: '病假',
        approvedBy: '李副县长',
        approver: 'LEADER_IN_CHARGE',
      },
      'leaveId',
    );
    const filed = await mutate(
      'fileComplaint',
      {
        center,
        channel: 'PHONE',
        about: { staffId: 's-a', window },
        complainant: { name: '赵六', phone: '13900139000' },
        matter: '上午十点窗口无人，等了四十分钟',
        occurredAt: `${day}T10:40:00+08:00`,
        backfillReason: '电话投诉登记补录',
      },
      'complaint { id }',
    );
    const complaintId = filed.complaint.id as string;
    const found = await mutate(
      'recordComplaintFinding',
      { complaintId, valid: true, cause: 'EMPTY_POST', findings: '经调取监控，当日10:00-10:40窗口无人' },
      'complaint { finding { emptyPost { day charged { staffId post } offDuty { staffId post leaveIds } } } }',
    );
    expect(found.complaint.finding.emptyPost).toEqual({
      day,
      charged: [
        { staffId: 's-a', post: 'POST' },
        { staffId: 's-b', post: 'AB_COVER' },
      ],
      offDuty: [{ staffId: 's-c', post: 'AB_COVER', leaveIds: [expect.any(String)] }],
    });

    for (const staffId of ['s-a', 's-b']) {
      const sheet = await eventually(async () => {
        const s = await linesOf(staffId);
        expect(s.lines.map((l) => l.code)).toContain('A02');
        return s;
      });
      // Each sheet carries the line with the complaint's filing and finding as its evidence.
      expect(sheet.lines).toEqual([
        {
          id: expect.stringContaining(`valid-complaint-empty-post:${complaintId}`),
          code: 'A02',
          points: -10,
          occurredOn: day,
          ruleText: '工作时间窗口无人被有效投诉的，所在岗位或兼任岗位每人每次扣10分。',
          evidence: [{ type: 'ComplaintFiled' }, { type: 'ComplaintFound' }],
        },
      ]);
      expect(sheet.total).toBe(90);
    }
    // On approved leave all day, s-c answers for nothing; s-d and s-e are another post's pair.
    for (const staffId of ['s-c', 's-d', 's-e']) expect((await linesOf(staffId)).lines).toEqual([]);
    const windowSheet = await service.gql(
      `{ windowScoreSheet(center: "${center}", window: "${window}", period: "2026-11") { total lines { code staffId } } }`,
      {},
      leader(),
    );
    expect(windowSheet.data!.windowScoreSheet).toEqual({
      total: 80,
      lines: [
        { code: 'A02', staffId: 's-a' },
        { code: 'A02', staffId: 's-b' },
      ],
    });
  });

  it('charges the day the investigation names, and refuses a day after the complaint was filed', async () => {
    const filed = await mutate(
      'fileComplaint',
      { center, channel: 'PHONE', about: { staffId: 's-d', window }, complainant: { name: '钱七' }, matter: '窗口无人' },
      'complaint { id filedOn }',
    );
    const refused = await service.mutate(
      'recordComplaintFinding',
      { complaintId: filed.complaint.id, valid: true, cause: 'EMPTY_POST', findings: '属实', emptyPostOn: '2099-01-01' },
      'complaint { id }',
      leader(),
    );
    expect(refused.errors![0].extensions!.code).toBe('VALIDATION.FAILED');
    const found = await mutate(
      'recordComplaintFinding',
      { complaintId: filed.complaint.id, valid: true, cause: 'EMPTY_POST', findings: '属实', emptyPostOn: '2026-11-18' },
      'complaint { finding { emptyPost { day charged { staffId post } } } }',
    );
    expect(found.complaint.finding.emptyPost).toEqual({
      day: '2026-11-18',
      charged: [
        { staffId: 's-d', post: 'POST' },
        { staffId: 's-e', post: 'AB_COVER' },
      ],
    });
    await eventually(async () => expect((await linesOf('s-e')).lines.map((l) => [l.code, l.occurredOn])).toEqual([['A02', '2026-11-18']]));
  });
});
