import { sql, type Kysely, type SqlBool } from 'kysely';
import type { Database } from '../../db/tables/index.js';
import { conflict, notFound } from '../../errors.js';
import { customerScope } from '../access/customer-scope.js';
import type { Viewer } from '../access/viewer.js';
import { recordAudit } from '../audit/audit-log.repository.js';
import { decodeCursor, encodeCursor } from '../customers/customer-cursor.js';
import { findVisibleCustomer } from '../customers/customers.repository.js';
import { isUniqueViolation } from '../shared.js';
import type { FolderDto, ListFoldersQuery } from './folder.schemas.js';
import type { CustomerFolderRow } from './folder.tables.js';

type Db = Kysely<Database>;

/**
 * Folders are private: every query is bound to `owner_id = viewer` (not to the users the
 * viewer stands in for — a folder is a personal way of working, not a scope), and another
 * user's folder answers 404. Writes are audited as `customer_folder`.
 */
export async function listFolders(db: Db, viewer: Viewer, q: ListFoldersQuery): Promise<{ items: FolderDto[]; nextCursor: string | null }> {
  let query = db
    .selectFrom('customer_folders')
    .selectAll()
    .where('owner_id', '=', viewer.userId)
    .orderBy(sql`lower(name)`)
    .orderBy('id')
    .limit(q.limit + 1);
  if (q.q) query = query.where(sql<SqlBool>`lower(name) like ${`${q.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`);
  if (q.after) {
    const cursor = decodeCursor(q.after, 'name');
    query = query.where(sql<SqlBool>`(lower(name), id) > (${cursor.key}::text, ${cursor.id}::uuid)`);
  }
  const rows = await query.execute();
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  const items = await withCounts(db, viewer, page);
  return { items, nextCursor: rows.length > q.limit && last ? encodeCursor({ sort: 'name', key: last.name.toLowerCase(), id: last.id }) : null };
}

export async function getFolder(db: Db, viewer: Viewer, id: string): Promise<FolderDto> {
  return (await withCounts(db, viewer, [await ownFolder(db, viewer, id)]))[0]!;
}

export async function createFolder(db: Db, viewer: Viewer, name: string): Promise<FolderDto> {
  return uniqueName(name, () =>
    db.transaction().execute(async (trx) => {
      const row = await trx.insertInto('customer_folders').values({ owner_id: viewer.userId, name: name.trim() }).returningAll().executeTakeFirstOrThrow();
      await recordAudit(trx, { userId: viewer.userId, onBehalfOf: null }, { entityType: 'customer_folder', entityId: row.id, action: 'create', after: { name: row.name } });
      return toFolderDto(row, 0);
    }),
  );
}

export async function renameFolder(db: Db, viewer: Viewer, id: string, name: string): Promise<FolderDto> {
  await uniqueName(name, () =>
    db.transaction().execute(async (trx) => {
      const current = await ownFolder(trx, viewer, id, true);
      await trx.updateTable('customer_folders').set({ name: name.trim(), updated_at: new Date() }).where('id', '=', id).execute();
      await recordAudit(trx, { userId: viewer.userId, onBehalfOf: null }, { entityType: 'customer_folder', entityId: id, action: 'update', before: { name: current.name }, after: { name: name.trim() } });
    }),
  );
  return getFolder(db, viewer, id);
}

export async function deleteFolder(db: Db, viewer: Viewer, id: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const current = await ownFolder(trx, viewer, id, true);
    await trx.deleteFrom('customer_folders').where('id', '=', id).execute();
    await recordAudit(trx, { userId: viewer.userId, onBehalfOf: null }, { entityType: 'customer_folder', entityId: id, action: 'delete', before: { name: current.name } });
  });
}

/** Puts a customer the viewer can see into one of their folders (again: no change, no error). */
export async function addToFolder(db: Db, viewer: Viewer, id: string, customerId: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await ownFolder(trx, viewer, id, true);
    if (!(await findVisibleCustomer(trx, viewer, customerId))) throw notFound('Customer', customerId);
    const added = await trx.insertInto('customer_folder_members').values({ folder_id: id, customer_id: customerId }).onConflict((oc) => oc.doNothing()).returning('customer_id').executeTakeFirst();
    if (!added) return;
    await trx.updateTable('customer_folders').set({ updated_at: new Date() }).where('id', '=', id).execute();
    await recordAudit(trx, { userId: viewer.userId, onBehalfOf: null }, { entityType: 'customer_folder', entityId: id, action: 'add_customer', after: { customerId } });
  });
}

/** Takes a customer out of a folder — even one the viewer no longer sees, so folders can be tidied. */
export async function removeFromFolder(db: Db, viewer: Viewer, id: string, customerId: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await ownFolder(trx, viewer, id, true);
    const removed = await trx.deleteFrom('customer_folder_members').where('folder_id', '=', id).where('customer_id', '=', customerId).returning('customer_id').executeTakeFirst();
    if (!removed) throw notFound('Folder member', customerId);
    await trx.updateTable('customer_folders').set({ updated_at: new Date() }).where('id', '=', id).execute();
    await recordAudit(trx, { userId: viewer.userId, onBehalfOf: null }, { entityType: 'customer_folder', entityId: id, action: 'remove_customer', before: { customerId } });
  });
}

async function ownFolder(db: Db, viewer: Viewer, id: string, forUpdate = false): Promise<CustomerFolderRow> {
  let query = db.selectFrom('customer_folders').selectAll().where('id', '=', id).where('owner_id', '=', viewer.userId);
  if (forUpdate) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  if (!row) throw notFound('Folder', id);
  return row;
}

/** Member counts of a page of folders in one query, counting only customers the viewer can see. */
async function withCounts(db: Db, viewer: Viewer, rows: CustomerFolderRow[]): Promise<FolderDto[]> {
  if (!rows.length) return [];
  const counts = await db
    .selectFrom('customer_folder_members as fm')
    .select(['fm.folder_id', (eb) => eb.fn.countAll<string>().as('n')])
    .where('fm.folder_id', 'in', rows.map((r) => r.id))
    .where((eb) => eb.exists(eb.selectFrom('customers').select('customers.id').whereRef('customers.id', '=', 'fm.customer_id').where(customerScope(viewer))))
    .groupBy('fm.folder_id')
    .execute();
  const byFolder = new Map(counts.map((c) => [c.folder_id, Number(c.n)]));
  return rows.map((row) => toFolderDto(row, byFolder.get(row.id) ?? 0));
}

async function uniqueName<T>(name: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict(`You have a folder named '${name.trim()}' already`);
    throw error;
  }
}

function toFolderDto(row: CustomerFolderRow, memberCount: number): FolderDto {
  return { id: row.id, name: row.name, memberCount, createdAt: row.created_at.toISOString(), updatedAt: row.updated_at.toISOString() };
}
