import { collect, RecordedEvent } from '../../src/core/event-store';
import { PostgresEventStore } from '../../src/infrastructure/event-store/postgres/postgres-event-store';
import { anEvent } from '../support/events';
import { eventually } from '../support/eventually';
import { describeWithPostgres, dropSchema, freshSchemaName, POSTGRES_URL } from '../support/postgres';

/**
 * The PostgreSQL trap: sequence values commit out of order, so a reader that follows the highest
 * position it has seen can skip an event whose transaction commits late. Here many writers, on two
 * separate store instances (as two service processes would be), hold their transactions open for random
 * times and roll some back; a subscriber must see exactly the committed events, each once, in order.
 */
describeWithPostgres('PostgreSQL: no event skipped or repeated under late commits and rollbacks', () => {
  const schema = freshSchemaName();
  afterAll(() => dropSchema(schema));

  it('a live subscriber receives exactly the committed set, in per-stream order', async () => {
    let seed = 12345;
    const rand = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    const chaos = async () => {
      await new Promise((r) => setTimeout(r, rand() * 15)); // commit late
      if (rand() < 0.1) throw new Error('rolled back on purpose');
    };
    const open = (withChaos: boolean) =>
      PostgresEventStore.open({
        connectionString: POSTGRES_URL,
        schema,
        pollIntervalMs: 100,
        maxBatch: 8,
        beforeCommit: withChaos ? chaos : undefined,
      });
    const [writerA, writerB, reader] = await Promise.all([open(true), open(true), open(false)]);

    const controller = new AbortController();
    const received: RecordedEvent[] = [];
    const following = (async () => {
      for await (const e of reader.subscribeToAll({ signal: controller.signal })) received.push(e);
    })();

    const acknowledged = new Set<string>();
    const streams = Array.from({ length: 12 }, (_, i) => `case-race-${i}`);
    const writer = async (store: PostgresEventStore, appends: number) => {
      for (let n = 0; n < appends; n++) {
        const stream = streams[Math.floor(rand() * streams.length)];
        const head = (await collect(store.readStream(stream))).at(-1)?.revision;
        const events = Array.from({ length: 1 + Math.floor(rand() * 3) }, () => anEvent('Raced'));
        try {
          await store.append(stream, events, head === undefined ? 'no_stream' : head);
          events.forEach((e) => acknowledged.add(e.id));
        } catch {
          // a conflict or a deliberate rollback: nothing of it may appear
        }
      }
    };
    await Promise.all([...Array.from({ length: 6 }, () => writer(writerA, 25)), ...Array.from({ length: 6 }, () => writer(writerB, 25))]);

    const committed = await collect(reader.readAll());
    expect(committed.length).toBeGreaterThan(100);
    expect(new Set(committed.map((e) => e.id))).toEqual(acknowledged);
    await eventually(() => expect(received).toHaveLength(committed.length), { timeoutMs: 10_000 });
    controller.abort();
    await following;

    expect(received.map((e) => e.id)).toEqual(committed.map((e) => e.id));
    expect(new Set(received.map((e) => e.id)).size).toBe(received.length);
    for (let i = 1; i < received.length; i++) expect(received[i].position > received[i - 1].position).toBe(true);
    for (const stream of streams) {
      const revisions = received.filter((e) => e.stream === stream).map((e) => Number(e.revision));
      expect(revisions).toEqual(revisions.map((_, i) => i));
    }
    await Promise.all([writerA.close(), writerB.close(), reader.close()]);
  }, 60_000);
});
