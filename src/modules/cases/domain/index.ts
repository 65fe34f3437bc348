/** A case (办件): its commands, events, state and rules. */
export * from './applicant';
export * from './case-stream';
export * from './case-rules';
export * from './lifecycle.decide';
export * from './clock.decide';
export * from './assignment.decide';
export * from './case.decide';
export * from './joint.decide';
export * from './review-clock';
export * from './escalation.decide';
export * from './case.events';
export * from './case-sentences';
export * from './case.state';
export * from './personal-data';
export * from './receipt-number';
export * from './consultation.decider';
