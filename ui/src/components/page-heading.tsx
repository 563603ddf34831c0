import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';

/**
 * A page's h1. It takes focus when the page opens, so keyboard and screen-reader users land
 * on the new page instead of staying on the link they used.
 */
export function PageHeading({ children, lead }: { children: ComponentChildren; lead?: ComponentChildren }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    const active = document.activeElement;
    // Only move focus away from navigation or nothing, never out of a field being typed in.
    if (!active || active === document.body || active.closest('nav')) ref.current?.focus({ preventScroll: true });
  }, []);
  return (
    <div class="page-heading">
      <h1 ref={ref} tabIndex={-1}>
        {children}
      </h1>
      {lead && <p class="page-heading__lead">{lead}</p>}
    </div>
  );
}
