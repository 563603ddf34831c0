import type { ExecutableProcess } from '../model/index.js';
import type { DeployedProcess } from '../ports/process-lookup.js';
import type { InstanceState } from '../state/instance-state.js';
import { applyEvent, bumpVersion } from './appliers/index.js';
import { fireConditionalEvents } from './capabilities/event-triggers.js';
import { fireReadyInclusiveJoins } from './capabilities/joins.js';
import { runStep } from './capabilities/run-step.js';
import type { EngineEvent, EventPayloads, EventType } from './events.js';
import type { Runtime } from './runtime.js';
import type { RuntimeContext } from './runtime-context.js';
import type { Step } from './steps.js';

const EMPTY_PAYLOAD = Object.freeze({ version: 1 as const });
const MAX_CONDITION_ROUNDS = 100;

/**
 * The runtime of one command: writes events (applying each at once, Zeebe's StateWriter
 * way) and drains the step queue. Created per command, thrown away after.
 */
export class Processor implements Runtime {
  readonly events: EngineEvent[] = [];
  readonly process: ExecutableProcess;
  readonly time: string;
  private queue: Step[] = [];
  private head = 0;
  /** Variables changed or a conditional subscription opened: conditions are looked at before the command ends. */
  private conditionsDirty = false;

  constructor(
    public state: InstanceState,
    readonly deployed: DeployedProcess,
    readonly context: RuntimeContext,
    readonly now: Date,
  ) {
    this.process = deployed.process;
    this.time = now.toISOString();
  }

  emit<T extends EventType>(type: T, elementId: string | null, elementInstanceId: string | null, payload?: EventPayloads[T]): void {
    const event = {
      type,
      instanceId: this.state.id,
      elementId,
      elementInstanceId,
      time: this.time,
      // Life-cycle events carry no data: they share one frozen payload instead of allocating.
      payload: payload === undefined ? EMPTY_PAYLOAD : { version: 1, ...payload },
    } as unknown as EngineEvent;
    this.state = applyEvent(this.state, event);
    this.events.push(event);
    if (type === 'variable-created' || type === 'variable-updated' || (type === 'subscription-opened' && (payload as EventPayloads['subscription-opened']).subscription.kind === 'conditional')) {
      this.conditionsDirty = true;
    }
  }

  /** Record an event that was built before the state existed (`instance-created`). */
  record(event: EngineEvent): void {
    this.events.push(event);
  }

  enqueue(step: Step): void {
    this.queue.push(step);
  }

  hasQueued(scopeKey: string): boolean {
    for (let index = this.head; index < this.queue.length; index++) {
      const step = this.queue[index]!;
      if ((step.type === 'arrive' || step.type === 'activate') && step.scopeKey === scopeKey) return true;
    }
    return false;
  }

  dropQueued(scopeKey: string): void {
    const rest = this.queue.slice(this.head).filter((step) => !('scopeKey' in step) || step.scopeKey !== scopeKey);
    this.queue = rest;
    this.head = 0;
  }

  nextId(): string {
    return this.context.ids.next();
  }

  /**
   * Process queued steps until none is left, no waiting inclusive join can fire and no
   * conditional event is met; then close the command. Conditions that keep firing each
   * other stop after a bounded number of rounds.
   */
  drain(): void {
    for (let round = 0; ; round++) {
      while (this.head < this.queue.length) runStep(this, this.queue[this.head++]!);
      this.queue.length = 0;
      this.head = 0;
      if (fireReadyInclusiveJoins(this)) continue;
      if (!this.conditionsDirty || round >= MAX_CONDITION_ROUNDS) break;
      this.conditionsDirty = false;
      if (!fireConditionalEvents(this)) break;
    }
    bumpVersion(this.state);
  }
}
