import { LocalDate } from '../../../core/dates';

/**
 * 效能指标 (SPEC §6): per center, department, window, staff member or item, for a period. Counts are of
 * things that happened in the period; the two "now" figures (open warnings, cases overdue now) only
 * mean something for the period that contains today and are left out of past ones.
 */
export type KpiGroup = 'CENTER' | 'DEPARTMENT' | 'WINDOW' | 'STAFF' | 'ITEM';

export interface KpiCase {
  center: string;
  department: string | null;
  window: string;
  handler: string | null;
  itemCode: string;
  submittedOn: LocalDate;
  acceptedOn: LocalDate | null;
  completedOn: LocalDate | null;
  onTime: boolean | null;
  /** WARNING or OVERDUE while open; anything else otherwise. */
  timeState: string | null;
  /** For cases completed in the period under a working-day limit. */
  workingDaysUsed: number | null;
  promisedWorkingDays: number | null;
  /** 联办件: the participants' answered reviews, counted for the participant (its department, window, reviewer). */
  reviews?: KpiReview[];
}

/** A participant's answered review of a joint case. */
export interface KpiReview {
  department: string;
  window: string;
  reviewer: string;
  answeredOn: LocalDate;
  workingDaysUsed: number;
  late: boolean;
}

export interface KpiComplaint {
  center: string;
  window: string | null;
  staffId: string | null;
  filedOn: LocalDate;
  valid: boolean;
}

export interface KpiRating {
  center: string;
  window: string;
  staffId: string | null;
  ratedOn: LocalDate;
  level: number;
  setAside: boolean;
}

export interface KpiRow {
  key: string;
  received: number;
  accepted: number;
  completed: number;
  /** 办结率: completed ÷ accepted in the period. */
  completionRate: number | null;
  /** 按时办结率: completed on time ÷ completed. */
  onTimeRate: number | null;
  /** Completed late in the period, plus (for the current period) open cases overdue now. */
  overdue: number;
  /** Open cases with a yellow or red warning now (current period only). */
  openWarnings: number | null;
  averageWorkingDaysUsed: number | null;
  averagePromisedWorkingDays: number | null;
  /** 满意度: ratings of 1–3 (非常满意, 满意, 基本满意) ÷ ratings in the period, set-aside ones left out. */
  satisfactionRate: number | null;
  ratings: number;
  complaints: number;
  validComplaints: number;
  /** 联办件: reviews this department, window or staff member answered in the period as a participant… */
  reviewsAnswered: number;
  /** …their average working days (their own and the case's stops left out)… */
  averageReviewWorkingDays: number | null;
  /** …and how many of them came after their due date. */
  lateReviews: number;
}

const keyOf = (
  group: KpiGroup,
  c: {
    center: string;
    department?: string | null;
    window: string | null;
    handler?: string | null;
    staffId?: string | null;
    itemCode?: string;
  },
): string | null => {
  switch (group) {
    case 'CENTER':
      return c.center;
    case 'DEPARTMENT':
      return c.department ?? null;
    case 'WINDOW':
      return c.window;
    case 'STAFF':
      return c.handler ?? c.staffId ?? null;
    case 'ITEM':
      return c.itemCode ?? null;
  }
};

const within = (day: LocalDate | null, start: LocalDate, end: LocalDate) => day !== null && day >= start && day <= end;
const ratio = (a: number, b: number) => (b === 0 ? null : Math.round((a / b) * 10_000) / 10_000);
const mean = (values: number[]) =>
  values.length === 0 ? null : Math.round((values.reduce((s, v) => s + v, 0) / values.length) * 100) / 100;

export function kpiRows(input: {
  group: KpiGroup;
  start: LocalDate;
  end: LocalDate;
  today: LocalDate;
  cases: KpiCase[];
  complaints: KpiComplaint[];
  ratings?: KpiRating[];
}): KpiRow[] {
  const { group, start, end, today } = input;
  const current = today >= start && today <= end;
  const rows = new Map<string, { cases: KpiCase[]; complaints: KpiComplaint[]; ratings: KpiRating[]; reviews: KpiReview[] }>();
  const bucket = (key: string | null) => {
    if (key === null) return undefined;
    if (!rows.has(key)) rows.set(key, { cases: [], complaints: [], ratings: [], reviews: [] });
    return rows.get(key)!;
  };
  for (const c of input.cases) bucket(keyOf(group, c))?.cases.push(c);
  // A review counts for the participant that gave it, not for the lead that holds the case.
  for (const c of input.cases)
    for (const r of c.reviews ?? [])
      if (within(r.answeredOn, start, end))
        bucket(
          keyOf(group, { center: c.center, department: r.department, window: r.window, handler: r.reviewer, itemCode: c.itemCode }),
        )?.reviews.push(r);
  // Complaints and ratings name a center, window and staff member, not a department or an item.
  for (const k of input.complaints) if (group !== 'DEPARTMENT' && group !== 'ITEM') bucket(keyOf(group, k))?.complaints.push(k);
  for (const r of input.ratings ?? []) if (group !== 'DEPARTMENT' && group !== 'ITEM') bucket(keyOf(group, r))?.ratings.push(r);
  return [...rows.entries()]
    .map(([key, { cases, complaints, ratings, reviews }]) => {
      const completed = cases.filter((c) => within(c.completedOn, start, end));
      const accepted = cases.filter((c) => within(c.acceptedOn, start, end)).length;
      const timed = completed.filter((c) => c.workingDaysUsed !== null && c.promisedWorkingDays !== null);
      const overdueNow = current ? cases.filter((c) => c.completedOn === null && c.timeState === 'OVERDUE').length : 0;
      const filed = complaints.filter((k) => within(k.filedOn, start, end));
      const rated = ratings.filter((r) => within(r.ratedOn, start, end) && !r.setAside);
      return {
        key,
        received: cases.filter((c) => within(c.submittedOn, start, end)).length,
        accepted,
        completed: completed.length,
        completionRate: ratio(completed.length, accepted),
        onTimeRate: ratio(completed.filter((c) => c.onTime).length, completed.length),
        overdue: completed.filter((c) => c.onTime === false).length + overdueNow,
        openWarnings: current
          ? cases.filter((c) => c.completedOn === null && (c.timeState === 'WARNING' || c.timeState === 'OVERDUE')).length
          : null,
        averageWorkingDaysUsed: mean(timed.map((c) => c.workingDaysUsed!)),
        averagePromisedWorkingDays: mean(timed.map((c) => c.promisedWorkingDays!)),
        satisfactionRate: ratio(rated.filter((r) => r.level <= 3).length, rated.length),
        ratings: rated.length,
        complaints: filed.length,
        validComplaints: filed.filter((k) => k.valid).length,
        reviewsAnswered: reviews.length,
        averageReviewWorkingDays: mean(reviews.map((r) => r.workingDaysUsed)),
        lateReviews: reviews.filter((r) => r.late).length,
      };
    })
    .sort((a, b) => a.key.localeCompare(b.key));
}
