import { KeyedQueue } from './keyed-queue';

describe('KeyedQueue', () => {
  it('runs tasks of one key one at a time, in order, and other keys alongside', async () => {
    const queue = new KeyedQueue();
    const log: string[] = [];
    let running = 0;
    let most = 0;
    const task = (name: string) => async () => {
      running++;
      most = Math.max(most, running);
      await new Promise((r) => setTimeout(r, 5));
      log.push(name);
      running--;
      return name;
    };
    const a = [queue.run('a', task('a1')), queue.run('a', task('a2')), queue.run('a', task('a3'))];
    const b = queue.run('b', task('b1'));
    expect(await Promise.all([...a, b])).toEqual(['a1', 'a2', 'a3', 'b1']);
    expect(log.filter((l) => l.startsWith('a'))).toEqual(['a1', 'a2', 'a3']);
    expect(most).toBe(2);
  });

  it('goes on after a task fails', async () => {
    const queue = new KeyedQueue();
    const failed = queue.run('a', async () => {
      throw new Error('boom');
    });
    await expect(failed).rejects.toThrow('boom');
    await expect(queue.run('a', async () => 'next')).resolves.toBe('next');
  });
});
