import { CaseListProjection } from './queries/case-list/case-list.projection';
import { PersonalDataReadsProjection } from './queries/personal-data-reads/personal-data-reads.projection';
import { ConsultationListProjection } from './queries/consultation/consultation-list.projection';

/**
 * cases: a citizen's application from submission to archive (办件), with its clock applied. What other
 * modules may use; the Nest services they inject come from cases.module.ts.
 */
export * from './domain';
export { caseAsOf } from './case-as-of';
export { caseTarget } from './case-target';
export { DeadlineWatcher } from './deadline-watcher';
export { toIntegrationEvent } from './integration/case-integration-events';
export { TimeLimitState, timeLimitState, timeLimitView } from './queries/case-detail/time-limit.view';
export { withinReach } from './queries/case-list/case-reach';
export { ReceiptIssuer, caseIdOfReceipt } from './receipt-issuer';

/** The cases' read models. */
export const caseProjections = () => [new CaseListProjection(), new PersonalDataReadsProjection(), new ConsultationListProjection()];

/** 首问负责 follow-up, run on the deadline watcher's schedule. */
export { ConsultationWatcher } from './consultation-watcher';
