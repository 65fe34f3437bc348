import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RecordedEvent } from '../../src/core/event-store';
import { SqliteEventStore } from '../../src/infrastructure/event-store/sqlite/sqlite-event-store';
import { LiveFeed } from '../../src/infrastructure/read-models/live-feed';
import { TurnTaking } from '../../src/infrastructure/read-models/turn-taking';
import { anEvent } from '../support/events';
import { eventually } from '../support/eventually';

/**
 * The one feed every live subscriber shares, on the real SQLite store. The feed is driven here as the
 * projection runner drives it: events are appended, then published once "applied". A small window (10
 * events) and page (3) make subscribers cross from the store to memory and back.
 */
describe('LiveFeed: one reader of the log for every subscriber', () => {
  let dir: string;
  let store: SqliteEventStore;
  let feed: LiveFeed;
  const controllers: AbortController[] = [];

  /** Appends `n` events and publishes them as applied, one batch each. */
  async function record(n: number): Promise<RecordedEvent[]> {
    const out: RecordedEvent[] = [];
    for (let i = 0; i < n; i++) {
      const stream = `case-${Math.random().toString(36).slice(2)}`;
      await store.append(stream, [anEvent('CaseSubmitted')], 'no_stream');
      const event = await store.lastEvent(stream);
      feed.publish([event!], event!.position);
      out.push(event!);
    }
    return out;
  }

  /** A subscriber that collects positions; `paused` holds it at its next event until released. */
  function follow(after?: bigint) {
    const controller = new AbortController();
    controllers.push(controller);
    const got: bigint[] = [];
    let release: (() => void) | undefined;
    let paused: Promise<void> | undefined;
    const done = (async () => {
      for await (const event of feed.follow(after, controller.signal)) {
        got.push(event.position);
        if (paused) await paused;
      }
    })();
    return {
      got,
      done,
      stop: () => controller.abort(),
      pause: () => (paused = new Promise((resolve) => (release = resolve))),
      resume: () => {
        paused = undefined;
        release?.();
      },
    };
  }

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'casetrail-feed-'));
    store = new SqliteEventStore(join(dir, 'e.db'));
    feed = new LiveFeed(store, 10, 3);
    feed.startAt(-1n);
  });
  afterEach(async () => {
    for (const c of controllers.splice(0)) c.abort();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('gives a subscriber from an old position every event once, in order: the store, then memory, then live', async () => {
    const before = await record(25); // more than the window holds: the first ones come from the store
    const sub = follow(before[2].position);
    const after = await record(5);
    const expected = [...before.slice(3), ...after].map((e) => e.position);
    await eventually(async () => expect(sub.got).toEqual(expected));
  });

  it('follows from now when no position is given', async () => {
    await record(3);
    const sub = follow();
    const live = await record(4);
    await eventually(async () => expect(sub.got).toEqual(live.map((e) => e.position)));
  });

  it('lets a slow subscriber fall behind the window and catch up from the store, holding up nobody', async () => {
    const slow = follow();
    const fast = follow();
    slow.pause();
    const first = await record(1);
    await eventually(async () => expect(slow.got).toEqual([first[0].position]));
    const rest = await record(40); // four windows' worth while the slow one sits on its first event
    await eventually(async () => expect(fast.got).toHaveLength(41));
    expect(slow.got).toHaveLength(1);
    slow.resume();
    await eventually(async () => expect(slow.got).toEqual([...first, ...rest].map((e) => e.position)));
  });

  it('delivers only what has been published (applied by the read models), never what is merely appended', async () => {
    const sub = follow();
    const appended = await store.append('case-unapplied', [anEvent('CaseSubmitted')], 'no_stream');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(sub.got).toEqual([]);
    const event = await store.lastEvent('case-unapplied');
    feed.publish([event!], appended.position);
    await eventually(async () => expect(sub.got).toEqual([appended.position]));
  });

  it('lets the service answer while many subscribers replay the log: they take turns with the network', async () => {
    // 400 events in the store, none in the window: twenty subscribers replaying from position 0 read
    // pages and filter events without waiting for any I/O. Without turns they would finish before a
    // timer could fire, as they kept /health/live from answering. Slices of 0 ms make every piece of
    // work wait for its turn, so the test does not depend on this machine's speed.
    const big = new LiveFeed(store, 10, 50, new TurnTaking(0, 4));
    for (let i = 0; i < 400; i++) await store.append(`case-${i}`, [anEvent('CaseSubmitted')], 'no_stream');
    big.startAt(await store.headPosition());
    const controller = new AbortController();
    controllers.push(controller);
    let delivered = 0;
    const subscribers = Array.from({ length: 20 }, async () => {
      let mine = 0;
      for await (const event of big.follow(-1n, controller.signal)) {
        JSON.stringify(event.data); // a little work per event, as a subscription's filter and send do
        delivered++;
        if (++mine === 400) return;
      }
    });
    // Turns of the event loop taken while the replay was under way (some delivered, not all).
    let turnsDuringReplay = 0;
    let done = false;
    const probe = () => {
      if (delivered > 0 && delivered < 20 * 400) turnsDuringReplay++;
      if (!done) setImmediate(probe);
    };
    setImmediate(probe);
    await Promise.all(subscribers);
    done = true;
    expect(delivered).toBe(20 * 400);
    expect(turnsDuringReplay).toBeGreaterThan(10);
  });

  it('ends a waiting subscriber at once when it is stopped, and counts who is following', async () => {
    const a = follow();
    const b = follow();
    await record(1);
    await eventually(async () => expect(feed.followers).toBe(2));
    a.stop();
    await a.done;
    expect(feed.followers).toBe(1);
    b.stop();
    await b.done;
    expect(feed.followers).toBe(0);
  });
});
