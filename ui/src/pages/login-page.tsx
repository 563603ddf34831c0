import { useEffect, useRef, useState } from 'preact/hooks';
import type { ApiError } from '../api/api-error.js';
import { toApiError } from '../api/api-error.js';
import { ErrorAlert } from '../components/alert.js';
import { Logo } from '../components/icons.js';
import { signIn } from '../session/session.js';

/**
 * The sign-in form. On failure the server's message shows in a `role="alert"` box; the
 * "Sign in" button is disabled while the request runs.
 */
export function LoginPage({ notice }: { notice?: string }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const emailRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    document.title = 'Sign in · Funnelflow';
    emailRef.current?.focus();
  }, []);

  async function submit(event: Event) {
    event.preventDefault();
    if (submitting) return;
    setSubmitting(true);
    setError(null);
    try {
      await signIn(email.trim(), password);
      // The app switches to the shell; this page unmounts.
    } catch (caught) {
      setError(toApiError(caught));
      setSubmitting(false);
      passwordRef.current?.select();
    }
  }

  return (
    <div class="login">
      <main class="login__main">
        <div class="login__card">
          <h1 class="login__brand">
            <Logo size={36} />
            <span class="login__product">Funnelflow</span>
          </h1>
          <p class="login__lead">The process-centric CRM: work your inbox, approve steps and shape the processes behind every deal.</p>
          {notice && !error && (
            <p class="notice" role="status">
              {notice}
            </p>
          )}
          <form class="form" onSubmit={submit} aria-busy={submitting} noValidate>
            <div class="field">
              <label for="login-email">Email</label>
              <input
                ref={emailRef}
                id="login-email"
                name="email"
                type="email"
                autoComplete="username"
                inputMode="email"
                spellcheck={false}
                required
                value={email}
                onInput={(event) => setEmail(event.currentTarget.value)}
              />
            </div>
            <div class="field">
              <label for="login-password">Password</label>
              <input
                ref={passwordRef}
                id="login-password"
                name="password"
                type="password"
                autoComplete="current-password"
                required
                value={password}
                onInput={(event) => setPassword(event.currentTarget.value)}
              />
            </div>
            {error && <ErrorAlert error={error} />}
            <button type="submit" class="button button--primary button--block" disabled={submitting}>
              Sign in
            </button>
          </form>
        </div>
      </main>
    </div>
  );
}
