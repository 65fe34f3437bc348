import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { openReadModelDb, ReadModelDb } from '../../src/infrastructure/read-models/database';
import { LeaseLostError, ProjectionLease } from '../../src/infrastructure/read-models/projection-lease';
import { adminQuery, databaseUrl, describeWithPostgres } from '../support/postgres';

/** The lease on both read-model stores: two instances are two ProjectionLease objects on one database. */
function leaseContract(open: () => Promise<{ db: ReadModelDb; close: () => Promise<void> }>) {
  let db: ReadModelDb;
  let close: () => Promise<void>;
  beforeEach(async () => {
    ({ db, close } = await open());
  });
  afterEach(() => close());

  const pair = async (ttlMs = 60_000) => {
    const a = new ProjectionLease(db, ttlMs);
    const b = new ProjectionLease(db, ttlMs);
    await a.ensureTable();
    await b.ensureTable();
    return [a, b];
  };

  it('goes to one instance at a time; the holder renews it and records how far it got', async () => {
    const [a, b] = await pair();
    expect(await a.acquire(-1n)).toBe(true);
    expect(await b.acquire(-1n)).toBe(false);
    expect(await a.acquire(41n)).toBe(true);
    expect(await a.read()).toMatchObject({ owner: a.owner, position: 41n, expired: false });
  });

  it('passes to another once it lapses, and the old holder can no longer write (the fence)', async () => {
    const [a, b] = await pair(300);
    expect(await a.acquire(-1n)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect((await b.read())?.expired).toBe(true);
    expect(await b.acquire(7n)).toBe(true);
    await expect(db.transaction().execute((tx) => a.fence(tx, 8n))).rejects.toThrow(LeaseLostError);
    await db.transaction().execute((tx) => b.fence(tx, 9n));
    expect(await b.read()).toMatchObject({ owner: b.owner, position: 9n });
    expect(await a.acquire(10n)).toBe(false);
  });

  it('is handed over at once on a clean shutdown', async () => {
    const [a, b] = await pair();
    expect(await a.acquire(-1n)).toBe(true);
    await a.release();
    expect(await b.acquire(3n)).toBe(true);
  });

  it('a fence without a position renews the lease and leaves the position alone', async () => {
    const [a] = await pair();
    expect(await a.acquire(5n)).toBe(true);
    await db.transaction().execute((tx) => a.fence(tx));
    expect((await a.read())?.position).toBe(5n);
  });
}

describe('ProjectionLease on SQLite', () => {
  leaseContract(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'casetrail-lease-'));
    const db = openReadModelDb({ kind: 'sqlite', path: join(dir, 'rm.db') });
    return {
      db,
      close: async () => {
        await db.destroy();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  });
});

describeWithPostgres('ProjectionLease on PostgreSQL', () => {
  leaseContract(async () => {
    const database = `casetrail_lease_${randomBytes(4).toString('hex')}`;
    await adminQuery(`CREATE DATABASE ${database}`);
    const db = openReadModelDb({ kind: 'postgres', url: databaseUrl(database) });
    return {
      db,
      close: async () => {
        await db.destroy();
        await adminQuery(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      },
    };
  });
});
