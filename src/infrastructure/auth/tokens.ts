import jwt from 'jsonwebtoken';
import { Actor } from '../../core/actor';

export const ROLES = ['applicant', 'staff', 'window_lead', 'center_leader', 'oversight', 'admin', 'system'] as const;
export type Role = (typeof ROLES)[number];

export interface TokenClaims {
  user: string;
  role: Role;
  center?: string;
  window?: string;
}

export class InvalidTokenError extends Error {}

export function signToken(secret: string, claims: TokenClaims, expiresIn: string | number = '12h'): string {
  if (!ROLES.includes(claims.role)) throw new InvalidTokenError(`Unknown role "${claims.role}" (one of ${ROLES.join(', ')})`);
  return jwt.sign({ role: claims.role, center: claims.center, window: claims.window }, secret, {
    algorithm: 'HS256',
    subject: claims.user,
    expiresIn: expiresIn as jwt.SignOptions['expiresIn'],
  });
}

/** The actor a bearer token names; only HS256 with our secret is accepted. */
export function verifyToken(secret: string, token: string): Actor {
  let payload: jwt.JwtPayload;
  try {
    payload = jwt.verify(token, secret, { algorithms: ['HS256'] }) as jwt.JwtPayload;
  } catch (error) {
    throw new InvalidTokenError((error as Error).message);
  }
  const role = payload.role as Role;
  if (typeof payload.sub !== 'string' || !payload.sub || !ROLES.includes(role)) throw new InvalidTokenError('token lacks a subject or a known role');
  return {
    id: payload.sub,
    role,
    ...(typeof payload.center === 'string' ? { center: payload.center } : {}),
    ...(typeof payload.window === 'string' ? { window: payload.window } : {}),
  };
}

export function bearerToken(header: string | undefined): string | undefined {
  const m = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  return m?.[1];
}
