import type { FastifyInstance } from 'fastify';

/** Every CRM area's routes (one plugin per area under server/crm/<area>/). */
export async function crmPlugin(_app: FastifyInstance): Promise<void> {}
