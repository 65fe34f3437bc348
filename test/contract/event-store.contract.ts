import { DuplicateEventError, WrongExpectedRevisionError } from '../../src/core/errors';
import { EventStore, RecordedEvent, collect } from '../../src/core/event-store';
import { anEvent } from '../support/events';
import { eventually } from '../support/eventually';

export interface StoreUnderTest {
  store: EventStore;
  /** Closes the store and opens the same data again, as a restart would. */
  reopen(): Promise<EventStore>;
  cleanup(): Promise<void>;
}

/** The event-store contract: every adapter runs this suite unchanged. */
export function describeEventStoreContract(name: string, open: () => Promise<StoreUnderTest>): void {
  describe(`EventStore contract: ${name}`, () => {
    let subject: StoreUnderTest;
    let store: EventStore;
    let streamNo = 0;
    const stream = () => `case-${process.pid}-${Date.now()}-${++streamNo}`;

    beforeEach(async () => {
      subject = await open();
      store = subject.store;
    });
    afterEach(async () => {
      await subject.store.close();
      await subject.cleanup();
    });

    it('creates a stream at revision 0 and numbers its events in order', async () => {
      const s = stream();
      const result = await store.append(s, [anEvent('A'), anEvent('B')], 'no_stream');
      expect(result.nextRevision).toBe(1n);
      const events = await collect(store.readStream(s));
      expect(events.map((e) => [e.type, e.revision])).toEqual([
        ['A', 0n],
        ['B', 1n],
      ]);
      expect(events[1].position).toBe(result.position);
      expect(events[0].position < events[1].position).toBe(true);
    });

    it('appends at the revision that was read and refuses any other', async () => {
      const s = stream();
      await store.append(s, [anEvent('A')], 'no_stream');
      await expect(store.append(s, [anEvent('B')], 'no_stream')).rejects.toBeInstanceOf(WrongExpectedRevisionError);
      await expect(store.append(s, [anEvent('B')], 5n)).rejects.toBeInstanceOf(WrongExpectedRevisionError);
      await expect(store.append(stream(), [anEvent('B')], 0n)).rejects.toBeInstanceOf(WrongExpectedRevisionError);
      const ok = await store.append(s, [anEvent('B')], 0n);
      expect(ok.nextRevision).toBe(1n);
      expect((await collect(store.readStream(s))).map((e) => e.type)).toEqual(['A', 'B']);
    });

    it('writes nothing of a refused append', async () => {
      const s = stream();
      await store.append(s, [anEvent('A')], 'no_stream');
      const before = await collect(store.readAll());
      await expect(store.append(s, [anEvent('X'), anEvent('Y')], 3n)).rejects.toThrow();
      expect(await collect(store.readAll())).toHaveLength(before.length);
    });

    it('lets exactly one of two concurrent writers at the same revision win', async () => {
      const s = stream();
      await store.append(s, [anEvent('A')], 'no_stream');
      const results = await Promise.allSettled([store.append(s, [anEvent('B1')], 0n), store.append(s, [anEvent('B2')], 0n)]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
      expect(rejected.reason).toBeInstanceOf(WrongExpectedRevisionError);
      expect(await collect(store.readStream(s))).toHaveLength(2);
    });

    it('treats the same event ids at the same revision as an idempotent retry', async () => {
      const s = stream();
      const events = [anEvent('A'), anEvent('B')];
      const first = await store.append(s, events, 'no_stream');
      const again = await store.append(s, events, 'no_stream');
      expect(again).toEqual(first);
      expect(await collect(store.readStream(s))).toHaveLength(2);
    });

    it('refuses event ids that are already stored in another stream', async () => {
      const e = anEvent('A');
      await store.append(stream(), [e], 'no_stream');
      const other = stream();
      await expect(store.append(other, [e], 'no_stream')).rejects.toBeInstanceOf(DuplicateEventError);
      expect(await collect(store.readStream(other))).toHaveLength(0);
    });

    it('keeps data and metadata exactly, including Chinese text and nesting', async () => {
      const s = stream();
      const event = anEvent('CaseSubmitted', { applicant: { name: '张三' }, materials: ['户口簿', '身份证'], fee: '9.00', n: null });
      await store.append(s, [event], 'no_stream');
      const [read] = await collect(store.readStream(s));
      expect(read.id).toBe(event.id);
      expect(read.stream).toBe(s);
      expect(read.data).toEqual(event.data);
      // A chaining store adds the audit link; everything given is kept as given.
      const { audit: _audit, ...metadata } = read.metadata;
      expect(metadata).toEqual(event.metadata);
    });

    it('reads a stream from a revision and with a limit; an unknown stream is empty', async () => {
      const s = stream();
      await store.append(
        s,
        Array.from({ length: 5 }, (_, i) => anEvent(`E${i}`)),
        'no_stream',
      );
      const page = await collect(store.readStream(s, { fromRevision: 2n, maxCount: 2 }));
      expect(page.map((e) => e.type)).toEqual(['E2', 'E3']);
      expect(await collect(store.readStream(stream()))).toEqual([]);
    });

    it("gives a stream's last event in one read, the same as the end of a full read; none for an unknown stream", async () => {
      const s = stream();
      const other = stream();
      expect(await store.lastEvent(s)).toBeUndefined();
      await store.append(
        s,
        Array.from({ length: 3 }, (_, i) => anEvent(`E${i}`)),
        'no_stream',
      );
      await store.append(other, [anEvent('Other')], 'no_stream');
      await store.append(s, [anEvent('E3')], 2n);
      const last = await store.lastEvent(s);
      expect(last).toEqual((await collect(store.readStream(s))).at(-1));
      expect([last!.type, last!.revision]).toEqual(['E3', 3n]);
      expect((await store.lastEvent(other))!.type).toBe('Other');
    });

    it('reads streams longer than one page in order', async () => {
      const s = stream();
      await store.append(
        s,
        Array.from({ length: 1203 }, (_, i) => anEvent(`E${i}`)),
        'no_stream',
      );
      const events = await collect(store.readStream(s));
      expect(events).toHaveLength(1203);
      expect(events.every((e, i) => e.revision === BigInt(i))).toBe(true);
    });

    it('reads the global log in position order, resuming after a position', async () => {
      const a = stream();
      const b = stream();
      const first = await store.append(a, [anEvent('A0')], 'no_stream');
      await store.append(b, [anEvent('B0'), anEvent('B1')], 'no_stream');
      const last = await store.append(a, [anEvent('A1')], 0n);
      const all = await collect(store.readAll());
      const positions = all.map((e) => e.position);
      expect([...positions].sort((x, y) => (x < y ? -1 : 1))).toEqual(positions);
      expect(new Set(positions).size).toBe(positions.length);
      const rest = await collect(store.readAll({ after: first.position }));
      expect(rest.map((e) => e.type)).toEqual(['B0', 'B1', 'A1']);
      expect(await collect(store.readAll({ after: first.position, maxCount: 1 }))).toHaveLength(1);
      expect(await collect(store.readAll({ after: last.position }))).toEqual([]);
    });

    it('resumes after any position it returned, including one inside a multi-event append', async () => {
      const s = stream();
      await store.append(s, [anEvent('E0'), anEvent('E1'), anEvent('E2')], 'no_stream');
      const mine = (await collect(store.readAll())).filter((e) => e.stream === s);
      expect(mine.map((e) => e.type)).toEqual(['E0', 'E1', 'E2']);
      const resumed = (await collect(store.readAll({ after: mine[0].position }))).filter((e) => e.stream === s);
      expect(resumed.map((e) => e.type)).toEqual(['E1', 'E2']);
      expect(await collect(store.readAll({ after: -1n, maxCount: 1 }))).toEqual(await collect(store.readAll({ maxCount: 1 })));
    });

    it('commits many concurrent appends to different streams, each exactly once', async () => {
      const streams = Array.from({ length: 200 }, () => stream());
      const results = await Promise.all(streams.map((s) => store.append(s, [anEvent('A'), anEvent('B')], 'no_stream')));
      expect(new Set(results.map((r) => r.position)).size).toBe(200);
      const all = (await collect(store.readAll())).filter((e) => streams.includes(e.stream));
      expect(all).toHaveLength(400);
      expect(new Set(all.map((e) => e.position)).size).toBe(400);
    });

    it('fails only the conflicting append when appends are committed together', async () => {
      const s = stream();
      await store.append(s, [anEvent('A')], 'no_stream');
      const others = Array.from({ length: 20 }, () => stream());
      const results = await Promise.allSettled([
        ...others.map((o) => store.append(o, [anEvent('ok')], 'no_stream')),
        store.append(s, [anEvent('late')], 'no_stream'),
      ]);
      expect(results.slice(0, 20).every((r) => r.status === 'fulfilled')).toBe(true);
      expect(results[20].status).toBe('rejected');
    });

    it('decides appends committed together in order: successive revisions of one stream all succeed', async () => {
      const s = stream();
      const results = await Promise.all([
        store.append(s, [anEvent('A')], 'no_stream'),
        store.append(s, [anEvent('B'), anEvent('C')], 0n),
        store.append(s, [anEvent('D')], 2n),
      ]);
      expect(results.map((r) => r.nextRevision)).toEqual([0n, 2n, 3n]);
      expect((await collect(store.readStream(s))).map((e) => e.type)).toEqual(['A', 'B', 'C', 'D']);
    });

    it('answers an append and its retry sent together with one result, writing once', async () => {
      const s = stream();
      const events = [anEvent('A'), anEvent('B')];
      const [first, retry] = await Promise.all([store.append(s, events, 'no_stream'), store.append(s, events, 'no_stream')]);
      expect(retry).toEqual(first);
      expect(await collect(store.readStream(s))).toHaveLength(2);
    });

    it('refuses one event id sent to two streams together, writing it once', async () => {
      const e = anEvent('A');
      const [a, b] = [stream(), stream()];
      const results = await Promise.allSettled([store.append(a, [e], 'no_stream'), store.append(b, [e], 'no_stream')]);
      expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
      expect((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason).toBeInstanceOf(DuplicateEventError);
      expect((await collect(store.readStream(a))).length + (await collect(store.readStream(b))).length).toBe(1);
    });

    it('subscribes to the log: catches up, then receives live events, until aborted', async () => {
      const s = stream();
      const before = await store.headPosition();
      await store.append(s, [anEvent('old')], 'no_stream');
      const controller = new AbortController();
      const seen: RecordedEvent[] = [];
      const done = (async () => {
        for await (const event of store.subscribeToAll({ after: before, signal: controller.signal })) {
          seen.push(event);
        }
      })();
      await eventually(() => expect(seen.map((e) => e.type)).toEqual(['old']));
      await store.append(s, [anEvent('live1')], 0n);
      await store.append(s, [anEvent('live2')], 1n);
      await eventually(() => expect(seen.map((e) => e.type)).toEqual(['old', 'live1', 'live2']));
      controller.abort();
      await done;
    });

    it('delivers every event once to a subscriber while writers race', async () => {
      const controller = new AbortController();
      const start = (await collect(store.readAll())).at(-1)?.position ?? -1n;
      const seen: bigint[] = [];
      const done = (async () => {
        for await (const e of store.subscribeToAll({ after: start, signal: controller.signal })) seen.push(e.position);
      })();
      const streams = Array.from({ length: 50 }, () => stream());
      for (let round = 0; round < 4; round++) {
        await Promise.all(streams.map((s) => store.append(s, [anEvent(`r${round}`)], round === 0 ? 'no_stream' : BigInt(round - 1))));
      }
      await eventually(() => expect(seen).toHaveLength(200));
      expect(new Set(seen).size).toBe(200);
      controller.abort();
      await done;
    });

    it('keeps every acknowledged event across a restart', async () => {
      const s = stream();
      await store.append(s, [anEvent('A'), anEvent('B')], 'no_stream');
      store = subject.store = await subject.reopen();
      expect((await collect(store.readStream(s))).map((e) => e.type)).toEqual(['A', 'B']);
      await store.append(s, [anEvent('C')], 1n);
      expect(await collect(store.readStream(s))).toHaveLength(3);
    });

    it('tells the position of the last event', async () => {
      const before = await store.headPosition();
      const { position } = await store.append(stream(), [anEvent('A'), anEvent('B')], 'no_stream');
      expect(await store.headPosition()).toBe(position);
      expect(position > before).toBe(true);
    });

    it('answers ping while open', async () => {
      await expect(store.ping()).resolves.toBeUndefined();
    });
  });
}
