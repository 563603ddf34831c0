import { ENGINE_ERRORS, type Rejection } from '../../engine/index.js';
import { AppError } from '../errors.js';

const STATUS_BY_KIND = { 'not-found': 404, conflict: 409, invalid: 400 } as const;

/** An engine rejection as an HTTP error: its ENG_ERR_* code, with the status its kind implies. */
export function engineError(rejection: Rejection): AppError {
  const kind = ENGINE_ERRORS[rejection.code]?.kind ?? 'invalid';
  return new AppError(rejection.code, rejection.message, undefined, STATUS_BY_KIND[kind]);
}

/** The value of a successful engine outcome, or the rejection thrown as an HTTP error. */
export function unwrap<T extends { ok: true }>(outcome: T | Rejection): T {
  if (!outcome.ok) throw engineError(outcome);
  return outcome;
}
