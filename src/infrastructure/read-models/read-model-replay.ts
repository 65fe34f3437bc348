import Database from 'better-sqlite3';
import { Kysely, PostgresDialect, sql } from 'kysely';
import { existsSync, rmSync } from 'node:fs';
import { Pool } from 'pg';
import { StoreLocation } from '../../config';
import { EventStore } from '../../core/event-store';
import { ReadModelDb, ReadModelProjection, sqliteReadModelDb, survivesLostConnections } from './database';
import { ProjectionRunner, REBUILD_BATCH, ensureCheckpointTable } from './projection-runner';

export interface ReplayProgress {
  position: bigint;
  head: bigint;
  events: number;
}

export interface ReplayResult {
  events: number;
  position: bigint;
  seconds: number;
  tables: number;
}

const quiet = { log: () => undefined, error: () => undefined };

/** Where the new tables are built: a second SQLite file beside the live one, or a schema of the same PostgreSQL database. */
interface Shadow {
  db: ReadModelDb;
  /** How the live database's connection names the shadow's tables. */
  prefix: string;
  /** Makes the shadow visible to the live connection (SQLite: ATTACH). */
  attach(live: ReadModelDb): Promise<void>;
  detach(live: ReadModelDb): Promise<void>;
  drop(): Promise<void>;
}

async function openShadow(location: StoreLocation, name: string): Promise<Shadow> {
  if (location.kind === 'sqlite') {
    const path = `${location.path}.${name}`;
    for (const suffix of ['', '-wal', '-shm']) if (existsSync(path + suffix)) rmSync(path + suffix);
    const file = new Database(path);
    file.pragma('journal_mode = WAL');
    file.pragma('synchronous = OFF'); // a throw-away copy: speed over durability
    const db = sqliteReadModelDb(file);
    return {
      db,
      prefix: 'replay.',
      attach: async (live) => void (await sql`ATTACH DATABASE ${path} AS replay`.execute(live)),
      detach: async (live) => void (await sql`DETACH DATABASE replay`.execute(live)),
      drop: async () => {
        await db.destroy();
        for (const suffix of ['', '-wal', '-shm']) if (existsSync(path + suffix)) rmSync(path + suffix);
      },
    };
  }
  const schema = `casetrail_${name}`;
  const admin = new Pool({ connectionString: location.url, max: 1 });
  await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  // Unqualified names resolve to the shadow schema on these connections, so projections run unchanged.
  const pool = new Pool({ connectionString: location.url, max: 4, options: `-c search_path=${schema}` });
  survivesLostConnections(pool);
  const db = new Kysely<any>({ dialect: new PostgresDialect({ pool }) }); // eslint-disable-line @typescript-eslint/no-explicit-any
  return {
    db,
    prefix: `${schema}.`,
    attach: async () => undefined,
    detach: async () => undefined,
    drop: async () => {
      await db.destroy();
      const cleanup = new Pool({ connectionString: location.url, max: 1 });
      await cleanup.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await cleanup.end();
    },
  };
}

function openLive(location: StoreLocation): ReadModelDb {
  if (location.kind === 'sqlite') {
    const file = new Database(location.path);
    file.pragma('journal_mode = WAL');
    // The service's projection runner may hold the write lock for a moment: this waits for it.
    return sqliteReadModelDb(file);
  }
  const pool = new Pool({ connectionString: location.url, max: 1 });
  survivesLostConnections(pool);
  return new Kysely<any>({ dialect: new PostgresDialect({ pool }) }); // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** The columns of a shadow table, in order, to copy by name. */
async function columnsOf(shadow: Shadow, location: StoreLocation, table: string): Promise<string[]> {
  const schema = shadow.prefix.slice(0, -1);
  if (location.kind === 'sqlite') {
    const rows = await sql<{ name: string }>`SELECT name FROM pragma_table_info(${table})`.execute(shadow.db);
    return rows.rows.map((r) => r.name);
  }
  const rows = await sql<{
    column_name: string;
  }>`SELECT column_name FROM information_schema.columns WHERE table_schema = ${schema} AND table_name = ${table} ORDER BY ordinal_position`.execute(
    shadow.db,
  );
  return rows.rows.map((r) => r.column_name);
}

/**
 * `casetrail replay`: rebuilds every read model from the log into new tables while the service keeps
 * answering from the old ones, then switches over in one transaction.
 *
 * The switch holds the live database's write lock (SQLite: BEGIN IMMEDIATE; PostgreSQL: a lock on the
 * checkpoint table that the projection runner must update), so the running service's projections wait
 * for it and then continue. Under it the new tables' rows replace the live ones and the checkpoints move
 * to where the new tables stand. Readers keep seeing the old rows until the commit (WAL, MVCC), then the
 * new ones: no query fails or sees a half-built read model. The switch happens only if the new tables
 * are at least where the service had got, so nothing is skipped; the service may apply a few events
 * again, which every projection tolerates.
 */
export async function replayReadModels(opts: {
  store: EventStore;
  location: StoreLocation;
  projections: () => ReadModelProjection[];
  /** Called after each batch; a throw stops the rebuild, and its new tables are dropped. */
  onProgress?: (p: ReplayProgress) => void | Promise<void>;
  /**
   * Names the new tables' place: `<file>.<shadow>` beside a SQLite file, schema `casetrail_<shadow>` in
   * PostgreSQL (letters, digits, `_`). Default `replay`; the service uses its own, so that both can run.
   */
  shadow?: string;
  /** Events per transaction: `REBUILD_BATCH` unless the caller serves requests on the same thread. */
  batchSize?: number;
}): Promise<ReplayResult> {
  const batchSize = opts.batchSize ?? REBUILD_BATCH;
  const started = Date.now();
  const name = opts.shadow ?? 'replay';
  if (!/^[a-z0-9_]{1,40}$/.test(name)) throw new Error(`Invalid shadow name "${name}"`);
  const shadow = await openShadow(opts.location, name);
  const live = openLive(opts.location);
  let events = 0;
  try {
    const projections = opts.projections();
    const runner = new ProjectionRunner(opts.store, shadow.db, projections, quiet);
    await runner.init();
    const head = await opts.store.headPosition();
    await runner.catchUp(batchSize, (position, count) => {
      events += count;
      return opts.onProgress?.({ position, head, events });
    });
    await ensureCheckpointTable(live);
    await shadow.attach(live);
    let tables = 0;
    /**
     * The switch, under the live database's write lock. The new tables were caught up just before; if the
     * service applied an event they lack in the meantime, the switch gives up (`undefined`) and is tried
     * again after catching up once more.
     */
    // The live tables by their full name on SQLite: an unqualified name missing from the live file would
    // resolve to the attached copy's table of that name (and DROP TABLE IF EXISTS would drop the copy).
    const liveTable = (table: string) => sql.table(opts.location.kind === 'sqlite' ? `main.${table}` : table);
    const swap = async (db: ReadModelDb): Promise<bigint | undefined> => {
      const position = runner.position;
      const checkpoints = await db.selectFrom('projection_checkpoints').select(['name', 'version', 'position']).execute();
      const names = new Set(projections.map((p) => p.name));
      if (checkpoints.some((r) => names.has(r.name as string) && BigInt(r.position) > position)) return undefined;
      const versions = new Map(checkpoints.map((r) => [r.name as string, Number(r.version)]));
      for (const projection of projections) {
        const sameShape = versions.get(projection.name) === projection.version;
        for (const table of projection.tables) {
          if (sameShape) await sql`DELETE FROM ${liveTable(table)}`.execute(db);
          else await sql`DROP TABLE IF EXISTS ${liveTable(table)}`.execute(db);
        }
        if (!sameShape) await projection.setup(db);
        for (const table of projection.tables) {
          const columns = (await columnsOf(shadow, opts.location, table)).map((c) => sql.ref(c));
          await sql`INSERT INTO ${liveTable(table)} (${sql.join(columns)}) SELECT ${sql.join(columns)} FROM ${sql.raw(shadow.prefix)}${sql.table(table)}`.execute(
            db,
          );
          tables++;
        }
        await db.deleteFrom('projection_checkpoints').where('name', '=', projection.name).execute();
        await db
          .insertInto('projection_checkpoints')
          .values({ name: projection.name, version: projection.version, position: Number(position) })
          .execute();
      }
      return position;
    };
    let position: bigint | undefined;
    for (let attempt = 0; position === undefined; attempt++) {
      if (attempt === 20) throw new Error('The service kept ahead of the rebuilt read models; try again when it is quieter');
      // Outside the lock: on SQLite, BEGIN IMMEDIATE also locks the attached copy, so it cannot be written inside.
      await runner.catchUp(batchSize, (_p, count) => {
        events += count;
      });
      if (opts.location.kind === 'sqlite') {
        await sql`BEGIN IMMEDIATE`.execute(live);
        try {
          position = await swap(live);
          await sql`${sql.raw(position === undefined ? 'ROLLBACK' : 'COMMIT')}`.execute(live);
        } catch (error) {
          await sql`ROLLBACK`.execute(live);
          throw error;
        }
      } else {
        try {
          position = await live.transaction().execute(async (trx) => {
            await sql`LOCK TABLE projection_checkpoints IN SHARE ROW EXCLUSIVE MODE`.execute(trx);
            return swap(trx);
          });
        } catch (error) {
          // A live batch that had written its rows before the lock was taken waits for the lock to update its
          // checkpoint, while the switch waits for those rows: PostgreSQL ends one of the two (40P01). When it
          // is the switch, nothing of it was kept; it catches up and is tried again, as when the service keeps
          // ahead of it.
          if ((error as { code?: string }).code !== '40P01') throw error;
        }
      }
    }
    await shadow.detach(live);
    return { events, position, seconds: (Date.now() - started) / 1000, tables };
  } finally {
    await live.destroy();
    await shadow.drop();
  }
}
