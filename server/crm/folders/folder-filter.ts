import type { Expression, ExpressionBuilder, Kysely, SqlBool } from 'kysely';
import type { Database } from '../../db/tables/index.js';
import type { Viewer } from '../access/viewer.js';
import { invalidField } from '../shared.js';

/**
 * The customer list's `folderId` filter: customers in one of the viewer's own folders (the
 * list's scope rule still applies on top). Folders are private, so another user's folder
 * is a 400 naming the parameter, like any id that names nothing of yours.
 */
export async function inFolder(db: Kysely<Database>, viewer: Viewer, folderId: string): Promise<(eb: ExpressionBuilder<Database, 'customers'>) => Expression<SqlBool>> {
  const folder = await db.selectFrom('customer_folders').select('id').where('id', '=', folderId).where('owner_id', '=', viewer.userId).executeTakeFirst();
  if (!folder) throw invalidField('querystring.folderId', 'names no folder of yours');
  return (eb) =>
    eb.exists(eb.selectFrom('customer_folder_members as fm').select('fm.customer_id').where('fm.folder_id', '=', folderId).whereRef('fm.customer_id', '=', 'customers.id'));
}
