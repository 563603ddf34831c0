import type { NavItem } from '../navigation/nav-model.js';
import { PageHeading } from '../components/page-heading.js';

/** A page that is not built yet: its name and one plain statement of what it will show. */
export function UpcomingPage({ item }: { item: NavItem }) {
  return (
    <div class="page">
      <PageHeading>{item.label}</PageHeading>
      <div class="empty-state" data-testid="upcoming-page">
        <p>{item.upcoming}</p>
      </div>
    </div>
  );
}
