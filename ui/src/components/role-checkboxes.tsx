import { ROLES, type Role } from '../api/types.js';

export const ROLE_LABELS: Record<Role, string> = {
  rep: 'Rep',
  manager: 'Manager',
  designer: 'Designer',
  admin: 'Admin',
  integration: 'Integration',
};

export const ROLE_HINTS: Record<Role, string> = {
  rep: 'Inbox, funnel and customers',
  manager: 'Approvals, team and dashboards',
  designer: 'Modeler, processes and cockpit',
  admin: 'Everything, plus user administration',
  integration: 'External workers: fetch and report jobs over the API',
};

export interface RoleCheckboxesProps {
  /** Prefix for the checkbox ids (unique on the page). */
  idPrefix: string;
  legend: string;
  /** Hide the legend visually (it stays for screen readers). */
  legendHidden?: boolean;
  value: readonly string[];
  onChange: (roles: string[]) => void;
  disabled?: boolean;
  /** Roles that cannot be changed here, with the reason shown as a tooltip. */
  locked?: Partial<Record<Role, string>>;
  showHints?: boolean;
  compact?: boolean;
}

/** One checkbox per role, labelled Rep, Manager, Designer, Admin. */
export function RoleCheckboxes(props: RoleCheckboxesProps) {
  const { idPrefix, legend, legendHidden, value, onChange, disabled, locked = {}, showHints, compact } = props;
  const toggle = (role: Role, checked: boolean) => {
    const next = new Set(value);
    if (checked) next.add(role);
    else next.delete(role);
    onChange(ROLES.filter((candidate) => next.has(candidate)));
  };
  return (
    <fieldset class={compact ? 'role-checkboxes role-checkboxes--compact' : 'role-checkboxes'} disabled={disabled}>
      <legend class={legendHidden ? 'visually-hidden' : undefined}>{legend}</legend>
      {ROLES.map((role) => {
        const id = `${idPrefix}-${role}`;
        const lockReason = locked[role];
        return (
          <div key={role} class="checkbox" title={lockReason}>
            <input
              id={id}
              type="checkbox"
              name="roles"
              value={role}
              checked={value.includes(role)}
              disabled={lockReason !== undefined}
              aria-describedby={showHints ? `${id}-hint` : undefined}
              onChange={(event) => toggle(role, event.currentTarget.checked)}
            />
            <label for={id}>{ROLE_LABELS[role]}</label>
            {showHints && (
              <span class="checkbox__hint" id={`${id}-hint`}>
                {ROLE_HINTS[role]}
              </span>
            )}
          </div>
        );
      })}
    </fieldset>
  );
}
