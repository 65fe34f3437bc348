import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '../..');

/** Opens the event store and the read-model file at `dir` in a process of its own, as a starting instance does. */
function openInAnotherProcess(dir: string): Promise<{ code: number | null; err: string }> {
  const script = `
    const { SqliteEventStore } = require('./dist/infrastructure/event-store/sqlite/sqlite-event-store.js');
    const { openReadModelDb } = require('./dist/infrastructure/read-models/database.js');
    const store = new SqliteEventStore(process.argv[1] + '/casetrail.db');
    const readModels = openReadModelDb({ kind: 'sqlite', path: process.argv[1] + '/casetrail.read-models.db' });
    store.close().then(() => readModels.destroy());`;
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['-e', script, dir], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.on('exit', (code) => resolve({ code, err }));
  });
}

/**
 * Two instances opening one new SQLite store at the same moment: SQLite answers "database is locked"
 * without waiting while the other creates the file's WAL index, which failed a start in CI. Needs the
 * built service (npm test builds first).
 */
describe('two processes opening a new SQLite store at the same moment', () => {
  it('both open it, ten times out of ten', async () => {
    const failures: string[] = [];
    for (let trial = 0; trial < 10; trial++) {
      const dir = mkdtempSync(join(tmpdir(), 'casetrail-first-open-'));
      const results = await Promise.all([openInAnotherProcess(dir), openInAnotherProcess(dir)]);
      failures.push(...results.filter((r) => r.code !== 0).map((r) => r.err.split('\n').find((l) => /Error/.test(l)) ?? r.err));
      rmSync(dir, { recursive: true, force: true });
    }
    expect(failures).toEqual([]);
  });
});
