import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signToken } from '../../src/infrastructure/auth/tokens';
import { freePort } from '../support/environment';
import { eventually } from '../support/eventually';

const ROOT = join(__dirname, '../..');
const SECRET = 'process-test-secret-'.padEnd(40, 'x');

/** `npm start` as an operator runs it, and stops it, with `kill -TERM` on the process they started. */
describe('npm start: a well-mannered process', () => {
  const dir = mkdtempSync(join(tmpdir(), 'casetrail-process-'));
  let group: number | undefined;
  afterAll(() => {
    // Whatever happened, nothing this test started outlives it.
    if (group) {
      try {
        process.kill(-group, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('does not compile again when nothing changed', () => {
    spawnSync(process.execPath, [join(ROOT, 'scripts/build-if-stale.js')], { cwd: ROOT, encoding: 'utf8' });
    const stamp = statSync(join(ROOT, 'dist/.built')).mtimeMs;
    const again = spawnSync(process.execPath, [join(ROOT, 'scripts/build-if-stale.js')], { cwd: ROOT, encoding: 'utf8' });
    expect([again.status, again.stderr]).toEqual([0, '']);
    expect(statSync(join(ROOT, 'dist/.built')).mtimeMs).toBe(stamp);
  });

  it('stops on SIGTERM to the npm process, saying what it did; refusals are logged at info', async () => {
    const port = await freePort();
    const npm = spawn('npm', ['start', '--silent'], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        EVENT_STORE_URL: `sqlite:${join(dir, 'casetrail.db')}`,
        CASETRAIL_JWT_SECRET: SECRET,
        PORT: String(port),
        HOST: '127.0.0.1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    group = npm.pid;
    let output = '';
    npm.stdout!.on('data', (d) => (output += d));
    npm.stderr!.on('data', (d) => (output += d));
    const exited = new Promise<number | null>((resolve) => npm.once('exit', (code) => resolve(code)));
    const url = `http://127.0.0.1:${port}`;
    await eventually(async () => expect((await fetch(`${url}/health/live`)).status).toBe(200), { timeoutMs: 60_000, intervalMs: 200 });
    expect(output).not.toContain('Compiling');

    const token = signToken(SECRET, { user: 'staff-a', role: 'staff', center: 'c1', window: 'civil-affairs' });
    const refused = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: 'mutation { acceptCase(input: { commandId: "x", caseId: "no-such-case" }) { case { id } } }' }),
    });
    expect(((await refused.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0].extensions.code).toBe(
      'CASE.NOT_FOUND',
    );

    npm.kill('SIGTERM');
    expect(await exited).toBe(0);
    // Nothing left serving: the service itself received the signal, not only npm.
    await expect(fetch(`${url}/health/live`)).rejects.toThrow();
    const lines = output
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as { level: number; msg: string; context?: string });
    const said = lines.map((l) => l.msg);
    expect(said).toEqual(
      expect.arrayContaining([
        'Shutdown: new requests refused; 0 in flight finished',
        'Projections stopped; event store and read models closed',
        'casetrail stopped',
      ]),
    );
    expect(lines.find((l) => l.context === 'Refused')).toMatchObject({
      level: 30,
      msg: 'Mutation.acceptCase: CASE.NOT_FOUND: No case no-such-case',
    });
    expect(lines.filter((l) => l.level >= 50)).toEqual([]);
  });
});
