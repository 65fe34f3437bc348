import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  CompiledQuery,
  DatabaseConnection,
  Kysely,
  PostgresAdapter,
  PostgresDialect,
  sql,
  SqliteDatabase,
  SqliteDialect,
  SqliteDriver,
  Transaction,
} from 'kysely';
import { Pool } from 'pg';
import { StoreLocation } from '../../config';
import { StoreUnavailableError } from '../../core/errors';
import { whileBusy } from '../sqlite-busy';
import { Projection } from '../../core/projection';

/** Read models are plain SQL tables; each module declares its own. `any` here, typed per module. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ReadModelDb = Kysely<any>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ReadModelTx = Transaction<any>;
export type ReadModelProjection = Projection<ReadModelDb, ReadModelTx>;

/**
 * A lost connection must never crash the service. pg reports it as an 'error' event on the client as
 * well as to the query in flight. The pool listens only on idle clients, so a client checked out at that
 * moment (a projection's transaction) would throw. Every client gets a listener: the query's own promise
 * still fails, and the pool replaces the connection.
 */
export function survivesLostConnections(pool: Pool): void {
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', () => undefined));
}

/**
 * Read models can always be rebuilt from the log, so their file trades the last fsync for speed
 * (synchronous=NORMAL): a crash may lose the newest rows, and their checkpoint with them.
 */
export function openReadModelDb(location: StoreLocation): ReadModelDb {
  if (location.kind === 'postgres') {
    const pool = new Pool({ connectionString: location.url, max: 10, connectionTimeoutMillis: 5000 });
    survivesLostConnections(pool);
    return new Kysely({ dialect: new PostgresDialect({ pool }) });
  }
  try {
    if (location.path !== ':memory:') mkdirSync(dirname(location.path), { recursive: true });
    const sqlite = new Database(location.path);
    sqlite.pragma('busy_timeout = 30000');
    // Another instance may be creating the file or switching it to WAL at this moment.
    whileBusy(() => sqlite.pragma('journal_mode = WAL'));
    sqlite.pragma('synchronous = NORMAL');
    return sqliteReadModelDb(sqlite);
  } catch (error) {
    throw new StoreUnavailableError(`Cannot open the read-model database at ${location.path}: ${(error as Error).message}`);
  }
}

/**
 * A read-model database on an open SQLite file, safe with other writers on the same file (a second
 * instance, a rebuild swapping tables in).
 *
 * Transactions begin IMMEDIATE: a projection reads a row, then writes it. A plain (deferred) BEGIN takes
 * the write lock only at the first write, and SQLite refuses that upgrade at once with SQLITE_BUSY when
 * another connection holds the lock, without waiting (its busy handler never runs for a connection that
 * is already reading: waiting could deadlock). Taking the lock at BEGIN makes the wait ordinary.
 * Only projections write here, in short batches; a wait of up to 30 s is a slow disk, not a fault.
 */
export function sqliteReadModelDb(file: Database.Database): ReadModelDb {
  file.pragma('busy_timeout = 30000');
  return new Kysely({ dialect: new ImmediateSqliteDialect({ database: withStatementCache(file) }) });
}

/**
 * The file with its prepared statements kept (the most recently used 500). Kysely prepares every query
 * it runs afresh; preparing was a fifth of a read-model rebuild's time. One connection runs one query at
 * a time (Kysely's lock), so a cached statement is never in use twice at once.
 */
function withStatementCache(file: Database.Database, size = 500): SqliteDatabase {
  const cache = new Map<string, Database.Statement>();
  return {
    close: () => file.close(),
    prepare: (text: string) => {
      let statement = cache.get(text);
      if (statement) {
        cache.delete(text); // most recently used last
      } else {
        statement = file.prepare(text);
        if (cache.size >= size) cache.delete(cache.keys().next().value!);
      }
      cache.set(text, statement);
      return statement;
    },
  };
}

/** Whether the read models live in PostgreSQL (otherwise SQLite). */
export function onPostgres(db: ReadModelDb): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/** The advisory lock key under which read-model tables are created and changed ('casetrail-schema'). */
const SCHEMA_LOCK = 0x63747363;

/**
 * Runs `work` (creating or changing read-model tables) while no other instance does the same. On
 * PostgreSQL, two instances starting together both run `CREATE TABLE IF NOT EXISTS`, and the loser of
 * the race fails on the catalog's unique index ("pg_class_relname_nsp_index") instead of finding the
 * table: so the work waits for a session advisory lock, held on one pinned connection. SQLite takes the
 * file's write lock for each statement, so nothing more is needed there.
 */
export async function underSchemaLock<T>(db: ReadModelDb, work: () => Promise<T>): Promise<T> {
  if (!onPostgres(db)) return work();
  return db.connection().execute(async (connection) => {
    await sql`SELECT pg_advisory_lock(${SCHEMA_LOCK})`.execute(connection);
    try {
      return await work();
    } finally {
      await sql`SELECT pg_advisory_unlock(${SCHEMA_LOCK})`.execute(connection).catch(() => undefined);
    }
  });
}

/**
 * For a rebuild in place on SQLite: WAL checkpoints every 10,000 pages instead of 1,000, and the WAL
 * truncated once it is done (returned). A checkpoint copies the WAL back into the file and, with
 * synchronous=NORMAL, syncs it: with the default, checkpoints were half of a rebuild's commit time. The
 * bound keeps the WAL under about 40 MB; with none at all it grew to several times the file.
 */
export async function fewerCheckpoints(db: ReadModelDb): Promise<() => Promise<void>> {
  await sql`PRAGMA wal_autocheckpoint = 10000`.execute(db);
  return async () => {
    await sql`PRAGMA wal_autocheckpoint = 1000`.execute(db);
    await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(db);
  };
}

class ImmediateSqliteDialect extends SqliteDialect {
  constructor(private readonly settings: ConstructorParameters<typeof SqliteDialect>[0]) {
    super(settings);
  }

  override createDriver(): SqliteDriver {
    return new ImmediateSqliteDriver(this.settings);
  }
}

class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }

  /**
   * SQLite rolls a transaction back by itself on some errors (SQLITE_FULL, SQLITE_IOERR, …). Rolling back
   * again then fails with "cannot rollback - no transaction is active", and that error would replace the
   * one that says what happened (a full disk).
   */
  override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    try {
      await super.rollbackTransaction(connection);
    } catch (error) {
      if (!/no transaction is active/.test((error as Error).message)) throw error;
    }
  }
}
