import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { simulate } from '../../src/cli/simulate';
import { collect } from '../../src/core/event-store';
import { SqliteEventStore } from '../../src/infrastructure/event-store/sqlite/sqlite-event-store';
import { KafkaPublisher } from '../../src/infrastructure/kafka/kafka-publisher';
import { openReadModelDb, ReadModelDb } from '../../src/infrastructure/read-models/database';
import { parseCatalogFile } from '../../src/modules/catalog/catalog-file';
import { IntegrationEvent, toIntegrationEvent } from '../../src/modules/cases/integration/case-integration-events';
import { buildCalendar } from '../../src/modules/time-limits/official-calendar';
import { eventually } from '../support/eventually';
import { describeWithKafka, KafkaBroker } from '../support/kafka-broker';

const items = parseCatalogFile(readFileSync(join(__dirname, '../../catalog/demo-catalog.yaml'), 'utf8'));
const quiet = { log: () => undefined, warn: () => undefined };

describeWithKafka('Kafka publisher on a real broker', () => {
  const broker = new KafkaBroker();
  let dir: string;
  let store: SqliteEventStore;
  let db: ReadModelDb;
  let topicNo = 0;

  beforeAll(() => broker.start(), 90_000);
  afterAll(() => broker.destroy());
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'casetrail-kafka-test-'));
    store = new SqliteEventStore(join(dir, 'e.db'));
    db = openReadModelDb({ kind: 'sqlite', path: join(dir, 'rm.db') });
  });
  afterEach(async () => {
    await store.close();
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  const traffic = (days: number, seed: number, now = new Date('2026-06-30T08:00:00.000Z')) =>
    simulate({ store, calendar: buildCalendar(), items, days, casesPerDay: 8, centers: ['c1'], seed, now });
  const publisher = (topic: string, batchSize = 500) =>
    new KafkaPublisher(store, db, { brokers: [broker.brokers], topic, batchSize, idleMs: 50 }, quiet, toIntegrationEvent);
  const expected = async () => (await collect(store.readAll())).flatMap((e) => toIntegrationEvent(e) ?? []);

  /** Everything on the topic, read back by an independent consumer. */
  async function readTopic(topic: string, count: number): Promise<Array<IntegrationEvent & { key: string; partition: number }>> {
    const kafka = new Kafka({ clientId: 'test-reader', brokers: [broker.brokers], logLevel: logLevel.NOTHING });
    const consumer = kafka.consumer({ groupId: `reader-${topic}-${Date.now()}` });
    const seen: Array<IntegrationEvent & { key: string; partition: number }> = [];
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message, partition }) =>
        void seen.push({ ...JSON.parse(message.value!.toString()), key: message.key!.toString(), partition }),
    });
    try {
      await eventually(() => expect(new Set(seen.map((m) => m.id)).size).toBeGreaterThanOrEqual(count), {
        timeoutMs: 30_000,
        intervalMs: 200,
      });
    } finally {
      await consumer.disconnect();
    }
    return seen;
  }

  function expectEachOnceInCaseOrder(received: Array<IntegrationEvent & { key: string }>, wanted: IntegrationEvent[]) {
    const unique = new Map(received.map((m) => [m.id, m]));
    expect([...unique.keys()].sort()).toEqual(wanted.map((w) => w.id).sort());
    for (const m of received) expect(m.key).toBe(m.caseId);
    const byCase = new Map<string, bigint[]>();
    for (const m of unique.values()) byCase.set(m.caseId, [...(byCase.get(m.caseId) ?? []), BigInt(m.position)]);
    for (const positions of byCase.values()) expect(positions).toEqual([...positions].sort((a, b) => (a < b ? -1 : 1)));
  }

  it('publishes every case event, keyed by case, in order per case, and keeps its checkpoint', async () => {
    await traffic(8, 1);
    const wanted = await expected();
    const topic = `casetrail.cases.t${++topicNo}`;
    const p = publisher(topic);
    await p.start();
    await eventually(
      async () => expect(p.getStatus()).toMatchObject({ state: 'running', lag: '0', position: String(await store.headPosition()) }),
      { timeoutMs: 30_000 },
    );
    await p.stop();
    expectEachOnceInCaseOrder(await readTopic(topic, wanted.length), wanted);
    const row = await db
      .selectFrom('projection_checkpoints')
      .select('position')
      .where('name', '=', 'kafka-publisher')
      .executeTakeFirstOrThrow();
    expect(BigInt(row.position)).toBe(await store.headPosition());
  }, 90_000);

  it('a publisher restarted half-way continues from its checkpoint and loses nothing', async () => {
    await traffic(8, 2);
    const wanted = await expected();
    const topic = `casetrail.cases.t${++topicNo}`;
    const first = publisher(topic, 20);
    await first.start();
    await eventually(() => expect(BigInt(first.getStatus().position)).toBeGreaterThan(40n), { timeoutMs: 30_000, intervalMs: 5 });
    await first.stop(); // stopped mid-way
    expect(BigInt(first.getStatus().position)).toBeLessThan(await store.headPosition());
    const second = publisher(topic, 20);
    await second.start();
    await eventually(async () => expect(second.getStatus().position).toBe(String(await store.headPosition())), { timeoutMs: 30_000 });
    await second.stop();
    expectEachOnceInCaseOrder(await readTopic(topic, wanted.length), wanted);
  }, 90_000);

  it('a broker outage delays publication, shows as lag, and loses nothing', async () => {
    await traffic(3, 3, new Date('2026-06-10T08:00:00.000Z'));
    const topic = `casetrail.cases.t${++topicNo}`;
    const p = publisher(topic);
    await p.start();
    await eventually(async () => expect(p.getStatus()).toMatchObject({ state: 'running', lag: '0' }), { timeoutMs: 30_000 });
    await broker.stop();
    await traffic(5, 4); // events keep arriving while the broker is down
    await eventually(() => expect(p.getStatus()).toMatchObject({ state: 'retrying', lastError: expect.any(String) }), {
      timeoutMs: 60_000,
    });
    expect(BigInt(p.getStatus().lag)).toBeGreaterThan(0n);
    await broker.start();
    await eventually(
      async () => expect(p.getStatus()).toMatchObject({ state: 'running', lag: '0', position: String(await store.headPosition()) }),
      { timeoutMs: 90_000, intervalMs: 250 },
    );
    await p.stop();
    const wanted = await expected();
    expectEachOnceInCaseOrder(await readTopic(topic, wanted.length), wanted);
  }, 240_000);
});
