/**
 * Shares the event loop between live subscribers, so that no number of them can keep it from answering
 * requests.
 *
 * A subscriber replaying the log never waits for I/O: its events (from memory or a synchronous store
 * read), the filter and the socket write all complete in microtasks, and Node runs microtasks to the end
 * before it looks at the network again. Two hundred subscriptions replaying from position 0 kept
 * `/health/live` from answering for more than a minute that way.
 *
 * So a subscriber asks, just before each piece of work (an event, a page read from the store), with
 * nothing awaited between the question and the work, whether this turn's slice of the event loop is
 * spent. If it is, it waits for a later turn (`setImmediate`, after the network has been served), first
 * come first served. Each turn wakes only a few waiters, and each does one piece of work before asking
 * again: woken all at once, every one would find the slice unspent and work before any had finished.
 */
export class TurnTaking {
  private sliceStart = performance.now();
  private readonly queue: Array<() => void> = [];
  private scheduled = false;

  constructor(
    /** Work all subscribers together may do in one turn of the event loop, in milliseconds. */
    private readonly sliceMs = 8,
    /** Waiters woken per turn. */
    private readonly wakePerTurn = 4,
  ) {}

  /** Whether this turn's slice is used up: a subscriber then waits for `nextTurn` before working. */
  get spent(): boolean {
    return performance.now() - this.sliceStart >= this.sliceMs;
  }

  /** Resolves in a later turn of the event loop, after pending I/O; the caller then does one piece of work. */
  nextTurn(): Promise<void> {
    return new Promise((resolve) => {
      this.queue.push(resolve);
      this.schedule();
    });
  }

  /** Subscribers waiting for a turn now. */
  get waiting(): number {
    return this.queue.length;
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.turn());
  }

  private turn(): void {
    this.scheduled = false;
    this.sliceStart = performance.now();
    for (const wake of this.queue.splice(0, this.wakePerTurn)) wake();
    if (this.queue.length > 0) this.schedule();
  }
}
