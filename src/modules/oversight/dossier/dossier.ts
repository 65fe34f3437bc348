import { eventHash } from '../../../core/audit-chain';
import { EventMetadata, EventStore, RecordedEvent } from '../../../core/event-store';
import { BlockedLeaves, LeafList, inclusionProof, inclusionProofFrom, leafHash, verifyInclusion } from '../../../core/merkle';
import { recordedHashOf } from '../audit/audit-checkpointer';
import { MerkleBlock } from '../audit/merkle-blocks.projection';
import { CHECKPOINT_STREAM, CheckpointData, signedPart } from '../audit/checkpoint';
import { Problem, linkProblem } from '../audit/log-verifier';
import { keyIdOf, verifySignature } from '../audit/signing-key';
import { caseStream } from '../../cases';

export const DOSSIER_FORMAT = 'casetrail-dossier/1';

export interface DossierEvent {
  position: string;
  revision: string;
  id: string;
  type: string;
  data: unknown;
  metadata: EventMetadata;
}

/**
 * 案卷: one case's whole history, with what it takes to check it on any machine without the service:
 * every event with its hash links, the signed checkpoint that seals the log up to the case's last sealed
 * event, and the Merkle inclusion proof of that event (the stream's chain covers the ones before it).
 */
export interface Dossier {
  format: typeof DOSSIER_FORMAT;
  caseId: string;
  stream: string;
  exportedAt: string;
  events: DossierEvent[];
  checkpoint: (Omit<CheckpointData, 'frontier'> & { position: string }) | null;
  /** The inclusion proof of the stream's last event at or before the checkpoint. */
  proof: { eventId: string; leafIndex: number; treeSize: number; path: string[] } | null;
}

export class DossierError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

type Proof = NonNullable<Dossier['proof']>;

/**
 * Builds the dossier of a case from the store, under the latest checkpoint (seal first, so that it
 * covers the whole case). The inclusion proof needs the leaves of the whole log up to the checkpoint:
 * from `blocks` (the Merkle blocks read model) it needs only the roots of whole blocks and two blocks of
 * events; without them, or when they do not give the signed root, it reads the log up to the checkpoint.
 */
export async function buildDossier(
  store: EventStore,
  caseId: string,
  now: Date,
  blocks?: (upTo: bigint) => Promise<MerkleBlock[]>,
): Promise<Dossier> {
  const stream = caseStream(caseId);
  const events: RecordedEvent[] = [];
  for await (const e of store.readStream(stream)) events.push(e);
  if (events.length === 0) throw new DossierError('CASE.NOT_FOUND', `No case ${caseId}`);
  const last = await store.lastEvent(CHECKPOINT_STREAM);
  const checkpoint = last ? { position: last.position, data: last.data as CheckpointData } : null;
  const sealed = checkpoint && [...events].reverse().find((e) => e.position <= BigInt(checkpoint!.data.upTo));
  let proof: Dossier['proof'] = null;
  if (checkpoint && sealed) {
    const fast = blocks && (await proofFromBlocks(store, await blocks(BigInt(checkpoint.data.upTo)), sealed, checkpoint.data));
    proof = fast || (await proofFromLog(store, sealed, checkpoint.data));
  }
  const { frontier: _frontier, ...signed } = checkpoint?.data ?? ({} as CheckpointData);
  return {
    format: DOSSIER_FORMAT,
    caseId,
    stream,
    exportedAt: now.toISOString(),
    events: events.map((e) => ({
      position: e.position.toString(),
      revision: e.revision.toString(),
      id: e.id,
      type: e.type,
      data: e.data,
      metadata: e.metadata,
    })),
    checkpoint: checkpoint ? { ...signed, position: checkpoint.position.toString() } : null,
    proof,
  };
}

// The stored hash will do for the other leaves: they only build the path, and a wrong one makes the proof
// fail against the signed root. The case's own events are checked by content in verifyDossier.
const leafOf = (e: RecordedEvent) => leafHash(recordedHashOf(e));

/** The proof from every leaf up to the checkpoint, read from the log. */
async function proofFromLog(store: EventStore, sealed: RecordedEvent, c: CheckpointData): Promise<Proof> {
  const leaves = new LeafList();
  let leafIndex = -1;
  const upTo = BigInt(c.upTo);
  for await (const e of store.readAll()) {
    if (e.position > upTo) break;
    if (e.id === sealed.id) leafIndex = leaves.size;
    leaves.push(recordedHashOf(e));
  }
  if (leaves.size !== c.events || leafIndex < 0) {
    throw new DossierError(
      'DOSSIER.LOG_DIFFERS',
      `The log up to position ${c.upTo} holds ${leaves.size} events, the checkpoint sealed ${c.events}: run casetrail verify`,
    );
  }
  return { eventId: sealed.id, leafIndex, treeSize: leaves.size, path: inclusionProof(leaves, leafIndex) };
}

/**
 * The proof from the roots of whole blocks, the events after the last block up to the checkpoint, and
 * the block of the sealed event; null when the blocks do not fit the log (the caller then reads it all).
 * A proof that does not lead to the signed root is never returned.
 */
async function proofFromBlocks(store: EventStore, blocks: MerkleBlock[], sealed: RecordedEvent, c: CheckpointData): Promise<Proof | null> {
  if (blocks.length === 0) return null;
  const size = blocks[0].leaves;
  const upTo = BigInt(c.upTo);
  const leaves = new Map<number, Buffer>();
  let leafIndex = -1;
  const take = async (after: bigint, last: bigint, first: number): Promise<number> => {
    let i = first;
    for await (const e of store.readAll({ after })) {
      if (e.position > last) break;
      if (e.id === sealed.id) leafIndex = i;
      leaves.set(i++, leafOf(e));
    }
    return i;
  };
  const treeSize = await take(blocks[blocks.length - 1].lastPosition, upTo, blocks.length * size);
  if (treeSize !== c.events) return null;
  if (leafIndex < 0) {
    const k = blocks.findIndex((b) => b.firstPosition <= sealed.position && sealed.position <= b.lastPosition);
    if (k < 0 || (await take(blocks[k].firstPosition - 1n, blocks[k].lastPosition, k * size)) !== (k + 1) * size || leafIndex < 0)
      return null;
  }
  const tree = new BlockedLeaves(
    size,
    blocks.map((b) => b.root),
    leaves,
  );
  const path = inclusionProofFrom((from, to) => tree.rootOf(from, to), leafIndex, treeSize);
  if (!verifyInclusion(recordedHashOf(sealed), leafIndex, treeSize, path, c.merkleRoot)) return null;
  return { eventId: sealed.id, leafIndex, treeSize, path };
}

export type DossierProblem = Problem | 'DOSSIER_MALFORMED' | 'NOT_SEALED' | 'INCLUSION_PROOF_INVALID';

export interface DossierReport {
  ok: boolean;
  caseId: string | null;
  events: number;
  /** Events sealed by the checkpoint (through the proven event and the chain before it). */
  sealed: number;
  /** Events after the checkpoint: checked against the chain only. */
  unsealed: number;
  keyId: string | null;
  checkpoint: { upTo: string; events: number; signedAt: string } | null;
  problem: { problem: DossierProblem; detail: string; revision: string | null; id: string | null } | null;
}

/**
 * Checks a dossier on its own, offline: every event against its hash and its predecessor, the
 * checkpoint's signature (and key, when one is trusted), and the inclusion proof against the signed root.
 */
export function verifyDossier(input: unknown, trustedKey: string | null): DossierReport {
  const d = input as Partial<Dossier>;
  const report: DossierReport = {
    ok: false,
    caseId: typeof d?.caseId === 'string' ? d.caseId : null,
    events: 0,
    sealed: 0,
    unsealed: 0,
    keyId: null,
    checkpoint: null,
    problem: null,
  };
  const fail = (problem: DossierProblem, detail: string, e?: DossierEvent) => ({
    ...report,
    problem: { problem, detail, revision: e?.revision ?? null, id: e?.id ?? null },
  });
  if (!d || d.format !== DOSSIER_FORMAT || !Array.isArray(d.events) || typeof d.stream !== 'string')
    return fail('DOSSIER_MALFORMED', `not a ${DOSSIER_FORMAT} file`);
  const stream = d.stream;
  const hashes = new Map<string, string>();
  let before: { revision: bigint; hash: string } | undefined;
  let chainSeen = false;
  for (const e of d.events) {
    if (!e || typeof e.id !== 'string' || !/^\d+$/.test(String(e.revision)) || !/^\d+$/.test(String(e.position)) || !e.metadata)
      return fail('DOSSIER_MALFORMED', 'an event lacks its id, revision, position or metadata', e);
    const recorded = { ...e, stream, revision: BigInt(e.revision), position: BigInt(e.position) } as RecordedEvent;
    const hash = eventHash(recorded, recorded.metadata.audit?.prev ?? null);
    const wrong = linkProblem(recorded, hash, before, chainSeen);
    if (wrong) return fail(wrong.problem, wrong.detail, e);
    chainSeen ||= Boolean(recorded.metadata.audit);
    hashes.set(e.id, hash);
    before = { revision: recorded.revision, hash };
    report.events++;
  }
  const c = d.checkpoint;
  if (!c || !d.proof) {
    report.unsealed = report.events;
    return fail('NOT_SEALED', 'the dossier carries no checkpoint: its events are checked against their chain only');
  }
  report.keyId = c.keyId;
  report.checkpoint = { upTo: c.upTo, events: c.events, signedAt: c.signedAt };
  if (keyIdOf(c.publicKey) !== c.keyId || !verifySignature(c.publicKey, signedPart(c), c.signature))
    return fail('CHECKPOINT_SIGNATURE_INVALID', "the checkpoint's signature does not verify with the key it names");
  if (trustedKey && c.publicKey !== trustedKey)
    return fail('CHECKPOINT_KEY_UNTRUSTED', `signed with key ${c.keyId}, which is not the trusted key ${keyIdOf(trustedKey)}`);
  const proven = d.events.find((e) => e.id === d.proof!.eventId);
  const hash = proven && hashes.get(proven.id);
  if (
    !proven ||
    !hash ||
    d.proof.treeSize !== c.events ||
    !verifyInclusion(hash, d.proof.leafIndex, d.proof.treeSize, d.proof.path, c.merkleRoot)
  ) {
    return fail('INCLUSION_PROOF_INVALID', "the proof does not lead from the case's last sealed event to the signed root", proven);
  }
  const upTo = BigInt(c.upTo);
  if (BigInt(proven.position) > upTo || d.events.some((e) => BigInt(e.position) <= upTo && BigInt(e.revision) > BigInt(proven.revision))) {
    return fail('INCLUSION_PROOF_INVALID', "the proven event is not the case's last event within the checkpoint", proven);
  }
  report.sealed = Number(proven.revision) + 1;
  report.unsealed = report.events - report.sealed;
  return { ...report, ok: true };
}
