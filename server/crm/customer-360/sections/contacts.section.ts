import { contactSchema } from '../../contacts/contact.schemas.js';
import { listContacts } from '../../contacts/contacts.service.js';
import type { Customer360Section } from '../section.js';

const { $id: _id, ...contactShape } = contactSchema;

/** A company's people, or the companies a person is a contact of (the contacts area's own rule). */
export const contactsSection: Customer360Section = {
  key: 'contacts',
  schema: { type: 'array', items: contactShape },
  load: ({ db, viewer, customer }) => listContacts(db, viewer, customer.id),
};
