import { PageHeading } from '../../components/page-heading.js';
import { subPath } from '../../navigation/nav-model.js';
import { InstanceList } from './instance-list.js';
import { InstancePage } from './instance-page.js';
import { OpenIncidents } from './open-incidents.js';

/** Process design → Cockpit: instances with filters and open incidents (`#/cockpit`), one instance (`#/cockpit/<id>`). */
export function CockpitPage({ path }: { path: string }) {
  const instanceId = subPath(path, '/cockpit');
  if (instanceId) return <InstancePage key={instanceId} instanceId={instanceId} />;
  return (
    <div class="page">
      <PageHeading lead="Process instances, newest first, and the incidents that wait for someone.">Cockpit</PageHeading>
      <OpenIncidents />
      <InstanceList />
    </div>
  );
}
