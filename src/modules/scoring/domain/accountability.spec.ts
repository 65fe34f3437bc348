import { accountabilityFlags } from './accountability';

const late = (caseId: string, staffId: string, completedOn: string, withinFirstUrgingPeriod: boolean | null = null, excused = false) => ({
  caseId,
  staffId,
  window: 'w1',
  completedOn,
  withinFirstUrgingPeriod,
  excused,
});
const complaint = (complaintId: string, filedOn: string) => ({ complaintId, staffId: 'staff-c', window: 'w1', filedOn });

describe('accountability flags (责任追究)', () => {
  it('flags criticism, circulated criticism and disciplinary action from what the events show', () => {
    const flags = accountabilityFlags({
      start: '2026-11-01',
      end: '2026-11-30',
      lateCompletions: [
        late('k1', 'staff-a', '2026-11-05', true),
        late('k2', 'staff-b', '2026-11-06'),
        late('k3', 'staff-b', '2026-11-20'),
        late('k4', 'staff-b', '2026-10-20'),
        late('k5', 'staff-d', '2026-11-07'),
        late('k6', 'staff-d', '2026-11-08', null, true),
      ],
      conductComplaints: [
        complaint('c1', '2026-02-01'),
        complaint('c2', '2026-06-01'),
        complaint('c3', '2026-11-02'),
        complaint('c0', '2025-12-30'),
      ],
    });
    expect(flags.map((f) => [f.level, f.staffId, f.caseIds, f.complaintIds])).toEqual([
      ['DISCIPLINARY', 'staff-c', [], ['c1', 'c2', 'c3']],
      ['CIRCULATED_CRITICISM', 'staff-b', ['k2', 'k3'], []],
      ['CRITICISM', 'staff-a', ['k1'], []],
    ]);
  });
});
