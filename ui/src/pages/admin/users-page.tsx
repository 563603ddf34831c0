import { useCallback, useEffect, useState } from 'preact/hooks';
import { toApiError, type ApiError } from '../../api/api-error.js';
import type { SessionUser, UserRecord } from '../../api/types.js';
import { listUsers } from '../../api/users-api.js';
import { ErrorAlert } from '../../components/alert.js';
import { PageHeading } from '../../components/page-heading.js';
import { updateSessionUser } from '../../session/session.js';
import { UserCreateForm } from './user-create-form.js';
import { UserRow } from './user-row.js';

/** Administration → Users: everyone who can sign in, a form to add one, roles and status. */
export function UsersPage({ currentUser }: { currentUser: SessionUser }) {
  const [users, setUsers] = useState<UserRecord[] | null>(null);
  const [loadError, setLoadError] = useState<ApiError | null>(null);

  const load = useCallback(async (signal?: AbortSignal) => {
    setLoadError(null);
    try {
      const items = await listUsers(signal);
      if (!signal?.aborted) setUsers(items);
    } catch (caught) {
      if (!signal?.aborted) setLoadError(toApiError(caught));
    }
  }, []);

  useEffect(() => {
    const controller = new AbortController();
    void load(controller.signal);
    return () => controller.abort();
  }, [load]);

  const replace = (updated: UserRecord) => {
    setUsers((current) => current?.map((user) => (user.id === updated.id ? updated : user)) ?? [updated]);
    updateSessionUser(updated);
  };
  const add = (created: UserRecord) => {
    setUsers((current) => [...(current ?? []).filter((user) => user.id !== created.id), created]);
  };

  return (
    <div class="page">
      <PageHeading lead="Everyone who can sign in to Funnelflow, and what they may do.">Users</PageHeading>
      <UserCreateForm onCreated={add} />
      {loadError ? (
        <ErrorAlert error={loadError}>
          <button type="button" class="button button--small" onClick={() => void load()}>
            Try again
          </button>
        </ErrorAlert>
      ) : (
        <div class="table-wrap card">
          <table class="table" data-testid="users-table" aria-label="Users" aria-busy={users === null}>
            <thead>
              <tr>
                <th scope="col">User</th>
                <th scope="col">Roles</th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span class="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {users === null ? (
                <tr>
                  <td colSpan={4} class="table__message">
                    Loading users…
                  </td>
                </tr>
              ) : users.length === 0 ? (
                <tr>
                  <td colSpan={4} class="table__message">
                    No users yet.
                  </td>
                </tr>
              ) : (
                users.map((user) => (
                  <UserRow key={user.id} user={user} isSelf={user.id === currentUser.id} onChanged={replace} />
                ))
              )}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
