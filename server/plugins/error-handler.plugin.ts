import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { AppError, SERVER_ERRORS, type ServerErrorCode } from '../errors.js';

/**
 * Turns every failure into `{code, message, details?}`. Validation errors name the field;
 * framework errors are mapped to catalog codes; anything unknown is logged and answered
 * as SRV_ERR_INTERNAL without leaking its message.
 */
export const errorHandlerPlugin = fp(async (app: FastifyInstance) => {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const mapped = toAppError(error);
    if (mapped.statusCode >= 500) request.log.error({ err: error }, 'request failed');
    else request.log.info({ code: mapped.code, message: mapped.message }, 'request rejected');
    return reply
      .code(mapped.statusCode)
      .send({ code: mapped.code, message: mapped.message, ...(mapped.details ? { details: mapped.details } : {}) });
  });
}, { name: 'error-handler' });

const FRAMEWORK_CODES: Record<string, ServerErrorCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'SRV_ERR_BAD_JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'SRV_ERR_BAD_JSON',
  FST_ERR_CTP_BODY_TOO_LARGE: 'SRV_ERR_BODY_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'SRV_ERR_UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'SRV_ERR_VALIDATION',
  FST_ERR_NOT_FOUND: 'SRV_ERR_NOT_FOUND',
};

export function toAppError(error: FastifyError | Error): AppError {
  if (error instanceof AppError) return error;
  const fe = error as FastifyError;
  if (fe.validation) {
    const fields = fe.validation.map((v) => ({
      field: fieldName(fe.validationContext, v.instancePath, v.params),
      message: v.message ?? 'is invalid',
    }));
    return new AppError('SRV_ERR_VALIDATION', fe.message, { fields });
  }
  const code = fe.code ? FRAMEWORK_CODES[fe.code] : undefined;
  if (code) return new AppError(code, code === 'SRV_ERR_BAD_JSON' ? `The request body is not valid JSON: ${fe.message}` : fe.message);
  if (fe.statusCode === 429) return new AppError('SRV_ERR_RATE_LIMITED', fe.message);
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
    return new AppError(fe.statusCode === 404 ? 'SRV_ERR_NOT_FOUND' : 'SRV_ERR_VALIDATION', fe.message);
  }
  return new AppError('SRV_ERR_INTERNAL', SERVER_ERRORS.SRV_ERR_INTERNAL.title);
}

/** `body.email`, `body.address.city`, or the missing property for `required` errors. */
function fieldName(context: string | undefined, instancePath: string, params: Record<string, unknown>): string {
  const parts = instancePath.split('/').filter(Boolean);
  if (typeof params.missingProperty === 'string') parts.push(params.missingProperty);
  if (typeof params.additionalProperty === 'string') parts.push(params.additionalProperty);
  return [context ?? 'body', ...parts].join('.');
}
