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
  /** What was asked for: the operation's arguments as sent. */
  arguments: Record<string, unknown>;
  readAt: string;
}
