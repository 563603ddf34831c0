import type { ProcessInstance } from '../../api/workflow-types.js';
import { StateBadge } from '../../components/state-badge.js';
import { formatDateTime } from '../../lib/format.js';
import { hrefFor } from '../../router/hash-router.js';

const COLUMNS = 6;

/** Instances: id (a link to the instance), process version, business key, state, start, end. */
export function InstanceTable({ items }: { items: ProcessInstance[] | null }) {
  return (
    <div class="table-wrap card">
      <table class="table table--compact" aria-label="Process instances" data-testid="instance-table" aria-busy={items === null}>
        <thead>
          <tr>
            <th scope="col">Instance</th>
            <th scope="col">Process</th>
            <th scope="col">Business key</th>
            <th scope="col">State</th>
            <th scope="col">Started</th>
            <th scope="col">Ended</th>
          </tr>
        </thead>
        <tbody>
          {items === null ? (
            <tr>
              <td colSpan={COLUMNS} class="table__message">
                Loading instances…
              </td>
            </tr>
          ) : items.length === 0 ? (
            <tr>
              <td colSpan={COLUMNS} class="table__message">
                No instances match.
              </td>
            </tr>
          ) : (
            items.map((instance) => (
              <tr key={instance.id} data-instance-id={instance.id}>
                <th scope="row" class="mono">
                  <a href={hrefFor(`/cockpit/${encodeURIComponent(instance.id)}`)}>{instance.id}</a>
                </th>
                <td class="mono">{instance.processDefinitionId ?? instance.processDefinitionKey ?? '—'}</td>
                <td>{instance.businessKey ?? '—'}</td>
                <td>
                  <StateBadge state={instance.state} />
                </td>
                <td class="nowrap">{formatDateTime(instance.startTime)}</td>
                <td class="nowrap">{formatDateTime(instance.endTime)}</td>
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}
