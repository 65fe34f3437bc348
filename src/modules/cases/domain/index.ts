/** A case (办件): its commands, events, state and rules. */
export * from './applicant';
export * from './case-stream';
export * from './case.commands';
export * from './case.decide';
export * from './case.events';
export * from './case.evolve';
export * from './case.state';
export * from './personal-data';
export * from './receipt-number';
