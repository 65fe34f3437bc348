import { MerkleBlocksProjection } from './audit/merkle-blocks.projection';
import { OversightReadsProjection } from './reads/oversight-reads.projection';
import { EventTimelineProjection } from './replay/event-timeline.projection';

/** oversight: 纪委/监察, the tamper-evident log, signed checkpoints, dossiers, replay and recorded reads. */
export { AuditCheckpointer } from './audit/audit-checkpointer';
export { VerifyReport } from './audit/log-verifier';
export { MerkleBlocksProjection, merkleBlocksUpTo } from './audit/merkle-blocks.projection';
export { SigningKey, keyIdOf, parsePublicKey } from './audit/signing-key';
export { defaultVerifyWorkers, verifyStore } from './audit/verify-store';
export { buildDossier, verifyDossier } from './dossier/dossier';
export { renderDossierHtml } from './dossier/dossier-html';

/** Oversight's read models. */
export const oversightProjections = () => [new OversightReadsProjection(), new EventTimelineProjection(), new MerkleBlocksProjection()];
