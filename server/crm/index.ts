import type { FastifyInstance } from 'fastify';
import { auditRoutes } from './audit/audit.routes.js';
import { contactsRoutes } from './contacts/contacts.routes.js';
import { customerTypesRoutes } from './customer-types/customer-types.routes.js';
import { customersRoutes } from './customers/customers.routes.js';
import { dealsRoutes } from './deals/deals.routes.js';
import { orgRoutes } from './org/org.routes.js';
import { pipelinesRoutes } from './pipelines/pipelines.routes.js';
import { substitutionsRoutes } from './substitutions/substitutions.routes.js';
import { dealLinesRoutes } from './deal-lines/deal-lines.routes.js';
import { priceListsRoutes } from './price-lists/price-lists.routes.js';
import { productCategoriesRoutes } from './product-categories/product-categories.routes.js';
import { productsRoutes } from './products/products.routes.js';
import { leadsRoutes } from './leads/leads.routes.js';
import { activitiesPlugin } from './activities/activities.plugin.js';
import { customer360Routes } from './customer-360/customer-360.routes.js';
import { relationsRoutes } from './relations/relations.routes.js';
import { foldersRoutes } from './folders/folders.routes.js';
import { segmentsRoutes } from './segments/segments.routes.js';
import { mergeRoutes } from './merge/merge.routes.js';

/** Every CRM area's routes (one plugin per area under server/crm/<area>/). */
export async function crmPlugin(app: FastifyInstance): Promise<void> {
  await app.register(orgRoutes);
  await app.register(substitutionsRoutes);
  await app.register(customerTypesRoutes);
  await app.register(customersRoutes);
  await app.register(contactsRoutes);
  await app.register(pipelinesRoutes);
  await app.register(dealsRoutes);
  await app.register(productCategoriesRoutes);
  await app.register(productsRoutes);
  await app.register(priceListsRoutes);
  await app.register(dealLinesRoutes);
  await app.register(leadsRoutes);
  await app.register(activitiesPlugin);
  await app.register(customer360Routes);
  await app.register(relationsRoutes);
  await app.register(foldersRoutes);
  await app.register(segmentsRoutes);
  await app.register(mergeRoutes);
  await app.register(auditRoutes);
}
