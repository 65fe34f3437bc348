/**
 * Runs `work` on a SQLite file, again while the file answers SQLITE_BUSY, for up to `timeoutMs`.
 *
 * SQLite's busy timeout does not cover everything: while another process creates the file's WAL index or
 * switches it to WAL mode, a connection gets "database is locked" at once, without waiting. Two instances
 * of one deployment starting at the same moment met exactly that. Used at start-up only, where a short
 * synchronous wait holds up nothing else.
 */
export function whileBusy<T>(work: () => T, timeoutMs = 10_000): T {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return work();
    } catch (error) {
      const code = String((error as { code?: unknown }).code ?? '');
      if (!code.startsWith('SQLITE_BUSY') || Date.now() > deadline) throw error;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
    }
  }
}
