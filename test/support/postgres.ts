import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { userInfo } from 'node:os';
import { Client } from 'pg';

/** The PostgreSQL the tests use: the machine's local server by default (trust auth, database `test`). */
export const POSTGRES_URL = process.env.CASETRAIL_TEST_POSTGRES_URL ?? `postgres://${userInfo().username}@127.0.0.1:5432/test`;

let availability: { ok: true } | { ok: false; reason: string } | undefined;

/** Checked once, synchronously, so a suite can decide at load time whether to run. */
export function postgresAvailability() {
  if (!availability) {
    const probe = spawnSync(
      process.execPath,
      ['-e', `const {Client}=require('pg');const c=new Client({connectionString:process.argv[1],connectionTimeoutMillis:3000});c.connect().then(()=>c.end()).then(()=>process.exit(0),e=>{console.error(e.message);process.exit(1)})`, POSTGRES_URL],
      { encoding: 'utf8', timeout: 10_000 },
    );
    availability = probe.status === 0 ? { ok: true } : { ok: false, reason: `no PostgreSQL at ${POSTGRES_URL} (${(probe.stderr || 'no answer').trim()})` };
  }
  return availability;
}

/**
 * Runs a suite against PostgreSQL. Where there is none, the suite is skipped with its reason printed;
 * with CASETRAIL_REQUIRE_POSTGRES=1 (as in CI) a missing server fails instead.
 */
export function describeWithPostgres(name: string, suite: () => void): void {
  const status = postgresAvailability();
  if (status.ok) return describe(name, suite);
  if (process.env.CASETRAIL_REQUIRE_POSTGRES) {
    describe(name, () => it('needs PostgreSQL', () => {
      throw new Error(status.reason);
    }));
    return;
  }
  console.warn(`SKIPPED ${name}: ${status.reason}`);
  describe.skip(`${name} (skipped: ${status.reason})`, suite);
}

export function freshSchemaName(): string {
  return `t_${randomBytes(6).toString('hex')}`;
}

export async function dropSchema(schema: string): Promise<void> {
  const client = new Client({ connectionString: POSTGRES_URL });
  await client.connect();
  await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await client.end();
}
