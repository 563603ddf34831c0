import { useState } from 'preact/hooks';
import { toApiError, type ApiError } from '../../api/api-error.js';
import type { UserRecord } from '../../api/types.js';
import { updateUser } from '../../api/users-api.js';
import { ErrorAlert } from '../../components/alert.js';
import { RoleBadges } from '../../components/role-badges.js';
import { RoleCheckboxes } from '../../components/role-checkboxes.js';

const COLUMNS = 4;

export interface UserRowProps {
  user: UserRecord;
  /** The row of the signed-in admin: cannot deactivate or un-admin themselves here. */
  isSelf: boolean;
  onChanged: (user: UserRecord) => void;
}

/** One user: name and e-mail, roles (editable in place), status, and the row's actions. */
export function UserRow({ user, isSelf, onChanged }: UserRowProps) {
  const [editing, setEditing] = useState(false);
  const [draftRoles, setDraftRoles] = useState<string[]>(user.roles);
  const [busy, setBusy] = useState<'roles' | 'active' | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  async function save(kind: 'roles' | 'active', changes: { roles?: string[]; active?: boolean }) {
    setBusy(kind);
    setError(null);
    try {
      const updated = await updateUser(user.id, changes);
      onChanged(updated);
      if (kind === 'roles') setEditing(false);
    } catch (caught) {
      setError(toApiError(caught));
    } finally {
      setBusy(null);
    }
  }

  const startEditing = () => {
    setDraftRoles(user.roles);
    setError(null);
    setEditing(true);
  };
  const cancelEditing = () => {
    setEditing(false);
    setError(null);
  };

  return (
    <>
      <tr class={user.active ? 'user-row' : 'user-row user-row--inactive'} data-user-id={user.id} data-email={user.email}>
        <th scope="row" class="user-row__user">
          <span class="user-row__name">
            {user.name}
            {isSelf && <span class="user-row__you"> (you)</span>}
          </span>
          <span class="user-row__email">{user.email}</span>
        </th>
        <td class="user-row__roles">
          {editing ? (
            <RoleCheckboxes
              idPrefix={`roles-${user.id}`}
              legend={`Roles for ${user.name}`}
              legendHidden
              compact
              value={draftRoles}
              onChange={setDraftRoles}
              disabled={busy === 'roles'}
              locked={isSelf ? { admin: 'You cannot remove your own admin role.' } : undefined}
            />
          ) : (
            <RoleBadges roles={user.roles} />
          )}
        </td>
        <td class="user-row__status">
          <span class={user.active ? 'status-pill status-pill--active' : 'status-pill status-pill--inactive'}>
            {user.active ? 'Active' : 'Inactive'}
          </span>
        </td>
        <td class="user-row__actions">
          {editing ? (
            <>
              <button
                type="button"
                class="button button--primary button--small"
                disabled={busy !== null}
                onClick={() => save('roles', { roles: draftRoles })}
              >
                Save roles
              </button>
              <button type="button" class="button button--small" disabled={busy === 'roles'} onClick={cancelEditing}>
                Cancel
              </button>
            </>
          ) : (
            <>
              <button
                type="button"
                class="button button--small"
                aria-label={`Edit roles of ${user.name}`}
                disabled={busy !== null}
                onClick={startEditing}
              >
                Edit roles
              </button>
              <button
                type="button"
                class={user.active ? 'button button--small button--danger' : 'button button--small'}
                aria-label={`${user.active ? 'Deactivate' : 'Reactivate'} ${user.name}`}
                title={isSelf && user.active ? 'You cannot deactivate your own account.' : undefined}
                disabled={busy !== null || (isSelf && user.active)}
                onClick={() => save('active', { active: !user.active })}
              >
                {user.active ? 'Deactivate' : 'Reactivate'}
              </button>
            </>
          )}
        </td>
      </tr>
      {error && (
        <tr class="user-row__error-row">
          <td colSpan={COLUMNS}>
            <ErrorAlert error={error} />
          </td>
        </tr>
      )}
    </>
  );
}
