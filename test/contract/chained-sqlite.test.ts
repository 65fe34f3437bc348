import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventHash } from '../../src/core/audit-chain';
import { collect } from '../../src/core/event-store';
import { ChainedEventStore } from '../../src/infrastructure/event-store/chained-event-store';
import { SqliteEventStore } from '../../src/infrastructure/event-store/sqlite/sqlite-event-store';
import { anEvent } from '../support/events';
import { describeEventStoreContract } from './event-store.contract';

// The store the service runs on is the adapter wrapped in the audit chain: it must keep the same contract.
describeEventStoreContract('SQLite with the audit chain', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'casetrail-contract-chained-'));
  const file = join(dir, 'events.db');
  const subject = {
    store: new ChainedEventStore(new SqliteEventStore(file)),
    async reopen() {
      await subject.store.close();
      return new ChainedEventStore(new SqliteEventStore(file));
    },
    async cleanup() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return subject;
});

describe('audit chain on append', () => {
  let dir: string;
  let raw: SqliteEventStore;
  let store: ChainedEventStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'casetrail-chain-'));
    raw = new SqliteEventStore(join(dir, 'e.db'));
    store = new ChainedEventStore(raw);
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('links each event to its predecessor in the stream, across appends, and its hash covers its content', async () => {
    await store.append('case-1', [anEvent('A', { n: 1 }), anEvent('B', { n: 2 })], 'no_stream');
    await store.append('case-2', [anEvent('A', { n: 9 })], 'no_stream');
    await store.append('case-1', [anEvent('C', { n: 3 })], 1n);
    const events = await collect(store.readStream('case-1'));
    expect(events.map((e) => e.metadata.audit!.prev)).toEqual([null, events[0].metadata.audit!.hash, events[1].metadata.audit!.hash]);
    for (const e of events) {
      expect(e.metadata.audit!.hash).toMatch(/^[0-9a-f]{64}$/);
      expect(eventHash(e, e.metadata.audit!.prev)).toBe(e.metadata.audit!.hash);
      expect(eventHash({ ...e, data: { n: 4 } }, e.metadata.audit!.prev)).not.toBe(e.metadata.audit!.hash);
    }
    // Another stream starts its own chain.
    expect((await collect(store.readStream('case-2')))[0].metadata.audit!.prev).toBeNull();
  });

  it('continues the chain after events recorded before it existed', async () => {
    await raw.append('case-old', [anEvent('A', { n: 1 })], 'no_stream');
    await store.append('case-old', [anEvent('B', { n: 2 })], 0n);
    const [old, next] = await collect(store.readStream('case-old'));
    expect(old.metadata.audit).toBeUndefined();
    expect(next.metadata.audit!.prev).toBe(eventHash(old, null));
  });
});
