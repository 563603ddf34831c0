import { sql, type Kysely } from 'kysely';

/**
 * The org chart, substitutions and the audit log.
 *
 * The unit tree is a materialised path (`/<root id>/<child id>/…/<own id>/`) rather than a
 * closure table: "the subtree of X" is then `path LIKE X.path || '%'`, one range scan on a
 * `text_pattern_ops` index, and a move rewrites only the moved subtree's paths with one
 * UPDATE. A closure table would need (depth × size) rows and a delete-and-reinsert per move;
 * ltree would need an extension that PGlite loads only on request. Ids, not names, make up
 * the path so that a rename touches nothing else.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('org_units')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('head_office','region','branch','team')`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('parent_id', 'uuid', (c) => c.references('org_units.id'))
    .addColumn('path', 'text', (c) => c.notNull().unique())
    .addColumn('region', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create index org_units_path_prefix_idx on org_units (path text_pattern_ops)`.execute(db);
  await db.schema.createIndex('org_units_parent_id_idx').on('org_units').column('parent_id').execute();

  await db.schema
    .createTable('positions')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('unit_id', 'uuid', (c) => c.notNull().references('org_units.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('is_head', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('positions_unit_id_idx').on('positions').column('unit_id').execute();

  await db.schema
    .createTable('user_positions')
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('position_id', 'uuid', (c) => c.notNull().references('positions.id').onDelete('cascade'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('user_positions_pkey', ['user_id', 'position_id'])
    .execute();
  await db.schema.createIndex('user_positions_position_id_idx').on('user_positions').column('position_id').execute();

  await db.schema
    .createTable('substitutions')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('absent_user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('substitute_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('starts_at', 'timestamptz', (c) => c.notNull())
    .addColumn('ends_at', 'timestamptz', (c) => c.notNull())
    .addColumn('created_by', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('substitutions_range_check', sql`ends_at > starts_at`)
    .addCheckConstraint('substitutions_not_self_check', sql`absent_user_id <> substitute_id`)
    .execute();
  // "Whom do I stand in for right now" is asked on every scoped read.
  await db.schema.createIndex('substitutions_substitute_idx').on('substitutions').columns(['substitute_id', 'ends_at']).execute();
  await db.schema.createIndex('substitutions_absent_idx').on('substitutions').columns(['absent_user_id', 'ends_at']).execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('actor_id', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('on_behalf_of_id', 'uuid', (c) => c.references('users.id'))
    .addColumn('entity_type', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('before', 'jsonb')
    .addColumn('after', 'jsonb')
    .execute();
  await db.schema.createIndex('audit_log_entity_idx').on('audit_log').columns(['entity_type', 'entity_id', 'id']).execute();
  await db.schema.createIndex('audit_log_actor_idx').on('audit_log').columns(['actor_id', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['audit_log', 'substitutions', 'user_positions', 'positions', 'org_units']) {
    await db.schema.dropTable(table).execute();
  }
}
