import { specFor } from '../../../../test/support/given-when-then';
import { RecordedEvent } from '../../../core/event-store';
import { appealDecider } from './appeal.decider';
import { conductDecider } from './conduct.decider';
import { nextPeriodStart, parsePeriod, periodOf, previousPeriod, requireIndicatorPeriod } from './periods';
import { RuleSet, RuleSetDefinition, ruleSetOn } from './rule-set';
import { assembleSheet } from './score-sheet';
import { lastPlaceStreaks } from './scoreboard';
import { CaseScoringContext, scoreAbsence, scoreCaseEvent } from './score-lines';
import { RuleSetPublished, scoringRulesDecider } from './scoring-rules.decider';

const definition = (overrides: Partial<RuleSetDefinition> = {}): RuleSetDefinition => ({
  effectiveFrom: '2020-01-01',
  period: 'month',
  base: 100,
  cap: null,
  grades: [
    { min: 80, grade: '合格' },
    { min: 60, grade: '基本合格' },
    { min: -1000, grade: '不合格' },
  ],
  stars: [
    { min: 95, stars: 5 },
    { min: 0, stars: 1 },
  ],
  excellentTopN: 2,
  redFlagTopN: 1,
  jointLiability: null,
  rules: [
    { code: 'D01', name: '语言不文明', points: -1, severePoints: -5 },
    { code: 'D06', name: '超时办结', points: -5, automatic: 'late-completion' },
    { code: 'D10', name: '未一次性告知', points: -2, automatic: 'second-supplement-notice' },
    { code: 'B03', name: '受表扬', points: 5 },
  ],
  ...overrides,
});
const v1: RuleSet = { ...definition(), version: 1 };
const published = (ruleSet: RuleSet): RuleSetPublished => ({
  type: 'RuleSetPublished',
  data: { ruleSet, publishedAt: '2026-11-23T02:00:00.000Z' },
});

describe('periods (考核周期)', () => {
  it('names months, quarters and years, and knows where the next one starts', () => {
    expect([periodOf('2026-11-23', 'month'), periodOf('2026-11-23', 'quarter'), periodOf('2026-11-23', 'year')]).toEqual([
      '2026-11',
      '2026-Q4',
      '2026',
    ]);
    expect([
      nextPeriodStart('2026-11-23', 'month'),
      nextPeriodStart('2026-12-05', 'month'),
      nextPeriodStart('2026-11-23', 'quarter'),
      nextPeriodStart('2026-02-01', 'year'),
    ]).toEqual(['2026-12-01', '2027-01-01', '2027-01-01', '2027-01-01']);
    expect(parsePeriod('2026-02')).toEqual({ kind: 'month', start: '2026-02-01', end: '2026-02-28' });
    expect(parsePeriod('2024-Q1')).toEqual({ kind: 'quarter', start: '2024-01-01', end: '2024-03-31' });
    expect(parsePeriod('2026-13')).toBeUndefined();
    expect([previousPeriod('2026-01'), previousPeriod('2026-11'), previousPeriod('2026-Q1'), previousPeriod('2026')]).toEqual([
      '2025-12',
      '2026-10',
      '2025-Q4',
      '2025',
    ]);
  });

  it('takes a single day as a period of indicators (a board\'s "today"), never a day that does not exist', () => {
    expect(requireIndicatorPeriod('2026-12-31')).toEqual({ start: '2026-12-31', end: '2026-12-31' });
    expect(requireIndicatorPeriod('2024-02-29')).toEqual({ start: '2024-02-29', end: '2024-02-29' });
    expect(requireIndicatorPeriod('2026-Q4')).toMatchObject({ start: '2026-10-01', end: '2026-12-31' });
    for (const bad of ['2026-02-29', '2026-12-32', '1999-12-31', '2026-1-5', 'today'])
      expect(() => requireIndicatorPeriod(bad)).toThrow(/must be a day \(2026-11-20\), a month/);
  });

  it('counts how many periods running a window has been last (末位), ties included', () => {
    const board = (entries: Record<string, number>) => new Map(Object.entries(entries));
    const streaks = lastPlaceStreaks([board({ a: 90, b: 95, c: 90 }), board({ a: 88, b: 99, c: 100 }), board({ a: 80, b: 70, c: 90 })]);
    expect(Object.fromEntries(streaks)).toEqual({ a: 2, b: 0, c: 1 });
    expect(Object.fromEntries(lastPlaceStreaks([board({ a: 90 })]))).toEqual({ a: 0 });
  });
});

describe('scoring rules as versioned data', () => {
  const spec = specFor(scoringRulesDecider);
  const publish = (definitions: RuleSetDefinition[], today = '2026-11-23') => ({
    type: 'PublishRuleSets' as const,
    data: { definitions, today, occurredAt: '2026-11-23T02:00:00.000Z' },
  });

  it('records the first rules, even ones that describe the past', () => {
    spec([])
      .when(publish([definition()]))
      .then([published(v1)]);
  });

  it('records a change that takes effect from the next period', () => {
    spec([published(v1)])
      .when(
        publish([
          definition(),
          definition({ effectiveFrom: '2026-12-01', rules: [{ code: 'D06', name: '超时办结', points: -8, automatic: 'late-completion' }] }),
        ]),
      )
      .then((events) => expect(events.map((e) => [e.data.ruleSet.version, e.data.ruleSet.effectiveFrom])).toEqual([[2, '2026-12-01']]));
  });

  it('refuses a change to the current or a past period, and a start that is not a period start', () => {
    spec([published(v1)])
      .when(publish([definition({ effectiveFrom: '2026-11-01', base: 110 })]))
      .thenThrows('SCORING.RETROACTIVE_CHANGE');
    spec([published(v1)])
      .when(publish([definition({ effectiveFrom: '2026-12-15' })]))
      .thenThrows('SCORING.NOT_A_PERIOD_START');
  });

  it('records nothing when the file holds only what is recorded, whatever order the store kept its keys in', () => {
    spec([published(v1)])
      .when(publish([definition()]))
      .then([]);
    const reversed = (value: unknown): unknown =>
      Array.isArray(value)
        ? value.map(reversed)
        : value && typeof value === 'object'
          ? Object.fromEntries(
              Object.entries(value)
                .reverse()
                .map(([k, v]) => [k, reversed(v)]),
            )
          : value;
    spec([published(reversed(v1) as RuleSet)])
      .when(publish([definition()]))
      .then([]);
  });

  it('records new wording of a recorded version as an amendment: the version keeps its number, no figure moves', () => {
    const reworded = definition({
      rulebook: '某县便民服务中心考核细则',
      honoursGrade: '合格',
      rules: definition().rules.map((r) => (r.code === 'D01' ? { ...r, text: '使用不文明用语的，每次扣1分。', source: '第三条' } : r)),
    });
    spec([published(v1)])
      .when(publish([reworded]))
      .then([{ type: 'RuleSetAmended', data: { ruleSet: { ...reworded, version: 1 }, amendedAt: '2026-11-23T02:00:00.000Z' } }]);
    // Amended once, the same file records nothing more.
    spec([published(v1), { type: 'RuleSetAmended', data: { ruleSet: { ...reworded, version: 1 }, amendedAt: '2026-11-23T02:00:00.000Z' } }])
      .when(publish([reworded]))
      .then([]);
    // A trigger given to a rule that had none: lines recorded under it by hand keep their rule.
    spec([published(v1)])
      .when(
        publish([definition({ rules: definition().rules.map((r) => (r.code === 'D01' ? { ...r, automatic: 'unexcused-absence' } : r)) })]),
      )
      .then((events) => expect(events.map((e) => [e.type, e.data.ruleSet.version])).toEqual([['RuleSetAmended', 1]]));
    // Moving an existing trigger changes which lines a rule scores: a figure.
    spec([published(v1)])
      .when(publish([definition({ rules: definition().rules.map((r) => (r.code === 'D06' ? { ...r, automatic: undefined } : r)) })]))
      .thenThrows('SCORING.RETROACTIVE_CHANGE');
    // A changed figure is not wording: it is a retroactive change, refused.
    spec([published(v1)])
      .when(publish([{ ...reworded, rules: reworded.rules.map((r) => (r.code === 'D01' ? { ...r, points: -2 } : r)) }]))
      .thenThrows('SCORING.RETROACTIVE_CHANGE');
  });

  it('refuses rules that do not make sense, naming each problem', () => {
    spec([])
      .when(publish([definition({ honoursGrade: '优秀', rulebook: ' ' })]))
      .thenThrows('VALIDATION.FAILED', {
        issues: [
          { field: 'versions[0].rulebook', message: 'must be text of 1 to 500 characters' },
          { field: 'versions[0].honoursGrade', message: 'must name one of the grades' },
        ],
      });
    spec([])
      .when(publish([definition({ rules: [{ code: 'D1', name: '', points: 3 }] })]))
      .thenThrows('VALIDATION.FAILED');
  });

  it('applies to a period the version in force on its first day', () => {
    const v2: RuleSet = { ...definition({ effectiveFrom: '2026-12-01' }), version: 2 };
    expect(ruleSetOn([v1, v2], '2026-11-01')!.version).toBe(1);
    expect(ruleSetOn([v1, v2], '2026-12-01')!.version).toBe(2);
    expect(ruleSetOn([v2], '2026-11-01')).toBeUndefined();
  });
});

describe('recorded conduct (记录在案)', () => {
  const spec = specFor(conductDecider);
  const record = (overrides: Record<string, unknown> = {}) => ({
    type: 'RecordConduct' as const,
    data: {
      conductId: 'k1',
      staffId: 'staff-a',
      center: 'c1',
      window: 'w1',
      code: 'D01',
      severe: false,
      occurredOn: '2026-11-20',
      evidence: '群众反映',
      caseId: null,
      ruleSet: v1,
      today: '2026-11-23',
      occurredAt: '2026-11-23T02:00:00.000Z',
      ...overrides,
    },
  });

  it('records a rule of the version in force, with its evidence and that version', () => {
    spec([])
      .when(record({ severe: true }))
      .then((events) => expect(events[0].data).toMatchObject({ code: 'D01', severe: true, ruleVersion: 1, evidence: '群众反映' }));
  });

  it('refuses unknown and automatic rules, a day not yet come or not a date, and a severe figure a rule lacks', () => {
    spec([])
      .when(record({ code: 'D99' }))
      .thenThrows('CONDUCT.UNKNOWN_RULE');
    spec([])
      .when(record({ code: 'D06' }))
      .thenThrows('CONDUCT.AUTOMATIC_RULE');
    spec([])
      .when(record({ occurredOn: '2026-11-24' }))
      .thenThrows('CONDUCT.IN_THE_FUTURE');
    for (const occurredOn of ['2026-02-30', '2026-11', '20261120'])
      spec([])
        .when(record({ occurredOn }))
        .thenThrows('VALIDATION.FAILED', { issues: [{ field: 'occurredOn', message: 'must be a date YYYY-MM-DD' }] });
    spec([])
      .when(record({ code: 'B03', severe: true }))
      .thenThrows('CONDUCT.NO_SEVERE_FIGURE');
    spec([])
      .when(record({ ruleSet: undefined }))
      .thenThrows('SCORING.NO_RULES');
  });
});

describe('appeals (申诉)', () => {
  const spec = specFor(appealDecider);
  const subject = { lineId: 'late-completion:c9', staffId: 'staff-a', center: 'c1', window: 'w1' };
  const appealed = { type: 'LineAppealed' as const, data: { ...subject, grounds: '申请人延误', appealedAt: '2026-11-23T02:00:00.000Z' } };

  it('is filed once and decided once', () => {
    spec([])
      .when({ type: 'AppealLine', data: { ...subject, grounds: '申请人延误', occurredAt: '2026-11-23T02:00:00.000Z' } })
      .then([appealed]);
    spec([appealed])
      .when({ type: 'AppealLine', data: { ...subject, grounds: '再次申诉', occurredAt: '2026-11-23T02:00:00.000Z' } })
      .thenThrows('APPEAL.ALREADY_FILED');
    spec([appealed])
      .when({ type: 'DecideAppeal', data: { upheld: true, reason: '核实属实', occurredAt: '2026-11-24T02:00:00.000Z' } })
      .then([{ type: 'AppealDecided', data: { ...subject, upheld: true, reason: '核实属实', decidedAt: '2026-11-24T02:00:00.000Z' } }]);
    spec([])
      .when({ type: 'DecideAppeal', data: { upheld: true, reason: 'x', occurredAt: '2026-11-24T02:00:00.000Z' } })
      .thenThrows('APPEAL.NOT_FOUND');
  });
});

describe('automatic deductions from case events', () => {
  let position = 0n;
  const event = (type: string, data: Record<string, unknown>, actor = 'staff-a'): RecordedEvent => ({
    id: `e${++position}`,
    stream: 'case-c9',
    revision: position,
    position,
    type,
    data: { caseId: 'c9', ...data },
    metadata: {
      actor: { id: actor, role: 'staff' },
      commandId: 'x',
      correlationId: 'x',
      causationId: 'x',
      occurredAt: '2026-11-20T02:00:00.000Z',
      recordedAt: '2026-11-20T02:00:00.000Z',
      schemaVersion: 1,
    },
  });
  const run = (events: RecordedEvent[]) => {
    let context: CaseScoringContext | undefined;
    const lines = [];
    for (const e of events) {
      const out = scoreCaseEvent(context, e);
      context = out.context;
      lines.push(...out.lines);
    }
    return lines;
  };

  it('charges a late completion to the case handler, with acceptance, red card and completion as evidence', () => {
    const lines = run([
      event('CaseSubmitted', { center: 'c1', window: 'w1' }),
      event('CaseAccepted', { handler: 'staff-a' }),
      event('CaseReassigned', { toStaffId: 'staff-b' }),
      event('DeadlineBreached', {}, 'deadline-watcher'),
      event('CaseCompleted', { onTime: false }, 'staff-b'),
    ]);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      lineId: 'late-completion:c9',
      trigger: 'late-completion',
      staffId: 'staff-b',
      center: 'c1',
      window: 'w1',
      occurredOn: '2026-11-20',
    });
    expect(lines[0].evidence.map((e) => e.type)).toEqual(['CaseAccepted', 'DeadlineBreached', 'CaseCompleted']);
  });

  describe('a late joint case (联办件): the delay is charged where it was', () => {
    const joint = (completed: Record<string, unknown>) =>
      run([
        event('CaseSubmitted', { center: 'c1', window: 'lead-w' }),
        event('CaseAccepted', { handler: 'lead-a' }),
        event('ParticipantsNotified', {}),
        event('OpinionRecorded', { window: 'p1' }, 'p1-staff'),
        event('ReviewOverdue', { window: 'p2' }, 'deadline-watcher'),
        event('OpinionRecorded', { window: 'p2' }, 'p2-staff'),
        event('OpinionRecorded', { window: 'p3' }, 'p3-staff'),
        event('DeadlineBreached', {}, 'deadline-watcher'),
        event('CaseCompleted', { onTime: false, ...completed }, 'lead-a'),
      ]);

    it("charges each overrunning participant's reviewer, on its own window, and spares a lead whose part was on time", () => {
      const lines = joint({
        workingDaysOver: 1,
        delays: [
          { window: 'p2', department: '医保', workingDaysOver: 2, reviewer: 'p2-staff' },
          { window: 'p3', department: '税务', workingDaysOver: 1, reviewer: 'p3-staff' },
        ],
      });
      expect(lines.map((l) => [l.lineId, l.staffId, l.window, l.share!.toFixed(3)])).toEqual([
        ['late-completion:c9:p2', 'p2-staff', 'p2', '0.667'],
        ['late-completion:c9:p3', 'p3-staff', 'p3', '0.333'],
      ]);
      // The participant's line rests on the notice, its own review's events, the red card and the completion.
      expect(lines[0].evidence.map((e) => e.type)).toEqual([
        'ParticipantsNotified',
        'ReviewOverdue',
        'OpinionRecorded',
        'DeadlineBreached',
        'CaseCompleted',
      ]);
      expect(lines[0].note).toContain('超过会签期限 2 个工作日');
    });

    it('charges the lead too when the case was later than any participant overran', () => {
      const lines = joint({ workingDaysOver: 3, delays: [{ window: 'p2', department: '医保', workingDaysOver: 2, reviewer: 'p2-staff' }] });
      expect(lines.map((l) => [l.staffId, l.window])).toEqual([
        ['lead-a', 'lead-w'],
        ['p2-staff', 'p2'],
      ]);
    });

    it('charges the lead alone when no review overran; a review nobody answered to the chief representative its red card named', () => {
      expect(joint({ workingDaysOver: 1 }).map((l) => l.staffId)).toEqual(['lead-a']);
      // The fixture's red card for p2 names nobody: without a chief representative, nobody is charged.
      const unanswered = joint({ workingDaysOver: 1, delays: [{ window: 'p4', department: '税务', workingDaysOver: 4, reviewer: null }] });
      expect(unanswered).toEqual([]);
      const named = run([
        event('CaseSubmitted', { center: 'c1', window: 'lead-w' }),
        event('CaseAccepted', { handler: 'lead-a' }),
        event('ParticipantsNotified', {}),
        event('ReviewOverdue', { window: 'p4', responsible: 'p4-chief' }, 'deadline-watcher'),
        event('CaseCompleted', {
          onTime: false,
          workingDaysOver: 1,
          delays: [{ window: 'p4', department: '税务', workingDaysOver: 4, reviewer: null }],
        }),
      ]);
      expect(named.map((l) => [l.staffId, l.window, l.note])).toEqual([['p4-chief', 'p4', expect.stringContaining('由窗口首席代表负责')]]);
    });

    it('splits the deduction by overrun where the rules say proportional, and gives each the whole of it by default', () => {
      const lines = joint({
        workingDaysOver: 1,
        delays: [
          { window: 'p2', department: '医保', workingDaysOver: 3, reviewer: 'p2-staff' },
          { window: 'p3', department: '税务', workingDaysOver: 1, reviewer: 'p3-staff' },
        ],
      });
      const points = (ruleSet: RuleSet, staff: string) =>
        assembleSheet({ period: '2026-11', ruleSet, lines: lines.filter((l) => l.staffId === staff), appeals: [] }).lines.map(
          (l) => l.points,
        );
      expect([points(v1, 'p2-staff'), points(v1, 'p3-staff')]).toEqual([[-5], [-5]]);
      const proportional = { ...v1, jointLateCompletion: 'proportional' as const };
      expect([points(proportional, 'p2-staff'), points(proportional, 'p3-staff')]).toEqual([[-3.75], [-1.25]]);
    });
  });

  it("charges an escalated case's center time past its limit once, with the trips as evidence, and not its late completion again", () => {
    const lines = run([
      event('CaseSubmitted', { center: 'c1', window: 'w1' }),
      event('CaseAccepted', { handler: 'staff-a' }),
      event('CaseSentUp', { authority: '县局' }, 'agent-1'),
      event('CaseReturnedFromAuthority', { authority: '县局' }, 'agent-1'),
      event('CenterTimeExceeded', { workingDaysUsed: 8, limit: 7 }, 'deadline-watcher'),
      event('DeadlineBreached', {}, 'deadline-watcher'),
      event('CaseCompleted', { onTime: false, workingDaysOver: 1 }),
    ]);
    expect(lines).toHaveLength(1);
    // Red-carded first: the lateness is charged at completion, once, as for any late case.
    const redFirst = run([
      event('CaseSubmitted', { center: 'c1', window: 'w1' }),
      event('CaseAccepted', { handler: 'staff-a' }),
      event('DeadlineBreached', {}, 'deadline-watcher'),
      event('CenterTimeExceeded', { workingDaysUsed: 8, limit: 7 }, 'deadline-watcher'),
      event('CaseCompleted', { onTime: false, workingDaysOver: 1 }),
    ]);
    expect(redFirst.map((l) => l.lineId)).toEqual(['late-completion:c9']);
    expect(lines[0]).toMatchObject({
      lineId: 'late-completion:c9:center-time',
      staffId: 'staff-a',
      note: expect.stringContaining('上级机关办理时间不计'),
    });
    expect(lines[0].evidence.map((e) => e.type)).toEqual(['CaseAccepted', 'CaseSentUp', 'CaseReturnedFromAuthority', 'CenterTimeExceeded']);
  });

  it('charges a second notice and a late first notice to whoever issued them, and nothing for an on-time case', () => {
    const lines = run([
      event('CaseSubmitted', { center: 'c1', window: 'w1' }),
      event('SupplementRequested', { noticeNo: 1, breachesOneTimeRule: false, late: true }),
      event('SupplementRequested', { noticeNo: 2, breachesOneTimeRule: true, late: false }, 'staff-c'),
      event('CaseCompleted', { onTime: true }),
    ]);
    expect(lines.map((l) => [l.trigger, l.staffId, l.evidence.map((e) => e.type)])).toEqual([
      ['late-supplement-notice', 'staff-a', ['CaseSubmitted', 'SupplementRequested']],
      ['second-supplement-notice', 'staff-c', ['SupplementRequested', 'SupplementRequested']],
    ]);
  });

  it('charges the direct responsible person too when a late first notice went unreported for a week (D11 in full), each person once', () => {
    const lines = run([
      event('CaseSubmitted', { center: 'c1', window: 'w1' }),
      event('SupplementRequested', { noticeNo: 1, breachesOneTimeRule: false, late: true }),
      event('LateNoticeReportOverdue', { noticeOn: '2026-11-12', reportDue: '2026-11-19', responsible: 'chief-1' }, 'deadline-watcher'),
    ]);
    expect(lines.map((l) => [l.lineId, l.trigger, l.staffId, l.occurredOn, l.evidence.map((e) => e.type)])).toEqual([
      ['late-supplement-notice:c9', 'late-supplement-notice', 'staff-a', '2026-11-20', ['CaseSubmitted', 'SupplementRequested']],
      [
        'late-supplement-notice:c9:responsible',
        'late-supplement-notice',
        'chief-1',
        '2026-11-12',
        ['SupplementRequested', 'LateNoticeReportOverdue'],
      ],
    ]);
    // The chief representative who issued the notice is charged once; a window without one charges nobody more.
    for (const responsible of ['staff-a', null])
      expect(
        run([
          event('CaseSubmitted', { center: 'c1', window: 'w1' }),
          event('SupplementRequested', { noticeNo: 1, breachesOneTimeRule: false, late: true }),
          event('LateNoticeReportOverdue', { noticeOn: '2026-11-12', reportDue: '2026-11-19', responsible }, 'deadline-watcher'),
        ]).map((l) => l.staffId),
      ).toEqual(['staff-a']);
  });
});

describe('score sheets (考核表)', () => {
  const line = (lineId: string, code: string | null, trigger: 'late-completion' | null = null, severe = false) => ({
    lineId,
    source: trigger ? ('automatic' as const) : ('recorded' as const),
    trigger,
    code,
    severe,
    staffId: 'staff-a',
    center: 'c1',
    window: 'w1',
    occurredOn: '2026-11-10',
    caseId: null,
    evidence: [],
    note: null,
  });

  it("starts from the base, applies each rule of the period's version, and grades the total", () => {
    const sheet = assembleSheet({
      period: '2026-11',
      ruleSet: v1,
      lines: [line('a', null, 'late-completion'), line('b', 'D01', null, true), line('c', 'B03')],
      appeals: [],
    });
    expect(sheet.lines.map((l) => [l.code, l.points, l.ruleVersion])).toEqual([
      ['D06', -5, 1],
      ['D01', -5, 1],
      ['B03', 5, 1],
    ]);
    expect(sheet).toMatchObject({ base: 100, deductions: -10, bonuses: 5, restored: 0, total: 95, grade: '合格', stars: 5 });
  });

  it('shows an upheld appeal as the line and its restoration, and keeps a rejected one as it was', () => {
    const sheet = assembleSheet({
      period: '2026-11',
      ruleSet: v1,
      lines: [line('a', null, 'late-completion'), line('b', 'D01')],
      appeals: [
        { lineId: 'a', status: 'UPHELD', grounds: '申请人原因', reason: '属实', evidence: [], decidedOn: '2026-11-20' },
        { lineId: 'b', status: 'REJECTED', grounds: '不服', reason: '证据充分', evidence: [], decidedOn: '2026-11-20' },
      ],
    });
    expect(sheet.lines.map((l) => [l.lineId, l.points, l.appeal?.status ?? null, l.restores])).toEqual([
      ['a', -5, 'UPHELD', null],
      ['a:restored', 5, null, 'a'],
      ['b', -1, 'REJECTED', null],
    ]);
    expect(sheet).toMatchObject({ deductions: -6, restored: 5, total: 99 });
  });

  it('caps the total, and charges a window its joint-liability figure where the rules say so', () => {
    const capped = { ...v1, cap: 102 };
    expect(assembleSheet({ period: '2026-11', ruleSet: capped, lines: [line('c', 'B03')], appeals: [] }).total).toBe(102);
    const joint = { ...v1, jointLiability: { window: -2, chiefRepresentative: -1 } };
    expect(
      assembleSheet({ period: '2026-11', ruleSet: joint, lines: [line('a', null, 'late-completion')], appeals: [], forWindow: true }).total,
    ).toBe(98);
    // The chief representative shares each deduction of the window's staff, but not a bonus nor one given back on appeal.
    const chief = assembleSheet({
      period: '2026-11',
      ruleSet: joint,
      lines: [],
      asChiefOf: [line('a', null, 'late-completion'), line('b', 'D01'), line('c', 'B03')],
      appeals: [{ lineId: 'b', status: 'UPHELD', grounds: 'x', reason: 'y', evidence: [], decidedOn: '2026-11-20' }],
    });
    expect(chief.lines.map((l) => [l.lineId, l.points])).toEqual([['a:chief', -1]]);
    expect(chief.total).toBe(99);
    expect(
      assembleSheet({ period: '2026-11', ruleSet: v1, lines: [], asChiefOf: [line('a', null, 'late-completion')], appeals: [] }).total,
    ).toBe(100);
  });
});

describe('absence (旷工, D03)', () => {
  it('scores each unexcused half day on the day of the absence, with the absence as evidence', () => {
    const ruleSet: RuleSet = {
      ...v1,
      rules: [...v1.rules, { code: 'D03', name: '旷工（每半天）', points: -5, automatic: 'unexcused-absence' }],
    };
    const event = (unexcused: string[]) => ({
      id: 'e1',
      stream: 'attendance-c1-staff-a',
      position: 42n,
      type: 'AbsenceRecorded',
      data: { absenceId: 'a1', staffId: 'staff-a', center: 'c1', window: 'w1', day: '2026-11-20', unexcused, evidence: '未到岗' },
      metadata: { actor: { id: 'leader-1', role: 'center_leader' }, occurredAt: '2026-11-23T02:00:00.000Z' },
    });
    const lines = scoreAbsence(event(['AM', 'PM']));
    expect(lines).toEqual([
      expect.objectContaining({
        lineId: 'unexcused-absence:a1',
        trigger: 'unexcused-absence',
        units: 2,
        occurredOn: '2026-11-20',
        note: '未到岗',
      }),
    ]);
    const sheet = assembleSheet({ period: '2026-11', ruleSet, lines, appeals: [] });
    expect(sheet.lines.map((l) => [l.code, l.points])).toEqual([['D03', -10]]);
    expect(sheet.total).toBe(90);
    expect(scoreAbsence(event([]))).toEqual([]);
  });
});
