import { Inject, Injectable } from '@nestjs/common';
import { Clock } from '../../../../core/clock';
import { DomainError } from '../../../../core/errors';
import { CLOCK } from '../../../../infrastructure/tokens';

/** Wrong guesses allowed per receipt number within the window, before the progress query locks it. */
export const MAX_FAILED_ATTEMPTS = 5;
export const ATTEMPT_WINDOW_MS = 15 * 60_000;

/**
 * Receipt numbers follow a pattern and six characters are few, so guessing is limited: after five
 * wrong identity checks on a receipt number within 15 minutes, that receipt number answers
 * AUTH.TOO_MANY_ATTEMPTS until the window has passed. Kept per process: a restart forgets.
 */
@Injectable()
export class ProgressAttempts {
  private readonly failures = new Map<string, number[]>();

  constructor(@Inject(CLOCK) private readonly clock: Clock) {}

  assertAllowed(receiptNo: string): void {
    if (this.recent(receiptNo).length >= MAX_FAILED_ATTEMPTS) {
      throw new DomainError('AUTH.TOO_MANY_ATTEMPTS', 'Too many wrong attempts for this receipt number; try again in 15 minutes');
    }
  }

  recordFailure(receiptNo: string): void {
    if (this.failures.size > 100_000) this.failures.clear();
    this.failures.set(receiptNo, [...this.recent(receiptNo), this.clock.now().getTime()]);
  }

  private recent(receiptNo: string): number[] {
    const since = this.clock.now().getTime() - ATTEMPT_WINDOW_MS;
    return (this.failures.get(receiptNo) ?? []).filter((t) => t > since);
  }
}
