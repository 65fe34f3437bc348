import { Actor } from '../../core/actor';
import { DomainError } from '../../core/errors';
import { Role } from './tokens';

/** Operations the SPEC reserves for a role (e.g. extensions and urging for the center leader). */
export function requireRole(actor: Actor, roles: Role[], action: string): void {
  if (!roles.includes(actor.role as Role)) {
    throw new DomainError('AUTH.FORBIDDEN', `Only ${roles.join(' or ')} may ${action}`, { role: actor.role, allowed: roles });
  }
}
