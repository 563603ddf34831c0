import path from 'node:path';
import { Ajv } from 'ajv';

/** Everything the server reads from its environment, validated once at start. */
export interface Config {
  readonly port: number;
  readonly host: string;
  /** Set: run on this PostgreSQL through `pg`. Unset: embedded PGlite in `dataDir`. */
  readonly databaseUrl: string | undefined;
  readonly dataDir: string;
  readonly adminEmail: string;
  readonly adminPassword: string;
  /** Signs session tokens. Unset: a random secret kept in the database (shared by nodes). */
  readonly secret: string | undefined;
  readonly tokenTtlSeconds: number;
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  readonly loginRateLimit: number;
  /** Seconds between two sweeps for due activity reminders (each node sweeps; claims skip each other). */
  readonly reminderSweepSeconds: number;
  /** How long a node's claim on a job or timer lasts: after a crash, other nodes take the work over once it ran out. */
  readonly jobLeaseSeconds: number;
  /** Folder of the built web UI; `undefined` serves no UI (API-only tests). */
  readonly uiDir: string | undefined;
}

export const DEFAULT_ADMIN_EMAIL = 'admin@funnelflow.local';
export const DEFAULT_ADMIN_PASSWORD = 'funnelflow';

const ENV_SCHEMA = {
  type: 'object',
  properties: {
    PORT: { type: 'integer', minimum: 0, maximum: 65535, default: 3000 },
    HOST: { type: 'string', minLength: 1, default: '127.0.0.1' },
    DATABASE_URL: { type: 'string', pattern: '^postgres(ql)?://' },
    FUNNELFLOW_DATA_DIR: { type: 'string', minLength: 1, default: './data' },
    FUNNELFLOW_ADMIN_EMAIL: { type: 'string', format: 'email', default: DEFAULT_ADMIN_EMAIL },
    FUNNELFLOW_ADMIN_PASSWORD: { type: 'string', minLength: 8, default: DEFAULT_ADMIN_PASSWORD },
    FUNNELFLOW_SECRET: { type: 'string', minLength: 32 },
    FUNNELFLOW_TOKEN_TTL: { type: 'integer', minimum: 60, maximum: 2_592_000, default: 43_200 },
    FUNNELFLOW_LOGIN_RATE_LIMIT: { type: 'integer', minimum: 1, default: 10 },
    FUNNELFLOW_REMINDER_SWEEP_SECONDS: { type: 'integer', minimum: 1, maximum: 3600, default: 30 },
    FUNNELFLOW_JOB_LEASE_SECONDS: { type: 'integer', minimum: 1, maximum: 86_400, default: 300 },
    LOG_LEVEL: { enum: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], default: 'info' },
  },
} as const;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads and validates the environment; throws `ConfigError` listing every bad value. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const raw: Record<string, unknown> = {};
  for (const key of Object.keys(ENV_SCHEMA.properties)) {
    const value = env[key];
    if (value !== undefined && value !== '') raw[key] = value;
  }
  const ajv = new Ajv({ coerceTypes: true, useDefaults: true, allErrors: true, formats: { email: EMAIL } });
  const validate = ajv.compile(ENV_SCHEMA);
  if (!validate(raw)) {
    throw new ConfigError(
      (validate.errors ?? []).map((e) => `${e.instancePath.slice(1) || 'environment'} ${e.message} (got ${JSON.stringify(raw[e.instancePath.slice(1)])})`),
    );
  }
  const v = raw as unknown as ValidatedEnv;
  return {
    port: v.PORT,
    host: v.HOST,
    databaseUrl: v.DATABASE_URL,
    dataDir: path.resolve(v.FUNNELFLOW_DATA_DIR),
    adminEmail: v.FUNNELFLOW_ADMIN_EMAIL.toLowerCase(),
    adminPassword: v.FUNNELFLOW_ADMIN_PASSWORD,
    secret: v.FUNNELFLOW_SECRET,
    tokenTtlSeconds: v.FUNNELFLOW_TOKEN_TTL,
    loginRateLimit: v.FUNNELFLOW_LOGIN_RATE_LIMIT,
    reminderSweepSeconds: v.FUNNELFLOW_REMINDER_SWEEP_SECONDS,
    jobLeaseSeconds: v.FUNNELFLOW_JOB_LEASE_SECONDS,
    logLevel: v.LOG_LEVEL,
    uiDir: path.resolve(import.meta.dirname, '../ui/dist'),
    ...overrides,
  };
}

interface ValidatedEnv {
  PORT: number;
  HOST: string;
  DATABASE_URL?: string;
  FUNNELFLOW_DATA_DIR: string;
  FUNNELFLOW_ADMIN_EMAIL: string;
  FUNNELFLOW_ADMIN_PASSWORD: string;
  FUNNELFLOW_SECRET?: string;
  FUNNELFLOW_TOKEN_TTL: number;
  FUNNELFLOW_LOGIN_RATE_LIMIT: number;
  FUNNELFLOW_REMINDER_SWEEP_SECONDS: number;
  FUNNELFLOW_JOB_LEASE_SECONDS: number;
  LOG_LEVEL: Config['logLevel'];
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
