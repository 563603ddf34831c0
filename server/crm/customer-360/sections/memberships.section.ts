import { segmentsContaining } from '../../segments/segments.repository.js';
import type { Customer360Section } from '../section.js';

const ref = { type: 'object', required: ['id', 'name'], properties: { id: { type: 'string', format: 'uuid' }, name: { type: 'string' }, kind: { type: 'string' } } } as const;

/** The segments (static by membership, dynamic by filter) the viewer can see holding the customer, and the viewer's own folders holding it. */
export const membershipsSection: Customer360Section = {
  key: 'memberships',
  schema: { type: 'object', required: ['segments', 'folders'], properties: { segments: { type: 'array', items: ref }, folders: { type: 'array', items: ref } } },
  async load({ db, viewer, customer }) {
    const segments = await segmentsContaining(db, viewer, customer.id);
    const folders = await db
      .selectFrom('customer_folders as f')
      .innerJoin('customer_folder_members as fm', 'fm.folder_id', 'f.id')
      .select(['f.id', 'f.name'])
      .where('f.owner_id', '=', viewer.userId)
      .where('fm.customer_id', '=', customer.id)
      .orderBy('f.name')
      .execute();
    return { segments, folders };
  },
};
