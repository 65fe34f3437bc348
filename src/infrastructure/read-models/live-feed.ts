import { EventStore, RecordedEvent } from '../../core/event-store';
import { TurnTaking } from './turn-taking';

/**
 * The log as the read models have applied it, for every live subscriber at once.
 *
 * The projection runner publishes each batch once it is committed, so a subscriber that re-queries on
 * an event sees its effect. Subscribers do not read the log themselves: each keeps only a cursor, takes
 * recent events from a bounded window in memory, and reads older ones from the store a page at a time
 * (resuming from an old position, or after falling behind). A slow subscriber falls behind in its own
 * cursor; it never holds up the others, the runner, or the commands. A fast one takes turns with the
 * others and with the network (`TurnTaking`): however many replay at once, requests are still answered.
 */
export class LiveFeed {
  /** Recent events, by position. Every event after `floor` up to `head` is here. */
  private window: RecordedEvent[] = [];
  private floor = -1n;
  private last = -1n;
  /** Subscribers waiting for the next batch. */
  private readonly waiting = new Set<() => void>();
  private following = 0;

  constructor(
    private readonly store: EventStore,
    /** Events kept in memory; about 1–2 kB each. */
    private readonly capacity = 5000,
    /** Events read from the store at once by one subscriber behind the window: 200 × ~1.5 kB. */
    private readonly page = 200,
    /** Shared by every subscriber of this feed. */
    private readonly turns = new TurnTaking(),
  ) {}

  /** The last position the read models have applied and published. */
  get head(): bigint {
    return this.last;
  }

  /** Where the runner starts: nothing up to here will be published. */
  startAt(position: bigint): void {
    this.window = [];
    this.floor = position;
    this.last = position;
  }

  /** Events applied by the read models up to `upTo` (the batch's last position), in order. */
  publish(events: RecordedEvent[], upTo: bigint): void {
    for (const event of events) if (event.position > this.last) this.window.push(event);
    if (upTo > this.last) this.last = upTo;
    // Trimmed in steps, not one event at a time: a shift of the whole window per event costs more.
    if (this.window.length > this.capacity * 1.25) {
      const dropped = this.window.splice(0, this.window.length - this.capacity);
      this.floor = dropped[dropped.length - 1].position;
    }
    const woken = [...this.waiting];
    this.waiting.clear();
    for (const wake of woken) wake();
  }

  /** Subscribers following now. */
  get followers(): number {
    return this.following;
  }

  /** Every applied event after `after` (default: from this moment on), then live, until `abort` fires. */
  follow(after: bigint | undefined, abort: AbortSignal): AsyncGenerator<RecordedEvent> {
    return this.track(after ?? this.last, abort);
  }

  private async *track(from: bigint, abort: AbortSignal): AsyncGenerator<RecordedEvent> {
    // One listener per subscriber, not one per wait: a subscription may wait millions of times.
    let wakeMe: (() => void) | undefined;
    const onAbort = () => wakeMe?.();
    abort.addEventListener('abort', onAbort, { once: true });
    this.following++;
    try {
      yield* this.events(from, abort, (resolve) => {
        wakeMe = () => {
          this.waiting.delete(resolve);
          resolve();
        };
        this.waiting.add(resolve);
      });
    } finally {
      this.following--;
      abort.removeEventListener('abort', onAbort);
      wakeMe?.();
    }
  }

  private async *events(from: bigint, abort: AbortSignal, waitHere: (resolve: () => void) => void): AsyncGenerator<RecordedEvent> {
    const turns = this.turns;
    let cursor = from;
    // Each `if (turns.spent) …` comes right before the work it guards, with nothing awaited between.
    while (!abort.aborted) {
      if (cursor >= this.last) {
        await new Promise<void>(waitHere);
        continue;
      }
      if (turns.spent) await turns.nextTurn();
      if (cursor >= this.floor) {
        // From memory. The window may be trimmed while the subscriber is busy with an event: the
        // position is looked up again each time, and a cursor left behind the window reads the store.
        for (;;) {
          if (abort.aborted || cursor < this.floor) break;
          const i = firstAfter(this.window, cursor);
          if (i >= this.window.length) break;
          const event = this.window[i];
          yield event;
          cursor = event.position;
          if (turns.spent) await turns.nextTurn();
        }
        continue;
      }
      // From the store: only what the read models have applied (up to head), a page at a time. The
      // page is read when the loop starts, right after the turn was checked above.
      const limit = this.last;
      let read = 0;
      for await (const event of this.store.readAll({ after: cursor, maxCount: this.page })) {
        if (event.position > limit) break;
        read++;
        yield event;
        cursor = event.position;
        if (abort.aborted) return;
        if (turns.spent) await turns.nextTurn();
      }
      // Nothing up to head after the cursor (positions need not be contiguous): caught up to head.
      if (read === 0) cursor = limit;
    }
  }
}

/** Index of the first event with a position greater than `position`. */
function firstAfter(events: RecordedEvent[], position: bigint): number {
  let lo = 0;
  let hi = events.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (events[mid].position <= position) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
