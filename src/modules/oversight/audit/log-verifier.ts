import { RecordedEvent } from '../../../core/event-store';
import { MerkleFrontier } from '../../../core/merkle';
import { contentHashOf } from './audit-checkpointer';
import { CHECKPOINT_EVENT, CHECKPOINT_STREAM, CheckpointData, signedPart } from './checkpoint';
import { keyIdOf, verifySignature } from './signing-key';

/** What is wrong with the first bad event found. */
export type Problem =
  /** Its content no longer gives the hash it was recorded with: it was edited. */
  | 'HASH_MISMATCH'
  /** It does not follow the stream's previous event: an event before it was removed, inserted or moved. */
  | 'CHAIN_BROKEN'
  /** Its revision does not follow the stream's previous one: an event was removed or the order changed. */
  | 'REVISION_OUT_OF_ORDER'
  /** It carries no audit link although events before it in the log do: stripped, or written around the service. */
  | 'LINK_MISSING'
  /** The log up to a checkpoint is not the log that was sealed: something in its range changed. */
  | 'CHECKPOINT_MISMATCH'
  /** A checkpoint seals a position at which the log has no event: that event was removed. */
  | 'CHECKPOINT_POSITION_MISSING'
  /** A checkpoint's signature does not verify. */
  | 'CHECKPOINT_SIGNATURE_INVALID'
  /** A checkpoint was signed by a key other than the trusted one. */
  | 'CHECKPOINT_KEY_UNTRUSTED'
  /** A checkpoint does not follow the one before it. */
  | 'CHECKPOINT_OUT_OF_ORDER';

export interface BadEvent {
  position: string;
  stream: string;
  revision: string;
  id: string;
  type: string;
  problem: Problem;
  detail: string;
}

export interface VerifyReport {
  ok: boolean;
  events: number;
  streams: number;
  /** Events recorded before the chain existed (no audit link, all before the log's first chained event). */
  unchained: number;
  checkpoints: number;
  /** The last valid checkpoint's position, and how many events came after it (not yet sealed). */
  sealedUpTo: string | null;
  unsealed: number;
  /** Key ids that signed the checkpoints. */
  keys: string[];
  /** The first bad event, in log order; null when all is well. */
  firstBad: BadEvent | null;
}

/**
 * Checks a log, read in position order, against its own hash chains and checkpoints. `sealedPositions`
 * are the `upTo` of every checkpoint (read from the checkpoint stream beforehand), so that the tree's
 * root is computed only where a checkpoint will ask for it. `trustedKeys`: the public keys checkpoints must be
 * signed with; null accepts any key that verifies (then compare `keys` with the published fingerprint).
 */
export class LogVerifier {
  private readonly streams = new Map<string, { revision: bigint; hash: string }>();
  private chainSeen = false;
  private readonly rootAt = new Map<string, { root: string; events: number }>();
  private readonly tree = new MerkleFrontier();
  private unchained = 0;
  private checkpoints = 0;
  private sealedUpTo: { position: string; events: number } | null = null;
  private previousCheckpoint: string | null = null;
  private readonly keys = new Set<string>();
  private firstBad: BadEvent | null = null;

  constructor(
    private readonly sealedPositions: ReadonlySet<string>,
    private readonly trustedKeys: ReadonlySet<string> | null,
  ) {}

  /**
   * Feeds the next event in log order; false once a bad event has been found (stop reading). `hashed`:
   * its content hash and Merkle leaf, when already computed (in a worker thread).
   */
  feed(e: RecordedEvent, hashed?: { hash: string; leaf: Buffer }): boolean {
    if (this.firstBad) return false;
    const hash = hashed ? hashed.hash : contentHashOf(e);
    const wrong = linkProblem(e, hash, this.streams.get(e.stream), this.chainSeen);
    if (wrong) return this.bad(e, wrong.problem, wrong.detail);
    if (!e.metadata.audit) this.unchained++;
    this.streams.set(e.stream, { revision: e.revision, hash });
    if (e.metadata.audit) this.chainSeen = true;
    if (hashed) this.tree.appendLeaf(hashed.leaf);
    else this.tree.append(hash);
    const position = e.position.toString();
    if (this.sealedPositions.has(position)) this.rootAt.set(position, { root: this.tree.root(), events: this.tree.size });
    if (e.stream === CHECKPOINT_STREAM && e.type === CHECKPOINT_EVENT) return this.checkCheckpoint(e, e.data as CheckpointData);
    return true;
  }

  private checkCheckpoint(e: RecordedEvent, c: CheckpointData): boolean {
    if (c.previousUpTo !== this.previousCheckpoint) {
      return this.bad(
        e,
        'CHECKPOINT_OUT_OF_ORDER',
        `it follows the checkpoint at ${c.previousUpTo ?? 'none'}, but the one before it sealed ${this.previousCheckpoint ?? 'none'}`,
      );
    }
    if (keyIdOf(c.publicKey) !== c.keyId || !verifySignature(c.publicKey, signedPart(c), c.signature)) {
      return this.bad(e, 'CHECKPOINT_SIGNATURE_INVALID', 'the signature does not verify with the key it names');
    }
    if (this.trustedKeys && !this.trustedKeys.has(c.publicKey))
      return this.bad(e, 'CHECKPOINT_KEY_UNTRUSTED', `signed with key ${c.keyId}, which is not the trusted key`);
    const at = this.rootAt.get(c.upTo);
    if (!at) return this.bad(e, 'CHECKPOINT_POSITION_MISSING', `the log has no event at position ${c.upTo}, which this checkpoint seals`);
    if (at.root !== c.merkleRoot || at.events !== c.events) {
      return this.bad(
        e,
        'CHECKPOINT_MISMATCH',
        `the log up to position ${c.upTo} (${at.events} events) is not what was sealed (${c.events} events): something ${this.sealedUpTo ? `after position ${this.sealedUpTo.position}` : 'from the start'} up to position ${c.upTo} was changed, removed, inserted or reordered`,
      );
    }
    this.rootAt.delete(c.upTo);
    this.keys.add(c.keyId);
    this.checkpoints++;
    this.previousCheckpoint = c.upTo;
    this.sealedUpTo = { position: c.upTo, events: c.events };
    return true;
  }

  private bad(e: RecordedEvent, problem: Problem, detail: string): false {
    this.firstBad = {
      position: e.position.toString(),
      stream: e.stream,
      revision: e.revision.toString(),
      id: e.id,
      type: e.type,
      problem,
      detail,
    };
    return false;
  }

  report(): VerifyReport {
    return {
      ok: this.firstBad === null,
      events: this.tree.size,
      streams: this.streams.size,
      unchained: this.unchained,
      checkpoints: this.checkpoints,
      sealedUpTo: this.sealedUpTo?.position ?? null,
      unsealed: this.tree.size - (this.sealedUpTo?.events ?? 0),
      keys: [...this.keys],
      firstBad: this.firstBad,
    };
  }
}

/**
 * What is wrong with an event's place in its stream, given the stream's previous event (its revision and
 * hash) and whether the log already had chained events before it; null when nothing is.
 */
export function linkProblem(
  e: RecordedEvent,
  hash: string,
  before: { revision: bigint; hash: string } | undefined,
  chainSeen: boolean,
): { problem: Problem; detail: string } | null {
  const expectedRevision = before ? before.revision + 1n : 0n;
  if (e.revision !== expectedRevision)
    return { problem: 'REVISION_OUT_OF_ORDER', detail: `revision ${e.revision} where the stream's next is ${expectedRevision}` };
  const link = e.metadata.audit;
  if (link) {
    if (link.hash !== hash) return { problem: 'HASH_MISMATCH', detail: 'its content does not give the hash it was recorded with' };
    const expectedPrev = before ? before.hash : null;
    if (link.prev !== expectedPrev)
      return {
        problem: 'CHAIN_BROKEN',
        detail: `it names ${short(link.prev)} as its predecessor, but the stream's previous event hashes to ${short(expectedPrev)}`,
      };
    return null;
  }
  // Events from before the chain can only come before the log's first chained event.
  return chainSeen ? { problem: 'LINK_MISSING', detail: 'no audit link, after events of the log that have one' } : null;
}

const short = (hash: string | null) => (hash ? `${hash.slice(0, 12)}…` : 'none');
