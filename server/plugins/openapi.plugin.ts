import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/** The OpenAPI document (`/api/docs/json`) and its UI (`/api/docs`), built from the route schemas. */
export const openApiPlugin = fp(
  async (app: FastifyInstance) => {
    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: { title: 'Funnelflow API', version: '0.1.0', description: 'Process-centric CRM: BPMN engine, CRM records, tasks.' },
        components: { securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer' } } },
      },
      refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => String(json.$id ?? `def-${i}`) },
    });
    // Routes that need a session say so in the document too.
    app.addHook('onRoute', (route) => {
      const access = route.config?.access;
      if (access === undefined || access === 'public' || !route.schema) return;
      route.schema = { ...route.schema, security: [{ bearerAuth: [] }] } as typeof route.schema;
    });
    await app.register(swaggerUi, { routePrefix: '/api/docs' });
  },
  { name: 'openapi' },
);
