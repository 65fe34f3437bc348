import { Target } from '../../core/access-policy';
import { Case, participantsOf } from './domain/case.state';

/** Where a case sits, for the access policy: its center, window and handler, and a joint case's participants. */
export function caseTarget(c: Case): Target {
  const participants = participantsOf(c).map((p) => p.window);
  return { center: c.center, window: c.window, handler: c.handler, ...(participants.length ? { participants } : {}) };
}
