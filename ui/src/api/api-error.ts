/**
 * Thrown by the API client for every failed request: the server's `{code, message}` body when
 * it sent one, otherwise a `UI_ERR_*` code made up here.
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    /** `SRV_ERR_*` from the server, or `UI_ERR_NETWORK` / `UI_ERR_HTTP` / `UI_ERR_BAD_RESPONSE`. */
    readonly code: string,
    message: string,
    /** The HTTP status; 0 when no response arrived. */
    readonly status: number,
    /** The server's optional `details` (e.g. which fields failed validation). */
    readonly details?: unknown,
    /** The whole error body, for errors that carry more than `details` (e.g. deployment `problems`). */
    readonly body?: unknown,
  ) {
    super(message);
  }
}

export const UI_ERR_NETWORK = 'UI_ERR_NETWORK';
export const UI_ERR_HTTP = 'UI_ERR_HTTP';
export const UI_ERR_BAD_RESPONSE = 'UI_ERR_BAD_RESPONSE';

/** Turns anything caught into an ApiError, so pages show one kind of error. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new ApiError('UI_ERR_UNEXPECTED', message, 0);
}

/**
 * Human-readable lines from a validation error's `details`, whatever shape the server uses
 * (strings, `{message}`, `{path|field|instancePath, message}`).
 */
export function detailMessages(details: unknown): string[] {
  const list = Array.isArray(details) ? details : details && typeof details === 'object' ? [details] : [];
  const lines: string[] = [];
  for (const item of list) {
    if (typeof item === 'string') lines.push(item);
    else if (item && typeof item === 'object' && 'message' in item && typeof item.message === 'string') {
      const where = pickString(item, 'field') ?? pickString(item, 'path') ?? pickString(item, 'instancePath');
      lines.push(where ? `${where.replace(/^\//, '')}: ${item.message}` : item.message);
    }
  }
  return lines;
}

// helpers //////////

function pickString(value: object, key: string): string | undefined {
  const found = (value as Record<string, unknown>)[key];
  return typeof found === 'string' && found !== '' ? found : undefined;
}
