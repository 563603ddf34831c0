/** Small pieces every CRM area shares: route reply fragments and driver error checks. */
import { AppError } from '../errors.js';

export const errorReplies = {
  400: { $ref: 'ErrorReply#' },
  401: { $ref: 'ErrorReply#' },
  403: { $ref: 'ErrorReply#' },
} as const;

export const notFoundReply = { 404: { $ref: 'ErrorReply#' } } as const;
export const conflictReply = { 409: { $ref: 'ErrorReply#' } } as const;

export const idParams = { type: 'object', required: ['id'], properties: { id: { type: 'string', format: 'uuid' } } } as const;

/** PostgreSQL's unique_violation / foreign_key_violation, as both drivers report them. */
export const isUniqueViolation = (error: unknown) => sqlState(error) === '23505';
export const isForeignKeyViolation = (error: unknown) => sqlState(error) === '23503';

function sqlState(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null ? (error as { code?: string }).code : undefined;
}

/** A 400 naming one field, in the shape schema validation errors have (`details.fields`). */
export function invalidField(field: string, message: string): AppError {
  return new AppError('SRV_ERR_VALIDATION', `${field} ${message}`, { fields: [{ field, message }] });
}
