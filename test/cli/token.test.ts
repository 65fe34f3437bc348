import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verifyToken } from '../../src/infrastructure/auth/tokens';
import { loadConfig } from '../../src/config';

const BIN = join(__dirname, '../../bin/casetrail.js');

describe('casetrail token', () => {
  const dir = mkdtempSync(join(tmpdir(), 'casetrail-cli-'));
  const env = { PATH: process.env.PATH, EVENT_STORE_URL: `sqlite:${join(dir, 'casetrail.db')}` };
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints only a token, signed with the secret the server will use', () => {
    loadConfig(env); // the server, started once here, made its secret
    const out = execFileSync(
      process.execPath,
      [BIN, 'token', '--user', 'u1', '--role', 'staff', '--center', 'c1', '--window', 'civil-affairs'],
      { env, encoding: 'utf8' },
    );
    expect(out).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
    const { jwtSecret } = loadConfig(env);
    expect(verifyToken(jwtSecret, out.trim())).toEqual({ id: 'u1', role: 'staff', center: 'c1', window: 'civil-affairs' });
    expect(statSync(join(dir, 'jwt-secret')).mode & 0o777).toBe(0o600);
  });

  it('uses CASETRAIL_JWT_SECRET when it is set', () => {
    const secret = 's'.repeat(40);
    const out = execFileSync(process.execPath, [BIN, 'token', '--user', 'lead', '--role', 'center_leader', '--center', 'c1'], {
      env: { ...env, CASETRAIL_JWT_SECRET: secret },
      encoding: 'utf8',
    });
    expect(verifyToken(secret, out.trim())).toEqual({ id: 'lead', role: 'center_leader', center: 'c1' });
  });

  it('prints a console link with --link, the token in the fragment, on the port or the URL configured', () => {
    const secret = 's'.repeat(40);
    const args = [BIN, 'token', '--user', 'lead', '--role', 'center_leader', '--center', 'c1', '--link'];
    const local = execFileSync(process.execPath, args, { env: { ...env, CASETRAIL_JWT_SECRET: secret, PORT: '4100' }, encoding: 'utf8' });
    const [, token] = /^http:\/\/localhost:4100\/console\/#token=([\w-]+\.[\w-]+\.[\w-]+)\n$/.exec(local) ?? [];
    expect(verifyToken(secret, token)).toEqual({ id: 'lead', role: 'center_leader', center: 'c1' });
    const remote = execFileSync(process.execPath, args, {
      env: { ...env, CASETRAIL_JWT_SECRET: secret, CASETRAIL_URL: 'https://casetrail.example.gov.cn/graphql' },
      encoding: 'utf8',
    });
    expect(remote).toMatch(/^https:\/\/casetrail\.example\.gov\.cn\/console\/#token=[\w-]+\.[\w-]+\.[\w-]+\n$/);
  });

  it('refuses an unknown role with a clear message and a failing exit code', () => {
    let failure: { status?: number; stderr?: string } = {};
    try {
      execFileSync(process.execPath, [BIN, 'token', '--user', 'u1', '--role', 'king'], { env, encoding: 'utf8', stdio: 'pipe' });
    } catch (error) {
      failure = error as typeof failure;
    }
    expect(failure.status).not.toBe(0);
    expect(failure.stderr).toMatch(/must be one of applicant, staff/);
  });

  const fails = (args: string[], extraEnv: Record<string, string> = {}) => {
    let failure: { status?: number; stderr?: string; stdout?: string } = {};
    try {
      execFileSync(process.execPath, [BIN, 'token', ...args], { env: { ...env, ...extraEnv }, encoding: 'utf8', stdio: 'pipe' });
    } catch (error) {
      failure = error as typeof failure;
    }
    return failure;
  };

  it('refuses to sign with a secret of its own where the server has never run, and says what to do', () => {
    const elsewhere = mkdtempSync(join(tmpdir(), 'casetrail-cli-elsewhere-'));
    try {
      const failure = fails(['--user', 'u1', '--role', 'admin'], { EVENT_STORE_URL: `sqlite:${join(elsewhere, 'casetrail.db')}` });
      expect(failure.status).not.toBe(0);
      expect(failure.stdout).toBe('');
      expect(failure.stderr).toContain(`No token secret at ${join(elsewhere, 'jwt-secret')}`);
      expect(failure.stderr).toContain('set CASETRAIL_JWT_SECRET');
      expect(existsSync(join(elsewhere, 'jwt-secret'))).toBe(false);
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });

  it('refuses a token that could do nothing: staff without a window, a leader without a center, oversight without centers', () => {
    expect(fails(['--user', 's', '--role', 'staff', '--center', 'c1']).stderr).toMatch(/a staff token needs --center and --window/);
    expect(fails(['--user', 'l', '--role', 'window_lead', '--window', 'w']).stderr).toMatch(
      /a window_lead token needs --center and --window/,
    );
    expect(fails(['--user', 'l', '--role', 'center_leader']).stderr).toMatch(/a center_leader token needs --center/);
    expect(fails(['--user', 'o', '--role', 'oversight']).stderr).toMatch(/an oversight token needs --centers/);
  });
});
