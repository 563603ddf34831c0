import { eventStartsOf, messageMatches, type EventStart } from '../driver/event-starts.js';
import type { FollowUp } from '../driver/follow-ups.js';
import type { DeployedProcess } from '../ports/process-lookup.js';
import type { Command } from '../runtime/commands.js';
import type { EngineEvent } from '../runtime/events.js';
import type { CommandResult } from '../runtime/process-command.js';
import type { EventSubscription, InstanceState } from '../state/instance-state.js';
import type { JsonObject } from '../state/json-value.js';
import { firstDue, nextDue, type TimerDue } from '../timers/index.js';

export interface PublishedMessage {
  readonly name: string;
  readonly correlationKey?: string | null;
  readonly variables?: JsonObject;
  /** Idempotency: a second publish with the same id does nothing. */
  readonly messageId?: string | null;
  /** How long an uncorrelated message waits for a subscription (0: not at all). */
  readonly timeToLiveMs?: number;
}

export interface PublishOutcome {
  readonly duplicate: boolean;
  readonly correlatedInstanceIds: readonly string[];
  readonly startedInstanceIds: readonly string[];
}

export interface BroadcastOutcome {
  readonly triggeredInstanceIds: readonly string[];
  readonly startedInstanceIds: readonly string[];
}

interface Buffered {
  readonly name: string;
  readonly correlationKey: string | null;
  readonly variables: JsonObject;
  readonly expiresAt: number;
  /** Process keys the message was correlated to already (once per process). */
  readonly correlatedKeys: Set<string>;
}

interface StartTimer {
  readonly definitionId: string;
  readonly processKey: string;
  readonly elementId: string;
  readonly text: string;
  due: TimerDue;
}

export interface MemoryEventsHost {
  readonly clock: () => Date;
  readonly dispatch: (instanceId: string | null, command: Command) => CommandResult;
  readonly states: () => Iterable<InstanceState>;
  readonly latest: () => readonly DeployedProcess[];
}

/**
 * Messages, signals and timers for the in-memory engine, with the rules the PostgreSQL
 * shell keeps too: a message correlates once per process (the oldest matching
 * subscription; message start events start one instance per business key), waits up to
 * its time to live for a subscription, and is idempotent by message id; a signal reaches
 * every subscription; timer start events are scheduled per latest version.
 */
export class MemoryEvents {
  private readonly buffered: Buffered[] = [];
  private readonly messageIds = new Set<string>();
  private startTimers: StartTimer[] = [];

  constructor(private readonly host: MemoryEventsHost) {}

  publish(message: PublishedMessage): PublishOutcome {
    if (message.messageId) {
      if (this.messageIds.has(message.messageId)) return { duplicate: true, correlatedInstanceIds: [], startedInstanceIds: [] };
      this.messageIds.add(message.messageId);
    }
    const correlationKey = message.correlationKey ?? null;
    const variables = message.variables ?? {};
    const correlatedKeys = new Set<string>();
    const startedInstanceIds = this.startByMessage(message.name, correlationKey, variables, correlatedKeys);
    const correlatedInstanceIds: string[] = [];
    for (const state of [...this.host.states()]) {
      if (correlatedKeys.has(state.processKey) || !isRunning(state)) continue;
      const subscription = Object.values(state.subscriptions ?? {}).find((s) => messageMatches(s, message.name, correlationKey));
      if (!subscription) continue;
      if (this.trigger(state.id, subscription, variables)) {
        correlatedKeys.add(state.processKey);
        correlatedInstanceIds.push(state.id);
      }
    }
    const ttl = message.timeToLiveMs ?? 0;
    if (ttl > 0) this.buffered.push({ name: message.name, correlationKey, variables, expiresAt: this.host.clock().getTime() + ttl, correlatedKeys });
    return { duplicate: false, correlatedInstanceIds, startedInstanceIds };
  }

  broadcast(name: string, variables: JsonObject): BroadcastOutcome {
    const startedInstanceIds: string[] = [];
    for (const deployed of this.host.latest()) {
      for (const start of eventStartsOf(deployed.process)) {
        if (start.kind === 'signal' && start.name === name) startedInstanceIds.push(...this.startAt(deployed, start, variables, null));
      }
    }
    const triggeredInstanceIds: string[] = [];
    for (const state of [...this.host.states()]) {
      if (!isRunning(state)) continue;
      for (const subscription of Object.values(state.subscriptions ?? {})) {
        if (subscription.kind !== 'signal' || subscription.name !== name) continue;
        if (this.trigger(state.id, subscription, variables) && !triggeredInstanceIds.includes(state.id)) triggeredInstanceIds.push(state.id);
      }
    }
    return { triggeredInstanceIds, startedInstanceIds };
  }

  fireDueTimers(): number {
    const now = this.host.clock();
    let fired = 0;
    for (const state of [...this.host.states()]) {
      if (!isRunning(state)) continue;
      for (const subscription of Object.values(state.subscriptions ?? {})) {
        if (subscription.kind === 'timer' && subscription.dueAt && Date.parse(subscription.dueAt) <= now.getTime() && this.trigger(state.id, subscription, {})) fired += 1;
      }
    }
    for (const timer of [...this.startTimers]) {
      if (Date.parse(timer.due.dueAt) > now.getTime()) continue;
      const result = this.host.dispatch(null, { type: 'start-instance', now, definitionId: timer.definitionId, startElementId: timer.elementId, variables: {} });
      if (result.ok) fired += 1;
      const next = nextDue(timer.text, timer.due, now);
      if (next) timer.due = next;
      else this.startTimers = this.startTimers.filter((t) => t !== timer);
    }
    return fired;
  }

  /** A new version replaces the timer start events of the keys it deploys. */
  scheduleStartTimers(deployed: readonly DeployedProcess[]): void {
    const now = this.host.clock();
    for (const process of deployed) {
      if (this.startTimers.some((t) => t.definitionId === process.definitionId)) continue;
      this.startTimers = this.startTimers.filter((t) => t.processKey !== process.key);
      for (const start of eventStartsOf(process.process)) {
        if (start.kind !== 'timer') continue;
        const due = firstDue(start.timerType, start.text, now);
        if (due.ok) this.startTimers.push({ definitionId: process.definitionId, processKey: process.key, elementId: start.elementId, text: start.text, due: due.value });
      }
    }
  }

  /** What an event thrown inside the engine asks of the driver, run after the command. */
  followUpOf(event: EngineEvent): (() => void) | null {
    switch (event.type) {
      case 'message-published': {
        const { name, correlationKey, variables } = event.payload;
        return () => void this.publish({ name, correlationKey, variables });
      }
      case 'signal-broadcast': {
        const { name, variables } = event.payload;
        return () => void this.broadcast(name, variables);
      }
      case 'subscription-opened': {
        const subscription = event.payload.subscription;
        return subscription.kind === 'message' ? () => this.correlateBuffered(event.instanceId, subscription) : null;
      }
      default:
        return null;
    }
  }

  /** A message subscription opened: a buffered message not yet correlated to this process may take it. */
  private correlateBuffered(instanceId: string, subscription: EventSubscription): void {
    const now = this.host.clock().getTime();
    const state = [...this.host.states()].find((s) => s.id === instanceId);
    if (!state) return;
    const message = this.buffered.find(
      (m) => m.expiresAt > now && !m.correlatedKeys.has(state.processKey) && messageMatches(subscription, m.name, m.correlationKey),
    );
    if (message && this.trigger(instanceId, subscription, message.variables)) message.correlatedKeys.add(state.processKey);
  }

  private startByMessage(name: string, correlationKey: string | null, variables: JsonObject, correlatedKeys: Set<string>): string[] {
    const started: string[] = [];
    for (const deployed of this.host.latest()) {
      const start = eventStartsOf(deployed.process).find((s) => s.kind === 'message' && s.name === name);
      if (!start) continue;
      // One instance per business key: not while one started with this key still runs.
      if (correlationKey !== null && [...this.host.states()].some((s) => s.processKey === deployed.key && s.businessKey === correlationKey && isRunning(s))) continue;
      const ids = this.startAt(deployed, start, variables, correlationKey);
      if (ids.length > 0) correlatedKeys.add(deployed.key);
      started.push(...ids);
    }
    return started;
  }

  private startAt(deployed: DeployedProcess, start: EventStart, variables: JsonObject, businessKey: string | null): string[] {
    const result = this.host.dispatch(null, { type: 'start-instance', now: this.host.clock(), definitionId: deployed.definitionId, startElementId: start.elementId, variables, businessKey });
    return result.ok ? [result.state.id] : [];
  }

  private trigger(instanceId: string, subscription: EventSubscription, variables: JsonObject): boolean {
    return this.host.dispatch(instanceId, { type: 'trigger-subscription', now: this.host.clock(), subscriptionKey: subscription.key, variables }).ok;
  }
}

function isRunning(state: InstanceState): boolean {
  return state.state === 'active' || state.state === 'incident';
}
