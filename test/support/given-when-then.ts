import { Decider, DomainCommand, DomainEvent } from '../../src/core/decider';
import { DomainError } from '../../src/core/errors';

/**
 * given(events).when(command).then(events) — or .thenThrows(code). Runs the pure decider only:
 * no store, no framework, no clock.
 */
export function specFor<S, C extends DomainCommand, E extends DomainEvent>(decider: Decider<S, C, E>) {
  return (given: E[]) => ({
    when: (command: C) => {
      const run = () => decider.decide(command, given.reduce(decider.evolve, decider.initialState()));
      return {
        then(expected: E[] | ((events: E[]) => void)): void {
          const events = run();
          if (typeof expected === 'function') expected(events);
          else expect(events).toEqual(expected);
        },
        thenThrows(code: string, details?: Record<string, unknown>): void {
          let thrown: unknown;
          try {
            run();
          } catch (error) {
            thrown = error;
          }
          expect(thrown).toBeInstanceOf(DomainError);
          expect((thrown as DomainError).code).toBe(code);
          if (details) expect((thrown as DomainError).details).toMatchObject(details);
        },
      };
    },
  });
}
