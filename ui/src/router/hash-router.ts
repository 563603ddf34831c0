/**
 * A hash router: the page lives in `location.hash` (`#/inbox`, `#/users`), so the server only
 * ever serves `/` and a reload keeps the page.
 */
import { useEffect, useState } from 'preact/hooks';

/** The current path, e.g. `/inbox` (`/` when the hash is empty). */
export function currentPath(): string {
  const hash = window.location.hash.replace(/^#/, '');
  const path = hash.split('?')[0] ?? '';
  return path.startsWith('/') ? path : `/${path}`;
}

/** Goes to `path`; `replace` rewrites the history entry instead of adding one. */
export function navigate(path: string, options: { replace?: boolean } = {}): void {
  const target = `#${path}`;
  if (window.location.hash === target) return;
  if (options.replace) {
    const url = new URL(window.location.href);
    url.hash = target;
    window.history.replaceState(window.history.state, '', url);
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  } else {
    window.location.hash = target;
  }
}

/** The `href` for a link to `path`. */
export function hrefFor(path: string): string {
  return `#${path}`;
}

/** Re-renders on every hash change and returns the current path. */
export function useCurrentPath(): string {
  const [path, setPath] = useState(currentPath);
  useEffect(() => {
    const update = () => setPath(currentPath());
    update();
    window.addEventListener('hashchange', update);
    return () => window.removeEventListener('hashchange', update);
  }, []);
  return path;
}
