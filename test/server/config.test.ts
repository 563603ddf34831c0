import path from 'node:path';
import t from 'tap';
import { ConfigError, DEFAULT_ADMIN_EMAIL, loadConfig } from '../../server/config.js';

t.test('should start from documented defaults', async (t) => {
  const config = loadConfig({});
  t.match(config, { port: 3000, host: '127.0.0.1', databaseUrl: undefined, adminEmail: DEFAULT_ADMIN_EMAIL, tokenTtlSeconds: 43_200, logLevel: 'info' });
  t.equal(config.dataDir, path.resolve('data'));
});

t.test('should read and convert the environment', async (t) => {
  const config = loadConfig({ PORT: '8080', DATABASE_URL: 'postgres://u@db:5432/crm', FUNNELFLOW_ADMIN_EMAIL: 'Boss@Example.com', LOG_LEVEL: 'warn' });
  t.match(config, { port: 8080, databaseUrl: 'postgres://u@db:5432/crm', adminEmail: 'boss@example.com', logLevel: 'warn' });
});

t.test('should reject bad values, naming each variable', async (t) => {
  const error = (() => {
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', FUNNELFLOW_ADMIN_PASSWORD: 'short', LOG_LEVEL: 'loud' });
    } catch (e) {
      return e;
    }
  })();
  t.type(error, ConfigError);
  const message = (error as ConfigError).message;
  for (const variable of ['PORT', 'DATABASE_URL', 'FUNNELFLOW_ADMIN_PASSWORD', 'LOG_LEVEL']) t.match(message, variable);
  t.match(message, '"eighty"', 'shows the offending value');
});
