import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '../..');
const JEST = join(ROOT, 'node_modules/jest/bin/jest.js');

/** Runs test files in a Jest of their own, as on a machine without the given tools. */
function runWithout(tools: string[], files: string[], extraEnv: Record<string, string> = {}) {
  const env: NodeJS.ProcessEnv = { ...process.env, CASETRAIL_TEST_HIDE_TOOLS: tools.join(','), CASETRAIL_TEST_NESTED: '1' };
  delete env.CASETRAIL_REQUIRE_KAFKA;
  delete env.CASETRAIL_REQUIRE_COMPOSE;
  delete env.CASETRAIL_REQUIRE_CHROMIUM;
  Object.assign(env, extraEnv);
  // The files come first: --selectProjects takes every word after it as a project name.
  return spawnSync(process.execPath, [JEST, ...files, '--ci', '--verbose', '--runInBand', '--selectProjects', 'integration'], {
    cwd: ROOT,
    env,
    encoding: 'utf8',
    timeout: 240_000,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

// Never inside a run this file started itself.
(process.env.CASETRAIL_TEST_NESTED ? describe.skip : describe)(
  'a machine without the optional tools (fresh clone, nothing .ci/run installs)',
  () => {
    it('skips the browser tests with the reason where there is no Chromium', () => {
      const run = runWithout([], ['test/browser/center-board.test.ts'], { CASETRAIL_CHROMIUM: '/nonexistent/chromium' });
      const output = run.stdout + run.stderr;
      expect([run.status, output]).toEqual([
        0,
        expect.stringContaining('SKIPPED the center board in a browser: no Chromium at /nonexistent/chromium (apt-get install chromium)'),
      ]);
    }, 300_000);

    it('skips the Kafka and compose suites with the reason, and still runs the personal-data property without the Kafka channel', () => {
      const run = runWithout(
        ['kcat', 'docker-compose'],
        ['test/e2e/kafka.e2e.test.ts', 'test/docker/compose.test.ts', 'test/e2e/personal-data.e2e.test.ts'],
      );
      const output = run.stdout + run.stderr;
      expect([run.status, output]).toEqual([
        0,
        expect.stringContaining('SKIPPED integration events on Kafka, read back with kcat: kcat is not installed'),
      ]);
      expect(output).toContain('SKIPPED docker/compose.yml: docker-compose is not installed');
      expect(output).toContain('SKIPPED the Kafka channel of the personal-data property: kcat is not installed');
      expect(output).toMatch(/✓ finds no full identity or phone number/);
    }, 300_000);

    it('fails instead where CI requires Kafka', () => {
      const run = runWithout(['kcat'], ['test/e2e/kafka.e2e.test.ts'], { CASETRAIL_REQUIRE_KAFKA: '1' });
      expect(run.status).not.toBe(0);
      expect(run.stdout + run.stderr).toContain('kcat is not installed');
    }, 120_000);
  },
);
