import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describeWhenAvailable } from '../support/environment';
import { toolCommand, toolsAvailability } from '../support/tools';

const FILE = join(__dirname, '../../docker/compose.yml');
const env = { ...process.env, POSTGRES_PASSWORD: 'example', CASETRAIL_JWT_SECRET: 'x'.repeat(40) };

const compose = toolCommand('docker-compose');
describeWhenAvailable('docker/compose.yml', toolsAvailability('docker-compose'), 'CASETRAIL_REQUIRE_COMPOSE', () => {
  const config = (extraEnv: Record<string, string | undefined> = {}) =>
    spawnSync(compose![0], [...compose!.slice(1), '-f', FILE, 'config'], { encoding: 'utf8', env: { ...env, ...extraEnv } });

  it('validates, with EventStoreDB, three Kafka brokers, PostgreSQL and the service', () => {
    const result = config();
    expect(result.stderr).not.toMatch(/error/i);
    expect(result.status).toBe(0);
    for (const service of ['eventstore', 'postgres', 'kafka-1', 'kafka-2', 'kafka-3', 'casetrail'])
      expect(result.stdout).toContain(`${service}:`);
    expect(result.stdout).toMatch(/KAFKA_MIN_INSYNC_REPLICAS: '?2'?/);
    expect(result.stdout).toMatch(/EVENT_STORE_URL: '?esdb:\/\/eventstore:2113\?tls=false'?/);
    expect(result.stdout).toMatch(/READ_MODEL_URL: '?postgres:\/\/casetrail:example@postgres:5432\/casetrail'?/);
  });

  it('refuses to run without the secrets', () => {
    expect(config({ CASETRAIL_JWT_SECRET: undefined, POSTGRES_PASSWORD: undefined }).status).not.toBe(0);
  });
});
