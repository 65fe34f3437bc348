import { RecordedEvent } from '../../../core/event-store';
import { leafHash, rootOfRoots } from '../../../core/merkle';
import { insertRows } from '../../../infrastructure/read-models/batch-rows';
import { ReadModelDb, ReadModelProjection, ReadModelTx } from '../../../infrastructure/read-models/database';
import { recordedHashOf } from './audit-checkpointer';

/** Leaves per block: a power of two. 1,024 keeps a million events to about a thousand rows. */
export const MERKLE_BLOCK = 1024;

/** A block of the log's Merkle tree: the `leaves` leaves of the events from `firstPosition` to `lastPosition`. */
export interface MerkleBlock {
  leaves: number;
  firstPosition: bigint;
  lastPosition: bigint;
  root: Buffer;
}

/**
 * Read model `audit_merkle_blocks`: the root of every aligned block of 1,024 leaves of the log's Merkle
 * tree (core/merkle.ts), with the positions of the block's first and last event, so that a case
 * dossier's inclusion proof reads about a thousand of these rows and two blocks of events, not the whole
 * log up to the checkpoint. The leaves of the block not yet full wait in `audit_merkle_tail`.
 *
 * A leaf here is the event's recorded hash (`recordedHashOf`), as in the dossier: a row that is wrong (an
 * edited log, a read model from another log) makes the proof fail against the signed root, and the export
 * then reads the log itself (dossier.ts). Like the checkpoints, every event is a leaf, in log order.
 */
export class MerkleBlocksProjection implements ReadModelProjection {
  readonly name = 'audit-merkle-blocks';
  readonly version = 1;
  readonly tables = ['audit_merkle_blocks', 'audit_merkle_tail'];

  constructor(private readonly blockSize = MERKLE_BLOCK) {}

  async setup(db: ReadModelDb): Promise<void> {
    await db.schema
      .createTable('audit_merkle_blocks')
      .ifNotExists()
      .addColumn('block', 'integer', (c) => c.primaryKey())
      .addColumn('leaves', 'integer', (c) => c.notNull())
      .addColumn('first_position', 'bigint', (c) => c.notNull())
      .addColumn('last_position', 'bigint', (c) => c.notNull())
      .addColumn('root', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('audit_merkle_tail')
      .ifNotExists()
      .addColumn('leaf', 'integer', (c) => c.primaryKey())
      .addColumn('position', 'bigint', (c) => c.notNull())
      .addColumn('hash', 'text', (c) => c.notNull())
      .execute();
  }

  canHandle(): boolean {
    return true;
  }

  apply(event: RecordedEvent, tx: ReadModelTx): Promise<void> {
    return this.applyBatch([event], tx);
  }

  /** The tail read once, the blocks filled in memory, the tail written back once. */
  async applyBatch(events: RecordedEvent[], tx: ReadModelTx): Promise<void> {
    const last = await tx
      .selectFrom('audit_merkle_blocks')
      .select(['block', 'last_position'])
      .orderBy('block', 'desc')
      .limit(1)
      .executeTakeFirst();
    const tail = (await tx.selectFrom('audit_merkle_tail').select(['leaf', 'position', 'hash']).orderBy('leaf').execute()).map((r) => ({
      position: BigInt(r.position),
      hash: r.hash as string,
    }));
    let block = last ? Number(last.block) + 1 : 0;
    // Applied already: a repeat (a rebuild switched in behind the live runner) changes nothing.
    let applied = tail.length > 0 ? tail[tail.length - 1].position : last ? BigInt(last.last_position) : -1n;
    const blocks: Record<string, unknown>[] = [];
    for (const e of events) {
      if (e.position <= applied) continue;
      applied = e.position;
      tail.push({ position: e.position, hash: recordedHashOf(e) });
      if (tail.length < this.blockSize) continue;
      blocks.push({
        block,
        leaves: this.blockSize,
        first_position: Number(tail[0].position),
        last_position: Number(e.position),
        root: blockRoot(tail.map((l) => l.hash)).toString('hex'),
      });
      block++;
      tail.length = 0;
    }
    await insertRows(tx, 'audit_merkle_blocks', blocks);
    await tx.deleteFrom('audit_merkle_tail').execute();
    const first = block * this.blockSize;
    await insertRows(
      tx,
      'audit_merkle_tail',
      tail.map((l, i) => ({ leaf: first + i, position: Number(l.position), hash: l.hash })),
    );
  }
}

function blockRoot(hashes: string[]): Buffer {
  return rootOfRoots(hashes.map((h) => leafHash(h)));
}

/** The blocks that end at or before `upTo`, in order; none when the read model is not there (yet). */
export async function merkleBlocksUpTo(db: ReadModelDb, upTo: bigint): Promise<MerkleBlock[]> {
  const rows = await db
    .selectFrom('audit_merkle_blocks')
    .select(['block', 'leaves', 'first_position', 'last_position', 'root'])
    .where('last_position', '<=', Number(upTo))
    .orderBy('block')
    .execute()
    .catch((error: { code?: string; message?: string }) => {
      // A read-model database the service has not opened yet: the export reads the log instead.
      if (error.code === '42P01' || /no such table/.test(error.message ?? '')) return [];
      throw error;
    });
  // Only an unbroken run from block 0, of blocks of one size, describes the tree's first leaves.
  const blocks: MerkleBlock[] = [];
  for (const [i, r] of rows.entries()) {
    if (Number(r.block) !== i || Number(r.leaves) !== Number(rows[0].leaves)) break;
    blocks.push({
      leaves: Number(r.leaves),
      firstPosition: BigInt(r.first_position),
      lastPosition: BigInt(r.last_position),
      root: Buffer.from(r.root as string, 'hex'),
    });
  }
  return blocks;
}
