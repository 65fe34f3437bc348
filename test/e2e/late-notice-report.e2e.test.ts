import { addDays, localDateOf } from '../../src/core/dates';
import { eventually } from '../support/eventually';
import { TestService } from '../support/service';

/**
 * D11 in full (seed rulebook: 扣该窗口工作人员和直接责任人2分): a late first supplement notice costs whoever
 * issued it; unreported to the department leader and the center within the week, it also costs the
 * direct responsible person, the window's chief representative (首席代表).
 */
describe('a late first notice and its report (D11, end to end)', () => {
  const service = new TestService({ CASETRAIL_DEADLINE_CHECK_SECONDS: '1' });
  beforeAll(() => service.start());
  afterAll(async () => {
    await service.stop();
    await service.cleanup();
  });

  const center = 'c1';
  const window = 'civil-affairs';
  const staff = () => service.token('staff', 'staff-n', { center, window });
  const leader = () => service.token('center_leader', 'leader-1', { center });
  const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();
  const backfill = (n: number) => ({ occurredAt: daysAgo(n), backfillReason: '纸质台账补录' });
  const mutate = (
    name: string,
    input: Record<string, unknown>,
    select = 'case { id lateNoticeReport { noticeOn reportDue reportedOn overdueOn } }',
    token = staff(),
  ) => service.mutate(name, input, select, token);
  /** A case submitted 20 days ago whose first supplement notice came 10 days ago, well past its 5 working days. */
  const lateNoticeCase = async () => {
    const submitted = await mutate('submitCase', {
      itemCode: 'MZ-DB-001',
      applicant: { name: '张三', idNumber: '11010519491231002X' },
      materials: ['书面申请'],
      ...backfill(20),
    });
    expect(submitted.errors).toBeUndefined();
    const caseId = submitted.data!.submitCase.case.id as string;
    const notice = await mutate('requestSupplement', { caseId, missingMaterials: ['户口簿'], ...backfill(10) });
    expect(notice.errors).toBeUndefined();
    return { caseId, report: notice.data!.requestSupplement.case.lateNoticeReport as { noticeOn: string; reportDue: string } };
  };
  const linesOf = async (staffId: string, period: string) => {
    const res = await service.gql(
      `query($s: String!, $p: String!) { scoreSheet(staffId: $s, center: "${center}", period: $p) { lines { id code points caseId note evidence { type } } } }`,
      { s: staffId, p: period },
      leader(),
    );
    expect(res.errors).toBeUndefined();
    return res.data!.scoreSheet.lines as Array<{
      id: string;
      code: string;
      points: number;
      caseId: string;
      note: string | null;
      evidence: Array<{ type: string }>;
    }>;
  };

  beforeAll(async () => {
    const defined = await mutate(
      'defineWindow',
      { center, window, name: '民政窗口', department: '民政局', chiefRepresentative: 'chief-n', abPairs: [] },
      'changed',
      service.token('admin', 'admin-1', { center }),
    );
    expect(defined.errors).toBeUndefined();
  });

  it('charges the chief representative too once the week passes with no report, with the notice and the watcher’s record as evidence', async () => {
    const { caseId, report } = await lateNoticeCase();
    const noticeOn = localDateOf(daysAgo(10));
    expect(report).toEqual({ noticeOn, reportDue: addDays(noticeOn, 7), reportedOn: null, overdueOn: null });
    const period = noticeOn.slice(0, 7);
    const chiefLines = await eventually(async () => {
      const lines = (await linesOf('chief-n', period)).filter((l) => l.caseId === caseId);
      expect(lines).toHaveLength(1);
      return lines;
    });
    expect(chiefLines[0]).toMatchObject({
      id: `late-supplement-notice:${caseId}:responsible`,
      code: 'D11',
      points: -2,
      evidence: [{ type: 'SupplementRequested' }, { type: 'LateNoticeReportOverdue' }],
    });
    // The window staff member who issued the notice carries their own line, as before.
    expect((await linesOf('staff-n', period)).filter((l) => l.caseId === caseId).map((l) => [l.id, l.code])).toEqual([
      [`late-supplement-notice:${caseId}`, 'D11'],
    ]);
    const history = await service.gql(
      `query($id: ID!) { case(id: $id) { lateNoticeReport { overdueOn } history { type } } }`,
      { id: caseId },
      leader(),
    );
    expect(history.data!.case.lateNoticeReport.overdueOn).toEqual(expect.any(String));
    expect(history.data!.case.history.filter((e: { type: string }) => e.type === 'LateNoticeReportOverdue')).toHaveLength(1);
    // Reported after the week: recorded as late, and the line stands.
    const late = await mutate(
      'reportLateNotice',
      { caseId, explanation: '窗口人员外出培训，补报' },
      'case { lateNoticeReport { reportedOn overdueOn } }',
    );
    expect(late.errors).toBeUndefined();
    expect(late.data!.reportLateNotice.case.lateNoticeReport.reportedOn).toEqual(expect.any(String));
  });

  it('charges only the window staff member when the window reported within the week, and refuses a second report or one with nothing to report', async () => {
    const { caseId, report } = await lateNoticeCase();
    const reported = await mutate('reportLateNotice', { caseId, explanation: '窗口人员外出培训', ...backfill(8) });
    expect(reported.errors).toBeUndefined();
    expect(reported.data!.reportLateNotice.case.lateNoticeReport).toMatchObject({ reportedOn: localDateOf(daysAgo(8)), overdueOn: null });
    const again = await mutate('reportLateNotice', { caseId, explanation: '再报' });
    expect(again.errors![0].extensions!.code).toBe('CASE.LATE_NOTICE_ALREADY_REPORTED');
    // Give the watcher a few passes: nothing is marked, and the chief representative carries nothing for this case.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const state = await service.gql(`query($id: ID!) { case(id: $id) { lateNoticeReport { overdueOn } } }`, { id: caseId }, leader());
    expect(state.data!.case.lateNoticeReport.overdueOn).toBeNull();
    expect((await linesOf('chief-n', report.noticeOn.slice(0, 7))).filter((l) => l.caseId === caseId)).toEqual([]);

    const onTime = await mutate('submitCase', {
      itemCode: 'MZ-DB-001',
      applicant: { name: '李四', idNumber: '11010519491231002X' },
      materials: ['书面申请'],
    });
    const nothing = await mutate('reportLateNotice', { caseId: onTime.data!.submitCase.case.id, explanation: '无' });
    expect(nothing.errors![0].extensions!.code).toBe('CASE.NO_LATE_NOTICE');
  });
});
