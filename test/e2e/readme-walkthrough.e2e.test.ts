import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeWhenAvailable } from '../support/environment';
import { TestService } from '../support/service';
import { toolsAvailability } from '../support/tools';
import { shellBlocks } from '../support/shell-blocks';

const ROOT = join(__dirname, '../..');
const README = join(ROOT, 'README.md');

/** The shell blocks of a README section, in order, as a reader pastes them. */
function sectionBlocks(from: string, to: string): string[] {
  const lines = readFileSync(README, 'utf8').split('\n');
  const start = lines.indexOf(from);
  const end = lines.findIndex((l, i) => i > start && l === to);
  return shellBlocks(README)
    .filter((b) => b.line > start && b.line <= end)
    .map((b) => b.code);
}

/** The README's walk-through, pasted into bash as it stands, twice, against a fresh service. */
describeWhenAvailable('README: a case, step by step, pastes and runs', toolsAvailability('curl'), 'CASETRAIL_REQUIRE_CURL', () => {
  const service = new TestService();
  beforeAll(() => service.start());
  afterAll(async () => {
    await service.stop();
    await service.cleanup();
  });

  it('runs every block as written, twice, with no error in any answer', () => {
    const blocks = sectionBlocks('## A case, step by step', '### Lifecycle');
    expect(blocks.length).toBeGreaterThanOrEqual(4);
    const receipts: string[] = [];
    for (const run of [1, 2]) {
      const result = spawnSync('bash', ['-e', '-o', 'pipefail', '-c', `${blocks.join('\n')}\necho "RECEIPT=$RECEIPT"`], {
        cwd: ROOT,
        env: { PATH: process.env.PATH, HOME: process.env.HOME, CASETRAIL_URL: service.url, CASETRAIL_JWT_SECRET: service.secret },
        encoding: 'utf8',
        timeout: 120_000,
      });
      const answers = result.stdout.split('\n').filter((l) => l.startsWith('{'));
      expect([run, result.status, result.stderr]).toEqual([run, 0, '']);
      expect(answers.filter((a) => a.includes('"errors"'))).toEqual([]);
      expect(answers.length).toBe(9);
      expect(answers.at(-1)).toContain('"status":"ARCHIVED"');
      receipts.push(/^RECEIPT=(.+)$/m.exec(result.stdout)![1]);
    }
    // The second paste made a case of its own.
    expect(receipts[0]).toMatch(/^c1-\d{8}-\d{4}$/);
    expect(receipts[1]).not.toBe(receipts[0]);
  });
});
