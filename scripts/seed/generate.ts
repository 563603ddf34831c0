import { identifiersOf, normaliseIdentifier } from '../../server/crm/customers/customer-identifiers.js';
import { toCustomerDto } from '../../server/crm/customers/customers.repository.js';
import type { Address, ContactPoint, CustomerRow, CustomerStatus } from '../../server/crm/customers/customer.table.js';
import { toDealDto } from '../../server/crm/deals/deals.repository.js';
import type { DealRow } from '../../server/crm/deals/deal.tables.js';
import { LEAD_SOURCES, type LeadSource, type LeadStatus } from '../../server/crm/leads/lead.tables.js';
import type { DemoOrg, DemoTeam } from './demo-org.js';
import { companyName, LOCALES, personName, type Locale } from './names.js';
import type { Random } from './random.js';
import type { ReferenceData } from './reference-data.js';

/**
 * The rows of one chunk of demo customers with everything hanging off them, as plain
 * objects keyed by column name (written by bulk-insert.ts). Each chunk draws from its own
 * random stream, so chunks may be written in any order, or side by side.
 */
export interface ChunkRows {
  customers: object[];
  customer_identifiers: object[];
  customer_contacts: object[];
  deals: object[];
  deal_stage_history: object[];
  activities: object[];
  activity_participants: object[];
  leads: object[];
  audit_log: object[];
}

export interface ChunkPlan {
  readonly run: number;
  /** The run-wide number of the chunk's first customer (unique e-mails: run + number). */
  readonly firstNumber: number;
  readonly customers: number;
  readonly dealsPerCustomer: number;
  readonly activitiesPerCustomer: number;
  readonly leadsPerCustomer: number;
  readonly audit: boolean;
  /** Midnight of the day the run started: data lies around it (history behind, plans ahead). */
  readonly today: number;
}

const DAY = 86_400_000;
const STATUSES: ReadonlyArray<readonly [CustomerStatus, number]> = [['new', 30], ['regular', 35], ['qualified', 20], ['unqualified', 10], ['lost', 5]];
const CATEGORIES = ['vip', 'retail', 'wholesale', 'newsletter', 'partner', 'public-sector', 'export'];
const CUSTOMER_SOURCES = ['web', 'referral', 'fair', 'cold_call', 'partner', 'campaign'];
const FUNCTIONS = ['CEO', 'CFO', 'Buyer', 'Office manager', 'IT manager', 'Procurement'];
const PRODUCTS = ['CRM licences', 'Fleet leasing', 'Office fit-out', 'Annual support', 'Training package', 'Solar installation', 'Group insurance', 'Cloud hosting', 'Printers and service'];
const INDUSTRIES = ['retail', 'logistics', 'manufacturing', 'healthcare', 'construction', 'IT', 'agriculture', 'public sector'];
const LOST_REASONS = ['Price too high', 'Chose a competitor', 'No budget this year', 'Project cancelled', 'No response'];
const WON_REASONS = ['Best offer', 'Existing relationship', 'Fast delivery'];
const CALL_RESULTS = ['Interested, send an offer', 'Call back next week', 'Not the decision maker', 'Agreed on a meeting', 'No answer'];
const MEETING_RESULTS = ['Offer presented', 'Requirements gathered', 'Contract terms agreed', 'Demo given, follow-up planned'];
/** Deals and activities per customer, as multiples of the mean: many have none, some several. */
const SPREAD: ReadonlyArray<readonly [number, number]> = [[0, 30], [0.5, 20], [1, 25], [2, 15], [4, 10]]; // mean 1
const STAGE_WEIGHTS = [35, 25, 20, 12, 8];

export function generateChunk(random: Random, org: DemoOrg, ref: ReferenceData, plan: ChunkPlan): ChunkRows {
  const rows: ChunkRows = { customers: [], customer_identifiers: [], customer_contacts: [], deals: [], deal_stage_history: [], activities: [], activity_participants: [], leads: [], audit_log: [] };
  const regionWeights = Object.entries(org.regions).map(([code, r]) => [code, r.share] as const);
  const teamsByRegion = new Map<string, DemoTeam[]>();
  for (const team of org.teams) teamsByRegion.set(team.region, [...(teamsByRegion.get(team.region) ?? []), team]);
  const recentEmails: string[] = [];
  let number = plan.firstNumber;

  const addCustomer = (kind: 'person' | 'company', team: DemoTeam, ownerId: string, busy: boolean): CustomerRow & { locale: Locale } => {
    const locale = team.locale;
    const data = LOCALES[locale];
    const n = number++;
    const created = new Date(plan.today - random.int(1, 730) * DAY + random.int(6 * 3600_000, 18 * 3600_000));
    let name: string;
    let emails: ContactPoint[];
    let typeId: string | null = null;
    let customFields: Record<string, unknown> = {};
    let taxId: string | null = null;
    if (kind === 'person') {
      const person = personName(random, locale);
      name = person.full;
      const shared = recentEmails.length > 0 && random.chance(0.03) ? random.pick(recentEmails) : null;
      emails = [{ value: shared ?? `${person.slug}.${n}@r${plan.run}.${data.domain}`, primary: true }];
      if (!shared) recentEmails.push(emails[0]!.value);
      if (random.chance(0.15)) emails.push({ value: `${person.slug.replace('.', '')}${n}@r${plan.run}.mail.example.com`, primary: false });
      if (random.chance(0.6)) {
        typeId = ref.types.individual;
        customFields = { birthYear: random.int(1945, 2004), preferredChannel: random.pick(['phone', 'email', 'visit']) };
      }
    } else {
      const company = companyName(random, locale);
      name = company.full;
      emails = [{ value: `office.${n}@${company.slug}.r${plan.run}.${data.domain}`, primary: true }];
      taxId = taxIdOf(random, locale);
      if (random.chance(0.7)) {
        const employer = random.chance(0.4);
        typeId = employer ? ref.types.employer : ref.types.institutional;
        customFields = employer ? { employees: random.int(10, 5000), benefitsPlan: random.chance(0.5) } : { employees: random.int(5, 20000), industry: random.pick(INDUSTRIES) };
      } else {
        customFields = { industry: random.pick(INDUSTRIES) };
      }
    }
    const phones: ContactPoint[] = random.chance(0.85) ? [{ value: data.phone(random), primary: true }] : [];
    const addresses: Address[] = random.chance(0.7)
      ? [{ label: kind === 'person' ? 'home' : 'office', street: `${random.pick(data.streets)} ${random.int(1, 180)}`, city: team.name.split(' — ')[0]!, postalCode: postalCode(random, locale), country: data.country }]
      : [];
    const categories = random.chance(0.5) ? [random.pick(CATEGORIES)] : random.chance(0.3) ? [...new Set([random.pick(CATEGORIES), random.pick(CATEGORIES)])].sort() : [];
    const updated = new Date(Math.min(plan.today, created.getTime() + random.int(0, 60) * DAY));
    const row = {
      id: random.uuid(),
      kind,
      name,
      emails,
      phones,
      addresses,
      status: busy ? 'regular' : random.weighted(STATUSES),
      categories: busy ? ['vip'] : categories,
      owner_id: ownerId,
      unit_id: team.unitId,
      region: team.region,
      source: random.pick(CUSTOMER_SOURCES),
      tax_id: taxId,
      type_id: typeId,
      custom_fields: customFields,
      version: 1,
      created_at: created,
      updated_at: updated,
      locale,
    };
    const { locale: _locale, ...columns } = row;
    rows.customers.push(columns);
    for (const identifier of identifiersOf({ emails, phones, taxId })) rows.customer_identifiers.push({ customer_id: row.id, ...identifier });
    if (plan.audit) rows.audit_log.push({ at: created, actor_id: ownerId, on_behalf_of_id: null, entity_type: 'customer', entity_id: row.id, action: 'create', after: toCustomerDto({ ...columns, updated_at: created }) });
    return row;
  };

  let made = 0;
  while (made < plan.customers) {
    const team = random.pick(teamsByRegion.get(random.weighted(regionWeights))!);
    const ownerId = random.pick(team.repIds);
    const busy = random.chance(1 / 2000); // a key account: many deals and activities (the 360 benchmark's customer)
    const kind = busy || random.chance(0.25) ? 'company' : 'person';
    const customer = addCustomer(kind, team, ownerId, busy);
    made++;
    const contacts: string[] = [];
    if (kind === 'company') {
      const wanted = Math.min(random.int(1, busy ? 4 : 2), plan.customers - made);
      for (let i = 0; i < wanted; i++) {
        const person = addCustomer('person', team, ownerId, false);
        made++;
        contacts.push(person.id);
        rows.customer_contacts.push({ company_id: customer.id, person_id: person.id, function: random.pick(FUNCTIONS), created_at: person.created_at });
      }
    }
    const dealIds = addDeals(random, rows, ref, plan, team, customer, busy ? 25 : random.count(plan.dealsPerCustomer * (1 + contacts.length) * random.weighted(SPREAD)));
    addActivities(random, rows, plan, team, customer, contacts, dealIds, busy ? 40 : random.count(plan.activitiesPerCustomer * (1 + contacts.length) * random.weighted(SPREAD)));
    for (let i = random.count(plan.leadsPerCustomer * (kind === 'company' ? 1 + contacts.length : 1)); i > 0; i--) addLead(random, rows, plan, team);
  }
  return rows;
}

function addDeals(random: Random, rows: ChunkRows, ref: ReferenceData, plan: ChunkPlan, team: DemoTeam, customer: CustomerRow, count: number): string[] {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const stageIndex = random.weighted(STAGE_WEIGHTS.slice(0, ref.stages.length).map((w, index) => [index, w] as const));
    const stage = ref.stages[stageIndex]!;
    const created = new Date(Math.max(customer.created_at.getTime(), plan.today - random.int(0, 365) * DAY) + random.int(0, 8 * 3600_000));
    const status = random.weighted([['open', 75], ['won', 15], ['lost', 10]] as const);
    const closedAt = status === 'open' ? null : new Date(Math.min(plan.today, created.getTime() + random.int(1, 120) * DAY));
    const amount = (Math.round(Math.exp(random.next() * 6 + 7) * 100) / 100).toFixed(2); // ~1,100 to ~440,000
    const close = new Date(created.getTime() + (stage.expectedDays + random.int(0, 60)) * DAY);
    const deal: DealRow = {
      id: random.uuid(),
      customer_id: customer.id,
      owner_id: customer.owner_id!,
      title: `${random.pick(PRODUCTS)} — ${customer.name}`.slice(0, 200),
      amount,
      currency: random.pick(team.currencies),
      expected_close_date: random.chance(0.9) ? close.toISOString().slice(0, 10) : null,
      pipeline_id: ref.pipelineId,
      stage_key: status === 'won' ? ref.stages.at(-1)!.key : stage.key,
      status,
      close_reason: status === 'won' ? random.pick(WON_REASONS) : status === 'lost' ? random.pick(LOST_REASONS) : null,
      closed_at: closedAt,
      process_instance_id: null,
      version: status === 'open' ? 1 : 2,
      created_at: created,
      updated_at: closedAt ?? created,
    };
    rows.deals.push(deal);
    ids.push(deal.id);
    const history = { deal_id: deal.id, amount, currency: deal.currency, owner_id: deal.owner_id, by_user_id: deal.owner_id, on_behalf_of_id: null };
    rows.deal_stage_history.push({ ...history, change: 'create', from_stage: null, to_stage: deal.stage_key, from_status: null, status: 'open', reason: null, at: created });
    if (closedAt) rows.deal_stage_history.push({ ...history, change: 'close', from_stage: deal.stage_key, to_stage: deal.stage_key, from_status: 'open', status, reason: deal.close_reason, at: closedAt });
    if (plan.audit) {
      rows.audit_log.push({ at: created, actor_id: deal.owner_id, on_behalf_of_id: null, entity_type: 'deal', entity_id: deal.id, action: 'create', after: toDealDto({ ...deal, status: 'open', close_reason: null, closed_at: null, version: 1, updated_at: created }) });
      if (closedAt) rows.audit_log.push({ at: closedAt, actor_id: deal.owner_id, on_behalf_of_id: null, entity_type: 'deal', entity_id: deal.id, action: 'close', after: toDealDto(deal) });
    }
  }
  return ids;
}

function addActivities(random: Random, rows: ChunkRows, plan: ChunkPlan, team: DemoTeam, customer: CustomerRow, contacts: string[], dealIds: string[], count: number): void {
  for (let i = 0; i < count; i++) {
    const kind = random.chance(0.55) ? 'call' : 'meeting';
    const day = plan.today + random.int(-120, 30) * DAY;
    const startsAt = new Date(day + random.int(14, 32) * 1800_000); // 07:00–16:00 UTC, on the half hour
    const endsAt = new Date(startsAt.getTime() + (kind === 'call' ? random.pick([15, 30]) : random.pick([60, 90, 120])) * 60_000);
    const past = endsAt.getTime() < plan.today;
    const status = past ? (random.chance(0.92) ? 'done' : 'cancelled') : 'planned';
    const created = new Date(Math.max(customer.created_at.getTime(), startsAt.getTime() - random.int(1, 14) * DAY));
    const id = random.uuid();
    rows.activities.push({
      id,
      kind,
      subject: kind === 'call' ? `Call: ${customer.name}` : `Meeting with ${customer.name}`,
      description: null,
      starts_at: startsAt,
      ends_at: endsAt,
      due_at: null,
      all_day: false,
      location: kind === 'meeting' ? (random.chance(0.6) ? 'Customer office' : 'Our office') : null,
      status,
      result: status === 'done' ? random.pick(kind === 'call' ? CALL_RESULTS : MEETING_RESULTS) : null,
      completed_at: status === 'done' ? endsAt : null,
      owner_id: customer.owner_id,
      customer_id: customer.id,
      deal_id: dealIds.length && random.chance(0.5) ? random.pick(dealIds) : null,
      reminder_minutes: [],
      version: status === 'planned' ? 1 : 2,
      created_at: created,
      updated_at: status === 'planned' ? created : endsAt,
    });
    const contactId = customer.kind === 'person' ? customer.id : contacts.length ? random.pick(contacts) : null;
    if (contactId) rows.activity_participants.push({ activity_id: id, user_id: null, contact_id: contactId, resource_id: null });
    if (kind === 'meeting' && random.chance(0.3)) rows.activity_participants.push({ activity_id: id, user_id: team.leadId, contact_id: null, resource_id: null });
  }
}

function addLead(random: Random, rows: ChunkRows, plan: ChunkPlan, team: DemoTeam): void {
  const data = LOCALES[team.locale];
  const person = personName(random, team.locale);
  const company = random.chance(0.4) ? companyName(random, team.locale).full : null;
  const status = random.weighted<LeadStatus>([['new', 45], ['contacted', 25], ['qualified', 15], ['disqualified', 15]]);
  const email = random.chance(0.8) ? `${person.slug}.lead${random.int(1, 999_999)}@r${plan.run}.${data.domain}` : null;
  const phone = random.chance(0.7) ? data.phone(random) : null;
  const created = new Date(plan.today - random.int(0, 180) * DAY + random.int(6 * 3600_000, 18 * 3600_000));
  const id = random.uuid();
  const ownerId = random.pick(team.repIds);
  const source = random.pick<LeadSource>(LEAD_SOURCES.filter((s) => s !== 'import'));
  rows.leads.push({
    id,
    status,
    disqualify_reason: status === 'disqualified' ? random.pick(['No budget', 'Not reachable', 'Out of territory', 'Student project']) : null,
    source,
    source_detail: source === 'fair' ? random.pick(['Targi Poznań 2026', 'Bucharest Expo', 'London Tech Week']) : null,
    person_name: person.full,
    company_name: company,
    email,
    email_normalized: email ? normaliseIdentifier('email', email) : null,
    phone,
    phone_normalized: phone ? normaliseIdentifier('phone', phone) : null,
    purpose: random.pick(PRODUCTS),
    notes: null,
    products_of_interest: [random.pick(PRODUCTS)],
    owner_id: ownerId,
    unit_id: team.unitId,
    custom_data: {},
    created_by: ownerId,
    version: status === 'new' ? 1 : 2,
    created_at: created,
    updated_at: created,
  });
}

function taxIdOf(random: Random, locale: Locale): string {
  const digits = (n: number) => Array.from({ length: n }, () => random.int(0, 9)).join('');
  if (locale === 'pl') return `${digits(3)}-${digits(3)}-${digits(2)}-${digits(2)}`;
  if (locale === 'ro') return `RO${digits(8)}`;
  if (locale === 'ru') return `LV${digits(11)}`;
  return `GB${digits(9)}`;
}

function postalCode(random: Random, locale: Locale): string {
  if (locale === 'pl') return `${random.int(0, 99).toString().padStart(2, '0')}-${random.int(0, 999).toString().padStart(3, '0')}`;
  if (locale === 'ro') return random.int(10000, 999999).toString().padStart(6, '0');
  if (locale === 'ru') return `LV-${random.int(1001, 5799)}`;
  return `${random.pick(['SW1A', 'EC1A', 'W1D', 'N1', 'E14'])} ${random.int(1, 9)}${random.pick(['AA', 'BD', 'HX', 'QT'])}`;
}
