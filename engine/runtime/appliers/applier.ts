import type { MutableInstanceState } from '../../state/mutable-instance-state.js';
import type { EngineEventOf, EventType } from '../events.js';

/** Applies one event type to the state. Appliers change state and nothing else: no decisions, no ids. */
export type Applier<T extends EventType> = (state: MutableInstanceState, event: EngineEventOf<T>) => void;

/** The appliers of one subject, keyed by the event types they handle. */
export type AppliersFor<T extends EventType> = { readonly [K in T]: Applier<K> };
