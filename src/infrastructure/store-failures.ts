import { DomainError, StoreFullError, StoreUnavailableError } from '../core/errors';

/** PostgreSQL SQLSTATEs of a server that is down, restarting, or out of connections. */
const PG_UNAVAILABLE = new Set(['57P01', '57P02', '57P03', '53300', '08000', '08001', '08003', '08004', '08006']);
/** Node's codes for a connection refused, cut or timed out. */
const NET_UNAVAILABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND']);

/** Whether `error` is a lost or refused connection to PostgreSQL (the server, or the way to it). */
export function isConnectionError(error: unknown): boolean {
  const code = String((error as { code?: unknown })?.code ?? '');
  return (
    PG_UNAVAILABLE.has(code) ||
    NET_UNAVAILABLE.has(code) ||
    /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/.test(
      String((error as Error)?.message),
    )
  );
}

/**
 * What a driver's error means for the client, when it is the store's state rather than a bug: the disk
 * is full (SQLITE_FULL, PostgreSQL's 53100 disk_full, ENOSPC), or the store cannot be reached. Anything
 * else is undefined: a bug, answered INTERNAL and logged with its stack.
 */
export function storeFailure(error: unknown): DomainError | undefined {
  if (error instanceof StoreUnavailableError || error instanceof StoreFullError) return error;
  const code = String((error as { code?: unknown })?.code ?? '');
  const message = String((error as Error)?.message ?? error);
  if (code === 'SQLITE_FULL' || code === '53100' || code === 'ENOSPC' || /database or disk is full|No space left on device/i.test(message))
    return new StoreFullError('The disk under the store is full: nothing was recorded. Free some space and try again');
  if (isConnectionError(error)) return new StoreUnavailableError(`The database does not answer: ${message}. Try again shortly`);
  if (code === 'SQLITE_BUSY' || code.startsWith('SQLITE_IOERR') || code === 'SQLITE_CANTOPEN' || code === 'SQLITE_READONLY')
    return new StoreUnavailableError(`The database file cannot be used now (${code}). Try again shortly`);
  return undefined;
}
