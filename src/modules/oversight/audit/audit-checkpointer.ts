import { eventHash } from '../../../core/audit-chain';
import { Actor } from '../../../core/actor';
import { Clock } from '../../../core/clock';
import { DuplicateEventError, WrongExpectedRevisionError } from '../../../core/errors';
import { EventStore, RecordedEvent } from '../../../core/event-store';
import { eventIdFor } from '../../../core/ids';
import { MerkleFrontier } from '../../../core/merkle';
import { CHECKPOINT_EVENT, CHECKPOINT_STREAM, CheckpointData, signedPart } from './checkpoint';
import { SigningKey } from './signing-key';

export const AUDIT_CHECKPOINTER: Actor = { id: 'audit-checkpointer', role: 'system' };

interface Logger {
  log(message: string): void;
  error(message: string, stack?: string): void;
}

/** The last checkpoint as the checkpointer continues from it. */
interface Sealed {
  revision: bigint | null;
  upTo: bigint;
  events: number;
  frontier: string[];
}

/** The hash an event has by its content (its stored hash is what is being checked, so it is never trusted). */
export const contentHashOf = (e: RecordedEvent) => eventHash(e, e.metadata.audit?.prev ?? null);

/**
 * The hash an event was recorded with (its content's, for an event from before the chain): the leaf of a
 * proof that is checked against a signed root, where a wrong one only makes the proof fail.
 */
export const recordedHashOf = (e: RecordedEvent) => e.metadata.audit?.hash ?? contentHashOf(e);

/**
 * Seals the global log at intervals: adds every event since the last checkpoint to the Merkle tree,
 * signs the result and records it as an event. A checkpoint is written only when something other than
 * checkpoints arrived since the last one. Two instances sealing at once: the second append finds the
 * stream moved on (or the same id written) and leaves it to the first.
 */
/** Events hashed between two turns of the event loop while sealing: about 10 ms of work. */
const YIELD_EVERY = 500;

export class AuditCheckpointer {
  private sealed?: Sealed;
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(
    private readonly store: EventStore,
    private readonly key: SigningKey,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  /** Writes a checkpoint if there is anything new to seal; returns it, or null. */
  async tick(): Promise<CheckpointData | null> {
    const last = (this.sealed ??= await this.readLast());
    const head = await this.store.headPosition();
    if (head <= last.upTo) return null;
    const tree = new MerkleFrontier(last.events, last.frontier);
    let upTo = last.upTo;
    let news = false;
    for await (const e of this.store.readAll({ after: last.upTo < 0n ? undefined : last.upTo })) {
      if (e.position > head) break;
      tree.append(contentHashOf(e));
      upTo = e.position;
      if (e.stream !== CHECKPOINT_STREAM) news = true;
      // A SQLite log is read without waiting for I/O: without a turn of the event loop now and then, the
      // first seal of a long log would hold every request until it is done.
      if (tree.size % YIELD_EVERY === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    if (!news) return null;
    const events = tree.size;
    const unsigned = {
      upTo: upTo.toString(),
      events,
      merkleRoot: tree.root(),
      previousUpTo: last.revision === null ? null : last.upTo.toString(),
      keyId: this.key.keyId,
      signedAt: this.clock.now().toISOString(),
    };
    const data: CheckpointData = {
      ...unsigned,
      frontier: tree.snapshot(),
      publicKey: this.key.publicKey,
      signature: this.key.sign(signedPart(unsigned)),
    };
    const commandId = `audit-checkpoint:${data.upTo}`;
    const at = data.signedAt;
    try {
      const result = await this.store.append(
        CHECKPOINT_STREAM,
        [
          {
            id: eventIdFor(commandId, 0),
            type: CHECKPOINT_EVENT,
            data,
            metadata: {
              actor: AUDIT_CHECKPOINTER,
              commandId,
              correlationId: commandId,
              causationId: commandId,
              occurredAt: at,
              recordedAt: at,
              schemaVersion: 1,
            },
          },
        ],
        last.revision ?? 'no_stream',
      );
      this.sealed = { revision: result.nextRevision, upTo, events, frontier: data.frontier };
      return data;
    } catch (error) {
      if (error instanceof WrongExpectedRevisionError || error instanceof DuplicateEventError) {
        this.sealed = undefined; // another instance sealed first: start again from theirs next time
        return null;
      }
      throw error;
    }
  }

  private async readLast(): Promise<Sealed> {
    let last: Sealed = { revision: null, upTo: -1n, events: 0, frontier: [] };
    for await (const e of this.store.readStream(CHECKPOINT_STREAM)) {
      const d = e.data as CheckpointData;
      last = { revision: e.revision, upTo: BigInt(d.upTo), events: d.events, frontier: d.frontier };
    }
    return last;
  }

  /** Runs every `intervalMs`, one run at a time; with `now`, the first run starts at once. */
  start(intervalMs: number, opts: { now?: boolean } = {}): void {
    const run = () => {
      if (this.running) return;
      this.running = this.tick()
        .then((c) => c && this.logger.log(`Audit checkpoint signed: ${c.events} events up to position ${c.upTo}, key ${c.keyId}`))
        .catch((error: Error) => {
          this.sealed = undefined;
          this.logger.error(`Audit checkpoint failed: ${error.message}`, error.stack);
        })
        .finally(() => (this.running = undefined));
    };
    this.timer = setInterval(run, intervalMs);
    this.timer.unref();
    if (opts.now) run();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
