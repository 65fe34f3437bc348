// Runs the end-to-end suite again with PostgreSQL as event store and read-model store.
// Without a PostgreSQL server it says so and skips, unless CASETRAIL_REQUIRE_POSTGRES=1 (as in CI).
const { spawnSync } = require('node:child_process');
const { userInfo } = require('node:os');
const { join } = require('node:path');

const url = process.env.CASETRAIL_TEST_POSTGRES_URL ?? `postgres://${userInfo().username}@127.0.0.1:5432/test`;
const probe = spawnSync(
  process.execPath,
  [
    '-e',
    `const {Client}=require('pg');const c=new Client({connectionString:process.argv[1],connectionTimeoutMillis:3000});c.connect().then(()=>c.end()).then(()=>process.exit(0),e=>{console.error(e.message);process.exit(1)})`,
    url,
  ],
  { encoding: 'utf8', timeout: 10_000 },
);
if (probe.status !== 0) {
  const reason = `no PostgreSQL at ${url} (${(probe.stderr || 'no answer').trim()})`;
  if (process.env.CASETRAIL_REQUIRE_POSTGRES) {
    console.error(`End-to-end tests on PostgreSQL cannot run: ${reason}`);
    process.exit(1);
  }
  console.log(`SKIPPED end-to-end tests on PostgreSQL: ${reason}`);
  process.exit(0);
}
console.log('End-to-end and chaos tests with PostgreSQL as event store and read-model store:');
const jest = spawnSync(
  process.execPath,
  [join(__dirname, '../node_modules/jest/bin/jest.js'), 'test/e2e/', 'test/chaos/', '--runInBand', '--selectProjects', 'integration'],
  {
    stdio: 'inherit',
    env: { ...process.env, CASETRAIL_E2E_STORE: 'postgres' },
  },
);
process.exit(jest.status ?? 1);
