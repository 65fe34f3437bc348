import { Dossier, DossierProblem, verifyDossier } from './dossier';

/**
 * Where one event of a case stands in the audit chain (审计链), as a supervisor reads it beside the event:
 * - SEALED: its content gives its recorded hash, it links to the event before it, and a signed checkpoint
 *   covers it (through the Merkle proof of the case's last sealed event and the chain before that one);
 * - CHAINED: content and link hold, but no checkpoint covers it yet (recorded since the last seal), or the
 *   checkpoint itself failed (the case's `problem` says why);
 * - UNCHAINED: recorded before the store kept an audit chain, so there is nothing to check;
 * - BROKEN: this is the first event that fails: edited, removed, inserted or moved;
 * - AFTER_BREAK: it comes after a broken event, so the chain no longer vouches for it.
 */
export type EventChainStatus = 'SEALED' | 'CHAINED' | 'UNCHAINED' | 'BROKEN' | 'AFTER_BREAK';

export interface CaseChainCheck {
  caseId: string;
  /** Nothing found wrong: every link holds, and the signed checkpoint, when there is one yet, proves the sealed events. */
  ok: boolean;
  /** How many of the case's events a signed checkpoint covers (the first ones). */
  sealed: number;
  problem: DossierProblem | null;
  detail: string | null;
  keyId: string | null;
  checkpoint: { upTo: string; events: number; signedAt: string } | null;
  events: Array<{ position: string; revision: number; hash: string | null; status: EventChainStatus }>;
}

/**
 * The check of a case's dossier event by event: `verifyDossier` does the checking (the same one the
 * offline `casetrail verify --dossier` runs), this reads its verdict onto each event.
 */
export function checkCaseChain(dossier: Dossier, trustedKey: string | null): CaseChainCheck {
  const report = verifyDossier(dossier, trustedKey);
  // A case recorded since the last seal is not at fault: its events wait for the next checkpoint.
  const problem = report.problem?.problem === 'NOT_SEALED' ? null : report.problem;
  // A failed proof or signature says nothing against the events' own links: they stay CHAINED.
  const broken = problem?.revision != null && problem.problem !== 'INCLUSION_PROOF_INVALID' ? BigInt(problem.revision) : null;
  const status = (revision: bigint, chained: boolean): EventChainStatus => {
    if (broken !== null && revision > broken) return 'AFTER_BREAK';
    if (broken !== null && revision === broken) return 'BROKEN';
    if (!chained) return 'UNCHAINED';
    return report.ok && revision < BigInt(report.sealed) ? 'SEALED' : 'CHAINED';
  };
  return {
    caseId: dossier.caseId,
    ok: problem === null,
    sealed: report.ok ? report.sealed : 0,
    problem: problem?.problem ?? null,
    detail: problem?.detail ?? null,
    keyId: report.keyId,
    checkpoint: report.checkpoint,
    events: dossier.events.map((e) => ({
      position: e.position,
      revision: Number(e.revision),
      hash: e.metadata.audit?.hash ?? null,
      status: status(BigInt(e.revision), Boolean(e.metadata.audit)),
    })),
  };
}
