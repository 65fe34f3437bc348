import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { BlockedLeaves, MerkleFrontier, inclusionProof, inclusionProofFrom, leafHash, verifyInclusion } from './merkle';

const h = (i: number) => createHash('sha256').update(`event ${i}`).digest('hex');

/** The tree hash straight from RFC 6962's definition, to check the incremental one against. */
function mth(hashes: string[]): string {
  const sha = (...parts: Buffer[]) => createHash('sha256').update(Buffer.concat(parts)).digest();
  const rec = (d: string[]): Buffer => {
    if (d.length === 0) return sha();
    if (d.length === 1) return sha(Buffer.from([0]), Buffer.from(d[0], 'hex'));
    let k = 1;
    while (k * 2 < d.length) k *= 2;
    return sha(Buffer.from([1]), rec(d.slice(0, k)), rec(d.slice(k)));
  };
  return rec(hashes).toString('hex');
}

describe('Merkle tree over the log (RFC 6962)', () => {
  it('grows incrementally to the same root as the definition, and resumes from a snapshot', () => {
    const hashes = Array.from({ length: 70 }, (_, i) => h(i));
    const tree = new MerkleFrontier();
    expect(tree.root()).toBe(mth([]));
    hashes.forEach((x, i) => {
      tree.append(x);
      expect(tree.root()).toBe(mth(hashes.slice(0, i + 1)));
      if (i === 40) {
        const resumed = new MerkleFrontier(tree.size, tree.snapshot());
        for (const y of hashes.slice(41)) resumed.append(y);
        expect(resumed.root()).toBe(mth(hashes));
      }
    });
    expect(() => new MerkleFrontier(5, [h(1)])).toThrow(/has 2 nodes/);
  });

  it('proves any leaf of any tree, and refuses a wrong leaf, index or path', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 300 }), fc.nat(), (size, pick) => {
        const hashes = Array.from({ length: size }, (_, i) => h(i));
        const index = pick % size;
        const root = mth(hashes);
        const path = inclusionProof(hashes, index);
        expect(verifyInclusion(hashes[index], index, size, path, root)).toBe(true);
        expect(verifyInclusion(h(size + 1), index, size, path, root)).toBe(false);
        if (size > 1) {
          expect(verifyInclusion(hashes[index], (index + 1) % size, size, path, root)).toBe(false);
          expect(
            verifyInclusion(hashes[index], index, size, [...path.slice(1), path[0].replace(/^./, (c) => (c === '0' ? '1' : '0'))], root),
          ).toBe(false);
        }
        // (The size is bound to the root by the checkpoint's signature, not by the path.)
        expect(verifyInclusion(hashes[index], size, size, path, root)).toBe(false);
      }),
      { numRuns: 200 },
    );
  });

  it("proves a leaf from the roots of whole blocks, the leaf's own block and the leaves after the last block, as from every leaf", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 200 }),
        fc.constantFrom(1, 2, 4, 8, 16),
        fc.nat(),
        fc.nat(),
        (size, blockSize, pickBlocks, pick) => {
          const hashes = Array.from({ length: size }, (_, i) => h(i));
          // Any number of blocks kept, up to all the whole ones: the read model may lag behind the checkpoint.
          const blocks = pickBlocks % (Math.floor(size / blockSize) + 1);
          const index = pick % size;
          const roots = Array.from({ length: blocks }, (_, k) => Buffer.from(mth(hashes.slice(k * blockSize, (k + 1) * blockSize)), 'hex'));
          const given = new Map<number, Buffer>();
          const own = Math.floor(index / blockSize);
          for (let i = 0; i < size; i++)
            if (i >= blocks * blockSize || Math.floor(i / blockSize) === own) given.set(i, leafHash(hashes[i]));
          const tree = new BlockedLeaves(blockSize, roots, given);
          const path = inclusionProofFrom((from, to) => tree.rootOf(from, to), index, size);
          expect(path).toEqual(inclusionProof(hashes, index));
          expect(verifyInclusion(hashes[index], index, size, path, mth(hashes))).toBe(true);
        },
      ),
      { numRuns: 2000 },
    );
    // A leaf outside every block and not given is a fault of the caller, never a wrong proof.
    const tree = new BlockedLeaves(4, [], new Map());
    expect(() => inclusionProofFrom((from, to) => tree.rootOf(from, to), 0, 3)).toThrow(/leaf \d+ is neither given nor in a block/);
    expect(() => new BlockedLeaves(3, [], new Map())).toThrow(/not a power of two/);
  });
});
