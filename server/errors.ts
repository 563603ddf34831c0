/**
 * The server's error catalog. Every error reply is `{code, message, ...}` with a code from
 * here; `docs/errors.md` documents each one and a test keeps the two in step.
 */
export const SERVER_ERRORS = {
  SRV_ERR_VALIDATION: { status: 400, title: 'The request breaks its schema' },
  SRV_ERR_BAD_JSON: { status: 400, title: 'The body is not valid JSON' },
  SRV_ERR_UNAUTHENTICATED: { status: 401, title: 'No valid session token' },
  SRV_ERR_INVALID_CREDENTIALS: { status: 401, title: 'Wrong e-mail or password' },
  SRV_ERR_FORBIDDEN: { status: 403, title: 'The caller may not do this' },
  SRV_ERR_NOT_FOUND: { status: 404, title: 'No such route or resource' },
  SRV_ERR_MERGED: { status: 404, title: 'The customer was merged into another' },
  SRV_ERR_CONFLICT: { status: 409, title: 'The change conflicts with the current state' },
  SRV_ERR_RESOURCE_BOOKED: { status: 409, title: 'A resource is booked by another activity at that time' },
  SRV_ERR_LEAD_TRANSITION: { status: 409, title: 'The lead cannot move to that status from its current one' },
  SRV_ERR_LEAD_CONVERTED: { status: 409, title: 'The lead is converted already' },
  SRV_ERR_LEAD_DUPLICATE_CUSTOMER: { status: 409, title: 'Converting would create a duplicate customer' },
  SRV_ERR_BODY_TOO_LARGE: { status: 413, title: 'The body is larger than allowed' },
  SRV_ERR_UNSUPPORTED_MEDIA_TYPE: { status: 415, title: 'The content type is not accepted' },
  SRV_ERR_RATE_LIMITED: { status: 429, title: 'Too many requests' },
  SRV_ERR_INTERNAL: { status: 500, title: 'An unexpected server error' },
  SRV_ERR_UNAVAILABLE: { status: 503, title: 'A dependency (the database) is unavailable' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ServerErrorCode = keyof typeof SERVER_ERRORS;

/**
 * An error meant for the client: its code, status and message go out as they are. Server
 * codes take their status from the catalog; the engine's codes (ENG_ERR_*, documented in
 * engine/errors/README.md) come with the status their kind implies.
 */
export class AppError extends Error {
  readonly statusCode: number;
  constructor(
    readonly code: ServerErrorCode | `ENG_ERR_${string}`,
    message: string,
    readonly details?: Record<string, unknown>,
    statusCode?: number,
  ) {
    super(message);
    this.name = 'AppError';
    this.statusCode = statusCode ?? SERVER_ERRORS[code as ServerErrorCode]?.status ?? 500;
  }
}

export const notFound = (what: string, id: string) => new AppError('SRV_ERR_NOT_FOUND', `${what} '${id}' was not found`);
export const conflict = (message: string) => new AppError('SRV_ERR_CONFLICT', message);
export const forbidden = (message = 'You may not do this') => new AppError('SRV_ERR_FORBIDDEN', message);
export const unauthenticated = (message = 'Sign in first: no valid session token was sent') =>
  new AppError('SRV_ERR_UNAUTHENTICATED', message);

/** The reply schema shared by every route's 4xx/5xx responses (OpenAPI documents it once). */
export const errorReplySchema = {
  $id: 'ErrorReply',
  type: 'object',
  required: ['code', 'message'],
  properties: {
    code: { type: 'string' },
    message: { type: 'string' },
    details: { type: 'object', additionalProperties: true },
  },
  additionalProperties: true,
} as const;
