export type Outcome<R> = { ok: R } | { error: unknown };

interface Waiting<I, R> {
  item: I;
  resolve(result: R): void;
  reject(error: unknown): void;
}

/**
 * Runs work in batches, one batch at a time per key: what arrives while a key's batch runs waits, and
 * goes together in the next one, in arrival order. For a stream that many writers append to at once (a
 * center-day's receipt numbers): one read and one commit for everything that queued during the last
 * commit, instead of one each in turn. Optimistic concurrency still guards against other processes.
 */
export class KeyedBatcher<I, R> {
  private readonly waiting = new Map<string, Waiting<I, R>[]>();

  constructor(
    /** Runs one batch; one outcome per item, in order. Throwing fails every item of the batch. */
    private readonly run: (key: string, items: I[]) => Promise<Outcome<R>[]>,
    private readonly maxBatch = 500,
  ) {}

  add(key: string, item: I): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      const queue = this.waiting.get(key);
      if (queue) {
        queue.push({ item, resolve, reject });
        return;
      }
      this.waiting.set(key, [{ item, resolve, reject }]);
      void this.drain(key);
    });
  }

  private async drain(key: string): Promise<void> {
    const queue = this.waiting.get(key)!;
    while (queue.length > 0) {
      const batch = queue.splice(0, this.maxBatch);
      try {
        const outcomes = await this.run(
          key,
          batch.map((w) => w.item),
        );
        batch.forEach((w, i) => {
          const outcome = outcomes[i];
          if (outcome && 'ok' in outcome) w.resolve(outcome.ok);
          else w.reject(outcome ? outcome.error : new Error('no outcome for this item'));
        });
      } catch (error) {
        for (const w of batch) w.reject(error);
      }
    }
    this.waiting.delete(key);
  }
}
