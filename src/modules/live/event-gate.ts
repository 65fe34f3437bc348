import { Operation, Target, authorizeOperation, authorizeTarget, reaches } from '../../core/access-policy';
import { DomainError } from '../../core/errors';
import { RequestContext } from '../../infrastructure/graphql/current-actor.decorator';

/**
 * Authorization for a live subscription, checked on every event and not only when subscribing: a case
 * handed away leaves a cover's reach, and an expired token stops delivery at once.
 */
export class EventGate {
  private readonly rule;

  constructor(
    private readonly operation: Operation,
    private readonly context: RequestContext,
  ) {
    this.rule = authorizeOperation(operation, context.actor);
  }

  /** Refuses the subscription outright when even its subject (a center, a case) is out of reach. */
  requireReach(target: Target): void {
    authorizeTarget(this.operation, this.context.actor, target);
  }

  /** Whether this event's case may be shown; throws once the token has expired. */
  admits(target: Target): boolean {
    if (Date.now() >= this.context.expiresAt.getTime()) {
      throw new DomainError('AUTH.TOKEN_EXPIRED', 'The token has expired; connect again with a new one');
    }
    return reaches(this.rule, this.context.actor, target);
  }
}
