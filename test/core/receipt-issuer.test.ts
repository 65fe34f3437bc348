import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Actor } from '../../src/core/actor';
import { FixedClock } from '../../src/core/clock';
import { AppendResult, collect, EventStore, ExpectedRevision, NewEvent } from '../../src/core/event-store';
import { SqliteEventStore } from '../../src/infrastructure/event-store/sqlite/sqlite-event-store';
import { ReceiptNumberIssued } from '../../src/modules/cases/domain/receipt-number';
import { ReceiptIssuer } from '../../src/modules/cases/receipt-issuer';

const staff: Actor = { id: 'staff-a', role: 'staff', center: 'c1', window: 'civil-affairs' };
const clock = new FixedClock(new Date('2026-03-02T02:00:00.000Z')); // 10:00 China time
const STREAM = 'receipts-c1-20260302';

/** 受理编号 under load, on the real SQLite store: batched appends, and every number once, in order. */
describe('ReceiptIssuer', () => {
  let dir: string;
  let store: SqliteEventStore;
  let appends: number;
  /** The store, counting the appends to the day's receipt stream. */
  const counted = (): EventStore =>
    Object.assign(Object.create(store) as EventStore, {
      append: (stream: string, events: NewEvent[], expected: ExpectedRevision): Promise<AppendResult> => {
        if (stream === STREAM) appends++;
        return store.append(stream, events, expected);
      },
    });
  const issued = async () => (await collect(store.readStream(STREAM))).map((e) => (e as unknown as ReceiptNumberIssued).data);

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'casetrail-receipts-'));
    store = new SqliteEventStore(join(dir, 'e.db'));
    appends = 0;
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('numbers 50 submissions arriving at once 0001–0050, once each, in far fewer appends than numbers', async () => {
    const issuer = new ReceiptIssuer(counted(), clock);
    const numbers = await Promise.all(Array.from({ length: 50 }, (_, i) => issuer.issue('c1', `case-${i}`, `submit-${i}`, staff)));
    expect([...numbers].sort()).toEqual(Array.from({ length: 50 }, (_, i) => `c1-20260302-${String(i + 1).padStart(4, '0')}`));
    // The first goes alone; the others queued during its commit go together.
    expect(appends).toBeLessThanOrEqual(3);
    const recorded = await issued();
    expect(recorded.map((d) => d.seq)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    // Each number belongs to the case it was issued for.
    for (const [i, n] of numbers.entries()) expect(recorded.find((d) => d.receiptNo === n)!.caseId).toBe(`case-${i}`);
  });

  it('gives a submission sent twice at once one number', async () => {
    const issuer = new ReceiptIssuer(store, clock);
    const [a, b] = await Promise.all([issuer.issue('c1', 'case-1', 'submit-1', staff), issuer.issue('c1', 'case-1', 'submit-1', staff)]);
    expect(a).toBe(b);
    expect(await issued()).toHaveLength(1);
  });

  it('gives a retried submission its earlier number back, also when it is batched with new ones', async () => {
    const issuer = new ReceiptIssuer(store, clock);
    const first = await issuer.issue('c1', 'case-1', 'submit-1', staff);
    await issuer.issue('c1', 'case-2', 'submit-2', staff);
    // A batch: two new submissions and the retry of the first (its case was never recorded).
    const [n3, again, n4] = await Promise.all([
      issuer.issue('c1', 'case-3', 'submit-3', staff),
      issuer.issue('c1', 'case-1', 'submit-1', staff),
      issuer.issue('c1', 'case-4', 'submit-4', staff),
    ]);
    expect(again).toBe(first);
    expect(new Set([n3, n4])).toEqual(new Set(['c1-20260302-0003', 'c1-20260302-0004']));
    expect((await issued()).map((d) => d.seq)).toEqual([1, 2, 3, 4]);
  });

  it('never repeats or skips a number when two instances issue for the same day at once', async () => {
    const one = new ReceiptIssuer(store, clock);
    const two = new ReceiptIssuer(store, clock);
    const numbers = await Promise.all(
      Array.from({ length: 40 }, (_, i) => (i % 2 ? one : two).issue('c1', `case-${i}`, `submit-${i}`, staff)),
    );
    expect(new Set(numbers).size).toBe(40);
    expect((await issued()).map((d) => d.seq)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
  });
});
