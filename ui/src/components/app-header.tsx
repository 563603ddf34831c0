import type { SessionUser } from '../api/types.js';
import { hrefFor } from '../router/hash-router.js';
import { signOut } from '../session/session.js';
import { Icon, Logo } from './icons.js';
import { RoleBadges } from './role-badges.js';
import { WsStatus } from './ws-status.js';

/** The top bar: product, live indicator, who is signed in, sign out. */
export function AppHeader({ user, homePath }: { user: SessionUser; homePath: string }) {
  return (
    <header class="app-header">
      <a class="app-header__brand" href={hrefFor(homePath)}>
        <Logo />
        <span class="app-header__product">Funnelflow</span>
      </a>
      <div class="app-header__end">
        <WsStatus />
        <div class="app-header__user" data-testid="current-user">
          <span class="app-header__user-name" data-testid="current-user-name">
            {user.name}
          </span>
          <RoleBadges roles={user.roles} testId="current-user-roles" />
        </div>
        <button type="button" class="button button--ghost" onClick={signOut}>
          <Icon name="sign-out" size={16} />
          Sign out
        </button>
      </div>
    </header>
  );
}
