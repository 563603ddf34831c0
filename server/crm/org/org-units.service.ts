import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/tables/index.js';
import { conflict, notFound } from '../../errors.js';
import { recordAudit, type Actor } from '../audit/audit-log.repository.js';
import type { OrgUnitInput } from './org.schemas.js';
import { findOrgUnit, insertOrgUnit, lockOrgTree, rewriteSubtreePaths, toOrgUnitDto, updateOrgUnitRow, type OrgUnitDto } from './org-units.repository.js';

/**
 * Adds a unit under `parentId` (or as a root). A unit given no `region` takes its
 * parent's, so a team inside a region lies in that territory without repeating it.
 */
export async function createOrgUnit(db: Kysely<Database>, actor: Actor, input: OrgUnitInput): Promise<OrgUnitDto> {
  return db.transaction().execute(async (trx) => {
    await lockOrgTree(trx);
    const parent = input.parentId ? await findOrgUnit(trx, input.parentId) : undefined;
    if (input.parentId && !parent) throw notFound('Org unit', input.parentId);
    const id = randomUUID();
    const row = await insertOrgUnit(trx, {
      id,
      kind: input.kind,
      name: input.name,
      parent_id: parent?.id ?? null,
      path: `${parent?.path ?? '/'}${id}/`,
      region: input.region !== undefined ? input.region : (parent?.region ?? null),
    });
    const after = toOrgUnitDto(row);
    await recordAudit(trx, actor, { entityType: 'org_unit', entityId: id, action: 'create', after });
    return after;
  });
}

/** Renames, re-kinds, re-regions or moves a unit; moving it under itself or a descendant is a 409. */
export async function updateOrgUnit(db: Kysely<Database>, actor: Actor, id: string, changes: Partial<OrgUnitInput>): Promise<OrgUnitDto> {
  return db.transaction().execute(async (trx) => {
    await lockOrgTree(trx);
    const current = await findOrgUnit(trx, id);
    if (!current) throw notFound('Org unit', id);
    if (changes.parentId !== undefined && changes.parentId !== current.parent_id) {
      const parent = changes.parentId === null ? undefined : await findOrgUnit(trx, changes.parentId);
      if (changes.parentId !== null && !parent) throw notFound('Org unit', changes.parentId);
      if (parent?.path.startsWith(current.path)) {
        throw conflict(`Expected the new parent '${parent.id}' to lie outside the subtree of '${id}', but it is inside: that would make a cycle`);
      }
      await rewriteSubtreePaths(trx, current.path, `${parent?.path ?? '/'}${id}/`);
    }
    const row = await updateOrgUnitRow(trx, id, {
      ...(changes.kind !== undefined && { kind: changes.kind }),
      ...(changes.name !== undefined && { name: changes.name }),
      ...(changes.region !== undefined && { region: changes.region }),
      ...(changes.parentId !== undefined && { parent_id: changes.parentId }),
    });
    const after = toOrgUnitDto(row);
    await recordAudit(trx, actor, { entityType: 'org_unit', entityId: id, action: 'update', before: toOrgUnitDto(current), after });
    return after;
  });
}

export async function getOrgUnit(db: Kysely<Database>, id: string): Promise<OrgUnitDto> {
  const row = await findOrgUnit(db, id);
  if (!row) throw notFound('Org unit', id);
  return toOrgUnitDto(row);
}

/** Removes an empty unit; one that still has sub-units, positions or customers is a 409. */
export async function deleteOrgUnit(db: Kysely<Database>, actor: Actor, id: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await lockOrgTree(trx);
    const current = await findOrgUnit(trx, id);
    if (!current) throw notFound('Org unit', id);
    const uses = await trx
      .selectNoFrom((eb) => [
        eb.exists(eb.selectFrom('org_units').select('id').where('parent_id', '=', id)).as('children'),
        eb.exists(eb.selectFrom('positions').select('id').where('unit_id', '=', id)).as('positions'),
        eb.exists(eb.selectFrom('customers').select('id').where('unit_id', '=', id)).as('customers'),
      ])
      .executeTakeFirstOrThrow();
    const blocking = Object.entries(uses).filter(([, used]) => used).map(([what]) => what);
    if (blocking.length) throw conflict(`Expected org unit '${id}' to be empty, but it still has ${blocking.join(', ')}`);
    await trx.deleteFrom('org_units').where('id', '=', id).execute();
    await recordAudit(trx, actor, { entityType: 'org_unit', entityId: id, action: 'delete', before: toOrgUnitDto(current) });
  });
}
