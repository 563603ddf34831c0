import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Role } from '../../db/tables/index.js';
import { principalOf } from '../../plugins/access.plugin.js';
import { expectedVersion, ifMatchHeaders } from '../if-match.js';
import { conflictReply, errorReplies, idParams, invalidField, notFoundReply } from '../shared.js';
import {
  createCategoryBody,
  listCategoriesQuery,
  listCategoriesReply,
  productCategorySchema,
  updateCategoryBody,
  type CategoryChanges,
  type CategoryInput,
  type ListCategoriesQuery,
} from './product-category.schemas.js';
import { findCategory, listCategories, toCategoryDto } from './product-categories.repository.js';
import { createCategory, deleteCategory, getCategory, updateCategory } from './product-categories.service.js';

const anyone = { access: 'authenticated' as const };
const admins = { access: { roles: ['admin'] as Role[] } };
const categoryReply = { $ref: 'ProductCategory#' } as const;

/** Product categories (a tree with inherited fields): admins shape them, everyone signed in reads them. */
export async function productCategoriesRoutes(app: FastifyInstance): Promise<void> {
  app.addSchema(productCategorySchema);
  const actor = (request: FastifyRequest) => ({ userId: principalOf(request).userId, onBehalfOf: null });

  app.get<{ Querystring: ListCategoriesQuery }>('/api/product-categories', {
    config: anyone,
    schema: { tags: ['products'], summary: 'List product categories in tree order', querystring: listCategoriesQuery, response: { 200: listCategoriesReply, ...errorReplies } },
    handler: async (request) => {
      const under = request.query.under ? await findCategory(app.db, request.query.under) : undefined;
      if (request.query.under && !under) throw invalidField('querystring.under', 'names no product category');
      const { rows, nextCursor } = await listCategories(app.db, request.query, under);
      return { items: rows.map((row) => toCategoryDto(row)), nextCursor };
    },
  });

  app.post<{ Body: CategoryInput }>('/api/product-categories', {
    config: admins,
    schema: { tags: ['products'], summary: 'Create a product category (admins)', body: createCategoryBody, response: { 201: categoryReply, ...conflictReply, ...errorReplies } },
    handler: async (request, reply) => {
      const created = await createCategory(app.db, actor(request), request.body);
      return reply.code(201).header('etag', `"${created.version}"`).send(created);
    },
  });

  app.get<{ Params: { id: string } }>('/api/product-categories/:id', {
    config: anyone,
    schema: { tags: ['products'], summary: 'Get a category with its effective (inherited) schema', params: idParams, response: { 200: categoryReply, ...notFoundReply, ...errorReplies } },
    handler: async (request, reply) => {
      const category = await getCategory(app.db, request.params.id);
      return reply.header('etag', `"${category.version}"`).send(category);
    },
  });

  app.patch<{ Params: { id: string }; Body: CategoryChanges; Headers: { 'if-match'?: string } }>('/api/product-categories/:id', {
    config: admins,
    schema: {
      tags: ['products'],
      summary: 'Rename, move or change the fields of a category (admins; optimistic concurrency)',
      params: idParams,
      headers: ifMatchHeaders,
      body: updateCategoryBody,
      response: { 200: categoryReply, ...notFoundReply, ...conflictReply, ...errorReplies },
    },
    handler: async (request, reply) => {
      const expected = expectedVersion(request.headers['if-match'], request.body.version);
      const updated = await updateCategory(app.db, actor(request), request.params.id, request.body, expected);
      return reply.header('etag', `"${updated.version}"`).send(updated);
    },
  });

  app.delete<{ Params: { id: string } }>('/api/product-categories/:id', {
    config: admins,
    schema: { tags: ['products'], summary: 'Delete an empty category (admins)', params: idParams, response: { 204: { type: 'null' }, ...notFoundReply, ...conflictReply, ...errorReplies } },
    handler: async (request, reply) => {
      await deleteCategory(app.db, actor(request), request.params.id);
      return reply.code(204).send();
    },
  });
}
