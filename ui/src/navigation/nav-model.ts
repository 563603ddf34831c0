/**
 * What each kind of user can open: the sidebar groups, their pages and who sees them. A user
 * with several roles sees the union; `admin` sees every group.
 */
import type { Role } from '../api/types.js';
import type { IconName } from '../components/icons.js';

export interface NavItem {
  /** The hash path, e.g. `/inbox`. */
  readonly path: string;
  readonly label: string;
  readonly icon: IconName;
  /** For pages not built yet: one plain statement of what the page will show. */
  readonly upcoming?: string;
}

export interface NavGroup {
  readonly id: string;
  readonly label: string;
  /** The role whose users see the group (admins see all groups). */
  readonly role: Role;
  readonly items: readonly NavItem[];
}

export const NAV_GROUPS: readonly NavGroup[] = [
  {
    id: 'sales',
    label: 'Sales',
    role: 'rep',
    items: [
      {
        path: '/inbox',
        label: 'Inbox',
        icon: 'inbox',
        upcoming:
          'Your task inbox will list the user tasks assigned to you and your groups. It arrives with the process engine.',
      },
      {
        path: '/funnel',
        label: 'Funnel',
        icon: 'funnel',
        upcoming:
          "The funnel board will show your deals in the stage where each deal's process currently stands. It arrives with the deals module.",
      },
      {
        path: '/customers',
        label: 'Customers',
        icon: 'customers',
        upcoming:
          'Customers will list your clients and open a 360° card with their contacts, deals, complaints, running processes and tasks. It arrives with the customers module.',
      },
    ],
  },
  {
    id: 'management',
    label: 'Management',
    role: 'manager',
    items: [
      {
        path: '/approvals',
        label: 'Approvals',
        icon: 'approvals',
        upcoming:
          'Approvals will list the process steps waiting for your decision, such as discounts and proposals. It arrives with the approval process.',
      },
      {
        path: '/team',
        label: 'Team',
        icon: 'team',
        upcoming:
          "Team will show your team's tasks and calendars and let you reassign work and set substitutes. It arrives with the organisation module.",
      },
      {
        path: '/dashboards',
        label: 'Dashboards',
        icon: 'dashboards',
        upcoming:
          'Dashboards will chart funnel dynamics, forecasts, plan versus actual and commission statements from process history. They arrive with reporting.',
      },
    ],
  },
  {
    id: 'design',
    label: 'Process design',
    role: 'designer',
    items: [
      {
        path: '/modeler',
        label: 'Modeler',
        icon: 'modeler',
        upcoming:
          'The modeler will let you draw BPMN processes, edit their properties and deploy them. It arrives with the web modeler.',
      },
      {
        path: '/processes',
        label: 'Processes',
        icon: 'processes',
        upcoming:
          'Processes will list the deployed process definitions with their versions, forms and rules. It arrives with deployments.',
      },
      {
        path: '/cockpit',
        label: 'Cockpit',
        icon: 'cockpit',
        upcoming:
          'The cockpit will show running process instances, incidents and bottlenecks on the diagram. It arrives with the process engine.',
      },
    ],
  },
  {
    id: 'administration',
    label: 'Administration',
    role: 'admin',
    items: [{ path: '/users', label: 'Users', icon: 'users' }],
  },
];

/** The groups a user with `roles` sees, in sidebar order. */
export function visibleGroups(roles: readonly string[]): NavGroup[] {
  const isAdmin = roles.includes('admin');
  return NAV_GROUPS.filter((group) => isAdmin || roles.includes(group.role));
}

/** The first page the user can see, or null when their roles open nothing. */
export function landingPath(roles: readonly string[]): string | null {
  return visibleGroups(roles)[0]?.items[0]?.path ?? null;
}

/** The page at `path` if the user may open it. */
export function findVisibleItem(roles: readonly string[], path: string): NavItem | undefined {
  for (const group of visibleGroups(roles)) {
    const item = group.items.find((candidate) => candidate.path === path);
    if (item) return item;
  }
  return undefined;
}

/** The page at `path` for anyone (to tell "not yours" apart from "no such page"). */
export function findAnyItem(path: string): NavItem | undefined {
  return NAV_GROUPS.flatMap((group) => group.items).find((item) => item.path === path);
}
