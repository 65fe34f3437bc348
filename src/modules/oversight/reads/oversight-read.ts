import { createHash } from 'node:crypto';

/** 监察留痕: the event that records one read by the oversight office. */
export const OVERSIGHT_READ = 'OversightRead';
export const oversightReadStream = (readId: string) => `oversight-read-${readId}`;

export interface OversightReadData {
  readId: string;
  userId: string;
  /** The centers the user was assigned when reading. */
  centers: string[];
  /** The operation, as the access policy names it (`Query.case`, `Subscription.caseEvents` …). */
  operation: string;
  /** What was asked for: the operation's arguments as sent, each bounded (boundedArguments). */
  arguments: Record<string, unknown>;
  readAt: string;
}

/** Characters of an argument's JSON kept in full; a longer one is kept as its start, length and hash. */
export const ARGUMENT_LIMIT = 1_000;

/** An argument too long to keep: enough to recognise it, and to prove which it was. */
export interface TruncatedArgument {
  truncated: true;
  /** The start of its JSON text. */
  start: string;
  /** Its JSON text's length in characters, and its SHA-256 (hex). */
  length: number;
  sha256: string;
}

/**
 * The arguments of a read as the record keeps them: each as given when its JSON is short, else its start,
 * length and hash. A read's record is written before it is answered, refused reads included, so an
 * argument of 100 kB must not cost 100 kB of log each time (the arguments of an ordinary read are ids and
 * dates, far under the limit).
 */
export function boundedArguments(args: Record<string, unknown>): Record<string, unknown | TruncatedArgument> {
  return Object.fromEntries(
    Object.entries(args).map(([name, value]) => {
      const text = JSON.stringify(value) ?? 'null';
      if (text.length <= ARGUMENT_LIMIT) return [name, value];
      return [
        name,
        {
          truncated: true,
          start: text.slice(0, 200),
          length: text.length,
          sha256: createHash('sha256').update(text).digest('hex'),
        } satisfies TruncatedArgument,
      ];
    }),
  );
}
