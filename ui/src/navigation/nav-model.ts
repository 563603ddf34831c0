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
  /** Roles besides the group's that see this page (shown in its group for them). */
  readonly alsoFor?: readonly Role[];
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
        alsoFor: ['manager'],
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
      },
      {
        path: '/cockpit',
        label: 'Cockpit',
        icon: 'cockpit',
        alsoFor: ['manager'],
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

/**
 * The groups a user with `roles` sees, in sidebar order: whole groups of their roles, and
 * of other groups only the pages also meant for one of their roles.
 */
export function visibleGroups(roles: readonly string[]): NavGroup[] {
  const isAdmin = roles.includes('admin');
  const groups: NavGroup[] = [];
  for (const group of NAV_GROUPS) {
    if (isAdmin || roles.includes(group.role)) {
      groups.push(group);
      continue;
    }
    const items = group.items.filter((item) => item.alsoFor?.some((role) => roles.includes(role)));
    if (items.length > 0) groups.push({ ...group, items });
  }
  return groups;
}

/** The first page the user can see, or null when their roles open nothing. */
export function landingPath(roles: readonly string[]): string | null {
  return visibleGroups(roles)[0]?.items[0]?.path ?? null;
}

/** The page at `path` (or below it, e.g. `/cockpit/<id>`) if the user may open it. */
export function findVisibleItem(roles: readonly string[], path: string): NavItem | undefined {
  for (const group of visibleGroups(roles)) {
    const item = group.items.find((candidate) => isUnder(path, candidate.path));
    if (item) return item;
  }
  return undefined;
}

/** The page at `path` for anyone (to tell "not yours" apart from "no such page"). */
export function findAnyItem(path: string): NavItem | undefined {
  return NAV_GROUPS.flatMap((group) => group.items).find((item) => isUnder(path, item.path));
}

/** What follows a page's path, e.g. the id in `/cockpit/<id>` (null on the page itself). */
export function subPath(path: string, itemPath: string): string | null {
  if (!path.startsWith(`${itemPath}/`)) return null;
  const rest = path.slice(itemPath.length + 1);
  if (rest === '') return null;
  try {
    return decodeURIComponent(rest);
  } catch {
    return rest;
  }
}

function isUnder(path: string, itemPath: string): boolean {
  return path === itemPath || path.startsWith(`${itemPath}/`);
}
