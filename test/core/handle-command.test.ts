import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Decider } from '../../src/core/decider';
import { DomainError } from '../../src/core/errors';
import { collect } from '../../src/core/event-store';
import { CommandContext, handleCommand } from '../../src/core/handle-command';
import { SqliteEventStore } from '../../src/infrastructure/event-store/sqlite/sqlite-event-store';

// A counter aggregate: small enough to show the mechanics of handleCommand against the real store.
type Cmd = { type: 'Add'; data: { n: number } };
type Ev = { type: 'Added'; data: { n: number } };
const counter: Decider<number, Cmd, Ev> = {
  initialState: () => 0,
  evolve: (s, e) => s + e.data.n,
  decide: (c, s) => {
    if (s + c.data.n > 100) throw new DomainError('COUNTER.FULL', 'full');
    return [{ type: 'Added', data: { n: c.data.n } }];
  },
};

describe('handleCommand on the SQLite store', () => {
  let dir: string;
  let store: SqliteEventStore;
  const now = new Date('2026-03-02T02:00:00.000Z');
  const ctx = (commandId: string, over: Partial<CommandContext> = {}): CommandContext => ({
    commandId,
    actor: { id: 'u1', role: 'staff', center: 'c1', window: 'w1' },
    now,
    ...over,
  });
  const add = (n: number, commandId: string, over: Partial<CommandContext> = {}) =>
    handleCommand({
      store,
      stream: 'counter-1',
      decider: counter,
      command: () => ({ type: 'Add', data: { n } }),
      context: ctx(commandId, over),
    });

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'casetrail-handle-'));
    store = new SqliteEventStore(join(dir, 'e.db'));
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('takes a defaulted business time as now, and never earlier than the previous event', async () => {
    await add(1, 'explicit', { occurredAt: now.toISOString() });
    const later = new Date(now.getTime() - 1000); // this writer's clock read a moment earlier
    await handleCommand({
      store,
      stream: 'counter-1',
      decider: counter,
      command: () => ({ type: 'Add', data: { n: 1 } }),
      context: ctx('defaulted', { now: later }),
    });
    const events = await collect(store.readStream('counter-1'));
    expect(events[1].metadata.occurredAt).toBe(now.toISOString());
    expect(events[1].metadata.backfill).toBeUndefined();
  });

  it('writes the decided events with full metadata', async () => {
    const result = await add(5, 'cmd-1', { correlationId: 'corr', causationId: 'cause', occurredAt: now.toISOString() });
    expect(result.state).toBe(5);
    expect(result.duplicate).toBe(false);
    const [event] = await collect(store.readStream('counter-1'));
    expect(event.metadata).toEqual({
      actor: { id: 'u1', role: 'staff', center: 'c1', window: 'w1' },
      commandId: 'cmd-1',
      correlationId: 'corr',
      causationId: 'cause',
      occurredAt: now.toISOString(),
      recordedAt: now.toISOString(),
      schemaVersion: 1,
    });
  });

  it('returns the first result for a repeated command id and writes nothing', async () => {
    await add(5, 'cmd-1');
    await add(7, 'cmd-2');
    const again = await add(5, 'cmd-1');
    expect(again).toMatchObject({ state: 5, duplicate: true });
    expect(await collect(store.readStream('counter-1'))).toHaveLength(2);
  });

  it('refuses a command id already used by another user, or with other input, instead of answering with the first result', async () => {
    await add(5, 'cmd-1', { fingerprint: 'input-a' });
    // Another user with the same id learns nothing of the first result.
    await expect(
      add(5, 'cmd-1', { actor: { id: 'u2', role: 'staff', center: 'c1', window: 'w1' }, fingerprint: 'input-a' }),
    ).rejects.toMatchObject({
      code: 'COMMAND.ID_REUSED',
    });
    // The same user with other input is not retrying: refused too.
    await expect(add(6, 'cmd-1', { fingerprint: 'input-b' })).rejects.toMatchObject({ code: 'COMMAND.ID_REUSED' });
    // A true retry (same user, same input) is answered with the first result.
    expect(await add(5, 'cmd-1', { fingerprint: 'input-a' })).toMatchObject({ state: 5, duplicate: true });
    const events = await collect(store.readStream('counter-1'));
    expect(events).toHaveLength(1);
    expect(events[0].metadata.commandFingerprint).toBe('input-a');
  });

  it('refuses a command id already used on another stream', async () => {
    await add(5, 'cmd-1');
    const other = handleCommand({
      store,
      stream: 'counter-2',
      decider: counter,
      command: () => ({ type: 'Add', data: { n: 1 } }),
      context: ctx('cmd-1'),
    });
    await expect(other).rejects.toMatchObject({ code: 'COMMAND.ID_REUSED' });
    expect(await collect(store.readStream('counter-2'))).toHaveLength(0);
  });

  it('decides again on the new state when a concurrent writer got there first', async () => {
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => add(1, `c-${i}`)));
    expect(results.map((r) => r.duplicate)).toEqual(Array(10).fill(false));
    const events = await collect(store.readStream('counter-1'));
    expect(events).toHaveLength(10);
    expect(Math.max(...results.map((r) => r.state))).toBe(10);
  });

  describe('a decider whose state is its last event (stateFromLastEvent)', () => {
    // A numbering book: each event carries the number it issued, so the next needs only the last.
    type Issue = { type: 'Issue'; data: Record<string, never> };
    type Issued = { type: 'Issued'; data: { no: number } };
    const book: Decider<number, Issue, Issued> = {
      initialState: () => 0,
      evolve: (_s, e) => e.data.no,
      decide: (_c, s) => [{ type: 'Issued', data: { no: s + 1 } }],
    };
    /** Counts the events the command path reads from whole-stream reads. */
    let streamEventsRead = 0;
    const counted = () => ({
      ...store,
      append: store.append.bind(store),
      lastEvent: store.lastEvent.bind(store),
      readStream: async function* (stream: string, opts?: { fromRevision?: bigint; maxCount?: number }) {
        for await (const e of store.readStream(stream, opts)) {
          streamEventsRead++;
          yield e;
        }
      },
    });
    const issue = (commandId: string) =>
      handleCommand({
        store: counted() as unknown as SqliteEventStore,
        stream: 'book-1',
        decider: book,
        command: () => ({ type: 'Issue', data: {} }),
        context: ctx(commandId),
        stateFromLastEvent: true,
      });

    it('numbers on from the last event, reading no more of the stream however long it is', async () => {
      await store.append(
        'book-1',
        Array.from({ length: 500 }, (_, i) => ({
          id: `old-${i}`,
          type: 'Issued',
          data: { no: i + 1 },
          metadata: {
            actor: ctx('x').actor,
            commandId: `old-${i}`,
            correlationId: 'c',
            causationId: 'c',
            occurredAt: now.toISOString(),
            recordedAt: now.toISOString(),
            schemaVersion: 1,
          },
        })),
        'no_stream',
      );
      streamEventsRead = 0;
      const first = await issue('n-1');
      const second = await issue('n-2');
      expect([first.state, second.state, first.duplicate]).toEqual([501, 502, false]);
      // Each command reads back only what it wrote (one event), never the 500 before it.
      expect(streamEventsRead).toBe(2);
    });

    it('still answers a repeated command with its first result, when it was last and when others came after', async () => {
      const first = await issue('n-1');
      expect(await issue('n-1')).toMatchObject({ state: 1, duplicate: true });
      await issue('n-2');
      await issue('n-3');
      const again = await issue('n-1');
      expect(again).toMatchObject({ state: 1, duplicate: true, position: first.position });
      expect((await collect(store.readStream('book-1'))).map((e) => (e.data as { no: number }).no)).toEqual([1, 2, 3]);
    });

    it('numbers without a gap or a repeat when writers race', async () => {
      const results = await Promise.all(Array.from({ length: 20 }, (_, i) => issue(`race-${i}`)));
      expect(results.map((r) => r.state).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    });
  });

  it('passes domain refusals through and records nothing', async () => {
    await expect(add(101, 'big')).rejects.toMatchObject({ code: 'COUNTER.FULL' });
    expect(await collect(store.readAll())).toHaveLength(0);
  });

  describe('business time', () => {
    it('refuses a time in the future', async () => {
      await expect(add(1, 'f', { occurredAt: '2026-03-02T02:00:01.000Z' })).rejects.toMatchObject({ code: 'VALIDATION.FAILED' });
    });

    it('refuses a time before the first day business may be dated (2000-01-01, China time), however it came', async () => {
      for (const occurredAt of ['0000-01-01T00:00:00.000Z', '1900-01-01T00:00:00.000Z', '1999-12-31T15:59:59.999Z'])
        await expect(add(1, `old-${occurredAt}`, { occurredAt, backfillReason: '纸质台账补录' })).rejects.toMatchObject({
          code: 'VALIDATION.FAILED',
          issues: [{ field: 'occurredAt', message: 'must not be before 2000-01-01' }],
        });
      // Midnight of 1 January 2000 in Beijing is the first instant accepted.
      expect(await add(1, 'first', { occurredAt: '1999-12-31T16:00:00.000Z', backfillReason: '纸质台账补录' })).toMatchObject({
        duplicate: false,
      });
    });

    it('refuses a time before the previous event of the stream', async () => {
      await add(1, 'a', { occurredAt: '2026-03-02T01:55:00.000Z' });
      await expect(add(1, 'b', { occurredAt: '2026-03-02T01:54:00.000Z' })).rejects.toMatchObject({
        code: 'VALIDATION.FAILED',
        message: expect.stringContaining('previous event'),
      });
    });

    it('requires and records a reason for an entry more than 10 minutes old', async () => {
      const old = '2026-03-02T01:49:59.000Z';
      await expect(add(1, 'old', { occurredAt: old })).rejects.toMatchObject({ details: { issues: [{ field: 'backfillReason' }] } });
      await add(1, 'old', { occurredAt: old, backfillReason: '纸质台账补录' });
      const [event] = await collect(store.readStream('counter-1'));
      expect(event.metadata).toMatchObject({ occurredAt: old, backfill: { reason: '纸质台账补录' } });
    });

    it('does not mark an entry made within 10 minutes as backfilled', async () => {
      await add(1, 'recent', { occurredAt: '2026-03-02T01:50:00.000Z' });
      const [event] = await collect(store.readStream('counter-1'));
      expect(event.metadata.backfill).toBeUndefined();
    });
  });
});
