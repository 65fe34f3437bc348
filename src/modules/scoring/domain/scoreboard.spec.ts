import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseRulesFile } from '../rules-file';
import { RuleSet } from './rule-set';
import { assembleSheet } from './score-sheet';
import { ScoreLine } from './score-lines';
import { lastPlaceStreaks, lastPlaceTotal, rankBoard } from './scoreboard';

/** The shipped rules (scoring/rules.yaml, version 1): red flags for the top 8 windows, 12 excellent. */
const shipped: RuleSet = { ...parseRulesFile(readFileSync(join(__dirname, '../../../../scoring/rules.yaml'), 'utf8'))[0], version: 1 };

let seq = 0;
const recorded = (subject: string, code: string): ScoreLine => ({
  lineId: `conduct:${++seq}`,
  source: 'recorded',
  trigger: null,
  code,
  severe: false,
  staffId: `s-${subject}`,
  center: 'c1',
  window: subject,
  occurredOn: '2026-11-10',
  caseId: null,
  evidence: [{ stream: `conduct-${seq}`, position: String(seq), type: 'ConductRecorded', occurredAt: '2026-11-10T02:00:00.000Z' }],
  note: null,
});

/** A window's sheet for November 2026 from the codes recorded against it. */
const windowSheet = (subject: string, codes: string[], ruleSet = shipped) => ({
  subject,
  sheet: assembleSheet({ period: '2026-11', ruleSet, lines: codes.map((c) => recorded(subject, c)), appeals: [], forWindow: true }),
});

describe('the scoreboard (排名、评优、末位)', () => {
  it('publishes the board the rules call for: 20 windows, ties at rank 1, at the red-flag cut-off and at last place, failing windows among them', () => {
    const board = rankBoard(
      [
        windowSheet('w20', ['D13', 'D13', 'D13']), // 40
        windowSheet('w01', ['B01']), // 105
        windowSheet('w02', ['B03']), // 105
        windowSheet('w03', []), // 100
        windowSheet('w04', []),
        windowSheet('w05', []),
        windowSheet('w06', ['D02']), // 98
        windowSheet('w07', ['D02', 'D02']), // 96
        windowSheet('w08', ['B01', 'D14']), // 95, but a D14 line: no honours
        windowSheet('w09', ['D05']), // 94
        windowSheet('w10', ['D05']), // 94
        windowSheet('w11', ['D12']), // 90
        windowSheet('w12', ['D14']), // 90, no honours
        windowSheet('w13', ['D12', 'D02']), // 88
        windowSheet('w14', ['D12', 'D08']), // 85
        windowSheet('w15', ['D13']), // 80: 合格, the lowest pass
        windowSheet('w16', ['D13', 'D04']), // 79: 基本合格
        windowSheet('w17', ['D13', 'D13', 'D04']), // 59: 不合格
        windowSheet('w18', ['D13', 'D13', 'D13']), // 40
        windowSheet('w19', ['D13', 'D13', 'D13']), // 40
      ],
      { excellent: shipped.excellentTopN, redFlag: shipped.redFlagTopN },
    );
    const R = true;
    const _ = false;
    // Written by hand from the rules: the eligible (合格, no D14 line) in order are w01–w07, w09, w10,
    // w11, w13, w14, w15. The 8th eligible total is 94, held by w09 and w10: both take the red flag (9 in
    // all). The 12th eligible total is 85 (w14): 12 excellent. w08 and w12 are passed over. w18–w20 share
    // last place at 40.
    // prettier-ignore
    const expected: Array<[string, number, string, number, boolean, boolean, string | null, boolean]> = [
      //  subject total grade      rank redFlag excellent barred           last
      ['w01', 105, '合格', 1, R, R, null, _],
      ['w02', 105, '合格', 1, R, R, null, _],
      ['w03', 100, '合格', 3, R, R, null, _],
      ['w04', 100, '合格', 3, R, R, null, _],
      ['w05', 100, '合格', 3, R, R, null, _],
      ['w06', 98, '合格', 6, R, R, null, _],
      ['w07', 96, '合格', 7, R, R, null, _],
      ['w08', 95, '合格', 8, _, _, 'NO_AWARDS_LINE', _],
      ['w09', 94, '合格', 9, R, R, null, _],
      ['w10', 94, '合格', 9, R, R, null, _],
      ['w11', 90, '合格', 11, _, R, null, _],
      ['w12', 90, '合格', 11, _, _, 'NO_AWARDS_LINE', _],
      ['w13', 88, '合格', 13, _, R, null, _],
      ['w14', 85, '合格', 14, _, R, null, _],
      ['w15', 80, '合格', 15, _, _, null, _],
      ['w16', 79, '基本合格', 16, _, _, 'GRADE', _],
      ['w17', 59, '不合格', 17, _, _, 'GRADE', _],
      ['w18', 40, '不合格', 18, _, _, 'GRADE', R],
      ['w19', 40, '不合格', 18, _, _, 'GRADE', R],
      ['w20', 40, '不合格', 18, _, _, 'GRADE', R],
    ];
    expect(
      board.map((e) => [e.subject, e.total, e.grade, e.rank, e.redFlag, e.excellent, e.honourBar?.reason ?? null, e.lastPlace]),
    ).toEqual(expected);
    expect(board.filter((e) => e.tied).map((e) => e.subject)).toEqual([
      'w01',
      'w02',
      'w03',
      'w04',
      'w05',
      'w09',
      'w10',
      'w11',
      'w12',
      'w18',
      'w19',
      'w20',
    ]);
    // The bar names the line that excluded the window, and the grade honours need.
    expect(board.find((e) => e.subject === 'w08')!.honourBar).toMatchObject({
      reason: 'NO_AWARDS_LINE',
      code: 'D14',
      requiredGrade: '合格',
    });
    expect(board.find((e) => e.subject === 'w16')!.honourBar).toEqual({
      reason: 'GRADE',
      grade: '基本合格',
      requiredGrade: '合格',
      lineId: null,
      code: null,
    });
  });

  it('names only the eligible when the top N exceeds them: failing windows hold no honour, however few the windows', () => {
    // Five windows, two of them failing (−49 and −154, as simulated traffic once gave): 12 excellent and
    // 8 red flags name only the three that passed.
    const board = rankBoard(
      [
        windowSheet('a', []),
        windowSheet('b', ['D02']),
        windowSheet('c', ['D13']),
        windowSheet('d', [...Array<string>(7).fill('D13'), 'D05', 'D04', 'D04', 'D04']),
        windowSheet('e', [...Array<string>(12).fill('D13'), 'D12', 'D04', 'D04', 'D04', 'D04']),
      ],
      { excellent: 12, redFlag: 8 },
    );
    expect(board.map((e) => [e.subject, e.total, e.redFlag, e.excellent])).toEqual([
      ['a', 100, true, true],
      ['b', 98, true, true],
      ['c', 80, true, true],
      ['d', -49, false, false],
      ['e', -154, false, false],
    ]);
  });

  it('takes in everyone tied at a cut-off, and never chooses among them by name', () => {
    const board = rankBoard([windowSheet('z', ['B01']), windowSheet('m', ['B01']), windowSheet('a', ['B01']), windowSheet('q', [])], {
      excellent: 1,
      redFlag: 2,
    });
    expect(board.map((e) => [e.subject, e.rank, e.redFlag, e.excellent])).toEqual([
      ['a', 1, true, true],
      ['m', 1, true, true],
      ['z', 1, true, true],
      ['q', 4, false, false],
    ]);
  });

  it('puts nobody last when all tie, and every window tied at the bottom last otherwise', () => {
    const allTied = rankBoard([windowSheet('a', []), windowSheet('b', []), windowSheet('c', [])], { excellent: 12, redFlag: 8 });
    expect(allTied.map((e) => [e.rank, e.lastPlace, e.redFlag])).toEqual([
      [1, false, true],
      [1, false, true],
      [1, false, true],
    ]);
    expect(rankBoard([windowSheet('only', ['D13'])], { excellent: 1, redFlag: 1 })[0].lastPlace).toBe(false);
    expect(lastPlaceTotal([90, 80, 80])).toBe(80);
    expect(lastPlaceTotal([90, 90])).toBeNull();
    expect(lastPlaceTotal([])).toBeNull();
  });

  it('counts periods running at the bottom the same way: a month where all tied breaks the run', () => {
    const month = (entries: Record<string, number>) => new Map(Object.entries(entries));
    const streaks = lastPlaceStreaks([month({ a: 90, b: 95, c: 90 }), month({ a: 100, b: 100, c: 100 }), month({ a: 80, b: 70, c: 90 })]);
    expect(Object.fromEntries(streaks)).toEqual({ a: 1, b: 0, c: 1 });
  });

  it('bars a staff member with a D14 line from every honour whatever the total, unless an appeal gave the line back', () => {
    const d14 = recorded('w1', 'D14');
    const bonuses = ['B04', 'B04'].map((c) => recorded('w1', c));
    const sheet = (upheld: boolean) =>
      assembleSheet({
        period: '2026-11',
        ruleSet: shipped,
        lines: [d14, ...bonuses],
        appeals: upheld
          ? [
              {
                lineId: d14.lineId,
                status: 'UPHELD',
                grounds: '系误记',
                reason: '查无此事',
                evidence: d14.evidence,
                decidedOn: '2026-11-20',
              },
            ]
          : [],
      });
    const barred = sheet(false);
    expect(barred.total).toBe(110);
    expect(barred.honourBar).toEqual({ reason: 'NO_AWARDS_LINE', grade: '合格', requiredGrade: '合格', lineId: d14.lineId, code: 'D14' });
    expect(rankBoard([{ subject: 's-w1', sheet: barred }], { excellent: 12, redFlag: 0 })[0].excellent).toBe(false);
    expect(sheet(true).honourBar).toBeNull();
  });

  it('shows the rulebook wording and its source beside every line', () => {
    const { lines } = windowSheet('w1', ['D02', 'D14']).sheet;
    expect(lines.map((l) => [l.code, l.ruleText, l.ruleSource])).toEqual([
      ['D02', '迟到、早退、无故离岗的，每次扣2分。', shipped.rulebook],
      ['D14', '向中介机构介绍业务的，每次扣10分，当期不得评优。', shipped.rulebook],
    ]);
    expect(shipped.rules.every((r) => r.text && /分/.test(r.text))).toBe(true);
  });

  it('lets the rules name the grade honours need', () => {
    const graded: RuleSet = {
      ...shipped,
      grades: [
        { min: 95, grade: '优秀' },
        { min: 80, grade: '合格' },
        { min: -1000, grade: '不合格' },
      ],
      honoursGrade: '合格',
    };
    expect(windowSheet('w1', ['D13'], graded).sheet.honourBar).toBeNull();
    expect(windowSheet('w1', ['D13', 'D04'], graded).sheet.honourBar).toMatchObject({ reason: 'GRADE', requiredGrade: '合格' });
    // Without honoursGrade, honours need the highest grade.
    expect(windowSheet('w1', ['D05'], { ...graded, honoursGrade: undefined }).sheet.honourBar).toMatchObject({
      grade: '合格',
      requiredGrade: '优秀',
    });
  });
});
