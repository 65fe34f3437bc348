import { ValidationError } from '../../core/errors';
import { EventStore, RecordedEvent } from '../../core/event-store';
import { ProjectionRunner } from '../read-models/projection-runner';

/** Parses a client's `after` position: a whole number, as every payload gave it. */
export function parseAfter(after: string | null | undefined): bigint | undefined {
  if (after === null || after === undefined) return undefined;
  if (!/^-?\d{1,19}$/.test(after)) throw new ValidationError([{ field: 'after', message: 'must be a position returned by an earlier event' }]);
  return BigInt(after);
}

/**
 * An async iterator over the log for one subscriber: everything after `after` (or live from now),
 * each event only once every read model has applied it, so a client that re-queries sees the change.
 * Ending the subscription aborts the store subscription at once.
 */
export function followLog<T>(
  store: EventStore,
  projections: ProjectionRunner,
  after: bigint | undefined,
  select: (event: RecordedEvent) => Promise<T | undefined>,
): AsyncIterableIterator<T> {
  const controller = new AbortController();
  const source = (async function* () {
    for await (const event of store.subscribeToAll({ after: after ?? projections.position, signal: controller.signal })) {
      await projections.waitFor(event.position, 60_000);
      const payload = await select(event);
      if (payload !== undefined) yield payload;
    }
  })();
  const iterator: AsyncIterableIterator<T> = {
    next: () => source.next() as Promise<IteratorResult<T>>,
    return: async () => {
      controller.abort();
      return { done: true, value: undefined };
    },
    throw: async (error?: unknown) => {
      controller.abort();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator;
}
