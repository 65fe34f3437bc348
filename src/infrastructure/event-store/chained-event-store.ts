import { chainEvents, eventHash } from '../../core/audit-chain';
import { AppendResult, EventStore, ExpectedRevision, NewEvent, RecordedEvent } from '../../core/event-store';

const hashOf = (e: RecordedEvent) => e.metadata.audit?.hash ?? eventHash(e, null);

/**
 * Puts every appended event on its stream's audit hash chain, whatever the adapter underneath. The
 * predecessor's hash is read at the revision the append expects: if another writer got there first,
 * the adapter refuses the append (wrong expected revision) and the chain stays whole.
 */
export class ChainedEventStore implements EventStore {
  /**
   * The last hash seen of recently read or written streams: a command reads its stream just before it
   * appends, so the predecessor's hash is usually known without a second read. An entry names a revision,
   * and the event at a revision never changes, so an entry can be old but never wrong.
   */
  private readonly recent = new Map<string, { revision: bigint; hash: string }>();
  private static readonly RECENT_STREAMS = 10_000;

  constructor(private readonly inner: EventStore) {}

  async append(stream: string, events: NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    const prev = expected === 'no_stream' ? null : await this.hashAt(stream, expected);
    const chained = chainEvents(stream, expected, prev, events);
    const result = await this.inner.append(stream, chained, expected);
    if (chained.length > 0) this.remember(stream, result.nextRevision, chained[chained.length - 1].metadata.audit!.hash);
    return result;
  }

  /** The hash of the event at `revision` (recomputed for an event from before the chain); null if there is none. */
  private async hashAt(stream: string, revision: bigint): Promise<string | null> {
    const known = this.recent.get(stream);
    if (known?.revision === revision) return known.hash;
    for await (const e of this.inner.readStream(stream, { fromRevision: revision, maxCount: 1 })) {
      return e.revision === revision ? hashOf(e) : null;
    }
    return null;
  }

  private remember(stream: string, revision: bigint, hash: string): void {
    this.recent.delete(stream);
    this.recent.set(stream, { revision, hash });
    if (this.recent.size > ChainedEventStore.RECENT_STREAMS) this.recent.delete(this.recent.keys().next().value!);
  }

  async *readStream(stream: string, opts?: { fromRevision?: bigint; maxCount?: number }): AsyncIterable<RecordedEvent> {
    let last: RecordedEvent | undefined;
    for await (const e of this.inner.readStream(stream, opts)) {
      last = e;
      yield e;
    }
    if (last) this.remember(stream, last.revision, hashOf(last));
  }

  async lastEvent(stream: string): Promise<RecordedEvent | undefined> {
    const last = await this.inner.lastEvent(stream);
    if (last) this.remember(stream, last.revision, hashOf(last));
    return last;
  }

  readAll(opts?: { after?: bigint; maxCount?: number }): AsyncIterable<RecordedEvent> {
    return this.inner.readAll(opts);
  }

  subscribeToAll(opts: { after?: bigint; signal: AbortSignal }): AsyncIterable<RecordedEvent> {
    return this.inner.subscribeToAll(opts);
  }

  headPosition(): Promise<bigint> {
    return this.inner.headPosition();
  }

  ping(): Promise<void> {
    return this.inner.ping();
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  /** The adapter underneath, for what only it offers (statistics, its own tests). */
  get adapter(): EventStore {
    return this.inner;
  }
}
