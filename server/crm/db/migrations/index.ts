import type { Migration } from 'kysely';
import * as createOrg from './2026_11_23_16_00_00_create_org.js';
import * as createCustomers from './2026_11_23_16_10_00_create_customers.js';
import * as createCustomerContacts from './2026_11_23_16_20_00_create_customer_contacts.js';
import * as createCustomerTypes from './2026_11_23_16_30_00_create_customer_types.js';
import * as createPipelinesDeals from './2026_11_23_16_40_00_create_pipelines_deals.js';

/** The CRM's migrations, by timestamped name; merged with the server's (applied in name order). */
export const crmMigrations: Record<string, Migration> = {
  '2026_11_23_16_00_00_create_org': createOrg,
  '2026_11_23_16_10_00_create_customers': createCustomers,
  '2026_11_23_16_20_00_create_customer_contacts': createCustomerContacts,
  '2026_11_23_16_30_00_create_customer_types': createCustomerTypes,
  '2026_11_23_16_40_00_create_pipelines_deals': createPipelinesDeals,
};
