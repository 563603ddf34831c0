import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Role } from '../../db/tables/index.js';
import { principalOf } from '../../plugins/access.plugin.js';
import { viewerOf } from '../access/viewer.js';
import { expectedVersion, ifMatchHeaders } from '../if-match.js';
import { findCategory } from '../product-categories/product-categories.repository.js';
import { conflictReply, errorReplies, idParams, invalidField, notFoundReply } from '../shared.js';
import {
  compareProductsQuery,
  compareProductsReply,
  createProductBody,
  listProductsQuery,
  listProductsReply,
  productSchema,
  updateProductBody,
  sheetQuery,
  type CompareProductsQuery,
  type ListProductsQuery,
  type NewProduct,
  type ProductChanges,
} from './product.schemas.js';
import { compareProducts } from './products-compare.service.js';
import { productSheet } from './product-sheet.service.js';
import { listProducts, toProductDto } from './products.repository.js';
import { createProduct, getProduct, updateProduct } from './products.service.js';

const anyone = { access: 'authenticated' as const };
const admins = { access: { roles: ['admin'] as Role[] } };
const productReply = { $ref: 'Product#' } as const;

/**
 * The product catalogue: every signed-in user reads and searches it, admins write it.
 * Products are never deleted (deals reference them): set `active: false` instead.
 */
export async function productsRoutes(app: FastifyInstance): Promise<void> {
  app.addSchema(productSchema);
  const actor = (request: FastifyRequest) => ({ userId: principalOf(request).userId, onBehalfOf: null });

  app.get<{ Querystring: ListProductsQuery }>('/api/products', {
    config: anyone,
    schema: { tags: ['products'], summary: 'Search, filter and sort products', querystring: listProductsQuery, response: { 200: listProductsReply, ...errorReplies } },
    handler: async (request) => {
      const category = request.query.categoryId ? await findCategory(app.db, request.query.categoryId) : undefined;
      if (request.query.categoryId && !category) throw invalidField('querystring.categoryId', 'names no product category');
      const { rows, nextCursor } = await listProducts(app.db, request.query, category?.path);
      return { items: rows.map(toProductDto), nextCursor };
    },
  });

  app.get<{ Querystring: CompareProductsQuery }>('/api/products/compare', {
    config: anyone,
    schema: { tags: ['products'], summary: 'Compare 2 to 5 products side by side', querystring: compareProductsQuery, response: { 200: compareProductsReply, ...notFoundReply, ...errorReplies } },
    handler: async (request) => compareProducts(app.db, await viewerOf(app.db, principalOf(request)), request.query),
  });

  app.post<{ Body: NewProduct }>('/api/products', {
    config: admins,
    schema: { tags: ['products'], summary: 'Add a product (admins)', body: createProductBody, response: { 201: productReply, ...conflictReply, ...errorReplies } },
    handler: async (request, reply) => {
      const created = await createProduct(app.db, actor(request), request.body);
      return reply.code(201).header('etag', `"${created.version}"`).send(created);
    },
  });

  app.get<{ Params: { id: string } }>('/api/products/:id', {
    config: anyone,
    schema: { tags: ['products'], summary: 'Get a product', params: idParams, response: { 200: productReply, ...notFoundReply, ...errorReplies } },
    handler: async (request, reply) => {
      const product = await getProduct(app.db, request.params.id);
      return reply.header('etag', `"${product.version}"`).send(product);
    },
  });

  app.get<{ Params: { id: string }; Querystring: Omit<CompareProductsQuery, 'ids'> }>('/api/products/:id/sheet', {
    config: anyone,
    schema: {
      tags: ['products'],
      summary: 'A printable product information sheet (HTML; print to PDF)',
      produces: ['text/html'],
      params: idParams,
      querystring: sheetQuery,
      response: { 200: { type: 'string', description: 'text/html' }, ...notFoundReply, ...errorReplies },
    },
    handler: async (request, reply) => {
      const html = await productSheet(app.db, await viewerOf(app.db, principalOf(request)), request.params.id, request.query);
      return reply.type('text/html; charset=utf-8').send(html);
    },
  });

  app.patch<{ Params: { id: string }; Body: ProductChanges; Headers: { 'if-match'?: string } }>('/api/products/:id', {
    config: admins,
    schema: {
      tags: ['products'],
      summary: 'Change a product (admins; optimistic concurrency)',
      params: idParams,
      headers: ifMatchHeaders,
      body: updateProductBody,
      response: { 200: productReply, ...notFoundReply, ...conflictReply, ...errorReplies },
    },
    handler: async (request, reply) => {
      const expected = expectedVersion(request.headers['if-match'], request.body.version);
      const updated = await updateProduct(app.db, actor(request), request.params.id, request.body, expected);
      return reply.header('etag', `"${updated.version}"`).send(updated);
    },
  });
}
