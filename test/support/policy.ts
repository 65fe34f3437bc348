import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The policy table documented in docs/security.md, parsed: operation → role → cell. */
export function documentedPolicy(): Map<string, Record<string, string>> {
  const whole = readFileSync(join(__dirname, '../../docs/security.md'), 'utf8');
  const doc = whole.slice(whole.indexOf('<!-- policy table'), whole.indexOf('<!-- end of policy table'));
  const lines = doc.split('\n').filter((l) => l.startsWith('| `'));
  const header = doc.split('\n').find((l) => l.startsWith('| operation |'))!.split('|').map((c) => c.trim()).filter(Boolean);
  return new Map(
    lines.map((line) => {
      const cells = line.split('|').map((c) => c.trim()).slice(1, -1);
      return [cells[0].replace(/`/g, ''), Object.fromEntries(header.slice(2).map((role, i) => [role, cells[i + 2]]))];
    }),
  );
}

