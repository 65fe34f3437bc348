import { DomainError, ValidationError } from '../../core/errors';
import { EventStore, RecordedEvent } from '../../core/event-store';
import { ProjectionRunner } from '../read-models/projection-runner';

/** Parses a client's `after` position: a whole number, as every payload gave it. */
export function parseAfter(after: string | null | undefined): bigint | undefined {
  if (after === null || after === undefined) return undefined;
  if (!/^-?\d{1,19}$/.test(after))
    throw new ValidationError([{ field: 'after', message: 'must be a position returned by an earlier event' }]);
  return BigInt(after);
}

/**
 * An async iterator over the log for one subscriber: everything after `after` (or live from now),
 * each event only once every read model has applied it, so a client that re-queries sees the change.
 * Events come from the runner's one feed, shared by every subscriber. Ending the subscription ends it
 * at once.
 */
export function followLog<T>(
  projections: ProjectionRunner,
  after: bigint | undefined,
  select: (event: RecordedEvent) => Promise<T | undefined>,
): AsyncIterableIterator<T> {
  const controller = new AbortController();
  const events = projections.feed.follow(after, controller.signal);
  const source = (async function* () {
    for await (const event of events) {
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

/**
 * followLog from a client's `after`. A position the log has not reached was given by no event: following
 * from it would silently skip every event up to it, so it is refused with SUBSCRIPTION.AFTER_BEYOND_HEAD.
 */
export async function followLogAfter<T>(
  store: EventStore,
  projections: ProjectionRunner,
  afterCursor: string | null | undefined,
  select: (event: RecordedEvent) => Promise<T | undefined>,
): Promise<AsyncIterableIterator<T>> {
  const after = parseAfter(afterCursor);
  if (after !== undefined) {
    const head = await store.headPosition();
    if (after > head) {
      throw new DomainError(
        'SUBSCRIPTION.AFTER_BEYOND_HEAD',
        `after ${after} is beyond the last recorded position ${head}: resume from the position of an event you received, or leave it out to follow from now`,
        { after: after.toString(), head: head.toString() },
      );
    }
  }
  return followLog(projections, after, select);
}
