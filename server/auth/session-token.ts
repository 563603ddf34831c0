import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * A session token is `<sessionId>.<expiresAtEpochSeconds>.<signature>`, HMAC-SHA256 signed
 * with the installation's secret. The signature rejects forged or altered tokens before
 * any database work; the session row (deleted on logout) makes revocation real.
 */
export interface TokenClaims {
  readonly sessionId: string;
  readonly expiresAt: Date;
}

export function newSessionId(): string {
  return randomBytes(18).toString('base64url');
}

export function signToken(claims: TokenClaims, secret: string): string {
  const body = `${claims.sessionId}.${Math.floor(claims.expiresAt.getTime() / 1000)}`;
  return `${body}.${signature(body, secret)}`;
}

/** The claims of a well-signed, unexpired token; `undefined` for anything else. */
export function verifyToken(token: string, secret: string, now: Date): TokenClaims | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  const [sessionId, expires, sent] = parts as [string, string, string];
  const expected = Buffer.from(signature(`${sessionId}.${expires}`, secret));
  const actual = Buffer.from(sent);
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) return undefined;
  const expiresAt = new Date(Number(expires) * 1000);
  if (!(expiresAt > now)) return undefined;
  return { sessionId, expiresAt };
}

function signature(body: string, secret: string): string {
  return createHmac('sha256', secret).update(body).digest('base64url');
}
