import type { FastifyInstance } from 'fastify';
import { deploymentRoutes } from './deployments.routes.js';
import { eventRoutes } from './events.routes.js';
import { externalTaskRoutes } from './external-tasks.routes.js';
import { instanceOperationRoutes } from './instance-operations.routes.js';
import { instanceRoutes } from './instances.routes.js';
import { taskRoutes } from './tasks.routes.js';

/** The engine's REST face: deployments, definitions, instances, history, tasks, incidents, messages and signals, external tasks. */
export async function workflowRoutes(app: FastifyInstance): Promise<void> {
  await app.register(deploymentRoutes);
  await app.register(instanceRoutes);
  await app.register(instanceOperationRoutes);
  await app.register(taskRoutes);
  await app.register(externalTaskRoutes);
  await app.register(eventRoutes);
}
