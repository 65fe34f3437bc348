import { eventually } from '../support/eventually';
import { TestService } from '../support/service';

type Entry = {
  subject: string;
  total: number;
  grade: string;
  rank: number;
  tied: boolean;
  redFlag: boolean;
  excellent: boolean;
  lastPlace: boolean;
  honourBar: { reason: string; lineId: string | null; code: string | null } | null;
};

/**
 * SPEC §6 and its clarifications, through the API: ties share a rank, every one tied at a cut-off is
 * in, honours need a pass and no D14 line, last place is strictly last. The board is written by hand.
 */
describe('the published scoreboard (排名、评优、末位, end to end)', () => {
  const service = new TestService();
  beforeAll(() => service.start());
  afterAll(async () => {
    await service.stop();
    await service.cleanup();
  });

  const center = 'c7';
  const leader = () => service.token('center_leader', 'leader-7', { center });
  const record = async (window: string, code: string) => {
    const res = await service.mutate(
      'recordConduct',
      { staffId: `s-${window}`, window, center, code, occurredOn: '2026-11-10', evidence: `${code}: 督查记录为证` },
      'lineId',
      leader(),
    );
    expect(res.errors).toBeUndefined();
    return res.data!.recordConduct.lineId as string;
  };
  const board = async () => {
    const res = await service.gql(
      `{ scoreboard(center: "${center}", period: "2026-11") { ties
          windows { subject total grade rank tied redFlag excellent lastPlace honourBar { reason lineId code } }
          staff { subject total rank excellent redFlag honourBar { reason lineId code } } } }`,
      {},
      leader(),
    );
    expect(res.errors).toBeUndefined();
    return res.data!.scoreboard as { ties: string; windows: Entry[]; staff: Entry[] };
  };

  const recordedAgainst: Record<string, string[]> = {
    w01: ['B01'],
    w02: ['B03'],
    w03: [],
    w04: [],
    w05: [],
    w06: ['D02'],
    w07: ['D02', 'D02'],
    w08: ['B01', 'D14'],
    w09: ['D05'],
    w10: ['D05'],
    w11: ['D12'],
    w12: ['D14'],
    w13: ['D12', 'D02'],
    w14: ['D12', 'D08'],
    w15: ['D13'],
    w16: ['D13', 'D04'],
    w17: ['D13', 'D13', 'D04'],
    w18: ['D13', 'D13', 'D13'],
    w19: ['D13', 'D13', 'D13'],
    w20: ['D13', 'D13', 'D13'],
  };
  const d14Lines: Record<string, string> = {};

  beforeAll(async () => {
    for (const [window, codes] of Object.entries(recordedAgainst)) {
      // A window with nothing recorded still stands on the board: its admins defined it.
      if (codes.length === 0) {
        const res = await service.mutate(
          'defineWindow',
          { center, window, name: window, department: 'dept-7' },
          'changed',
          service.token('admin', 'admin-7', { center }),
        );
        expect(res.errors).toBeUndefined();
      }
      for (const code of codes) {
        const lineId = await record(window, code);
        if (code === 'D14') d14Lines[window] = lineId;
      }
    }
    // Lines reach the read model a moment after their command: the board is read once every one has.
    await eventually(async () => {
      for (const [window, codes] of Object.entries(recordedAgainst)) {
        const sheet = await service.gql(
          `{ windowScoreSheet(center: "${center}", window: "${window}", period: "2026-11") { lines { id } } }`,
          {},
          leader(),
        );
        expect([window, sheet.data!.windowScoreSheet.lines.length]).toEqual([window, codes.length]);
      }
    });
  }, 120_000);

  it('gives the result the rules call for: ties at rank 1, at the red-flag cut-off and at last place, failing windows passed over', async () => {
    const { windows, ties } = await board();
    const R = true;
    const _ = false;
    // By hand, under the shipped rules (红旗 top 8, 优秀 top 12, 合格 from 80): the 8th eligible total
    // is 94, held by w09 and w10, so nine red flags; w08 and w12 hold D14 lines and are passed over.
    // prettier-ignore
    expect(windows.map((w) => [w.subject, w.total, w.grade, w.rank, w.tied, w.redFlag, w.excellent, w.lastPlace, w.honourBar?.reason ?? null])).toEqual([
      ['w01', 105, '合格', 1, R, R, R, _, null],
      ['w02', 105, '合格', 1, R, R, R, _, null],
      ['w03', 100, '合格', 3, R, R, R, _, null],
      ['w04', 100, '合格', 3, R, R, R, _, null],
      ['w05', 100, '合格', 3, R, R, R, _, null],
      ['w06', 98, '合格', 6, _, R, R, _, null],
      ['w07', 96, '合格', 7, _, R, R, _, null],
      ['w08', 95, '合格', 8, _, _, _, _, 'NO_AWARDS_LINE'],
      ['w09', 94, '合格', 9, R, R, R, _, null],
      ['w10', 94, '合格', 9, R, R, R, _, null],
      ['w11', 90, '合格', 11, R, _, R, _, null],
      ['w12', 90, '合格', 11, R, _, _, _, 'NO_AWARDS_LINE'],
      ['w13', 88, '合格', 13, _, _, R, _, null],
      ['w14', 85, '合格', 14, _, _, R, _, null],
      ['w15', 80, '合格', 15, _, _, _, _, null],
      ['w16', 79, '基本合格', 16, _, _, _, _, 'GRADE'],
      ['w17', 59, '不合格', 17, _, _, _, _, 'GRADE'],
      ['w18', 40, '不合格', 18, R, _, _, R, 'GRADE'],
      ['w19', 40, '不合格', 18, R, _, _, R, 'GRADE'],
      ['w20', 40, '不合格', 18, R, _, _, R, 'GRADE'],
    ]);
    expect(windows.find((w) => w.subject === 'w12')!.honourBar).toEqual({ reason: 'NO_AWARDS_LINE', lineId: d14Lines.w12, code: 'D14' });
    expect(ties).toMatch(/share a rank/);
  });

  it('bars the staff member with a D14 line, names the line on their sheet, and shows the rulebook wording beside it', async () => {
    const { staff } = await board();
    const s08 = staff.find((s) => s.subject === 's-w08')!;
    expect(s08).toMatchObject({ total: 95, excellent: false, honourBar: { reason: 'NO_AWARDS_LINE', lineId: d14Lines.w08, code: 'D14' } });
    // Failing staff hold nothing; the excellent are all graded 合格 with no bar.
    expect(staff.filter((s) => s.excellent).every((s) => s.total >= 80 && s.honourBar === null)).toBe(true);
    // Twelve are named excellent, but only ten staff passed with no D14 line: only those ten are named.
    expect(staff.filter((s) => s.excellent).map((s) => s.subject)).toEqual([
      's-w01',
      's-w02',
      's-w06',
      's-w07',
      's-w09',
      's-w10',
      's-w11',
      's-w13',
      's-w14',
      's-w15',
    ]);

    const sheet = await service.gql(
      `{ scoreSheet(staffId: "s-w08", center: "${center}", period: "2026-11") { total honourBar { reason lineId code requiredGrade } lines { id code ruleText ruleSource } } }`,
      {},
      service.token('staff', 's-w08', { center, window: 'w08' }),
    );
    expect(sheet.errors).toBeUndefined();
    expect(sheet.data!.scoreSheet.honourBar).toEqual({
      reason: 'NO_AWARDS_LINE',
      lineId: d14Lines.w08,
      code: 'D14',
      requiredGrade: '合格',
    });
    expect(sheet.data!.scoreSheet.lines).toEqual(
      expect.arrayContaining([
        {
          id: d14Lines.w08,
          code: 'D14',
          ruleText: '向中介机构介绍业务的，每次扣10分，当期不得评优。',
          ruleSource: expect.stringContaining('考核细则'),
        },
      ]),
    );
  });
});
