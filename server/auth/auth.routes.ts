import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../errors.js';
import { principalOf } from '../plugins/access.plugin.js';
import { findUserByEmail, findUserById, toUserDto } from '../users/users.repository.js';
import { passwordSchema } from '../users/user.schemas.js';
import { decoyHash, hashPassword, verifyPassword } from './password.js';
import { deleteSession, deleteUserSessions, insertSession } from './sessions.repository.js';
import { newSessionId, signToken } from './session-token.js';

export interface AuthRoutesOptions {
  readonly tokenSecret: string;
  readonly tokenTtlSeconds: number;
  readonly loginRateLimit: number;
}

const meSchema = {
  type: 'object',
  required: ['id', 'email', 'name', 'roles'],
  properties: { id: { type: 'string' }, email: { type: 'string' }, name: { type: 'string' }, roles: { type: 'array', items: { type: 'string' } } },
} as const;
const errorReply = { $ref: 'ErrorReply#' };

export async function authRoutes(app: FastifyInstance, options: AuthRoutesOptions): Promise<void> {
  app.post<{ Body: { email: string; password: string } }>('/api/auth/login', {
    config: {
      access: 'public',
      // Per address and e-mail, counted after the body is parsed: guessing one account's
      // password is slowed down without locking everyone behind one office NAT out.
      rateLimit: {
        max: options.loginRateLimit,
        timeWindow: '1 minute',
        hook: 'preHandler',
        keyGenerator: (request: FastifyRequest) =>
          `${request.ip}|${String((request.body as { email?: unknown } | undefined)?.email ?? '').toLowerCase()}`,
      },
    },
    schema: {
      tags: ['auth'],
      summary: 'Sign in with e-mail and password',
      body: {
        type: 'object',
        required: ['email', 'password'],
        additionalProperties: false,
        properties: { email: { type: 'string', minLength: 1, maxLength: 254 }, password: { type: 'string', minLength: 1, maxLength: 200 } },
      },
      response: {
        200: {
          type: 'object',
          required: ['token', 'expiresAt', 'user'],
          properties: { token: { type: 'string' }, expiresAt: { type: 'string', format: 'date-time' }, user: meSchema },
        },
        400: errorReply,
        401: errorReply,
        429: errorReply,
      },
    },
    handler: async (request) => {
      const user = await findUserByEmail(app.db, request.body.email);
      const valid = await verifyPassword(request.body.password, user?.password_hash ?? (await decoyHash()));
      if (!user || !valid || !user.active) {
        throw new AppError('SRV_ERR_INVALID_CREDENTIALS', 'Invalid email or password');
      }
      const sessionId = newSessionId();
      const expiresAt = new Date(Date.now() + options.tokenTtlSeconds * 1000);
      await insertSession(app.db, { id: sessionId, userId: user.id, expiresAt });
      request.log.info({ userId: user.id }, 'user signed in');
      const { id, email, name, roles } = toUserDto(user);
      return { token: signToken({ sessionId, expiresAt }, options.tokenSecret), expiresAt: expiresAt.toISOString(), user: { id, email, name, roles } };
    },
  });

  app.post('/api/auth/logout', {
    config: { access: 'authenticated' },
    schema: { tags: ['auth'], summary: 'End this session', response: { 204: { type: 'null' }, 401: errorReply } },
    handler: async (request, reply) => {
      await deleteSession(app.db, principalOf(request).sessionId);
      return reply.code(204).send();
    },
  });

  app.get('/api/me', {
    config: { access: 'authenticated' },
    schema: { tags: ['auth'], summary: 'The signed-in user', response: { 200: meSchema, 401: errorReply } },
    handler: async (request) => {
      const { userId, email, name, roles } = principalOf(request);
      return { id: userId, email, name, roles };
    },
  });

  app.put<{ Body: { currentPassword: string; newPassword: string } }>('/api/me/password', {
    config: { access: 'authenticated' },
    schema: {
      tags: ['auth'],
      summary: 'Change your own password (other sessions are signed out)',
      body: {
        type: 'object',
        required: ['currentPassword', 'newPassword'],
        additionalProperties: false,
        properties: { currentPassword: { type: 'string', minLength: 1 }, newPassword: passwordSchema },
      },
      response: { 204: { type: 'null' }, 400: errorReply, 401: errorReply },
    },
    handler: async (request, reply) => {
      const principal = principalOf(request);
      const user = await findUserById(app.db, principal.userId);
      if (!user || !(await verifyPassword(request.body.currentPassword, user.password_hash))) {
        throw new AppError('SRV_ERR_INVALID_CREDENTIALS', 'The current password is wrong');
      }
      const passwordHash = await hashPassword(request.body.newPassword);
      await app.db.transaction().execute(async (trx) => {
        await trx.updateTable('users').set({ password_hash: passwordHash, updated_at: new Date() }).where('id', '=', user.id).execute();
        await deleteUserSessions(trx, user.id, principal.sessionId);
      });
      return reply.code(204).send();
    },
  });
}
