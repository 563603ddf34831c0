/**
 * The few line icons the shell uses (24×24 grid, drawn with the current text colour).
 * Decorative: always next to a text label, so hidden from assistive technology.
 */
import type { JSX } from 'preact';

export type IconName =
  | 'inbox'
  | 'funnel'
  | 'customers'
  | 'approvals'
  | 'team'
  | 'dashboards'
  | 'modeler'
  | 'processes'
  | 'cockpit'
  | 'users'
  | 'sign-out';

const PATHS: Record<IconName, JSX.Element> = {
  inbox: (
    <>
      <path d="M3 13l2.6-7.1A2 2 0 0 1 7.5 4.6h9a2 2 0 0 1 1.9 1.3L21 13" />
      <path d="M3 13v5a2 2 0 0 0 2 2h14a2 2 0 0 0 2-2v-5h-5l-1.5 2.5h-5L8 13z" />
    </>
  ),
  funnel: <path d="M3.5 4.5h17l-6.5 8v6l-4 2v-8z" />,
  customers: (
    <>
      <rect x="3.5" y="4.5" width="17" height="15" rx="2" />
      <circle cx="9.5" cy="11" r="2.2" />
      <path d="M6 16.5c.6-1.6 2-2.5 3.5-2.5s2.9.9 3.5 2.5M15 10h3M15 13.5h3" />
    </>
  ),
  approvals: (
    <>
      <path d="M20.5 12a8.5 8.5 0 1 1-4.2-7.3" />
      <path d="M8.5 11.5l3 3 8.5-8.5" />
    </>
  ),
  team: (
    <>
      <circle cx="9" cy="8.5" r="3" />
      <path d="M3.5 19c.7-3 2.9-4.8 5.5-4.8s4.8 1.8 5.5 4.8" />
      <path d="M15.5 5.8a3 3 0 0 1 0 5.4M17 14.6c1.8.6 3 2.2 3.5 4.4" />
    </>
  ),
  dashboards: (
    <>
      <path d="M4 20h16" />
      <path d="M7 16.5v-5M12 16.5V7M17 16.5v-8" />
    </>
  ),
  modeler: (
    <>
      <rect x="3" y="4" width="7" height="5" rx="1.2" />
      <rect x="14" y="15" width="7" height="5" rx="1.2" />
      <circle cx="17.5" cy="6.5" r="2.5" />
      <path d="M10 6.5h5M6.5 9v8.5H14" />
    </>
  ),
  processes: (
    <>
      <path d="M12 3.5l8.5 4.5-8.5 4.5L3.5 8z" />
      <path d="M3.5 12l8.5 4.5 8.5-4.5M3.5 16l8.5 4.5 8.5-4.5" />
    </>
  ),
  cockpit: (
    <>
      <path d="M3.5 12h3.5l2.5-6 5 12 2.5-6h3.5" />
    </>
  ),
  users: (
    <>
      <circle cx="12" cy="8" r="3.5" />
      <path d="M5 20c.9-3.6 3.7-5.5 7-5.5s6.1 1.9 7 5.5" />
    </>
  ),
  'sign-out': (
    <>
      <path d="M14 4.5H6.5a2 2 0 0 0-2 2v11a2 2 0 0 0 2 2H14" />
      <path d="M10 12h10M16.5 8.5L20 12l-3.5 3.5" />
    </>
  ),
};

export function Icon({ name, size = 18 }: { name: IconName; size?: number }) {
  return (
    <svg
      class="icon"
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      stroke-width="1.7"
      stroke-linecap="round"
      stroke-linejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      {PATHS[name]}
    </svg>
  );
}

/** The Funnelflow mark: a funnel whose stream ends in a process token. */
export function Logo({ size = 28 }: { size?: number }) {
  return (
    <svg class="logo" width={size} height={size} viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <rect width="32" height="32" rx="8" fill="var(--brand)" />
      <path d="M7 8.5h18l-6.8 8v5.2l-4.4 2.3v-7.5z" fill="#fff" />
    </svg>
  );
}
