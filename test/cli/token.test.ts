import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
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
    const out = execFileSync(process.execPath, [BIN, 'token', '--user', 'u1', '--role', 'staff', '--center', 'c1', '--window', 'civil-affairs'], { env, encoding: 'utf8' });
    expect(out).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
    const { jwtSecret } = loadConfig(env);
    expect(verifyToken(jwtSecret, out.trim())).toEqual({ id: 'u1', role: 'staff', center: 'c1', window: 'civil-affairs' });
    expect(statSync(join(dir, 'jwt-secret')).mode & 0o777).toBe(0o600);
  });

  it('uses CASETRAIL_JWT_SECRET when it is set', () => {
    const secret = 's'.repeat(40);
    const out = execFileSync(process.execPath, [BIN, 'token', '--user', 'lead', '--role', 'center_leader'], { env: { ...env, CASETRAIL_JWT_SECRET: secret }, encoding: 'utf8' });
    expect(verifyToken(secret, out.trim())).toEqual({ id: 'lead', role: 'center_leader' });
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
});
