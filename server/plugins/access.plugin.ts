import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Role } from '../db/tables/index.js';
import { mayAct } from '../auth/roles.js';
import { findPrincipal, type Principal } from '../auth/sessions.repository.js';
import { verifyToken } from '../auth/session-token.js';
import { forbidden, unauthenticated } from '../errors.js';

/**
 * Who may call a route. Every `/api` route must say, in `config.access`:
 * - `'public'`: anyone (login, health);
 * - `'authenticated'`: any signed-in user;
 * - `{ roles: [...] }`: a signed-in user holding one of the roles (admins always may).
 * A route that says nothing fails at start-up, so no route is open by omission.
 */
export type Access = 'public' | 'authenticated' | { readonly roles: readonly Role[] };

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    /** The signed-in user; set on every route whose access is not `'public'`. */
    principal: Principal | null;
  }
  interface FastifyInstance {
    /** Resolves a session token (e.g. from the websocket's first message). */
    authenticateToken(token: string): Promise<Principal | undefined>;
  }
}

/** Routes registered by third-party plugins that are public by design. */
const PUBLIC_PREFIXES = ['/api/docs'];

export interface AccessPluginOptions {
  readonly tokenSecret: string;
}

export const accessPlugin = fp<AccessPluginOptions>(
  async (app: FastifyInstance, { tokenSecret }) => {
    app.decorateRequest('principal', null);
    app.decorate('authenticateToken', async (token: string) => {
      const claims = verifyToken(token, tokenSecret, new Date());
      return claims && findPrincipal(app.db, claims.sessionId);
    });

    app.addHook('onRoute', assertAccessDeclared);

    app.addHook('onRequest', async (request) => {
      const access = request.routeOptions.config?.access;
      if (access === undefined || access === 'public') return;
      const principal = await authenticate(app, request);
      if (!principal) throw unauthenticated();
      request.principal = principal;
      if (access !== 'authenticated' && !mayAct(principal.roles, access.roles)) {
        throw forbidden(`This needs one of the roles ${access.roles.join(', ')}; you have ${principal.roles.join(', ') || 'none'}`);
      }
    });
  },
  { name: 'access', dependencies: ['db'] },
);

/** Fails the start-up of a server with an `/api` route that does not say who may call it. */
export function assertAccessDeclared(route: { method: string | string[]; url: string; config?: { access?: Access } }): void {
  if (!route.url.startsWith('/api') || PUBLIC_PREFIXES.some((p) => route.url.startsWith(p))) return;
  if (route.config?.access === undefined) {
    throw new Error(`Route ${String(route.method)} ${route.url} declares no access (config.access)`);
  }
}

/** The signed-in user of a route whose access is not public (the access hook set it). */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw unauthenticated();
  return request.principal;
}

async function authenticate(app: FastifyInstance, request: FastifyRequest): Promise<Principal | undefined> {
  const header = request.headers.authorization;
  const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  return match?.[1] ? app.authenticateToken(match[1]) : undefined;
}
