import { ComplaintListProjection } from './queries/complaint/complaint-list.projection';

/** complaints: 投诉, from filing to finding, answer and escalation. Nest services come from complaints.module.ts. */
export * from './domain/complaint.decider';
export { ComplaintWatcher } from './complaint-watcher';

/** The complaints' read models. */
export const complaintProjections = () => [new ComplaintListProjection()];
