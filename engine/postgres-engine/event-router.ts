import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { messageMatches } from '../driver/event-starts.js';
import type { FollowUp } from '../driver/follow-ups.js';
import type { CommandApplied } from '../runtime/process-command.js';
import type { JsonObject } from '../state/json-value.js';
import type { EngineTables } from './tables.js';

type Trx = Kysely<EngineTables>;

export interface MessageToPublish {
  readonly name: string;
  readonly correlationKey: string | null;
  readonly variables: JsonObject;
  readonly messageId: string | null;
  readonly timeToLiveMs: number;
}

/** The commands a publish or broadcast asks for, to run in the same transaction. */
export interface Routed {
  readonly messageKey: string | null;
  readonly duplicate: boolean;
  /** Start commands first (their ids are the started instances), then triggers. */
  readonly starts: readonly FollowUp[];
  readonly triggers: readonly FollowUp[];
}

/**
 * Messages and signals over the database, with the rules the in-memory engine keeps
 * too: a message correlates once per process (the oldest matching subscription; message
 * start events start one instance per business key), waits for its time to live, and is
 * idempotent by message id; a signal reaches every subscription. A transaction-wide
 * advisory lock per message name orders a publish and a subscription that opens at the
 * same moment, so that a buffered message is never missed by both.
 */
export async function routeMessage(trx: Trx, message: MessageToPublish, now: Date): Promise<Routed> {
  await lockMessageName(trx, message.name);
  const messageKey = randomUUID();
  if (message.messageId !== null || message.timeToLiveMs > 0) {
    const inserted = await sql<{ key: string }>`
      insert into engine_messages (key, name, correlation_key, message_id, variables, expires_at, created_at)
      values (${messageKey}, ${message.name}, ${message.correlationKey}, ${message.messageId}, ${JSON.stringify(message.variables)}::jsonb,
        now() + ${message.timeToLiveMs} * interval '1 millisecond', now())
      on conflict (message_id) do nothing
      returning key`.execute(trx);
    if (inserted.rows.length === 0) return { messageKey: null, duplicate: true, starts: [], triggers: [] };
  }
  const correlated = new Set<string>();
  const starts: FollowUp[] = [];
  const startRows = await trx
    .selectFrom('engine_subscriptions')
    .select(['definition_id', 'process_key', 'element_id'])
    .where('kind', '=', 'message')
    .where('name', '=', message.name)
    .where('instance_id', 'is', null)
    .execute();
  for (const start of startRows) {
    if (message.correlationKey !== null && (await runsWithBusinessKey(trx, start.process_key, message.correlationKey))) continue;
    correlated.add(start.process_key);
    starts.push({
      instanceId: null,
      command: { type: 'start-instance', now, definitionId: start.definition_id, startElementId: start.element_id, variables: message.variables, businessKey: message.correlationKey },
    });
  }
  const waiting = await trx
    .selectFrom('engine_subscriptions')
    .select(['key', 'instance_id', 'process_key', 'correlation_key'])
    .where('kind', '=', 'message')
    .where('name', '=', message.name)
    .where('instance_id', 'is not', null)
    .where((eb) => eb.or([eb('correlation_key', 'is', null), eb('correlation_key', '=', message.correlationKey)]))
    .orderBy('created_at')
    .orderBy('key')
    .execute();
  const triggers: FollowUp[] = [];
  for (const row of waiting) {
    if (correlated.has(row.process_key)) continue;
    if (!messageMatches({ kind: 'message', name: message.name, correlationKey: row.correlation_key }, message.name, message.correlationKey)) continue;
    correlated.add(row.process_key);
    triggers.push({ instanceId: row.instance_id, command: { type: 'trigger-subscription', now, subscriptionKey: row.key, variables: message.variables } });
  }
  if (message.timeToLiveMs > 0 && correlated.size > 0) {
    await sql`update engine_messages set correlated_process_keys = ${[...correlated]}::text[] where key = ${messageKey}`.execute(trx);
  }
  return { messageKey, duplicate: false, starts, triggers };
}

export async function routeSignal(trx: Trx, name: string, variables: JsonObject, now: Date): Promise<Routed> {
  const rows = await trx
    .selectFrom('engine_subscriptions')
    .select(['key', 'instance_id', 'definition_id', 'element_id'])
    .where('kind', '=', 'signal')
    .where('name', '=', name)
    .orderBy('created_at')
    .orderBy('key')
    .execute();
  const starts: FollowUp[] = [];
  const triggers: FollowUp[] = [];
  for (const row of rows) {
    if (row.instance_id === null) {
      starts.push({ instanceId: null, command: { type: 'start-instance', now, definitionId: row.definition_id, startElementId: row.element_id, variables } });
    } else {
      triggers.push({ instanceId: row.instance_id, command: { type: 'trigger-subscription', now, subscriptionKey: row.key, variables } });
    }
  }
  return { messageKey: null, duplicate: false, starts, triggers };
}

/**
 * What a committed command asks of the database beyond the pure follow-ups: messages and
 * signals it threw, and buffered messages for the message subscriptions it opened.
 */
export async function eventFollowUps(trx: Trx, applied: CommandApplied, now: Date): Promise<FollowUp[]> {
  const out: FollowUp[] = [];
  for (const event of applied.events) {
    if (event.type === 'message-published') {
      const { name, correlationKey, variables } = event.payload;
      const routed = await routeMessage(trx, { name, correlationKey, variables, messageId: null, timeToLiveMs: 0 }, now);
      out.push(...routed.starts, ...routed.triggers);
    } else if (event.type === 'signal-broadcast') {
      const routed = await routeSignal(trx, event.payload.name, event.payload.variables, now);
      out.push(...routed.starts, ...routed.triggers);
    } else if (event.type === 'subscription-opened' && event.payload.subscription.kind === 'message' && applied.state.subscriptions?.[event.payload.subscription.key]) {
      const buffered = await takeBufferedMessage(trx, applied.state.processKey, event.payload.subscription.name!, event.payload.subscription.correlationKey ?? null);
      if (buffered) {
        out.push({ instanceId: applied.state.id, command: { type: 'trigger-subscription', now, subscriptionKey: event.payload.subscription.key, variables: buffered } });
      }
    }
  }
  return out;
}

/** The oldest live buffered message for a new subscription, marked as correlated to its process. */
async function takeBufferedMessage(trx: Trx, processKey: string, name: string, correlationKey: string | null): Promise<JsonObject | null> {
  await lockMessageName(trx, name);
  const { rows } = await sql<{ key: string; variables: JsonObject }>`
    select key, variables from engine_messages
    where name = ${name} and expires_at > now() and not (${processKey} = any(correlated_process_keys))
      and (${correlationKey}::text is null or correlation_key = ${correlationKey})
    order by created_at, key
    limit 1
    for update`.execute(trx);
  const message = rows[0];
  if (!message) return null;
  await sql`update engine_messages set correlated_process_keys = array_append(correlated_process_keys, ${processKey}) where key = ${message.key}`.execute(trx);
  return message.variables;
}

async function runsWithBusinessKey(trx: Trx, processKey: string, businessKey: string): Promise<boolean> {
  const row = await trx
    .selectFrom('engine_process_instances')
    .select('id')
    .where('process_key', '=', processKey)
    .where('business_key', '=', businessKey)
    .where('state', 'in', ['active', 'incident'])
    .executeTakeFirst();
  return row !== undefined;
}

async function lockMessageName(trx: Trx, name: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext(${`funnelflow.message:${name}`}))`.execute(trx);
}
