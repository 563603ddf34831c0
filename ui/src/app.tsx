import { useEffect } from 'preact/hooks';
import { AppShell } from './components/app-shell.js';
import { Logo } from './components/icons.js';
import { useStore } from './lib/store.js';
import { findVisibleItem, landingPath } from './navigation/nav-model.js';
import { LoginPage } from './pages/login-page.js';
import { navigate, useCurrentPath } from './router/hash-router.js';
import { rememberReturnPath, restoreSession, session, takeReturnPath, type SessionState } from './session/session.js';

export const LOGIN_PATH = '/login';

/**
 * The root: restores the session, then shows the login page (`#/login`) when signed out and
 * the shell when signed in, keeping the address in step with what is shown.
 */
export function App() {
  const state = useStore(session);
  const path = useCurrentPath();
  useRouteGuard(state, path);

  switch (state.status) {
    case 'restoring':
      return <BootScreen />;
    case 'unreachable':
      return <UnreachableScreen message={state.error.message} />;
    case 'signed-out':
      return (
        <LoginPage
          notice={state.reason === 'expired' ? 'Your session has ended. Please sign in again.' : undefined}
        />
      );
    case 'signed-in':
      return path === LOGIN_PATH || path === '/' ? <BootScreen /> : <AppShell user={state.user} path={path} />;
  }
}

/** Sends signed-out users to `#/login` (remembering where they were going) and back again. */
function useRouteGuard(state: SessionState, path: string): void {
  useEffect(() => {
    if (state.status === 'signed-out' && path !== LOGIN_PATH) {
      if (path !== '/') rememberReturnPath(path);
      navigate(LOGIN_PATH, { replace: true });
    } else if (state.status === 'signed-in' && (path === LOGIN_PATH || path === '/')) {
      const wanted = takeReturnPath();
      const roles = state.user.roles;
      const target = wanted && findVisibleItem(roles, wanted) ? wanted : (landingPath(roles) ?? '/home');
      navigate(target, { replace: true });
    }
  }, [state, path]);
}

function BootScreen() {
  return (
    <div class="boot" aria-busy="true">
      <Logo size={40} />
      <p class="boot__text">Loading Funnelflow…</p>
    </div>
  );
}

function UnreachableScreen({ message }: { message: string }) {
  return (
    <main class="boot">
      <Logo size={40} />
      <h1 class="boot__title">Funnelflow is not reachable</h1>
      <p class="boot__text" role="alert">
        {message}
      </p>
      <button type="button" class="button button--primary" onClick={() => void restoreSession()}>
        Try again
      </button>
    </main>
  );
}
