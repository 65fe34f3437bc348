import { EventEmitter } from 'node:events';

/**
 * Wakes live subscribers when an append commits (or the store closes), with a poll interval as the
 * fallback for appends made by other processes.
 */
export class AppendSignal {
  private readonly emitter = new EventEmitter();

  constructor(private readonly pollIntervalMs: number) {
    this.emitter.setMaxListeners(0);
  }

  notify(): void {
    this.emitter.emit('append');
  }

  close(): void {
    this.emitter.emit('close');
  }

  /** Resolves at the next append, at close, on abort, or after the poll interval. */
  next(signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.emitter.off('append', done);
        this.emitter.off('close', done);
        signal.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, this.pollIntervalMs);
      this.emitter.once('append', done);
      this.emitter.once('close', done);
      signal.addEventListener('abort', done, { once: true });
    });
  }
}
