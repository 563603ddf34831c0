import type { ComponentChildren } from 'preact';
import { detailMessages, type ApiError } from '../api/api-error.js';

/** An error message in a `role="alert"` box: the server's message, then any details. */
export function ErrorAlert({ error, children }: { error: ApiError | string; children?: ComponentChildren }) {
  const message = typeof error === 'string' ? error : error.message;
  const details = typeof error === 'string' ? [] : detailMessages(error.details);
  return (
    <div class="alert alert--error" role="alert">
      <p class="alert__message">{message}</p>
      {details.length > 0 && (
        <ul class="alert__details">
          {details.map((line, index) => (
            <li key={index}>{line}</li>
          ))}
        </ul>
      )}
      {children}
    </div>
  );
}
