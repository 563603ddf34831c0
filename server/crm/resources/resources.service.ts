import type { Kysely } from 'kysely';
import type { Database } from '../../db/tables/index.js';
import { AppError, conflict, notFound } from '../../errors.js';
import { recordAudit, type Actor } from '../audit/audit-log.repository.js';
import { isForeignKeyViolation, isUniqueViolation } from '../shared.js';
import type { NewResource, ResourceChanges } from './resource.schemas.js';
import { findResource, resourceFieldsOf, toResourceColumns, toResourceDto, type ResourceDto } from './resources.repository.js';

type Db = Kysely<Database>;

/** Bookable resources are shaped by admins (the routes say so); every write is audited. */
export async function createResource(db: Db, actor: Actor, input: NewResource): Promise<ResourceDto> {
  return db.transaction().execute(async (trx) => {
    const now = new Date();
    const row = await trx
      .insertInto('resources')
      .values({ ...toResourceColumns({ location: null, capacity: null, active: true, ...input }), created_at: now, updated_at: now })
      .returningAll()
      .executeTakeFirstOrThrow()
      .catch(duplicateName(input.name));
    const after = toResourceDto(row);
    await recordAudit(trx, actor, { entityType: 'resource', entityId: row.id, action: 'create', after });
    return after;
  });
}

export async function updateResource(db: Db, actor: Actor, id: string, changes: ResourceChanges, expected: number): Promise<ResourceDto> {
  const { version: _version, ...fieldChanges } = changes;
  return db.transaction().execute(async (trx) => {
    const current = await findResource(trx, id, { forUpdate: true });
    if (!current) throw notFound('Resource', id);
    if (current.version !== expected) {
      throw new AppError('SRV_ERR_CONFLICT', `Expected version ${expected}, but the resource is at version ${current.version}: reload and retry`, { currentVersion: current.version });
    }
    const row = await trx
      .updateTable('resources')
      .set({ ...toResourceColumns({ ...resourceFieldsOf(current), ...fieldChanges }), version: current.version + 1, updated_at: new Date() })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow()
      .catch(duplicateName(fieldChanges.name ?? current.name));
    const after = toResourceDto(row);
    await recordAudit(trx, actor, { entityType: 'resource', entityId: id, action: 'update', before: toResourceDto(current), after });
    return after;
  });
}

/** Deletes a resource nobody ever booked; one with bookings is deactivated instead (409 says so). */
export async function deleteResource(db: Db, actor: Actor, id: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const current = await findResource(trx, id, { forUpdate: true });
    if (!current) throw notFound('Resource', id);
    await trx
      .deleteFrom('resources')
      .where('id', '=', id)
      .execute()
      .catch((error: unknown) => {
        if (isForeignKeyViolation(error)) throw conflict(`Resource '${current.name}' has bookings: deactivate it (active: false) instead`);
        throw error;
      });
    await recordAudit(trx, actor, { entityType: 'resource', entityId: id, action: 'delete', before: toResourceDto(current) });
  });
}

export async function getResource(db: Db, id: string): Promise<ResourceDto> {
  const row = await findResource(db, id);
  if (!row) throw notFound('Resource', id);
  return toResourceDto(row);
}

function duplicateName(name: string) {
  return (error: unknown): never => {
    if (isUniqueViolation(error)) throw conflict(`A resource named '${name.trim()}' exists already`);
    throw error;
  };
}
