import jwt from 'jsonwebtoken';
import { createSecretKey, KeyObject } from 'node:crypto';
import { Actor } from '../../core/actor';

import { ROLES, Role } from '../../core/access-policy';

export { ROLES };
export type { Role };

export interface TokenClaims {
  user: string;
  role: Role;
  center?: string;
  window?: string;
  /** Oversight only: the centers it is assigned. */
  centers?: string[];
}

/** The longest a token may live: a working shift with margin. Longer-lived tokens are refused. */
export const MAX_TOKEN_LIFETIME_SECONDS = 24 * 3600;

export class InvalidTokenError extends Error {
  /** Set when the token was good but is past its `exp`: the holder needs a new one. */
  constructor(
    message: string,
    readonly expiredAt?: Date,
  ) {
    super(message);
  }
}

export function signToken(secret: string, claims: TokenClaims, expiresIn: string | number = '12h'): string {
  if (!ROLES.includes(claims.role)) throw new InvalidTokenError(`Unknown role "${claims.role}" (one of ${ROLES.join(', ')})`);
  if (claims.role === 'system')
    throw new InvalidTokenError("The system role is reserved for the service's own background processes; no token can carry it");
  const token = jwt.sign({ role: claims.role, center: claims.center, window: claims.window, centers: claims.centers }, secret, {
    algorithm: 'HS256',
    subject: claims.user,
    expiresIn: expiresIn as jwt.SignOptions['expiresIn'],
  });
  const { exp, iat } = jwt.decode(token) as jwt.JwtPayload;
  if (exp! - iat! > MAX_TOKEN_LIFETIME_SECONDS) throw new InvalidTokenError('A token may live at most 24 hours');
  return token;
}

/** How far ahead of this server's clock a token's issue time may be, for clocks not quite in step. */
const CLOCK_SKEW_SECONDS = 60;

/** The actor a bearer token names; only HS256 with our secret is accepted. */
export function verifyToken(secret: string, token: string): Actor {
  return verifySession(secret, token).actor;
}

/** The actor and when the token stops being valid (a live subscription ends then). */
export function verifySession(secret: string, token: string): { actor: Actor; expiresAt: Date } {
  let payload: jwt.JwtPayload;
  try {
    payload = jwt.verify(token, secretKey(secret), { algorithms: ['HS256'] }) as jwt.JwtPayload;
  } catch (error) {
    if (error instanceof jwt.TokenExpiredError) throw new InvalidTokenError(error.message, error.expiredAt);
    throw new InvalidTokenError((error as Error).message);
  }
  const role = payload.role as Role;
  if (typeof payload.sub !== 'string' || !payload.sub || !ROLES.includes(role))
    throw new InvalidTokenError('token lacks a subject or a known role');
  if (role === 'system') throw new InvalidTokenError("the system role is reserved for the service's own processes");
  if (typeof payload.exp !== 'number') throw new InvalidTokenError('token has no expiry (exp)');
  // Lifetime is judged at the time of checking: a token claiming to be issued later than now (a future
  // `iat`) would otherwise outlive the 24-hour limit by as much as it claims.
  const now = Date.now() / 1000;
  if (typeof payload.iat === 'number' && payload.iat > now + CLOCK_SKEW_SECONDS)
    throw new InvalidTokenError('token is issued in the future (iat)');
  if (payload.exp - Math.min(typeof payload.iat === 'number' ? payload.iat : now, now) > MAX_TOKEN_LIFETIME_SECONDS)
    throw new InvalidTokenError('token lives longer than 24 hours');
  const centers = Array.isArray(payload.centers) ? payload.centers.filter((c): c is string => typeof c === 'string') : undefined;
  const actor: Actor = {
    id: payload.sub,
    role,
    ...(typeof payload.center === 'string' ? { center: payload.center } : {}),
    ...(typeof payload.window === 'string' ? { window: payload.window } : {}),
    ...(centers ? { centers } : {}),
  };
  return { actor, expiresAt: new Date(payload.exp * 1000) };
}

let cachedKey: { secret: string; key: KeyObject } | undefined;

/**
 * The secret as a key object, made once. Given a string, jsonwebtoken tries it as a public key first
 * (createPublicKey, which fails) on every verify: 320–370 µs a request, against 6–9 µs with the key
 * object, measured on the 2-core development machine.
 */
function secretKey(secret: string): KeyObject {
  if (cachedKey?.secret !== secret) cachedKey = { secret, key: createSecretKey(Buffer.from(secret, 'utf8')) };
  return cachedKey.key;
}

export function bearerToken(header: string | undefined): string | undefined {
  const m = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  return m?.[1];
}
