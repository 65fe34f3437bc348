/** Injection tokens for the ports and resources shared across modules. */
export const CONFIG = Symbol('CONFIG');
export const EVENT_STORE = Symbol('EVENT_STORE');
export const CLOCK = Symbol('CLOCK');
export const READ_MODEL_DB = Symbol('READ_MODEL_DB');
/** Keeps queries off read models rebuilt in the background (a plugin on READ_MODEL_DB). */
export const READ_MODEL_GATE = Symbol('READ_MODEL_GATE');
export const CALENDAR = Symbol('CALENDAR');
/** Every read model's projection, new instances on each call (`() => ReadModelProjection[]`): given by the composition root. */
export const PROJECTIONS = Symbol('PROJECTIONS');
/** The Kafka publisher, or null when KAFKA_BROKERS is not set. */
export const KAFKA_PUBLISHER = Symbol('KAFKA_PUBLISHER');
