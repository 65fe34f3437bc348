import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { freePort } from '../support/environment';
import { sqliteReadModelDb } from '../../src/infrastructure/read-models/database';
import { storeFailure } from '../../src/infrastructure/store-failures';

/** Real failures of real drivers, and the codes clients get for them. */
describe('store failures have their own codes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'casetrail-full-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('a full disk under a read model says so (STORE.FULL), not "cannot rollback", and keeps nothing of the batch', async () => {
    const file = new Database(join(dir, 'rm.db'));
    file.pragma('journal_mode = WAL');
    file.exec('CREATE TABLE t (v TEXT)');
    // The file may not grow past 20 pages: SQLite answers SQLITE_FULL as on a full disk, and rolls back.
    file.pragma('max_page_count = 20');
    const db = sqliteReadModelDb(file);
    const batch = () =>
      db.transaction().execute(async (tx) => {
        for (let i = 0; i < 100; i++)
          await tx
            .insertInto('t')
            .values({ v: 'x'.repeat(4000) })
            .execute();
      });
    const error = await batch().catch((e: unknown) => e);
    expect((error as { code?: string }).code).toBe('SQLITE_FULL');
    expect(storeFailure(error)?.code).toBe('STORE.FULL');
    expect(file.prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: 0 });
    // Space freed: the same batch goes through.
    file.pragma('max_page_count = 100000');
    await batch();
    expect(file.prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: 100 });
    await db.destroy();
  });

  it('a database that does not answer is STORE.UNAVAILABLE', async () => {
    // A port nobody listens on: the connection is refused.
    const client = new Client({ host: '127.0.0.1', port: await freePort(), connectionTimeoutMillis: 2000 });
    client.on('error', () => undefined);
    const error = await client.connect().catch((e: unknown) => e);
    expect(storeFailure(error)?.code).toBe('STORE.UNAVAILABLE');
  });

  it('anything else is not a store failure: it stays a bug (INTERNAL, logged with its stack)', () => {
    expect(storeFailure(new TypeError("Cannot read properties of undefined (reading 'id')"))).toBeUndefined();
    const file = new Database(':memory:');
    const error = (() => {
      try {
        file.exec('SELECT * FROM no_such_table');
      } catch (e) {
        return e;
      }
    })();
    expect(storeFailure(error)).toBeUndefined();
  });
});
