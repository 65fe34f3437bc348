export type Availability = { ok: true } | { ok: false; reason: string };

/**
 * Runs a suite that needs a real server. Where there is none the suite is skipped with its reason
 * printed; when `requireVariable` is set (as CI sets it) a missing server fails instead.
 */
export function describeWhenAvailable(name: string, availability: Availability, requireVariable: string, suite: () => void): void {
  if (availability.ok) return describe(name, suite);
  if (process.env[requireVariable]) {
    describe(name, () =>
      it(`needs it (${requireVariable} is set)`, () => {
        throw new Error(availability.reason);
      }),
    );
    return;
  }
  console.warn(`SKIPPED ${name}: ${availability.reason}`);
  describe.skip(`${name} (skipped: ${availability.reason})`, suite);
}

export { freePort } from '../../src/infrastructure/http/free-port';
