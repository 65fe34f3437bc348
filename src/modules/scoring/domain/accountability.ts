import { LocalDate } from '../../../core/dates';

/**
 * 责任追究 (SPEC §8): what the events show, flagged for the oversight office to decide. The system
 * never decides; it points at the cases and complaints a decision would rest on.
 * - CRITICISM (批评教育): an overdue case finished within the first urging period;
 * - CIRCULATED_CRITICISM (通报批评): repeated errors, read as two or more late completions in the period
 *   that no appeal gave back;
 * - DISCIPLINARY (纪律处分): three or more valid complaints about conduct or attitude in the year.
 */
export type AccountabilityLevel = 'CRITICISM' | 'CIRCULATED_CRITICISM' | 'DISCIPLINARY';

export interface LateCompletion {
  caseId: string;
  staffId: string;
  window: string;
  completedOn: LocalDate;
  withinFirstUrgingPeriod: boolean | null;
  /** An upheld appeal gave the deduction back. */
  excused: boolean;
}

export interface ConductComplaint {
  complaintId: string;
  staffId: string;
  window: string | null;
  filedOn: LocalDate;
}

export interface AccountabilityFlag {
  staffId: string;
  window: string | null;
  level: AccountabilityLevel;
  reason: string;
  caseIds: string[];
  complaintIds: string[];
}

export function accountabilityFlags(input: {
  start: LocalDate;
  end: LocalDate;
  lateCompletions: LateCompletion[];
  conductComplaints: ConductComplaint[];
}): AccountabilityFlag[] {
  const { start, end } = input;
  const flags: AccountabilityFlag[] = [];
  const inPeriod = input.lateCompletions.filter((c) => c.completedOn >= start && c.completedOn <= end);
  for (const c of inPeriod.filter((l) => l.withinFirstUrgingPeriod === true)) {
    flags.push({
      staffId: c.staffId,
      window: c.window,
      level: 'CRITICISM',
      reason: 'An overdue case finished within the first urging period',
      caseIds: [c.caseId],
      complaintIds: [],
    });
  }
  const byStaff = new Map<string, LateCompletion[]>();
  for (const c of inPeriod.filter((l) => !l.excused)) byStaff.set(c.staffId, [...(byStaff.get(c.staffId) ?? []), c]);
  for (const [staffId, cases] of byStaff) {
    if (cases.length >= 2) {
      flags.push({
        staffId,
        window: cases[0].window,
        level: 'CIRCULATED_CRITICISM',
        reason: `${cases.length} cases completed late in the period`,
        caseIds: cases.map((c) => c.caseId),
        complaintIds: [],
      });
    }
  }
  const yearStart = `${end.slice(0, 4)}-01-01`;
  const complaintsByStaff = new Map<string, ConductComplaint[]>();
  for (const k of input.conductComplaints.filter((c) => c.filedOn >= yearStart && c.filedOn <= end))
    complaintsByStaff.set(k.staffId, [...(complaintsByStaff.get(k.staffId) ?? []), k]);
  for (const [staffId, complaints] of complaintsByStaff) {
    if (complaints.length >= 3) {
      flags.push({
        staffId,
        window: complaints[0].window,
        level: 'DISCIPLINARY',
        reason: `${complaints.length} valid complaints about conduct this year`,
        caseIds: [],
        complaintIds: complaints.map((k) => k.complaintId),
      });
    }
  }
  const rank: Record<AccountabilityLevel, number> = { DISCIPLINARY: 0, CIRCULATED_CRITICISM: 1, CRITICISM: 2 };
  return flags.sort((a, b) => rank[a.level] - rank[b.level] || a.staffId.localeCompare(b.staffId));
}
