import type { ActivityInstance } from '../../api/workflow-types.js';
import { StateBadge } from '../../components/state-badge.js';
import { formatDuration, formatPreciseTime } from '../../lib/format.js';
import { hrefFor } from '../../router/hash-router.js';

const COLUMNS = 7;

/** What ran, in start order: activity, type, state, start, end, duration, the called child instance. */
export function ActivityHistory({ rows }: { rows: ActivityInstance[] | null }) {
  return (
    <div class="table-wrap card">
      <table class="table table--compact" aria-label="Activity history" data-testid="activity-history">
        <thead>
          <tr>
            <th scope="col">Activity</th>
            <th scope="col">Type</th>
            <th scope="col">State</th>
            <th scope="col">Start</th>
            <th scope="col">End</th>
            <th scope="col">Duration</th>
            <th scope="col">Called instance</th>
          </tr>
        </thead>
        <tbody>
          {rows === null || rows.length === 0 ? (
            <tr>
              <td colSpan={COLUMNS} class="table__message">
                {rows === null ? 'Loading the history…' : 'No activity recorded.'}
              </td>
            </tr>
          ) : (
            rows.map((row, index) => (
              <tr key={row.id ?? index} data-activity-id={row.activityId}>
                <th scope="row" class="mono">
                  {row.activityId}
                </th>
                <td>{row.activityType}</td>
                <td>{row.state ? <StateBadge state={row.state} /> : '—'}</td>
                <td class="nowrap">{formatPreciseTime(row.startTime)}</td>
                <td class="nowrap">{formatPreciseTime(row.endTime)}</td>
                <td class="nowrap">{formatDuration(row.startTime, row.endTime)}</td>
                <td class="mono">
                  {row.calledProcessInstanceId ? <a href={hrefFor(`/cockpit/${encodeURIComponent(row.calledProcessInstanceId)}`)}>{row.calledProcessInstanceId}</a> : '—'}
                </td>
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}
