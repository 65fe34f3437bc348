import type { NextFunction, Request, Response } from 'express';

/**
 * Counts requests being served, so a graceful shutdown can stop taking new ones and let the ones
 * already inside (commands half-way through an append) finish.
 */
export class InFlightRequests {
  private count = 0;
  private closing = false;
  private readonly waiters: Array<() => void> = [];

  readonly middleware = (req: Request, res: Response, next: NextFunction): void => {
    if (req.path.startsWith('/health') || req.path.startsWith('/metrics')) return next();
    if (this.closing) {
      res
        .status(503)
        .set('Connection', 'close')
        .json({ errors: [{ message: 'The service is shutting down', extensions: { code: 'SERVICE.SHUTTING_DOWN' } }] });
      return;
    }
    this.count++;
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      this.count--;
      if (this.count === 0) this.waiters.splice(0).forEach((w) => w());
    };
    res.on('finish', finish);
    res.on('close', finish);
    next();
  };

  get size(): number {
    return this.count;
  }

  get isClosing(): boolean {
    return this.closing;
  }

  /** Refuses new requests and resolves when the last one in flight has finished, or after `timeoutMs`. */
  drain(timeoutMs: number): Promise<boolean> {
    this.closing = true;
    if (this.count === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      this.waiters.push(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }
}
