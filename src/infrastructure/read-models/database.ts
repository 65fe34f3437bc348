import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Kysely, PostgresDialect, SqliteDialect, Transaction } from 'kysely';
import { Pool } from 'pg';
import { StoreLocation } from '../../config';
import { StoreUnavailableError } from '../../core/errors';
import { Projection } from '../../core/projection';

/** Read models are plain SQL tables; each module declares its own. `any` here, typed per module. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ReadModelDb = Kysely<any>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ReadModelTx = Transaction<any>;
export type ReadModelProjection = Projection<ReadModelDb, ReadModelTx>;

/**
 * Read models can always be rebuilt from the log, so their file trades the last fsync for speed
 * (synchronous=NORMAL): a crash may lose the newest rows, and their checkpoint with them.
 */
export function openReadModelDb(location: StoreLocation): ReadModelDb {
  if (location.kind === 'postgres') {
    const pool = new Pool({ connectionString: location.url, max: 10, connectionTimeoutMillis: 5000 });
    pool.on('error', () => undefined); // an idle client's lost connection: the next query reconnects
    return new Kysely({ dialect: new PostgresDialect({ pool }) });
  }
  try {
    if (location.path !== ':memory:') mkdirSync(dirname(location.path), { recursive: true });
    const sqlite = new Database(location.path);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('busy_timeout = 5000');
    return new Kysely({ dialect: new SqliteDialect({ database: sqlite }) });
  } catch (error) {
    throw new StoreUnavailableError(`Cannot open the read-model database at ${location.path}: ${(error as Error).message}`);
  }
}
