import { eventHash } from '../../../core/audit-chain';
import { EventMetadata, EventStore, RecordedEvent } from '../../../core/event-store';
import { LeafList, inclusionProof, verifyInclusion } from '../../../core/merkle';
import { contentHashOf } from '../audit/audit-checkpointer';
import { CHECKPOINT_STREAM, CheckpointData, signedPart } from '../audit/checkpoint';
import { Problem, linkProblem } from '../audit/log-verifier';
import { keyIdOf, verifySignature } from '../audit/signing-key';

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

/**
 * Builds the dossier of a case from the store, under the latest checkpoint (seal first, so that it
 * covers the whole case). Reads the log up to the checkpoint once, to place the case's last sealed
 * event among all the leaves.
 */
export async function buildDossier(store: EventStore, caseId: string, now: Date): Promise<Dossier> {
  const stream = `case-${caseId}`;
  const events: RecordedEvent[] = [];
  for await (const e of store.readStream(stream)) events.push(e);
  if (events.length === 0) throw new DossierError('CASE.NOT_FOUND', `No case ${caseId}`);
  let checkpoint: { position: bigint; data: CheckpointData } | null = null;
  for await (const e of store.readStream(CHECKPOINT_STREAM)) checkpoint = { position: e.position, data: e.data as CheckpointData };
  const sealed = checkpoint && [...events].reverse().find((e) => e.position <= BigInt(checkpoint!.data.upTo));
  let proof: Dossier['proof'] = null;
  if (checkpoint && sealed) {
    const leaves = new LeafList();
    let leafIndex = -1;
    const upTo = BigInt(checkpoint.data.upTo);
    for await (const e of store.readAll()) {
      if (e.position > upTo) break;
      if (e.id === sealed.id) leafIndex = leaves.size;
      // The stored hash will do for the other leaves: they only build the path, and a wrong one makes the
      // proof fail against the signed root. The case's own events are checked by content in verifyDossier.
      leaves.push(e.metadata.audit?.hash ?? contentHashOf(e));
    }
    if (leaves.size !== checkpoint.data.events || leafIndex < 0) {
      throw new DossierError('DOSSIER.LOG_DIFFERS', `The log up to position ${checkpoint.data.upTo} holds ${leaves.size} events, the checkpoint sealed ${checkpoint.data.events}: run casetrail verify`);
    }
    proof = { eventId: sealed.id, leafIndex, treeSize: leaves.size, path: inclusionProof(leaves, leafIndex) };
  }
  const { frontier: _frontier, ...signed } = checkpoint?.data ?? ({} as CheckpointData);
  return {
    format: DOSSIER_FORMAT,
    caseId,
    stream,
    exportedAt: now.toISOString(),
    events: events.map((e) => ({ position: e.position.toString(), revision: e.revision.toString(), id: e.id, type: e.type, data: e.data, metadata: e.metadata })),
    checkpoint: checkpoint ? { ...signed, position: checkpoint.position.toString() } : null,
    proof,
  };
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
  const report: DossierReport = { ok: false, caseId: typeof d?.caseId === 'string' ? d.caseId : null, events: 0, sealed: 0, unsealed: 0, keyId: null, checkpoint: null, problem: null };
  const fail = (problem: DossierProblem, detail: string, e?: DossierEvent) => ({ ...report, problem: { problem, detail, revision: e?.revision ?? null, id: e?.id ?? null } });
  if (!d || d.format !== DOSSIER_FORMAT || !Array.isArray(d.events) || typeof d.stream !== 'string') return fail('DOSSIER_MALFORMED', `not a ${DOSSIER_FORMAT} file`);
  const stream = d.stream;
  const hashes = new Map<string, string>();
  let before: { revision: bigint; hash: string } | undefined;
  let chainSeen = false;
  for (const e of d.events) {
    if (!e || typeof e.id !== 'string' || !/^\d+$/.test(String(e.revision)) || !/^\d+$/.test(String(e.position)) || !e.metadata) return fail('DOSSIER_MALFORMED', 'an event lacks its id, revision, position or metadata', e);
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
  if (keyIdOf(c.publicKey) !== c.keyId || !verifySignature(c.publicKey, signedPart(c), c.signature)) return fail('CHECKPOINT_SIGNATURE_INVALID', 'the checkpoint\'s signature does not verify with the key it names');
  if (trustedKey && c.publicKey !== trustedKey) return fail('CHECKPOINT_KEY_UNTRUSTED', `signed with key ${c.keyId}, which is not the trusted key ${keyIdOf(trustedKey)}`);
  const proven = d.events.find((e) => e.id === d.proof!.eventId);
  const hash = proven && hashes.get(proven.id);
  if (!proven || !hash || d.proof.treeSize !== c.events || !verifyInclusion(hash, d.proof.leafIndex, d.proof.treeSize, d.proof.path, c.merkleRoot)) {
    return fail('INCLUSION_PROOF_INVALID', 'the proof does not lead from the case\'s last sealed event to the signed root', proven);
  }
  const upTo = BigInt(c.upTo);
  if (BigInt(proven.position) > upTo || d.events.some((e) => BigInt(e.position) <= upTo && BigInt(e.revision) > BigInt(proven.revision))) {
    return fail('INCLUSION_PROOF_INVALID', 'the proven event is not the case\'s last event within the checkpoint', proven);
  }
  report.sealed = Number(proven.revision) + 1;
  report.unsealed = report.events - report.sealed;
  return { ...report, ok: true };
}
