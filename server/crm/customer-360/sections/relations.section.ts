import { relationSchema } from '../../relations/relation.schemas.js';
import { relationsOf } from '../../relations/relations.repository.js';
import type { Customer360Section } from '../section.js';

/** A person's relations to other people (companies have none: they have contacts). */
export const relationsSection: Customer360Section = {
  key: 'relations',
  schema: { type: 'array', items: relationSchema },
  load: async ({ db, viewer, customer }) => (customer.kind === 'person' ? relationsOf(db, viewer, customer.id) : []),
};
