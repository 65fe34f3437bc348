import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Role } from '../../src/infrastructure/auth/tokens';

export const ROLES: Array<Exclude<Role, 'system'>> = ['applicant', 'staff', 'window_lead', 'center_leader', 'oversight', 'admin'];

/** One user of each role, in center c1 (its civil-affairs window), as the policy tests act. */
export const PRINCIPALS: Record<(typeof ROLES)[number], { user: string; center?: string; window?: string; centers?: string[] }> = {
  applicant: { user: 'citizen-1' },
  staff: { user: 'staff-a', center: 'c1', window: 'civil-affairs' },
  window_lead: { user: 'lead-a', center: 'c1', window: 'civil-affairs' },
  center_leader: { user: 'leader-1', center: 'c1' },
  oversight: { user: 'inspector-1', centers: ['c1'] },
  admin: { user: 'admin-1', center: 'c1' },
};

/** The policy table documented in docs/security.md, parsed: operation → role → cell. */
export function documentedPolicy(): Map<string, Record<string, string>> {
  const whole = readFileSync(join(__dirname, '../../docs/security.md'), 'utf8');
  const doc = whole.slice(whole.indexOf('<!-- policy table'), whole.indexOf('<!-- end of policy table'));
  const lines = doc.split('\n').filter((l) => l.startsWith('| `'));
  const header = doc
    .split('\n')
    .find((l) => l.startsWith('| operation |'))!
    .split('|')
    .map((c) => c.trim())
    .filter(Boolean);
  return new Map(
    lines.map((line) => {
      const cells = line
        .split('|')
        .map((c) => c.trim())
        .slice(1, -1);
      return [cells[0].replace(/`/g, ''), Object.fromEntries(header.slice(2).map((role, i) => [role, cells[i + 2]]))];
    }),
  );
}
