import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { collect } from '../../src/core/event-store';
import { SqliteEventStore } from '../../src/infrastructure/event-store/sqlite/sqlite-event-store';
import { openReadModelDb, ReadModelDb } from '../../src/infrastructure/read-models/database';
import { anEvent } from '../support/events';

/** Another process on `file`: takes the write lock, runs `statement`, holds the lock for `holdMs`, commits. */
function holdWriteLock(file: string, statement: string, holdMs: number) {
  const script = `
    const Database = require('better-sqlite3');
    const file = new Database(${JSON.stringify(file)});
    file.pragma('busy_timeout = 30000');
    file.exec('BEGIN IMMEDIATE');
    file.exec(${JSON.stringify(statement)});
    process.stdout.write('locked\\n');
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ${holdMs});
    file.exec('COMMIT');
    file.close();`;
  const child = spawn(process.execPath, ['-e', script], { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'inherit'] });
  const locked = new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('locked') && resolve());
    child.once('exit', (code) => reject(new Error(`the lock holder exited with ${code} before locking`)));
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { locked, exited };
}

/**
 * Two processes on one read-model file (two instances, or the service and a rebuild). A projection's
 * transaction reads a row and then writes it; when another process holds the write lock at that moment,
 * the transaction must wait for it and then see its result, not fail with SQLITE_BUSY at once (what a
 * deferred BEGIN does) and not write over it.
 */
describe('a SQLite read-model transaction while another process holds the write lock', () => {
  let dir: string;
  let db: ReadModelDb;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'casetrail-rm-lock-'));
    db = openReadModelDb({ kind: 'sqlite', path: join(dir, 'rm.db') });
    await sql`CREATE TABLE counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL)`.execute(db);
    await sql`INSERT INTO counters VALUES ('cases', 0)`.execute(db);
  });
  afterEach(async () => {
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('waits for the lock and adds to what the other process committed', async () => {
    const other = holdWriteLock(join(dir, 'rm.db'), "UPDATE counters SET value = value + 1 WHERE name = 'cases'", 500);
    await other.locked;
    await db.transaction().execute(async (tx) => {
      const row = await tx.selectFrom('counters').select('value').where('name', '=', 'cases').executeTakeFirstOrThrow();
      await tx
        .updateTable('counters')
        .set({ value: Number(row.value) + 10 })
        .where('name', '=', 'cases')
        .execute();
    });
    expect(await other.exited).toBe(0);
    const final = await db.selectFrom('counters').select('value').where('name', '=', 'cases').executeTakeFirstOrThrow();
    expect(Number(final.value)).toBe(11);
  });
});

describe('a SQLite event-store append while another process holds the write lock', () => {
  let dir: string;
  let store: SqliteEventStore;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'casetrail-es-lock-'));
    store = new SqliteEventStore(join(dir, 'events.db'));
    await store.append('case-1', [anEvent('CaseSubmitted')], 'no_stream');
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('waits for the lock, then appends after what the other process wrote', async () => {
    const insert = `INSERT INTO events (event_id, stream_id, revision, type, data, metadata) VALUES ('e-other', 'case-2', 0, 'CaseSubmitted', '{}', '{}')`;
    const other = holdWriteLock(join(dir, 'events.db'), insert, 500);
    await other.locked;
    const result = await store.append('case-1', [anEvent('CaseAccepted')], 0n);
    expect(await other.exited).toBe(0);
    expect(result).toEqual({ nextRevision: 1n, position: 3n });
    expect((await collect(store.readAll())).map((e) => [e.stream, e.type])).toEqual([
      ['case-1', 'CaseSubmitted'],
      ['case-2', 'CaseSubmitted'],
      ['case-1', 'CaseAccepted'],
    ]);
  });
});
