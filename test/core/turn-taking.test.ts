import { TurnTaking } from '../../src/infrastructure/read-models/turn-taking';

/** One turn of the event loop: immediates queued now run after TurnTaking's own. */
const nextTick = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('TurnTaking: subscribers share the event loop', () => {
  it('is not spent at the start of a slice, and is once the slice has passed', async () => {
    const turns = new TurnTaking(5);
    await turns.nextTurn(); // a slice starts on this turn
    expect(turns.spent).toBe(false);
    const start = performance.now();
    while (performance.now() - start < 6) {
      // busy, as a subscriber replaying from memory is
    }
    expect(turns.spent).toBe(true);
  });

  it('wakes a few waiters per turn, first come first served, until none wait', async () => {
    const turns = new TurnTaking(8, 2);
    const woken: number[] = [];
    for (let i = 0; i < 5; i++) void turns.nextTurn().then(() => woken.push(i));
    expect(turns.waiting).toBe(5);
    expect(woken).toEqual([]); // never in the same turn
    await nextTick();
    expect(woken).toEqual([0, 1]);
    await nextTick();
    expect(woken).toEqual([0, 1, 2, 3]);
    await nextTick();
    expect(woken).toEqual([0, 1, 2, 3, 4]);
    expect(turns.waiting).toBe(0);
  });

  it('lets the rest of the event loop run between turns, however many wait', async () => {
    const turns = new TurnTaking(0, 1); // every slice spent at once: one piece of work per turn
    let pieces = 0;
    const workers = Array.from({ length: 20 }, async () => {
      for (let i = 0; i < 5; i++) {
        if (turns.spent) await turns.nextTurn();
        pieces++;
      }
    });
    // Another immediate, as I/O callbacks are: it runs in every turn while the work goes on.
    let otherTurns = 0;
    let done = false;
    const other = () => {
      if (pieces < 100) otherTurns++;
      if (!done) setImmediate(other);
    };
    setImmediate(other);
    await Promise.all(workers);
    done = true;
    expect(pieces).toBe(100);
    expect(otherTurns).toBeGreaterThan(50); // about one per piece; none if the work never waited
  });
});
