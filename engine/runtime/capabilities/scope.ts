import type { ElementInstance, InstanceState } from '../../state/instance-state.js';
import type { Runtime } from '../runtime.js';

/** The live element instances directly inside a scope. */
export function liveChildren(state: InstanceState, scopeKey: string): ElementInstance[] {
  const children: ElementInstance[] = [];
  for (const key in state.elements) {
    const instance = state.elements[key]!;
    if (instance.scopeKey === scopeKey) children.push(instance);
  }
  return children;
}

export function hasLiveChildren(state: InstanceState, scopeKey: string): boolean {
  for (const key in state.elements) {
    if (state.elements[key]!.scopeKey === scopeKey) return true;
  }
  return false;
}

export function isLoopBody(instance: ElementInstance): boolean {
  return instance.kind === 'multi-instance-body' || instance.kind === 'loop-body';
}

/**
 * A token of the scope ended without moving on. When the scope (process or sub-process)
 * has no token left anywhere (live children, queued arrivals, tokens waiting at joins),
 * it completes. Loop bodies decide for themselves (see loop-body.ts).
 */
export function scopeChildEnded(rt: Runtime, scopeKey: string): void {
  const scope = rt.state.elements[scopeKey];
  if (!scope || scope.lifecycle !== 'active' || isLoopBody(scope)) return;
  if (hasLiveChildren(rt.state, scopeKey) || rt.hasQueued(scopeKey) || rt.state.joins[scopeKey]) return;
  rt.enqueue({ type: 'complete', key: scopeKey });
}
