import { useEffect } from 'preact/hooks';
import type { SessionUser } from '../api/types.js';
import { findAnyItem, findVisibleItem, landingPath, visibleGroups } from '../navigation/nav-model.js';
import { UsersPage } from '../pages/admin/users-page.js';
import { CockpitPage } from '../pages/cockpit/cockpit-page.js';
import { InboxPage } from '../pages/inbox/inbox-page.js';
import { MessagePage } from '../pages/message-page.js';
import { ProcessesPage } from '../pages/processes/processes-page.js';
import { UpcomingPage } from '../pages/upcoming-page.js';
import { hrefFor } from '../router/hash-router.js';
import { AppHeader } from './app-header.js';
import { SideNav } from './side-nav.js';

/** The signed-in layout: header, sidebar for the user's roles, and the page at `path`. */
export function AppShell({ user, path }: { user: SessionUser; path: string }) {
  const groups = visibleGroups(user.roles);
  const home = landingPath(user.roles) ?? '/';
  const item = findVisibleItem(user.roles, path);

  useEffect(() => {
    document.title = item ? `${item.label} · Funnelflow` : 'Funnelflow';
  }, [item]);

  return (
    <div class="shell">
      <a class="skip-link" href="#main" onClick={skipToMain}>
        Skip to content
      </a>
      <AppHeader user={user} homePath={home} />
      <div class="shell__body">
        {groups.length > 0 && <SideNav groups={groups} currentPath={path} />}
        <main id="main" class="shell__main" tabIndex={-1}>
          <Page user={user} path={path} home={home} />
        </main>
      </div>
    </div>
  );
}

function Page({ user, path, home }: { user: SessionUser; path: string; home: string }) {
  if (visibleGroups(user.roles).length === 0) {
    return (
      <MessagePage title="No roles yet">
        <p>Your account has no roles yet, so there is nothing to open. Ask an administrator to give you one.</p>
      </MessagePage>
    );
  }
  const item = findVisibleItem(user.roles, path);
  if (item?.path === '/users') return <UsersPage key={path} currentUser={user} />;
  // Keyed by the page, not the address: `#/inbox/<task>` and `#/cockpit/<instance>` keep the page's state.
  if (item?.path === '/inbox') return <InboxPage key={item.path} user={user} path={path} />;
  if (item?.path === '/processes') return <ProcessesPage key={item.path} />;
  if (item?.path === '/cockpit') return <CockpitPage key={item.path} path={path} />;
  if (item) return <UpcomingPage key={path} item={item} />;
  if (findAnyItem(path)) {
    return (
      <MessagePage title="Not available">
        <p>
          This page is not part of your roles. <a href={hrefFor(home)}>Go to your start page</a>.
        </p>
      </MessagePage>
    );
  }
  return (
    <MessagePage title="Page not found">
      <p>
        There is no page at this address. <a href={hrefFor(home)}>Go to your start page</a>.
      </p>
    </MessagePage>
  );
}

// helpers //////////

/** The skip link must not change the hash (that is the router's). */
function skipToMain(event: Event): void {
  event.preventDefault();
  document.getElementById('main')?.focus();
}
