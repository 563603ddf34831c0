import { ROLES } from '../api/types.js';

/** Roles as small badges, in the fixed order rep, manager, designer, admin. */
export function RoleBadges({ roles, testId }: { roles: readonly string[]; testId?: string }) {
  const sorted = sortRoles(roles);
  if (sorted.length === 0) {
    return (
      <span class="role-badges role-badges--empty" data-testid={testId}>
        no roles
      </span>
    );
  }
  return (
    <span class="role-badges" data-testid={testId} aria-label={`Roles: ${sorted.join(', ')}`}>
      {sorted.map((role) => (
        <span key={role} class={`role-badge role-badge--${role}`}>
          {role}
        </span>
      ))}
    </span>
  );
}

/** Known roles first in their fixed order, then any others alphabetically. */
export function sortRoles(roles: readonly string[]): string[] {
  const rank = (role: string) => {
    const index = (ROLES as readonly string[]).indexOf(role);
    return index === -1 ? ROLES.length : index;
  };
  return [...new Set(roles)].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}
