import { createHash, randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { ExecutableDefinitions } from '../model/index.js';
import { parseBpmn } from '../parse/parse-bpmn.js';
import type { ParseProblem } from '../parse/parse-problem.js';
import type { ExpressionLanguage } from '../ports/expression-language.js';
import type { DefinitionCache } from './definition-cache.js';
import { replaceStartEvents } from './start-events.js';
import type { EngineTables } from './tables.js';

export interface DeploymentRequest {
  readonly name: string;
  readonly resources: ReadonlyArray<{ readonly name: string; readonly xml: string }>;
}

export interface DeployedDefinitionRow {
  readonly id: string;
  readonly key: string;
  readonly version: number;
}

export type DeploymentOutcome =
  | { readonly ok: true; readonly id: string; readonly processDefinitions: DeployedDefinitionRow[] }
  | { readonly ok: false; readonly problems: ReadonlyArray<ParseProblem & { readonly resource: string }> };

/**
 * Deploys resources: every resource is parsed and validated first (nothing is written if
 * one has a problem); then, under a transaction-wide advisory lock so that nodes number
 * versions one at a time, each process whose resource is unchanged (same checksum as its
 * latest version) keeps that version and a changed one becomes version n+1.
 */
export async function deploy(db: Kysely<EngineTables>, cache: DefinitionCache, request: DeploymentRequest, expressions?: ExpressionLanguage): Promise<DeploymentOutcome> {
  const parsed: Array<{ name: string; xml: string; checksum: string; definitions: ExecutableDefinitions }> = [];
  const problems: Array<ParseProblem & { resource: string }> = [];
  const keys = new Map<string, string>();
  for (const resource of request.resources) {
    const result = await parseBpmn(resource.xml, expressions ? { expressions } : {});
    if (!result.ok) {
      problems.push(...result.problems.map((p) => ({ ...p, resource: resource.name })));
      continue;
    }
    for (const key of result.definitions.processKeys) {
      const other = keys.get(key);
      if (other) problems.push({ elementId: key, message: `Expected process id '${key}' once per deployment, but resources '${other}' and '${resource.name}' both define it`, resource: resource.name });
      keys.set(key, resource.name);
    }
    parsed.push({ ...resource, checksum: createHash('sha256').update(resource.xml).digest('hex'), definitions: result.definitions });
  }
  if (problems.length) return { ok: false, problems };

  const deploymentId = randomUUID();
  const outcome = await db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(hashtext('funnelflow.engine.deploy'))`.execute(trx);
    let createdDeployment = false;
    const definitions: DeployedDefinitionRow[] = [];
    for (const resource of parsed) {
      let resourceId: string | undefined;
      for (const key of resource.definitions.processKeys) {
        const latest = await trx.selectFrom('engine_process_definitions').select(['id', 'version', 'checksum']).where('key', '=', key).orderBy('version', 'desc').limit(1).executeTakeFirst();
        if (latest?.checksum === resource.checksum) {
          definitions.push({ id: latest.id, key, version: latest.version });
          continue;
        }
        if (!createdDeployment) {
          await trx.insertInto('engine_deployments').values({ id: deploymentId, name: request.name }).execute();
          createdDeployment = true;
        }
        resourceId ??= (await trx.insertInto('engine_resources').values({ deployment_id: deploymentId, name: resource.name, xml: resource.xml, checksum: resource.checksum }).returning('id').executeTakeFirstOrThrow()).id;
        const version = (latest?.version ?? 0) + 1;
        const process = resource.definitions.processes[key]!;
        const id = `${key}:${version}`;
        await trx
          .insertInto('engine_process_definitions')
          .values({ id, key, version, name: process.name, version_tag: process.versionTag, checksum: resource.checksum, deployment_id: deploymentId, resource_id: resourceId })
          .execute();
        definitions.push({ id, key, version });
        await replaceStartEvents(trx, id, key, process, new Date());
        cache.add({ definitionId: id, key, version, deploymentId, process, versionTag: process.versionTag });
      }
    }
    return { createdDeployment, definitions };
  });
  // An unchanged deployment answers with the deployment that holds the existing versions.
  const id = outcome.createdDeployment ? deploymentId : await deploymentOf(db, outcome.definitions[0]?.id);
  return { ok: true, id, processDefinitions: outcome.definitions };
}

async function deploymentOf(db: Kysely<EngineTables>, definitionId: string | undefined): Promise<string> {
  if (!definitionId) return '';
  const row = await db.selectFrom('engine_process_definitions').select('deployment_id').where('id', '=', definitionId).executeTakeFirstOrThrow();
  return row.deployment_id;
}

/**
 * Puts a stored definition (and the other processes of its resource) into the cache:
 * after a restart, or when another node deployed it.
 */
export async function loadDefinition(db: Kysely<EngineTables>, cache: DefinitionCache, definitionId: string, expressions?: ExpressionLanguage): Promise<boolean> {
  const row = await db
    .selectFrom('engine_process_definitions as d')
    .innerJoin('engine_resources as r', 'r.id', 'd.resource_id')
    .select(['d.id', 'd.key', 'd.version', 'd.version_tag', 'd.deployment_id', 'r.xml'])
    .where('d.id', '=', definitionId)
    .executeTakeFirst();
  if (!row) return false;
  const parsed = await parseBpmn(row.xml, expressions ? { expressions } : {});
  if (!parsed.ok) throw new Error(`Expected stored definition '${definitionId}' to parse, but: ${parsed.problems.map((p) => p.message).join('; ')}`);
  const process = parsed.definitions.processes[row.key]!;
  cache.add({ definitionId: row.id, key: row.key, version: row.version, deploymentId: row.deployment_id, process, versionTag: row.version_tag });
  return true;
}

/** Loads every version of a key not yet cached (call activities bind by key). */
export async function loadKey(db: Kysely<EngineTables>, cache: DefinitionCache, key: string, expressions?: ExpressionLanguage): Promise<void> {
  const rows = await db.selectFrom('engine_process_definitions').select('id').where('key', '=', key).execute();
  for (const { id } of rows) if (!cache.has(id)) await loadDefinition(db, cache, id, expressions);
}

export async function latestDefinitionId(db: Kysely<EngineTables>, key: string): Promise<string | undefined> {
  const row = await db.selectFrom('engine_process_definitions').select('id').where('key', '=', key).orderBy('version', 'desc').limit(1).executeTakeFirst();
  return row?.id;
}
