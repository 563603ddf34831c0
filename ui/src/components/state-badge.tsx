/** A process instance's (or activity's) state as a coloured pill: active, completed, terminated, incident. */
export function StateBadge({ state, testId }: { state: string; testId?: string }) {
  return (
    <span class={`state-badge state-badge--${state}`} data-testid={testId}>
      {state}
    </span>
  );
}
