import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { userInfo } from 'node:os';
import { Client } from 'pg';
import { Availability, describeWhenAvailable } from './environment';

/** The PostgreSQL the tests use: the machine's local server by default (trust auth, database `test`). */
export const POSTGRES_URL = process.env.CASETRAIL_TEST_POSTGRES_URL ?? `postgres://${userInfo().username}@127.0.0.1:5432/test`;

let availability: Availability | undefined;

/** Checked once, synchronously, so a suite can decide at load time whether to run. */
export function postgresAvailability(): Availability {
  if (!availability) {
    const probe = spawnSync(
      process.execPath,
      [
        '-e',
        `const {Client}=require('pg');const c=new Client({connectionString:process.argv[1],connectionTimeoutMillis:3000});c.connect().then(()=>c.end()).then(()=>process.exit(0),e=>{console.error(e.message);process.exit(1)})`,
        POSTGRES_URL,
      ],
      { encoding: 'utf8', timeout: 10_000 },
    );
    availability =
      probe.status === 0
        ? { ok: true }
        : { ok: false, reason: `no PostgreSQL at ${POSTGRES_URL} (${(probe.stderr || 'no answer').trim()})` };
  }
  return availability;
}

/** Runs a suite against PostgreSQL (see describeWhenAvailable). */
export function describeWithPostgres(name: string, suite: () => void): void {
  describeWhenAvailable(name, postgresAvailability(), 'CASETRAIL_REQUIRE_POSTGRES', suite);
}

/** One statement on the tests' server, on a connection of its own (CREATE DATABASE cannot run in a pool's transaction). */
export async function adminQuery(text: string): Promise<void> {
  const client = new Client({ connectionString: POSTGRES_URL });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/** The URL of another database on the tests' server. */
export function databaseUrl(database: string): string {
  const url = new URL(POSTGRES_URL);
  url.pathname = `/${database}`;
  return url.toString();
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
