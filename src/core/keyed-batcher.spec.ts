import { KeyedBatcher } from './keyed-batcher';

describe('KeyedBatcher', () => {
  it('runs what arrives during a batch together in the next one, in arrival order, one batch at a time per key', async () => {
    const batches: number[][] = [];
    let running = 0;
    let most = 0;
    const batcher = new KeyedBatcher<number, number>(async (_key, items) => {
      running++;
      most = Math.max(most, running);
      batches.push(items);
      await new Promise((resolve) => setTimeout(resolve, 10));
      running--;
      return items.map((n) => ({ ok: n * 10 }));
    });
    const first = batcher.add('k', 1);
    const rest = [2, 3, 4].map((n) => batcher.add('k', n));
    expect(await Promise.all([first, ...rest])).toEqual([10, 20, 30, 40]);
    expect(batches).toEqual([[1], [2, 3, 4]]);
    expect(most).toBe(1);
  });

  it('keeps keys apart and fails only the items whose outcome is an error', async () => {
    const batcher = new KeyedBatcher<string, string>(async (key, items) =>
      items.map((item) => (item === 'bad' ? { error: new Error(`${key}: bad`) } : { ok: `${key}:${item}` })),
    );
    const results = await Promise.allSettled([batcher.add('a', 'x'), batcher.add('b', 'y'), batcher.add('a', 'bad')]);
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).message))).toEqual(['a:x', 'b:y', 'a: bad']);
  });

  it('fails the whole batch when the run throws, and goes on with the next one', async () => {
    let calls = 0;
    const batcher = new KeyedBatcher<number, number>(async (_key, items) => {
      calls++;
      if (calls === 1) {
        await new Promise((resolve) => setTimeout(resolve, 5));
        throw new Error('store down');
      }
      return items.map((n) => ({ ok: n }));
    });
    const first = batcher.add('k', 1);
    const second = batcher.add('k', 2);
    await expect(first).rejects.toThrow('store down');
    expect(await second).toBe(2);
  });

  it('takes at most maxBatch items at a time', async () => {
    const sizes: number[] = [];
    const batcher = new KeyedBatcher<number, number>(async (_key, items) => {
      sizes.push(items.length);
      await new Promise((resolve) => setTimeout(resolve, 5));
      return items.map((n) => ({ ok: n }));
    }, 3);
    await Promise.all(Array.from({ length: 8 }, (_, i) => batcher.add('k', i)));
    expect(sizes).toEqual([1, 3, 3, 1]);
  });
});
