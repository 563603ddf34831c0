import type { ComponentChildren } from 'preact';
import { PageHeading } from '../components/page-heading.js';

/** A page that only explains something: not found, not allowed, no roles. */
export function MessagePage({ title, children }: { title: string; children: ComponentChildren }) {
  return (
    <div class="page">
      <PageHeading>{title}</PageHeading>
      <div class="empty-state">{children}</div>
    </div>
  );
}
