import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { ReadModelDb, ReadModelTx, onPostgres } from './database';

/** A batch found the lease held by another instance: nothing of it was written. */
export class LeaseLostError extends Error {
  constructor(owner: string) {
    super(`Another instance (${owner}) projects the read models now: this one follows`);
  }
}

export interface LeaseState {
  owner: string;
  /** Until when (the database's clock, ms since 1970) the holder may write without renewing. */
  expiresAt: number;
  /** The last position the holder's read models have applied. */
  position: bigint;
}

/**
 * Which instance projects the read models (投影租约). Several instances of one deployment share one
 * database; if each ran its own projection runner, both would apply every event to the same tables.
 * So one holds the lease, a row in `projection_lease`, and the others follow: they answer queries from
 * the tables the holder writes, and publish to their live subscribers what the holder has applied.
 *
 * - The holder renews the lease every `ttlMs / 3`; an instance that stops or crashes stops renewing,
 *   and after `ttlMs` the first follower to ask takes it over. A clean shutdown hands it over at once.
 * - Every batch the holder writes renews the lease in the same transaction, and is rolled back if the
 *   lease is no longer its own (`fence`): an instance that stalled past its lease (a long pause, a lost
 *   connection) and another that took over never both write, whatever their clocks say.
 * - Times are the database's clock, so instances with clocks apart still agree.
 */
export class ProjectionLease {
  readonly owner = `${process.pid}-${randomUUID().slice(0, 8)}`;

  constructor(
    private readonly db: ReadModelDb,
    readonly ttlMs = 5000,
    private readonly name = 'projections',
  ) {}

  /** The database's clock, in ms. */
  private now() {
    return onPostgres(this.db)
      ? sql<number>`(extract(epoch from clock_timestamp()) * 1000)::bigint`
      : sql<number>`CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)`;
  }

  async ensureTable(): Promise<void> {
    await this.db.schema
      .createTable('projection_lease')
      .ifNotExists()
      .addColumn('name', 'text', (c) => c.primaryKey())
      .addColumn('owner', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'bigint', (c) => c.notNull())
      .addColumn('position', 'bigint', (c) => c.notNull())
      .execute();
  }

  /** Takes the lease when it is free or expired, or renews it when held: whether this instance holds it now. */
  async acquire(position: bigint): Promise<boolean> {
    const now = this.now();
    const taken = await this.db
      .updateTable('projection_lease')
      .set({ owner: this.owner, expires_at: sql`${now} + ${this.ttlMs}`, position: Number(position) })
      .where('name', '=', this.name)
      .where((eb) => eb.or([eb('owner', '=', this.owner), eb('expires_at', '<', now)]))
      .executeTakeFirst();
    if (Number(taken.numUpdatedRows) > 0) return true;
    const inserted = await this.db
      .insertInto('projection_lease')
      .values({ name: this.name, owner: this.owner, expires_at: sql`${now} + ${this.ttlMs}`, position: Number(position) })
      .onConflict((oc) => oc.column('name').doNothing())
      .executeTakeFirst();
    return Number(inserted.numInsertedOrUpdatedRows ?? 0n) > 0;
  }

  /**
   * Inside a batch's transaction: renews the lease and records how far the read models got, or throws
   * LeaseLostError (rolling the batch back) when another instance holds it. The row stays locked until
   * the batch commits, so no one takes the lease over in between.
   */
  async fence(tx: ReadModelTx, position?: bigint): Promise<void> {
    const renewed = await tx
      .updateTable('projection_lease')
      .set({ expires_at: sql`${this.now()} + ${this.ttlMs}`, ...(position === undefined ? {} : { position: Number(position) }) })
      .where('name', '=', this.name)
      .where('owner', '=', this.owner)
      .executeTakeFirst();
    if (Number(renewed.numUpdatedRows) === 0) {
      const holder = await tx.selectFrom('projection_lease').select('owner').where('name', '=', this.name).executeTakeFirst();
      throw new LeaseLostError(holder?.owner ?? 'nobody');
    }
  }

  /** The lease as it stands, and whether it has expired by the database's clock. */
  async read(): Promise<(LeaseState & { expired: boolean }) | undefined> {
    const row = await this.db
      .selectFrom('projection_lease')
      .select(['owner', 'expires_at', 'position', sql<number>`${this.now()}`.as('now')])
      .where('name', '=', this.name)
      .executeTakeFirst();
    return (
      row && {
        owner: row.owner,
        expiresAt: Number(row.expires_at),
        position: BigInt(row.position),
        expired: Number(row.expires_at) < Number(row.now),
      }
    );
  }

  /** On a clean shutdown: the lease expires now, so a follower takes over at its next look. */
  async release(): Promise<void> {
    await this.db
      .updateTable('projection_lease')
      .set({ expires_at: 0 })
      .where('name', '=', this.name)
      .where('owner', '=', this.owner)
      .execute();
  }
}
