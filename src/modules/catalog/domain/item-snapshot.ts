import { ServiceItemDefinition } from './service-item';

/** The service item (事项) at the version in force when the case was accepted: a case is pinned to it. */
export type ItemSnapshot = ServiceItemDefinition & { version: number };
