/**
 * Errors with stable codes. The code is the contract with API clients (`extensions.code`);
 * the message is for people and may change.
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export interface FieldIssue {
  field: string;
  message: string;
}

export class ValidationError extends DomainError {
  constructor(
    readonly issues: FieldIssue[],
    message = `Invalid input: ${issues.map((i) => `${i.field}: ${i.message}`).join('; ')}`,
  ) {
    super('VALIDATION.FAILED', message, { issues });
    this.name = 'ValidationError';
  }
}

/** Optimistic concurrency: the stream moved on since it was read. */
export class WrongExpectedRevisionError extends DomainError {
  constructor(
    readonly stream: string,
    readonly expected: bigint | 'no_stream',
    readonly actual: bigint | 'no_stream',
  ) {
    super('STREAM.WRONG_EXPECTED_REVISION', `Stream ${stream} is at ${actual}, expected ${expected}`);
    this.name = 'WrongExpectedRevisionError';
  }
}

/** A command id already used on the stream by another user, or with other input (COMMAND.ID_REUSED). */
export class CommandIdReusedError extends DomainError {
  constructor(how: string) {
    super('COMMAND.ID_REUSED', `This commandId was already used ${how}: choose a new one for a new command`);
    this.name = 'CommandIdReusedError';
  }
}

/** An event id is already stored elsewhere: a command id was reused for a different command. */
export class DuplicateEventError extends DomainError {
  constructor(readonly eventIds: string[]) {
    super('COMMAND.ID_REUSED', 'This commandId was already used for a different command');
    this.name = 'DuplicateEventError';
  }
}

/** The event store or the read-model database does not answer (down, unreachable, restarting). Try again later. */
export class StoreUnavailableError extends DomainError {
  constructor(message: string) {
    super('STORE.UNAVAILABLE', message);
    this.name = 'StoreUnavailableError';
  }
}

/** The disk under a store is full: nothing more can be recorded until space is freed. Nothing was written. */
export class StoreFullError extends DomainError {
  constructor(message: string) {
    super('STORE.FULL', message);
    this.name = 'StoreFullError';
  }
}
