import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { EventStoreLocation } from '../../../config';
import { AuditLink, EventStore, RecordedEvent } from '../../../core/event-store';
import { CHECKPOINT_STREAM, CheckpointData } from './checkpoint';
import { LogVerifier, VerifyReport } from './log-verifier';

export interface VerifyOptions {
  /** Called every 10,000 events. */
  onProgress?: (events: number) => void;
  /**
   * Recomputes the hashes in this many worker threads, each reading its own parts of the log from
   * `location`; this thread then only checks links and checkpoints, in log order. Only for SQLite and
   * PostgreSQL (an EventStoreDB position is a byte offset, which cannot be split into parts): elsewhere,
   * and with 0, everything runs on this thread.
   */
  workers?: { location: EventStoreLocation; count: number };
}

/**
 * Worker threads worth starting by default: on SQLite, one per core up to 4 once the log passes 10,000
 * positions (below that, starting them costs more than they save). On PostgreSQL none: the server does
 * much of the reading, and on 2 cores with it on the same machine 2 workers gained nothing (118,326
 * events: 2.5 s either way); `--workers` asks for them where the database has cores of its own.
 */
export function defaultVerifyWorkers(location: EventStoreLocation, head: bigint): number {
  return location.kind !== 'sqlite' || head < 10_000n ? 0 : Math.min(4, availableParallelism());
}

/**
 * `casetrail verify`: reads the whole log once, in order, checking every stream's chain and every
 * checkpoint, and stops at the first bad event. Events appended while it runs are verified too.
 */
export async function verifyStore(
  store: EventStore,
  trustedKeys: ReadonlySet<string> | null,
  options: VerifyOptions = {},
): Promise<VerifyReport> {
  const sealed = new Set<string>();
  for await (const e of store.readStream(CHECKPOINT_STREAM)) sealed.add(String((e.data as Partial<CheckpointData>).upTo));
  const verifier = new LogVerifier(sealed, trustedKeys);
  let n = 0;
  const feed = (e: RecordedEvent, hashed?: { hash: string; leaf: Buffer }) => {
    if (!verifier.feed(e, hashed)) return false;
    if (++n % 10_000 === 0) options.onProgress?.(n);
    return true;
  };
  let after = -1n;
  const workers = options.workers;
  if (workers && workers.count > 0 && workers.location.kind !== 'eventstoredb') {
    const head = await store.headPosition();
    const done = await hashInWorkers(workers.location, workers.count, head, feed);
    if (!done) return verifier.report();
    after = head;
  }
  for await (const e of store.readAll({ after })) if (!feed(e)) break;
  return verifier.report();
}

/** A part of the log a worker hashes: the events after `after`, up to `upTo`. */
export interface SegmentRequest {
  segment: number;
  after: bigint;
  upTo: bigint;
}

/** An event as a worker returns it: what the checks need, and the hash its content gives now. */
export interface HashedEvent {
  position: bigint;
  stream: string;
  revision: bigint;
  id: string;
  type: string;
  audit?: AuditLink;
  /** A checkpoint's data, for its signature; nothing for other events. */
  data?: unknown;
  hash: string;
}

/** A part hashed, with its events' Merkle leaves end to end (32 bytes each), or why it could not be read. */
export type SegmentResult = { segment: number; events: HashedEvent[]; leaves: Uint8Array } | { segment: number; error: string };

/**
 * Positions per part. Small parts start every worker at once (the first part of 13,000 events took 0.5 s
 * to come back, one of 1,000 under 0.1 s), and the parts asked for ahead hold little of the log.
 */
const SEGMENT = 1_000n;

/**
 * Hashes the log up to `head` in `count` worker threads and feeds it, in log order, to `feed`. Part i goes
 * to worker i mod count; at most two parts per worker are asked for ahead of the one being checked, so
 * that a worker always has its next part waiting.
 * Returns false when `feed` stopped at a bad event.
 */
async function hashInWorkers(
  location: EventStoreLocation,
  count: number,
  head: bigint,
  feed: (e: RecordedEvent, hashed: { hash: string; leaf: Buffer }) => boolean,
): Promise<boolean> {
  const script = join(__dirname, 'verify-worker.js');
  if (!existsSync(script)) throw new Error(`The verify worker is missing (${script}): run the built service (npm run build)`);
  const size = SEGMENT;
  const segments = Number(head / size) + 1;
  const waiting = new Map<number, { resolve: (r: SegmentResult) => void; reject: (e: Error) => void }>();
  const replies = new Map<number, Promise<SegmentResult>>();
  const failAll = (error: Error) => {
    for (const w of waiting.values()) w.reject(error);
    waiting.clear();
  };
  const threads = Array.from({ length: Math.min(count, segments) }, () => {
    const worker = new Worker(script, { workerData: { location } });
    worker.on('message', (reply: SegmentResult) => {
      waiting.get(reply.segment)?.resolve(reply);
      waiting.delete(reply.segment);
    });
    worker.on('error', failAll);
    worker.on('exit', (code) => code !== 0 && failAll(new Error(`A verify worker stopped (exit code ${code})`)));
    return worker;
  });
  const ask = (segment: number) => {
    const after = BigInt(segment) * size - 1n;
    const upTo = after + size > head ? head : after + size;
    const reply = new Promise<SegmentResult>((resolve, reject) => waiting.set(segment, { resolve, reject }));
    reply.catch(() => undefined); // a part never awaited (a bad event came first) must not fail on its own
    replies.set(segment, reply);
    threads[segment % threads.length].postMessage({ segment, after, upTo } satisfies SegmentRequest);
  };
  let asked = 0;
  try {
    for (let segment = 0; segment < segments; segment++) {
      while (asked < segments && asked <= segment + 2 * threads.length) ask(asked++);
      const reply = await replies.get(segment)!;
      replies.delete(segment);
      if ('error' in reply) throw new Error(`Reading the log after position ${BigInt(segment) * size - 1n} failed: ${reply.error}`);
      const leaves = Buffer.from(reply.leaves.buffer, reply.leaves.byteOffset, reply.leaves.byteLength);
      for (const [i, h] of reply.events.entries()) {
        const e = {
          position: h.position,
          stream: h.stream,
          revision: h.revision,
          id: h.id,
          type: h.type,
          data: h.data,
          metadata: h.audit ? { audit: h.audit } : {},
        } as unknown as RecordedEvent;
        if (!feed(e, { hash: h.hash, leaf: leaves.subarray(i * 32, i * 32 + 32) })) return false;
      }
    }
    return true;
  } finally {
    await Promise.all(threads.map((w) => stopWorker(w)));
  }
}

/** Lets a worker close its connection and end; one that does not within 5 s is stopped. */
async function stopWorker(worker: Worker): Promise<void> {
  worker.removeAllListeners('exit');
  worker.removeAllListeners('error');
  worker.on('error', () => undefined);
  const ended = once(worker, 'exit');
  worker.postMessage('close');
  const timer = setTimeout(() => void worker.terminate(), 5_000);
  await ended;
  clearTimeout(timer);
}
