import { createHash, hash } from 'node:crypto';

/**
 * A Merkle tree over the log's event hashes, as RFC 6962 / RFC 9162 (Certificate Transparency) define
 * it: leaf = SHA-256(0x00 ‖ event hash), node = SHA-256(0x01 ‖ left ‖ right), the split at the largest
 * power of two below the size. A signed root proves the whole log up to a size; an inclusion proof of
 * about log2(size) hashes proves that one event is part of it, without the rest of the log.
 */
const LEAF = Buffer.from([0]);
const NODE = Buffer.from([1]);

// One-shot hashing: the verifier hashes about two nodes per event, and a Hash object per call costs more than the hash.
export function leafHash(eventHashHex: string): Buffer {
  return hash('sha256', Buffer.concat([LEAF, Buffer.from(eventHashHex, 'hex')]), 'buffer') as unknown as Buffer;
}

function nodeHash(left: Buffer, right: Buffer): Buffer {
  return hash('sha256', Buffer.concat([NODE, left, right]), 'buffer') as unknown as Buffer;
}

const EMPTY_ROOT = createHash('sha256').digest();

/**
 * The right edge of a growing tree: the roots of its perfect subtrees, largest first (one per set bit of
 * the size). Appending is amortised O(1); the root is O(log n). Kept in each checkpoint so that the next
 * one continues without reading the log again.
 */
export class MerkleFrontier {
  private nodes: Buffer[];
  private count: number;

  constructor(size = 0, nodes: string[] = []) {
    if (nodes.length !== popcount(size)) throw new Error(`a frontier of size ${size} has ${popcount(size)} nodes, not ${nodes.length}`);
    this.count = size;
    this.nodes = nodes.map((n) => Buffer.from(n, 'hex'));
  }

  get size(): number {
    return this.count;
  }

  append(eventHashHex: string): void {
    this.appendLeaf(leafHash(eventHashHex));
  }

  /** Appends a leaf hashed already (`leafHash`), e.g. by a worker thread. */
  appendLeaf(leaf: Buffer): void {
    let node = leaf;
    // Each trailing 1-bit of the old size is a perfect subtree of the new one's height: merge it in.
    for (let size = this.count; size & 1; size >>= 1) node = nodeHash(this.nodes.pop()!, node);
    this.nodes.push(node);
    this.count++;
  }

  root(): string {
    if (this.nodes.length === 0) return EMPTY_ROOT.toString('hex');
    let acc = this.nodes[this.nodes.length - 1];
    for (let i = this.nodes.length - 2; i >= 0; i--) acc = nodeHash(this.nodes[i], acc);
    return acc.toString('hex');
  }

  snapshot(): string[] {
    return this.nodes.map((n) => n.toString('hex'));
  }
}

function popcount(n: number): number {
  let bits = 0;
  for (let x = n; x > 0; x = Math.floor(x / 2)) bits += x % 2;
  return bits;
}

/** The root of the tree over leaves [from, to), each read by `leafAt` (leaf hashes, already prefixed). */
function subtreeRoot(leafAt: (i: number) => Buffer, from: number, to: number): Buffer {
  if (to - from === 1) return leafAt(from);
  const k = largestPowerOfTwoBelow(to - from);
  return nodeHash(subtreeRoot(leafAt, from, from + k), subtreeRoot(leafAt, from + k, to));
}

function largestPowerOfTwoBelow(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/**
 * The leaves of a whole log, 32 bytes each in one buffer: a million events take 32 MB, where as many
 * strings would take several times that.
 */
export class LeafList {
  private buffer = Buffer.alloc(32 * 1024);
  private count = 0;

  get size(): number {
    return this.count;
  }

  push(eventHashHex: string): void {
    if ((this.count + 1) * 32 > this.buffer.length) {
      const bigger = Buffer.alloc(this.buffer.length * 2);
      this.buffer.copy(bigger);
      this.buffer = bigger;
    }
    leafHash(eventHashHex).copy(this.buffer, this.count * 32);
    this.count++;
  }

  at(i: number): Buffer {
    return this.buffer.subarray(i * 32, i * 32 + 32);
  }
}

/** RFC 6962 PATH(m, D[0:n]): the audit path of leaf `index` in the tree over the first `size` leaves. */
export function inclusionProof(
  leaves: LeafList | string[],
  index: number,
  size = Array.isArray(leaves) ? leaves.length : leaves.size,
): string[] {
  const list = Array.isArray(leaves) ? leaves.map(leafHash) : null;
  const leafAt = list ? (i: number) => list[i] : (i: number) => (leaves as LeafList).at(i);
  return inclusionProofFrom((from, to) => subtreeRoot(leafAt, from, to), index, size);
}

/**
 * The audit path of leaf `index` in a tree of `size` leaves, given the root of any range of leaves that
 * RFC 6962's splits produce (`rootOf(from, to)`): from the leaves themselves, or from roots kept for
 * aligned blocks of them (`BlockedLeaves`).
 */
export function inclusionProofFrom(rootOf: (from: number, to: number) => Buffer, index: number, size: number): string[] {
  if (index < 0 || index >= size) throw new Error(`no leaf ${index} in a tree of ${size}`);
  const path: Buffer[] = [];
  const walk = (m: number, from: number, to: number) => {
    if (to - from === 1) return;
    const k = largestPowerOfTwoBelow(to - from);
    if (m < k) {
      walk(m, from, from + k);
      path.push(rootOf(from + k, to));
    } else {
      walk(m - k, from + k, to);
      path.push(rootOf(from, from + k));
    }
  };
  walk(index, 0, size);
  return path.map((p) => p.toString('hex'));
}

/** The root of the tree over the leaves `roots` stand for, each the root of an aligned block of leaves. */
export function rootOfRoots(roots: Buffer[]): Buffer {
  return subtreeRoot((i) => roots[i], 0, roots.length);
}

/**
 * A log's leaves known in part: the roots of its first `blockRoots.length` aligned blocks of `blockSize`
 * leaves (a power of two), plus some leaves by index (the block of the leaf to prove, and those after
 * the last block). The root of a range of whole blocks comes from their roots: RFC 6962 splits such a
 * range at a multiple of the block size, so the tree over the block roots is the tree over the leaves.
 * An inclusion proof then needs those leaves and about size / blockSize block roots, not the whole log.
 */
export class BlockedLeaves {
  constructor(
    private readonly blockSize: number,
    private readonly blockRoots: Buffer[],
    private readonly leaves: ReadonlyMap<number, Buffer>,
  ) {
    if (!Number.isInteger(Math.log2(blockSize))) throw new Error(`a block of ${blockSize} leaves: not a power of two`);
  }

  rootOf(from: number, to: number): Buffer {
    const b = this.blockSize;
    if (from % b === 0 && to % b === 0 && to / b <= this.blockRoots.length) {
      return subtreeRoot((i) => this.blockRoots[i], from / b, to / b);
    }
    if (to - from === 1) {
      const leaf = this.leaves.get(from);
      if (!leaf) throw new Error(`leaf ${from} is neither given nor in a block`);
      return leaf;
    }
    const k = largestPowerOfTwoBelow(to - from);
    return nodeHash(this.rootOf(from, from + k), this.rootOf(from + k, to));
  }
}

/** RFC 9162 §2.1.3.2: whether `path` proves the event hash at `index` part of the tree of `size` with `root`. */
export function verifyInclusion(eventHashHex: string, index: number, size: number, path: string[], root: string): boolean {
  if (!Number.isInteger(index) || !Number.isInteger(size) || index < 0 || index >= size) return false;
  let fn = index;
  let sn = size - 1;
  let r = leafHash(eventHashHex);
  for (const p of path) {
    if (!/^[0-9a-f]{64}$/.test(p)) return false;
    const sibling = Buffer.from(p, 'hex');
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(sibling, r);
      while (fn % 2 === 0 && fn !== 0) {
        fn = Math.floor(fn / 2);
        sn = Math.floor(sn / 2);
      }
    } else {
      r = nodeHash(r, sibling);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && r.toString('hex') === root;
}
