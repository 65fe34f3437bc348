import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { localDateOf } from '../../src/core/dates';
import { periodOf } from '../../src/modules/scoring/domain/periods';
import { eventually } from '../support/eventually';
import { TestService } from '../support/service';

/** A center whose rules set joint liability (连带责任): the window loses 2, its chief representative 1. */
function jointLiabilityRules(dir: string): string {
  const rules = parse(readFileSync(join(__dirname, '../../scoring/rules.yaml'), 'utf8')) as { versions: Array<Record<string, unknown>> };
  rules.versions[0].jointLiability = { window: -2, chiefRepresentative: -1 };
  rules.versions[0].lastPlaceNotices = { internal: 2, parentDepartment: 3 };
  const file = join(dir, 'joint-liability.yaml');
  writeFileSync(file, stringify(rules));
  return file;
}

describe('staff and windows, joint liability and last-place notices (end to end)', () => {
  const service = new TestService();
  beforeAll(async () => {
    service.setEnv({ CASETRAIL_SCORING_RULES: jointLiabilityRules(service.dir) });
    await service.start();
  });
  afterAll(async () => {
    await service.stop();
    await service.cleanup();
  });

  const admin = () => service.token('admin', 'admin-1', { center: 'c1' });
  const leader = () => service.token('center_leader', 'leader-1', { center: 'c1' });
  const month = periodOf(localDateOf(new Date()), 'month');
  const gql = async (query: string, input: Record<string, unknown>, token: string) =>
    service.gql(query, { input: { commandId: randomUUID(), ...input } }, token);

  it('keeps staff and windows as the admin records them, and records nothing that did not change', async () => {
    const register = (input: Record<string, unknown>, token = admin()) =>
      gql(
        `mutation($input: RegisterStaffInput!) { registerStaff(input: $input) { staff { staffId name window active } changed } }`,
        input,
        token,
      );
    expect((await register({ staffId: 'chief-1', name: '王主任', window: 'civil-affairs' })).data!.registerStaff).toMatchObject({
      changed: true,
    });
    expect((await register({ staffId: 'clerk-1', name: '李科员', window: 'civil-affairs' })).data!.registerStaff.changed).toBe(true);
    expect((await register({ staffId: 'clerk-1', name: '李科员', window: 'civil-affairs' })).data!.registerStaff.changed).toBe(false);
    expect((await register({ staffId: 'clerk-1', name: '李科员', window: 'civil-affairs' }, leader())).errors![0].extensions!.code).toBe(
      'AUTH.FORBIDDEN',
    );
    expect(
      (await register({ staffId: 'clerk-1', name: '李科员', window: 'civil-affairs' }, service.token('admin', 'admin-2', { center: 'c2' })))
        .errors![0].extensions!.code,
    ).toBe('AUTH.FORBIDDEN');

    const defined = await gql(
      `mutation($input: DefineWindowInput!) { defineWindow(input: $input) { window { window department chiefRepresentative abPairs { aPost bPost } } changed } }`,
      {
        window: 'civil-affairs',
        name: '民政窗口',
        department: '民政局',
        chiefRepresentative: 'chief-1',
        abPairs: [{ aPost: 'clerk-1', bPost: 'chief-1' }],
      },
      admin(),
    );
    expect(defined.data!.defineWindow).toEqual({
      window: {
        window: 'civil-affairs',
        department: '民政局',
        chiefRepresentative: 'chief-1',
        abPairs: [{ aPost: 'clerk-1', bPost: 'chief-1' }],
      },
      changed: true,
    });
    await eventually(async () => {
      const res = await service.gql(
        `{ windows(center: "c1") { window chiefRepresentative } staffMembers(center: "c1") { staffId window active } }`,
        {},
        service.token(),
      );
      expect(res.data!.windows).toEqual([{ window: 'civil-affairs', chiefRepresentative: 'chief-1' }]);
      expect(res.data!.staffMembers).toEqual([
        { staffId: 'chief-1', window: 'civil-affairs', active: true },
        { staffId: 'clerk-1', window: 'civil-affairs', active: true },
      ]);
    });
  });

  it('lets only the recorded B post cover an A post (AB岗)', async () => {
    const clerk = service.token('staff', 'clerk-1', { center: 'c1', window: 'civil-affairs' });
    const submitted = await gql(
      `mutation($input: SubmitCaseInput!) { submitCase(input: $input) { case { id } } }`,
      { itemCode: 'MZ-DB-001', applicant: { name: '张三', idNumber: '11010519491231002X' }, materials: ['书面申请'] },
      clerk,
    );
    const caseId = submitted.data!.submitCase.case.id;
    await gql(`mutation($input: AcceptCaseInput!) { acceptCase(input: $input) { position } }`, { caseId }, clerk);
    const cover = (to: string) =>
      gql(
        `mutation($input: ReassignCaseInput!) { reassignCase(input: $input) { case { handler coverFor } } }`,
        { caseId, toStaffId: to, asCover: true, reason: 'A岗请假' },
        clerk,
      );
    expect((await cover('someone-else')).errors![0].extensions!.code).toBe('CASE.NOT_THE_B_POST');
    expect((await cover('chief-1')).data!.reassignCase.case).toEqual({ handler: 'chief-1', coverFor: 'clerk-1' });
  });

  it('charges the chief representative and the window their share of a staff deduction, where the rules say so', async () => {
    const recorded = await gql(
      `mutation($input: RecordConductInput!) { recordConduct(input: $input) { lineId } }`,
      { staffId: 'clerk-1', window: 'civil-affairs', code: 'D02', evidence: '考勤记录：迟到' },
      leader(),
    );
    expect(recorded.errors).toBeUndefined();
    const sheet = (staff: string) =>
      service.gql(
        `query($s: String!, $p: String!) { scoreSheet(staffId: $s, center: "c1", period: $p) { total lines { code name points staffId } } }`,
        { s: staff, p: month },
        leader(),
      );
    await eventually(async () =>
      expect((await sheet('clerk-1')).data!.scoreSheet).toMatchObject({ total: 98, lines: [{ code: 'D02', points: -2 }] }),
    );
    expect((await sheet('chief-1')).data!.scoreSheet).toMatchObject({
      total: 99,
      lines: [{ code: 'D02', points: -1, staffId: 'clerk-1', name: expect.stringContaining('连带责任') }],
    });
    const windowSheet = await service.gql(
      `query($p: String!) { windowScoreSheet(center: "c1", window: "civil-affairs", period: $p) { total } }`,
      { p: month },
      leader(),
    );
    expect(windowSheet.data!.windowScoreSheet.total).toBe(98);
    // The department of the window, as the admin defined it, carries the window's lines.
    const department = await service.gql(
      `query($p: String!) { departmentScoreSheet(center: "c1", department: "民政局", period: $p) { subject total stars lines { code points } } }`,
      { p: month },
      leader(),
    );
    expect(department.data!.departmentScoreSheet).toMatchObject({
      subject: '民政局',
      total: 98,
      stars: 5,
      lines: [{ code: 'D02', points: -2 }],
    });
    expect(
      (
        await service.gql(
          `query($p: String!) { departmentScoreSheet(center: "c1", department: "民政局", period: $p) { total } }`,
          { p: month },
          service.token(),
        )
      ).errors![0].extensions!.code,
    ).toBe('AUTH.FORBIDDEN');
  });

  it('gives a window last three months running a notice to its parent department (末位通报)', async () => {
    // D05 at the forestry window (−2 for the window, under joint liability): twice this month, once in
    // each of the two months before, so that it is strictly last in all three.
    const months = [0, 0, 1, 2].map((back) => {
      const d = new Date();
      d.setUTCDate(15);
      d.setUTCMonth(d.getUTCMonth() - back);
      return d.toISOString().slice(0, 10);
    });
    for (const day of months) {
      const occurredOn = day > localDateOf(new Date()) ? localDateOf(new Date()) : day;
      const res = await gql(
        `mutation($input: RecordConductInput!) { recordConduct(input: $input) { lineId } }`,
        { staffId: 'forester-1', window: 'forestry', code: 'D05', occurredOn, evidence: '上班时间炒股' },
        leader(),
      );
      expect(res.errors).toBeUndefined();
    }
    await eventually(async () => {
      const board = await service.gql(
        `query($p: String!) { scoreboard(center: "c1", period: $p) { windows { subject total lastPlaceStreak notice } } }`,
        { p: month },
        leader(),
      );
      const windows = board.data!.scoreboard.windows as Array<{ subject: string; lastPlaceStreak: number; notice: string | null }>;
      expect(windows.find((w) => w.subject === 'forestry')).toMatchObject({ lastPlaceStreak: 3, notice: 'PARENT_DEPARTMENT' });
      expect(windows.find((w) => w.subject === 'civil-affairs')).toMatchObject({ lastPlaceStreak: 0, notice: null });
    });
  }, 20_000);

  it('puts registered staff and defined windows on the board, and leaves off whoever only handled cases closed before the period', async () => {
    const daysAgo = (d: number) => new Date(Date.now() - d * 86_400_000).toISOString();
    const gone = service.token('staff', 'staff-gone', { center: 'c1', window: 'medical-insurance' });
    const backfill = { backfillReason: '纸质台账补录' };
    const caseId = (
      await gql(
        `mutation($input: SubmitCaseInput!) { submitCase(input: $input) { case { id } } }`,
        {
          itemCode: 'WS-HZ-001',
          applicant: { name: '张三', idNumber: '11010519491231002X' },
          materials: ['身份证', '户口簿', '补发申请'],
          occurredAt: daysAgo(45),
          ...backfill,
        },
        gone,
      )
    ).data!.submitCase.case.id;
    expect(
      (
        await gql(
          `mutation($input: AcceptCaseInput!) { acceptCase(input: $input) { position } }`,
          { caseId, occurredAt: daysAgo(45), ...backfill },
          gone,
        )
      ).errors,
    ).toBeUndefined();
    expect(
      (
        await gql(
          `mutation($input: CompleteCaseInput!) { completeCase(input: $input) { position } }`,
          { caseId, outcome: 'APPROVED', occurredAt: daysAgo(40), ...backfill },
          gone,
        )
      ).errors,
    ).toBeUndefined();
    expect(
      (
        await gql(
          `mutation($input: RegisterStaffInput!) { registerStaff(input: $input) { changed } }`,
          { staffId: 'newcomer-1', name: '新同事', window: 'civil-affairs' },
          admin(),
        )
      ).errors,
    ).toBeUndefined();
    const board = async () =>
      (
        await service.gql(
          `query($p: String!) { scoreboard(center: "c1", period: $p) { windows { subject } staff { subject total } } }`,
          { p: month },
          leader(),
        )
      ).data!.scoreboard;
    await eventually(async () => expect((await board()).staff).toContainEqual({ subject: 'newcomer-1', total: 100 }));
    const { staff, windows } = await board();
    expect(staff.map((s: { subject: string }) => s.subject)).toEqual(expect.arrayContaining(['chief-1', 'clerk-1', 'newcomer-1']));
    expect(staff.map((s: { subject: string }) => s.subject)).not.toContain('staff-gone');
    expect(windows.map((w: { subject: string }) => w.subject)).not.toContain('medical-insurance');
  });
});
