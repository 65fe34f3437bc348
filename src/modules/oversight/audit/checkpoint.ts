import { canonicalJson } from '../../../core/canonical-json';

/**
 * 审计检查点: a seal over the whole global log up to a position: the root of the Merkle tree whose
 * leaves are every event's own hash in log order (core/merkle.ts), signed with Ed25519 over the canonical
 * text of `signedPart`. One event can then be proved part of the sealed log by a short inclusion proof
 * (a case dossier carries one). Checkpoints are events themselves, in their own stream, so each is sealed
 * by the next.
 */
export const CHECKPOINT_STREAM = 'audit-checkpoints';
export const CHECKPOINT_EVENT = 'AuditCheckpointSigned';

export interface CheckpointData {
  /** The position of the last event sealed. */
  upTo: string;
  /** How many events the log holds up to and including `upTo`: the size of the tree. */
  events: number;
  merkleRoot: string;
  /** The tree's right edge (roots of its perfect subtrees), so that the next checkpoint continues from here. Not signed: it only saves work. */
  frontier: string[];
  /** The previous checkpoint's `upTo`, or null for the first. */
  previousUpTo: string | null;
  keyId: string;
  /** The Ed25519 public key, raw bytes in base64, so that the checkpoint can be checked on its own. */
  publicKey: string;
  signedAt: string;
  signature: string;
}

/** The text that is signed: everything but the signature, the key itself (named by keyId) and the frontier. */
export function signedPart(c: Omit<CheckpointData, 'signature' | 'publicKey' | 'frontier'>): string {
  return canonicalJson({
    v: 1,
    upTo: c.upTo,
    events: c.events,
    merkleRoot: c.merkleRoot,
    previousUpTo: c.previousUpTo,
    keyId: c.keyId,
    signedAt: c.signedAt,
  });
}
