import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../errors.js';

/**
 * Serves the built web UI at `/`. The UI routes in the browser (hash routes and paths),
 * so any non-API GET that matches no file gets `index.html`; unknown `/api` paths get a
 * JSON 404 in the catalog's shape.
 */
export const staticUiPlugin = fp<{ uiDir: string | undefined }>(
  async (app: FastifyInstance, { uiDir }) => {
    const built = uiDir !== undefined && existsSync(path.join(uiDir, 'index.html'));
    if (built) {
      await app.register(fastifyStatic, {
        root: uiDir,
        wildcard: false,
        index: ['index.html'],
        // Vite names assets by content hash: cache them for ever; index.html must be re-read.
        setHeaders: (reply, filePath) =>
          reply.header('cache-control', filePath.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache'),
      });
    }

    app.setNotFoundHandler((request, reply) => {
      const isPage = (request.method === 'GET' || request.method === 'HEAD') && !request.url.startsWith('/api');
      if (isPage && built) return reply.header('cache-control', 'no-cache').type('text/html').sendFile('index.html');
      if (isPage) return reply.code(503).type('text/plain').send('The web UI is not built: run `npm run build:ui` (npm start does it).');
      throw new AppError('SRV_ERR_NOT_FOUND', `No route ${request.method} ${request.url.split('?')[0]}`);
    });
  },
  { name: 'static-ui' },
);
