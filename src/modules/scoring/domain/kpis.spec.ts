import { KpiCase, kpiRows } from './kpis';

const aCase = (overrides: Partial<KpiCase>): KpiCase => ({
  center: 'c1',
  department: '民政',
  window: 'w1',
  handler: 'staff-a',
  itemCode: 'MZ-DB-001',
  submittedOn: '2026-11-02',
  acceptedOn: '2026-11-02',
  completedOn: null,
  onTime: null,
  timeState: 'ON_TRACK',
  workingDaysUsed: null,
  promisedWorkingDays: null,
  ...overrides,
});

describe('efficiency indicators (效能指标)', () => {
  const cases = [
    aCase({ completedOn: '2026-11-10', onTime: true, timeState: 'COMPLETED_ON_TIME', workingDaysUsed: 6, promisedWorkingDays: 20 }),
    aCase({ completedOn: '2026-11-20', onTime: false, timeState: 'COMPLETED_LATE', workingDaysUsed: 24, promisedWorkingDays: 20 }),
    aCase({ timeState: 'OVERDUE' }),
    aCase({ timeState: 'WARNING', window: 'w2', handler: 'staff-b' }),
    aCase({
      submittedOn: '2026-10-30',
      acceptedOn: '2026-10-30',
      completedOn: '2026-11-03',
      onTime: true,
      workingDaysUsed: 2,
      promisedWorkingDays: 20,
    }),
  ];
  const complaints = [
    { center: 'c1', window: 'w1', staffId: 'staff-a', filedOn: '2026-11-05', valid: true },
    { center: 'c1', window: 'w1', staffId: null, filedOn: '2026-11-06', valid: false },
    { center: 'c1', window: 'w1', staffId: null, filedOn: '2026-10-06', valid: true },
  ];

  it('counts the period per window: received, accepted, completed, rates, overdue, warnings, working days, complaints', () => {
    const [w1, w2] = kpiRows({ group: 'WINDOW', start: '2026-11-01', end: '2026-11-30', today: '2026-11-23', cases, complaints });
    expect(w1).toEqual({
      key: 'w1',
      received: 3,
      accepted: 3,
      completed: 3,
      completionRate: 1,
      onTimeRate: 0.6667,
      overdue: 2,
      openWarnings: 1,
      averageWorkingDaysUsed: 10.67,
      averagePromisedWorkingDays: 20,
      satisfactionRate: null,
      ratings: 0,
      complaints: 2,
      validComplaints: 1,
      reviewsAnswered: 0,
      averageReviewWorkingDays: null,
      lateReviews: 0,
    });
    expect(w2).toMatchObject({ key: 'w2', received: 1, completed: 0, completionRate: 0, onTimeRate: null, openWarnings: 1 });
  });

  it('counts a joint case’s reviews for the participating department, window and reviewer, not the lead', () => {
    const joint = aCase({
      department: '市场监管',
      window: 'lead-w',
      reviews: [
        { department: '人社', window: 'ss', reviewer: 'ss-a', answeredOn: '2026-11-05', workingDaysUsed: 3, late: false },
        { department: '人社', window: 'ss', reviewer: 'ss-b', answeredOn: '2026-11-12', workingDaysUsed: 7, late: true },
        { department: '医保', window: 'mi', reviewer: 'mi-a', answeredOn: '2026-11-06', workingDaysUsed: 4, late: false },
        { department: '医保', window: 'mi', reviewer: 'mi-a', answeredOn: '2026-10-28', workingDaysUsed: 2, late: false }, // before the period
      ],
    });
    const rows = kpiRows({
      group: 'DEPARTMENT',
      start: '2026-11-01',
      end: '2026-11-30',
      today: '2026-11-23',
      cases: [joint],
      complaints: [],
    });
    expect(rows.map((r) => [r.key, r.reviewsAnswered, r.averageReviewWorkingDays, r.lateReviews])).toEqual([
      ['人社', 2, 5, 1],
      ['医保', 1, 4, 0],
      ['市场监管', 0, null, 0],
    ]);
    const staff = kpiRows({ group: 'STAFF', start: '2026-11-01', end: '2026-11-30', today: '2026-11-23', cases: [joint], complaints: [] });
    expect(staff.find((r) => r.key === 'ss-b')).toMatchObject({ reviewsAnswered: 1, lateReviews: 1, received: 0 });
  });

  it("rates satisfaction as levels 1–3 of the period's ratings, leaving set-aside ones out", () => {
    const ratings = [
      { center: 'c1', window: 'w1', staffId: 'staff-a', ratedOn: '2026-11-05', level: 1, setAside: false },
      { center: 'c1', window: 'w1', staffId: 'staff-a', ratedOn: '2026-11-06', level: 3, setAside: false },
      { center: 'c1', window: 'w1', staffId: 'staff-a', ratedOn: '2026-11-07', level: 5, setAside: false },
      { center: 'c1', window: 'w1', staffId: 'staff-a', ratedOn: '2026-11-08', level: 5, setAside: true },
      { center: 'c1', window: 'w1', staffId: 'staff-a', ratedOn: '2026-10-08', level: 5, setAside: false },
    ];
    const [w1] = kpiRows({ group: 'WINDOW', start: '2026-11-01', end: '2026-11-30', today: '2026-11-23', cases, complaints: [], ratings });
    expect(w1).toMatchObject({ key: 'w1', ratings: 3, satisfactionRate: 0.6667 });
  });

  it('leaves the "now" figures out of past periods, and groups by staff, item, department and center', () => {
    const [past] = kpiRows({ group: 'CENTER', start: '2026-10-01', end: '2026-10-31', today: '2026-11-23', cases, complaints });
    expect(past).toMatchObject({ key: 'c1', received: 1, completed: 0, overdue: 0, openWarnings: null, complaints: 1, validComplaints: 1 });
    expect(
      kpiRows({ group: 'STAFF', start: '2026-11-01', end: '2026-11-30', today: '2026-11-23', cases, complaints }).map((r) => r.key),
    ).toEqual(['staff-a', 'staff-b']);
    expect(kpiRows({ group: 'DEPARTMENT', start: '2026-11-01', end: '2026-11-30', today: '2026-11-23', cases, complaints })).toMatchObject([
      { key: '民政', received: 4, complaints: 0 },
    ]);
  });
});
