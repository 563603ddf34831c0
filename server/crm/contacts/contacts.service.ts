import type { Kysely } from 'kysely';
import type { Database } from '../../db/tables/index.js';
import { notFound } from '../../errors.js';
import { actingFor, customerScope } from '../access/customer-scope.js';
import type { Viewer } from '../access/viewer.js';
import { recordAudit } from '../audit/audit-log.repository.js';
import { findVisibleCustomer } from '../customers/customers.repository.js';
import { invalidField } from '../shared.js';
import type { ContactDto } from './contact.schemas.js';

/**
 * The contacts of a customer: a company's people, or a person's companies. Links whose
 * other end the viewer may not see are left out: the scope rule holds on both ends.
 */
export async function listContacts(db: Kysely<Database>, viewer: Viewer, customerId: string): Promise<ContactDto[]> {
  const customer = await findVisibleCustomer(db, viewer, customerId);
  if (!customer) throw notFound('Customer', customerId);
  const side = customer.kind === 'company' ? 'company_id' : 'person_id';
  const other = customer.kind === 'company' ? 'person_id' : 'company_id';
  const links = await db.selectFrom('customer_contacts').selectAll().where(side, '=', customerId).execute();
  if (!links.length) return [];
  const visible = await db
    .selectFrom('customers')
    .select(['id', 'name'])
    .where('id', 'in', links.map((l) => l[other]))
    .where(customerScope(viewer))
    .execute();
  const names = new Map(visible.map((c) => [c.id, c.name]));
  return links
    .filter((l) => names.has(l[other]))
    .map((l) => ({
      companyId: l.company_id,
      companyName: customer.kind === 'company' ? customer.name : names.get(l.company_id)!,
      personId: l.person_id,
      personName: customer.kind === 'person' ? customer.name : names.get(l.person_id)!,
      function: l.function,
    }))
    .sort((a, b) => (customer.kind === 'company' ? a.personName : a.companyName).localeCompare(customer.kind === 'company' ? b.personName : b.companyName));
}

/** Links (or re-describes) a person to a company; the viewer must see both. Audited on the company. */
export async function linkContact(db: Kysely<Database>, viewer: Viewer, companyId: string, personId: string, fn: string | null): Promise<ContactDto> {
  return db.transaction().execute(async (trx) => {
    const { company, person } = await bothEnds(trx, viewer, companyId, personId);
    const before = await trx.selectFrom('customer_contacts').select('function').where('company_id', '=', companyId).where('person_id', '=', personId).executeTakeFirst();
    await trx
      .insertInto('customer_contacts')
      .values({ company_id: companyId, person_id: personId, function: fn })
      .onConflict((oc) => oc.columns(['company_id', 'person_id']).doUpdateSet({ function: fn }))
      .execute();
    const after = { companyId, companyName: company.name, personId, personName: person.name, function: fn };
    const acting = (await actingFor(trx, viewer, companyId))!;
    await recordAudit(trx, { userId: viewer.userId, onBehalfOf: acting.onBehalfOf }, { entityType: 'customer_contact', entityId: `${companyId}/${personId}`, action: 'link', before: before ?? undefined, after });
    return after;
  });
}

export async function unlinkContact(db: Kysely<Database>, viewer: Viewer, companyId: string, personId: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await bothEnds(trx, viewer, companyId, personId);
    const removed = await trx.deleteFrom('customer_contacts').where('company_id', '=', companyId).where('person_id', '=', personId).returningAll().executeTakeFirst();
    if (!removed) throw notFound('Contact', `${companyId}/${personId}`);
    const acting = (await actingFor(trx, viewer, companyId))!;
    await recordAudit(trx, { userId: viewer.userId, onBehalfOf: acting.onBehalfOf }, { entityType: 'customer_contact', entityId: `${companyId}/${personId}`, action: 'unlink', before: { function: removed.function } });
  });
}

async function bothEnds(db: Kysely<Database>, viewer: Viewer, companyId: string, personId: string) {
  const company = await findVisibleCustomer(db, viewer, companyId, { forUpdate: true });
  if (!company) throw notFound('Customer', companyId);
  if (company.kind !== 'company') throw invalidField('params.id', 'must name a company');
  const person = await findVisibleCustomer(db, viewer, personId);
  if (!person) throw notFound('Customer', personId);
  if (person.kind !== 'person') throw invalidField('params.personId', 'must name a person');
  return { company, person };
}
