import { parentPort, workerData } from 'node:worker_threads';
import { EventStoreLocation } from '../../../config';
import { leafHash } from '../../../core/merkle';
import { openEventStore } from '../../../infrastructure/event-store/open-event-store';
import { contentHashOf } from './audit-checkpointer';
import { CHECKPOINT_STREAM } from './checkpoint';
import type { HashedEvent, SegmentRequest, SegmentResult } from './verify-store';

/**
 * A thread of `verifyStore`: reads the part of the log it is given from its own connection and returns
 * each event's recomputed content hash with what the checks in log order need (never the event's data,
 * except a checkpoint's). Parts are done one after the other, in the order asked.
 */
async function main(): Promise<void> {
  const store = await openEventStore(workerData.location as EventStoreLocation);
  let queue = Promise.resolve();
  parentPort!.on('message', (request: SegmentRequest | 'close') => {
    if (request === 'close') {
      queue = queue.then(() => store.close()).then(() => parentPort!.close());
      return;
    }
    queue = queue.then(async () => {
      let reply: SegmentResult;
      try {
        reply = { segment: request.segment, ...(await hashSegment(request)) };
      } catch (error) {
        reply = { segment: request.segment, error: (error as Error).message };
      }
      parentPort!.postMessage(reply);
    });
  });

  async function hashSegment(request: SegmentRequest): Promise<{ events: HashedEvent[]; leaves: Buffer }> {
    const events: HashedEvent[] = [];
    const leaves: Buffer[] = [];
    // No more events than positions in the part (a log may skip positions, never repeat one).
    for await (const e of store.readAll({ after: request.after, maxCount: Number(request.upTo - request.after) })) {
      if (e.position > request.upTo) break;
      const hash = contentHashOf(e);
      leaves.push(leafHash(hash));
      events.push({
        position: e.position,
        stream: e.stream,
        revision: e.revision,
        id: e.id,
        type: e.type,
        audit: e.metadata.audit,
        data: e.stream === CHECKPOINT_STREAM ? e.data : undefined,
        hash,
      });
    }
    return { events, leaves: Buffer.concat(leaves) };
  }
}

void main();
