import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '../../src/infrastructure/event-store/sqlite/sqlite-event-store';
import { describeEventStoreContract } from './event-store.contract';

describeEventStoreContract('SQLite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'casetrail-contract-'));
  const file = join(dir, 'events.db');
  const subject = {
    store: new SqliteEventStore(file),
    async reopen() {
      await subject.store.close();
      return new SqliteEventStore(file);
    },
    async cleanup() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return subject;
});

describe('SQLite event store specifics', () => {
  it('runs in WAL mode with synchronous=FULL', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'casetrail-pragma-'));
    const store = new SqliteEventStore(join(dir, 'e.db'));
    const db = (store as unknown as { db: import('better-sqlite3').Database }).db;
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('fails to open with a clear error when the path is unusable', () => {
    const dir = mkdtempSync(join(tmpdir(), 'casetrail-bad-'));
    const notADirectory = join(dir, 'file');
    writeFileSync(notADirectory, '');
    expect(() => new SqliteEventStore(join(notADirectory, 'events.db'))).toThrow(/Cannot open the SQLite event store/);
    rmSync(dir, { recursive: true, force: true });
  });
});
