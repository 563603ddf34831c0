import type { FastifyInstance } from 'fastify';
import { auditRoutes } from './audit/audit.routes.js';
import { contactsRoutes } from './contacts/contacts.routes.js';
import { customerTypesRoutes } from './customer-types/customer-types.routes.js';
import { customersRoutes } from './customers/customers.routes.js';
import { dealsRoutes } from './deals/deals.routes.js';
import { orgRoutes } from './org/org.routes.js';
import { pipelinesRoutes } from './pipelines/pipelines.routes.js';
import { substitutionsRoutes } from './substitutions/substitutions.routes.js';

/** Every CRM area's routes (one plugin per area under server/crm/<area>/). */
export async function crmPlugin(app: FastifyInstance): Promise<void> {
  await app.register(orgRoutes);
  await app.register(substitutionsRoutes);
  await app.register(customerTypesRoutes);
  await app.register(customersRoutes);
  await app.register(contactsRoutes);
  await app.register(pipelinesRoutes);
  await app.register(dealsRoutes);
  await app.register(auditRoutes);
}
