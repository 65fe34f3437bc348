import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FixedClock } from '../../src/core/clock';
import { EventStore, RecordedEvent } from '../../src/core/event-store';
import { ChainedEventStore } from '../../src/infrastructure/event-store/chained-event-store';
import { SqliteEventStore } from '../../src/infrastructure/event-store/sqlite/sqlite-event-store';
import { openReadModelDb, ReadModelDb } from '../../src/infrastructure/read-models/database';
import { ProjectionRunner } from '../../src/infrastructure/read-models/projection-runner';
import { AuditCheckpointer } from '../../src/modules/oversight/audit/audit-checkpointer';
import { MerkleBlock, MerkleBlocksProjection, merkleBlocksUpTo } from '../../src/modules/oversight/audit/merkle-blocks.projection';
import { SigningKey } from '../../src/modules/oversight/audit/signing-key';
import { buildDossier, verifyDossier } from '../../src/modules/oversight/dossier/dossier';
import { anEvent } from '../support/events';

const quiet = { log: () => undefined, error: () => undefined };
const BLOCK = 8;

/** The store, counting the events read from the whole log: what the export costs. */
function counting(store: EventStore): { store: EventStore; read: () => number } {
  let read = 0;
  const counted: EventStore = Object.create(store);
  counted.readAll = async function* (opts) {
    for await (const e of store.readAll(opts)) {
      read++;
      yield e;
    }
  };
  return { store: counted, read: () => read };
}

/**
 * The inclusion proof of a case dossier from the Merkle blocks read model: the same proof as from every
 * leaf of the log, whichever block the case's last sealed event falls in, however far the read model has
 * got, and never a wrong one from blocks that do not fit the log. Blocks of 8 leaves, so that a small log
 * has many.
 */
describe('case dossier from the Merkle blocks read model (real SQLite store and read-model file)', () => {
  let dir: string;
  let store: ChainedEventStore;
  let db: ReadModelDb;
  let key: SigningKey;
  const clock = new FixedClock(new Date('2026-11-23T02:00:00.000Z'));
  const cases: string[] = [];

  const project = async (upTo?: bigint) => {
    const runner = new ProjectionRunner(
      upTo === undefined ? store : upToStore(store, upTo),
      db,
      [new MerkleBlocksProjection(BLOCK)],
      quiet,
    );
    await runner.init();
    await runner.catchUp(5);
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'casetrail-dossier-blocks-'));
    key = SigningKey.load(join(dir, 'key.pem'), { generate: true });
    store = new ChainedEventStore(new SqliteEventStore(join(dir, 'events.db')));
    db = openReadModelDb({ kind: 'sqlite', path: join(dir, 'rm.db') });
    // 29 cases of 3 events, interleaved, then a checkpoint at 87 leaves (10 whole blocks and 7 after them).
    for (let i = 0; i < 29; i++) {
      cases.push(`k${i}`);
      await store.append(`case-k${i}`, [anEvent('CaseSubmitted', { i })], 'no_stream');
    }
    for (let round = 1; round <= 2; round++)
      for (let i = 0; i < 29; i++) await store.append(`case-k${i}`, [anEvent('CaseAccepted', { i, round })], BigInt(round - 1));
    await new AuditCheckpointer(store, key, clock, quiet).tick();
    await store.append('case-k3', [anEvent('ResultDelivered', {})], 2n); // after the seal
  });
  afterAll(async () => {
    await db.destroy();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("builds every case's proof from the blocks as from the whole log, reading two blocks of events, not the log", async () => {
    await project();
    const blocks = await merkleBlocksUpTo(db, 1_000n);
    expect(blocks).toHaveLength(11); // 88 events: the checkpoint itself fills the eleventh block
    expect(blocks.every((b) => b.leaves === BLOCK)).toBe(true);
    expect(await merkleBlocksUpTo(db, blocks[3].lastPosition)).toHaveLength(4);
    for (const caseId of cases) {
      const fromLog = await buildDossier(store, caseId, clock.now());
      const counted = counting(store);
      const fromBlocks = await buildDossier(counted.store, caseId, clock.now(), (upTo) => merkleBlocksUpTo(db, upTo));
      expect([caseId, fromBlocks]).toEqual([caseId, fromLog]);
      expect(verifyDossier(fromBlocks, key.publicKey).ok).toBe(true);
      // The events after the last whole block up to the checkpoint, and the sealed event's block.
      expect(counted.read()).toBeLessThanOrEqual(2 * BLOCK + 1);
    }
  });

  it('gives the same proofs from a read model behind the checkpoint (the rest read from the log), and from none', async () => {
    for (const behind of [0n, 20n, 45n]) {
      await db.schema.dropTable('audit_merkle_blocks').ifExists().execute();
      await db.schema.dropTable('audit_merkle_tail').ifExists().execute();
      await db.deleteFrom('projection_checkpoints').execute();
      await project(behind);
      for (const caseId of ['k0', 'k14', 'k28']) {
        expect(await buildDossier(store, caseId, clock.now(), (upTo) => merkleBlocksUpTo(db, upTo))).toEqual(
          await buildDossier(store, caseId, clock.now()),
        );
      }
    }
    const empty = openReadModelDb({ kind: 'sqlite', path: join(dir, 'empty.db') });
    try {
      expect(await merkleBlocksUpTo(empty, 1_000n)).toEqual([]);
    } finally {
      await empty.destroy();
    }
  });

  it('never returns a proof from blocks that do not fit the log: it reads the log instead', async () => {
    const wrong = async (change: (blocks: MerkleBlock[]) => MerkleBlock[]) => {
      await project();
      const blocks = change(await merkleBlocksUpTo(db, 1_000n));
      return buildDossier(store, 'k7', clock.now(), async (upTo) => blocks.filter((b) => b.lastPosition <= upTo));
    };
    const right = await buildDossier(store, 'k7', clock.now());
    const flipped = (b: MerkleBlock) => ({ ...b, root: Buffer.from(b.root.map((x) => x ^ 1)) });
    expect(await wrong((bs) => bs.map((b, i) => (i === 2 ? flipped(b) : b)))).toEqual(right); // another log's root
    expect(await wrong((bs) => bs.map((b, i) => (i === 0 ? { ...b, lastPosition: b.lastPosition - 1n } : b)))).toEqual(right); // positions shifted
    expect(await wrong((bs) => bs.slice(0, 3).map((b) => ({ ...b, leaves: 4 })))).toEqual(right); // another block size
  });
});

/** The store as it was when the log ended at `upTo`: a read model that stopped following there. */
function upToStore(store: EventStore, upTo: bigint): EventStore {
  const cut: EventStore = Object.create(store);
  cut.readAll = async function* (opts) {
    for await (const e of store.readAll(opts)) {
      if (e.position > upTo) return;
      yield e as RecordedEvent;
    }
  };
  cut.headPosition = async () => upTo;
  return cut;
}
