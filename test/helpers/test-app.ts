import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import type { Test } from 'tap';
import { buildApp, type BuildAppOptions } from '../../server/app.js';
import { prepareDatabase } from '../../server/bootstrap.js';
import type { DatabaseHandle } from '../../server/db/database.js';
import type { Role } from '../../server/db/tables/index.js';
import { createLogger } from '../../server/logger.js';
import { createUser } from '../../server/users/users.service.js';

export const TEST_ADMIN = { email: 'admin@test.local', password: 'admin-password-1' } as const;

export interface TestApp {
  readonly app: FastifyInstance;
  readonly database: DatabaseHandle;
  /** Signs in through the real login route and returns the bearer token. */
  signIn(email: string, password: string): Promise<string>;
  /** Creates a user with the roles (through the service) and signs them in. */
  userWithRoles(roles: Role[], name?: string): Promise<{ id: string; email: string; password: string; token: string }>;
  /** `inject` with a bearer token. */
  as(token: string, request: InjectOptions & { headers?: Record<string, string> }): Promise<LightMyRequestResponse>;
}

let userCounter = 0;

/**
 * The whole server on a prepared test database (migrated, first admin created), logging
 * nothing. Closed when the test ends. The database stays open for the caller to inspect.
 */
export async function startTestApp(
  t: Test,
  database: DatabaseHandle,
  config: Partial<BuildAppOptions['config']> = {},
  engine: Pick<BuildAppOptions, 'jobHandlers' | 'runJobs'> = {},
): Promise<TestApp> {
  const log = createLogger('silent');
  const { tokenSecret } = await prepareDatabase(database, { adminEmail: TEST_ADMIN.email, adminPassword: TEST_ADMIN.password, secret: undefined }, log);
  const app = await buildApp({
    config: { tokenTtlSeconds: 3600, loginRateLimit: 1000, uiDir: undefined, logLevel: 'silent', ...config },
    database,
    tokenSecret,
    logger: log,
    runJobs: false, // tests run jobs when they choose (app.engine.runJobs())
    ...engine,
  });
  t.teardown(() => app.close());
  await app.ready();

  async function signIn(email: string, password: string): Promise<string> {
    const response = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });
    if (response.statusCode !== 200) throw new Error(`Expected sign-in of ${email} to succeed, but got ${response.statusCode} ${response.body}`);
    return response.json<{ token: string }>().token;
  }

  return {
    app,
    database,
    signIn,
    async userWithRoles(roles, name = `User ${++userCounter}`) {
      const email = `user${process.pid}-${++userCounter}@test.local`;
      const password = 'user-password-1';
      const user = await createUser(database.db, { email, name, password, roles });
      return { id: user.id, email, password, token: await signIn(email, password) };
    },
    as(token, request) {
      return app.inject({ ...request, headers: { ...request.headers, authorization: `Bearer ${token}` } });
    },
  };
}
