import { Target } from '../../core/access-policy';
import { Case } from './domain/case.state';

/** Where a case sits, for the access policy. */
export function caseTarget(c: Case): Target {
  return { center: c.center, window: c.window, handler: c.handler };
}
