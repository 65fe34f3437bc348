import { EventStore } from '../../../core/event-store';
import { CHECKPOINT_STREAM, CheckpointData } from './checkpoint';
import { LogVerifier, VerifyReport } from './log-verifier';

/**
 * `casetrail verify`: reads the whole log once, in order, checking every stream's chain and every
 * checkpoint, and stops at the first bad event. `onProgress` is called every 10,000 events.
 */
export async function verifyStore(store: EventStore, trustedKeys: ReadonlySet<string> | null, onProgress?: (events: number) => void): Promise<VerifyReport> {
  const sealed = new Set<string>();
  for await (const e of store.readStream(CHECKPOINT_STREAM)) sealed.add(String((e.data as Partial<CheckpointData>).upTo));
  const verifier = new LogVerifier(sealed, trustedKeys);
  let n = 0;
  for await (const e of store.readAll()) {
    if (!verifier.feed(e)) break;
    if (++n % 10_000 === 0) onProgress?.(n);
  }
  return verifier.report();
}
