import type { Kysely } from 'kysely';
import type { Database } from '../../db/tables/index.js';
import { AppError } from '../../errors.js';
import type { Viewer } from '../access/viewer.js';
import { linkContact } from '../contacts/contacts.service.js';
import { customersSharing, identifiersOf } from '../customers/customer-identifiers.js';
import { findVisibleCustomer } from '../customers/customers.repository.js';
import { createCustomer } from '../customers/customers.service.js';
import { createDeal } from '../deals/deals.service.js';
import { invalidField } from '../shared.js';
import { joinTransaction } from './join-transaction.js';
import { assertStep } from './lead-status.js';
import type { ConvertInput } from './lead.schemas.js';
import type { LeadRow } from './lead.tables.js';
import type { LeadDto } from './leads.repository.js';
import { writeLead } from './leads.service.js';

type Db = Kysely<Database>;
const NO_CUSTOMER = '00000000-0000-0000-0000-000000000000';

export interface Conversion {
  lead: LeadDto;
  customerId: string;
  contactId: string | null;
  dealId: string | null;
}

/**
 * Converts a lead in ONE transaction: links an existing customer or creates one from the
 * lead (refusing likely duplicates unless told otherwise), adds the lead's person as the
 * company's contact, opens the deal if asked, and marks the lead converted with the links.
 * Customers, contacts and deals are made by their own services (their checks, scope rules
 * and audit), joined into this transaction: any failure leaves nothing behind.
 */
export async function convertLead(db: Db, viewer: Viewer, id: string, input: ConvertInput, expected: number): Promise<Conversion> {
  const links = { customerId: '', contactId: null as string | null, dealId: null as string | null };
  const lead = await writeLead(db, viewer, id, expected, async (trx, current) => {
    assertStep('convert', current.status);
    const joined = joinTransaction(trx);
    const customer = input.customer.customerId ? await existingCustomer(joined, viewer, input.customer.customerId) : await newCustomer(joined, viewer, current, input.customer);
    links.customerId = customer.id;
    if (customer.kind === 'company' && current.person_name) links.contactId = await contactPerson(joined, viewer, current, customer.id);
    if (input.deal) {
      const { title, ...deal } = input.deal;
      const created = await createDeal(joined, viewer, { ...deal, customerId: customer.id, ownerId: current.owner_id, title: title ?? dealTitle(current) });
      links.dealId = created.id;
    }
    const now = new Date();
    const row = await trx
      .updateTable('leads')
      .set({ status: 'converted', converted_customer_id: links.customerId, converted_deal_id: links.dealId, converted_at: now, version: current.version + 1, updated_at: now })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    return { row, action: 'convert', extra: { contactId: links.contactId } };
  });
  return { lead, ...links };
}

async function existingCustomer(db: Db, viewer: Viewer, customerId: string) {
  const customer = await findVisibleCustomer(db, viewer, customerId);
  if (!customer) throw invalidField('body.customer.customerId', 'names no customer you can see');
  return customer;
}

/**
 * The customer the lead becomes: a company when it names one (its person becomes the
 * contact and keeps the e-mail and phone), else a person. Everything the customer has a
 * field for is carried over; the rest (purpose, notes, products) goes into custom fields.
 */
async function newCustomer(db: Db, viewer: Viewer, lead: LeadRow, options: ConvertInput['customer']) {
  const kind = options.kind ?? (lead.company_name ? 'company' : 'person');
  const name = kind === 'company' ? lead.company_name : lead.person_name;
  if (!name) throw invalidField('body.customer.kind', `the lead names no ${kind === 'company' ? 'company' : 'person'} to create a ${kind} customer from`);
  const contactsHere = kind === 'person' || !lead.person_name;
  const created = await createCustomer(db, viewer, {
    kind,
    name,
    ...(contactsHere ? contactPoints(lead) : {}),
    status: lead.status === 'qualified' ? 'qualified' : 'new',
    ownerId: lead.owner_id,
    unitId: lead.unit_id,
    source: clip([lead.source, lead.source_detail].filter(Boolean).join(': '), 100),
    customFields: carriedFields(lead, kind === 'person' && lead.company_name ? { leadCompanyName: lead.company_name } : {}),
  });
  if (created.possibleDuplicates.length && !options.ignoreDuplicates) {
    throw new AppError('SRV_ERR_LEAD_DUPLICATE_CUSTOMER', `Customers with the same e-mail or phone exist: link one of them (customer.customerId) or send customer.ignoreDuplicates`, {
      duplicates: created.possibleDuplicates,
    });
  }
  return created;
}

/** The company's contact: an existing person you can see with the lead's e-mail or phone, else a new one. */
async function contactPerson(db: Db, viewer: Viewer, lead: LeadRow, companyId: string): Promise<string> {
  const points = contactPoints(lead);
  const sharing = await customersSharing(db, NO_CUSTOMER, identifiersOf({ ...points, taxId: null }));
  for (const candidateId of sharing.keys()) {
    const candidate = await findVisibleCustomer(db, viewer, candidateId);
    if (candidate?.kind === 'person') {
      await linkContact(db, viewer, companyId, candidate.id, null);
      return candidate.id;
    }
  }
  const person = await createCustomer(db, viewer, { kind: 'person', name: lead.person_name!, ...points, ownerId: lead.owner_id, unitId: lead.unit_id, source: clip(lead.source, 100), customFields: { leadId: lead.id } });
  await linkContact(db, viewer, companyId, person.id, null);
  return person.id;
}

function contactPoints(lead: LeadRow) {
  return {
    emails: lead.email ? [{ value: lead.email, primary: true }] : [],
    phones: lead.phone ? [{ value: lead.phone, primary: true }] : [],
  };
}

/** The lead's custom data plus what customers have no field for, as flat custom fields. */
function carriedFields(lead: LeadRow, extra: Record<string, string>): Record<string, unknown> {
  const fields: Record<string, unknown> = { ...lead.custom_data, leadId: lead.id, ...extra };
  if (lead.purpose) fields.leadPurpose = lead.purpose;
  if (lead.notes) fields.leadNotes = lead.notes;
  if (lead.products_of_interest.length) fields.productsOfInterest = clip(lead.products_of_interest.join(', '), 2000);
  return fields;
}

function dealTitle(lead: LeadRow): string {
  const who = lead.company_name ?? lead.person_name!;
  return clip(lead.products_of_interest.length ? `${who} — ${lead.products_of_interest.join(', ')}` : who, 200);
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
