import pino, { type Logger } from 'pino';
import type { Config } from './config.js';

/** Secrets never reach the log: tokens in headers, passwords in bodies. */
export const LOG_REDACT = ['req.headers.authorization', 'req.body.password', 'req.body.currentPassword', 'req.body.newPassword'];

export function createLogger(level: Config['logLevel']): Logger {
  return pino({ level, redact: LOG_REDACT });
}
