import type { Migration } from 'kysely';
import * as createOrg from './2026_11_23_16_00_00_create_org.js';
import * as createCustomers from './2026_11_23_16_10_00_create_customers.js';
import * as createCustomerContacts from './2026_11_23_16_20_00_create_customer_contacts.js';
import * as createCustomerTypes from './2026_11_23_16_30_00_create_customer_types.js';
import * as createPipelinesDeals from './2026_11_23_16_40_00_create_pipelines_deals.js';
import * as createProducts from './2026_11_24_12_00_00_create_products.js';
import * as createActivities from './2026_11_24_13_00_00_create_activities.js';
import * as createCustomerRelations from './2026_11_24_11_00_00_create_customer_relations.js';
import * as createCustomerFolders from './2026_11_24_11_10_00_create_customer_folders.js';
import * as createSegments from './2026_11_24_11_20_00_create_segments.js';
import * as createCustomerMerges from './2026_11_24_11_30_00_create_customer_merges.js';
import * as createLeads from './2026_11_24_10_00_00_create_leads.js';
import * as dealStageTotals from './2026_11_25_12_00_00_deal_stage_totals.js';

/** The CRM's migrations, by timestamped name; merged with the server's (applied in name order). */
export const crmMigrations: Record<string, Migration> = {
  '2026_11_23_16_00_00_create_org': createOrg,
  '2026_11_23_16_10_00_create_customers': createCustomers,
  '2026_11_23_16_20_00_create_customer_contacts': createCustomerContacts,
  '2026_11_23_16_30_00_create_customer_types': createCustomerTypes,
  '2026_11_23_16_40_00_create_pipelines_deals': createPipelinesDeals,
  '2026_11_24_12_00_00_create_products': createProducts,
  '2026_11_24_13_00_00_create_activities': createActivities,
  '2026_11_24_11_00_00_create_customer_relations': createCustomerRelations,
  '2026_11_24_11_10_00_create_customer_folders': createCustomerFolders,
  '2026_11_24_11_20_00_create_segments': createSegments,
  '2026_11_24_11_30_00_create_customer_merges': createCustomerMerges,
  '2026_11_24_10_00_00_create_leads': createLeads,
  '2026_11_25_12_00_00_deal_stage_totals': dealStageTotals,
};
