import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describeWhenAvailable } from '../support/environment';
import { TestService } from '../support/service';
import { toolsAvailability } from '../support/tools';
import { documents, ShellBlock, shellBlocks } from '../support/shell-blocks';

const ROOT = join(__dirname, '../..');

/**
 * What the README and the docs tell a reader to paste runs as written, in order, in one shell per file,
 * twice, against a running service: the token commands, the walk-through, a replay, a dossier exported and checked,
 * the simulator, the auditors' scenarios. A block that cannot run here (a server of the reader's own, a file
 * of their own, `npm start` itself) says so in a comment above it, with the reason; every other block runs.
 * The README's walk-through has a test of its own as well (readme-walkthrough), which runs it twice.
 */
describeWhenAvailable(
  'the shell blocks of the README and docs/ run as written',
  toolsAvailability('curl'),
  'CASETRAIL_REQUIRE_CURL',
  () => {
    const all = documents().flatMap(shellBlocks);
    const runnable = new Map<string, ShellBlock[]>();
    for (const block of all) if (!block.notRun) runnable.set(block.file, [...(runnable.get(block.file) ?? []), block]);

    const service = new TestService();
    beforeAll(() => service.start());
    afterAll(async () => {
      await service.stop();
      await service.cleanup();
    });

    it('finds the blocks, and each one not run says why', () => {
      expect(all.length).toBeGreaterThanOrEqual(15);
      expect([...runnable.keys()]).toEqual(expect.arrayContaining(['README.md', 'docs/scenarios/README.md']));
      for (const block of all.filter((b) => b.notRun)) expect(block.notRun!.length).toBeGreaterThan(10);
      // Shown, so a reader of the test output sees what is left to the reader.
      console.log(
        `Shell blocks not run, by their own account:\n${all
          .filter((b) => b.notRun)
          .map((b) => `  ${b.file}:${b.line}: ${b.notRun}`)
          .join('\n')}`,
      );
    });

    it.each([...new Set(all.map((b) => b.file))].filter((f) => runnable.has(f)))('%s, twice', async (file) => {
      const blocks = runnable.get(file)!;
      // -e with inherit_errexit: a failing command stops the run, inside $(…) too.
      const script = ['shopt -s inherit_errexit', ...blocks.map((b) => `# ${b.file}:${b.line}\n${b.code}`)].join('\n');
      for (const run of [1, 2]) {
        const result = spawnSync('bash', ['-e', '-o', 'pipefail', '-c', script], {
          cwd: ROOT,
          env: await service.cliEnv(),
          encoding: 'utf8',
          timeout: 300_000,
          maxBuffer: 64 * 1024 * 1024,
        });
        const shown = `${result.stdout}\n${result.stderr}`.slice(-4000);
        expect([run, result.status, result.signal, result.error?.message, result.status === 0 ? '' : shown]).toEqual([
          run,
          0,
          null,
          undefined,
          '',
        ]);
        // A GraphQL answer with errors is still HTTP 200 and exit 0: look at the answers themselves.
        const answers = result.stdout.split('\n').filter((l) => l.startsWith('{"data"') || l.startsWith('{"errors"'));
        expect(answers.filter((a) => a.includes('"errors"'))).toEqual([]);
        expect(shown).not.toMatch(/FAIL|TAMPERED|Error:/);
        if (file === 'README.md') {
          expect(answers.length).toBeGreaterThanOrEqual(9);
          expect(result.stdout.match(/^eyJ[\w-]+\.[\w-]+\.[\w-]+$/gm)?.length).toBeGreaterThanOrEqual(4);
          expect(result.stdout).toMatch(/Dossier of case /);
        }
      }
    });
  },
);
