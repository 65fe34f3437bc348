/**
 * A check run on the deadline watcher's schedule by a module whose streams it writes: overdue complaint
 * answers, overdue rectifications, invitations to rate. The watcher only keeps time; the rule and the
 * stream stay with their module.
 */
export interface ScheduledCheck {
  /** Runs once; returns what it recorded, in words for the log, or null when it recorded nothing. */
  run(): Promise<string | null>;
}
