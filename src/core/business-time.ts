import { EARLIEST_BUSINESS_DAY } from './dates';
import { ValidationError } from './errors';

/** Entries recorded later than this after they happened must say why (补录). */
export const BACKFILL_THRESHOLD_MS = 10 * 60 * 1000;

export interface BusinessTimeInput {
  occurredAt: string;
  now: Date;
  previousOccurredAt?: string;
  backfillReason?: string;
}

/**
 * Rules for business time: not in the future, not before the stream's previous event, and an entry
 * more than ten minutes old carries its reason and is marked as backfilled, so oversight sees it.
 */
export function checkBusinessTime(input: BusinessTimeInput): { backfill?: { reason: string } } {
  const occurred = Date.parse(input.occurredAt);
  const now = input.now.getTime();
  if (occurred > now) {
    throw new ValidationError([{ field: 'occurredAt', message: 'must not be in the future' }]);
  }
  // Every path to a command (the API, the command line, scenario files) meets this bound.
  if (!(occurred >= Date.parse(`${EARLIEST_BUSINESS_DAY}T00:00:00+08:00`))) {
    throw new ValidationError([{ field: 'occurredAt', message: `must not be before ${EARLIEST_BUSINESS_DAY}` }]);
  }
  if (input.previousOccurredAt && occurred < Date.parse(input.previousOccurredAt)) {
    throw new ValidationError([
      { field: 'occurredAt', message: `must not be earlier than the previous event (${input.previousOccurredAt})` },
    ]);
  }
  const reason = input.backfillReason?.trim();
  if (now - occurred > BACKFILL_THRESHOLD_MS) {
    if (!reason) {
      throw new ValidationError([{ field: 'backfillReason', message: 'required when occurredAt is more than 10 minutes in the past' }]);
    }
    return { backfill: { reason } };
  }
  return {};
}
