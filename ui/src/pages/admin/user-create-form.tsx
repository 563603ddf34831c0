import { useRef, useState } from 'preact/hooks';
import { ApiError, toApiError } from '../../api/api-error.js';
import type { UserRecord } from '../../api/types.js';
import { createUser } from '../../api/users-api.js';
import { ErrorAlert } from '../../components/alert.js';
import { RoleCheckboxes } from '../../components/role-checkboxes.js';

const EMPTY = { email: '', name: '', password: '', roles: [] as string[] };

/** "New user": e-mail, name, initial password and roles; the server's errors show beside it. */
export function UserCreateForm({ onCreated }: { onCreated: (user: UserRecord) => void }) {
  const [draft, setDraft] = useState(EMPTY);
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [created, setCreated] = useState<UserRecord | null>(null);
  const emailRef = useRef<HTMLInputElement>(null);

  const set = (field: 'email' | 'name' | 'password') => (event: Event) => {
    const value = (event.currentTarget as HTMLInputElement).value;
    setDraft((current) => ({ ...current, [field]: value }));
  };

  async function submit(event: Event) {
    event.preventDefault();
    if (submitting) return;
    setCreated(null);
    const missing = (['email', 'name', 'password'] as const).filter((field) => draft[field].trim() === '');
    if (missing.length > 0) {
      setError(new ApiError('UI_ERR_REQUIRED', `Please fill in: ${missing.join(', ')}.`, 0));
      return;
    }
    setSubmitting(true);
    setError(null);
    try {
      const user = await createUser({
        email: draft.email.trim(),
        name: draft.name.trim(),
        password: draft.password,
        roles: draft.roles,
      });
      setDraft(EMPTY);
      setCreated(user);
      onCreated(user);
      emailRef.current?.focus();
    } catch (caught) {
      setError(toApiError(caught));
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <form class="form card user-create" onSubmit={submit} aria-labelledby="new-user-title" aria-busy={submitting} noValidate>
      <h2 id="new-user-title" class="card__title">
        New user
      </h2>
      <div class="user-create__fields">
        <div class="field">
          <label for="new-user-email">Email</label>
          <input
            ref={emailRef}
            id="new-user-email"
            name="email"
            type="email"
            autoComplete="off"
            spellcheck={false}
            required
            value={draft.email}
            onInput={set('email')}
          />
        </div>
        <div class="field">
          <label for="new-user-name">Name</label>
          <input id="new-user-name" name="name" autoComplete="off" required value={draft.name} onInput={set('name')} />
        </div>
        <div class="field">
          <label for="new-user-password">Password</label>
          <input
            id="new-user-password"
            name="password"
            type="password"
            autoComplete="new-password"
            required
            value={draft.password}
            onInput={set('password')}
          />
        </div>
      </div>
      <RoleCheckboxes
        idPrefix="new-user-role"
        legend="Roles"
        value={draft.roles}
        onChange={(roles) => setDraft((current) => ({ ...current, roles }))}
        showHints
      />
      {error && <ErrorAlert error={error} />}
      {created && (
        <p class="notice notice--success" role="status">
          Created {created.name} ({created.email}).
        </p>
      )}
      <div class="user-create__actions">
        <button type="submit" class="button button--primary" disabled={submitting}>
          Create user
        </button>
      </div>
    </form>
  );
}
