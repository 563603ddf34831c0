import { sql } from 'kysely';
import type { Customer360Context } from '../../section.js';
import { keysetBefore, microsOf, paddedId } from '../timeline-keyset.js';
import type { SortedEntry, TimelineSource } from '../timeline-source.js';

/**
 * Titles of the audited changes that belong on a customer's timeline. Deliberately no
 * before/after content: the audit log's images are for admins, and a contact's or a
 * relative's name may lie outside the viewer's scope. Deals are told by their own history.
 */
const TITLES: Record<string, string> = {
  'customer.create': 'Customer created',
  'customer.update': 'Customer details changed',
  'customer.merge': 'A duplicate was merged into this customer',
  'customer.merged': 'This record was merged into the customer',
  'customer_contact.link': 'Contact person linked',
  'customer_contact.unlink': 'Contact person unlinked',
  'customer_relation.create': 'Relation added',
  'customer_relation.delete': 'Relation removed',
};

/** Audit entries about the customer (and ids merged into it), its current contact links and relations: one query. */
export const auditSource: TimelineSource = {
  key: 'audit',
  async load(context, page) {
    const { db, customerIds } = context;
    const ids = [...customerIds];
    const rows = await db
      .selectFrom('audit_log as a')
      .select(['a.id', 'a.at', 'a.actor_id', 'a.entity_type', 'a.entity_id', 'a.action', microsOf(sql.ref('a.at')).as('micros'), paddedId(sql.ref('a.id')).as('sort_id')])
      .where((eb) =>
        eb.or([
          eb.and([eb('a.entity_type', '=', 'customer'), eb('a.entity_id', 'in', ids)]),
          eb.and([
            eb('a.entity_type', '=', 'customer_contact'),
            eb(
              'a.entity_id',
              'in',
              eb
                .selectFrom('customer_contacts as cc')
                .select(sql<string>`cc.company_id::text || '/' || cc.person_id::text`.as('key'))
                .where((w) => w.or([w('cc.company_id', 'in', ids), w('cc.person_id', 'in', ids)])),
            ),
          ]),
          eb.and([
            eb('a.entity_type', '=', 'customer_relation'),
            eb('a.entity_id', 'in', eb.selectFrom('customer_relations as cr').select(sql<string>`cr.id::text`.as('id')).where((w) => w.or([w('cr.from_id', 'in', ids), w('cr.to_id', 'in', ids)]))),
          ]),
        ]),
      )
      .where(keysetBefore(sql.ref('a.at'), paddedId(sql.ref('a.id')), page.before))
      .orderBy(sql`a.at`, 'desc')
      .orderBy('a.id', 'desc')
      .limit(page.limit)
      .execute();
    return rows.map(
      (row): SortedEntry => ({
        at: row.at,
        micros: row.micros,
        sortId: row.sort_id,
        kind: `${row.entity_type}.${row.action}`,
        title: TITLES[`${row.entity_type}.${row.action}`] ?? `${row.entity_type.replace(/_/g, ' ')}: ${row.action.replace(/_/g, ' ')}`,
        actorId: row.actor_id,
        link: linkOf(row.entity_type, row.entity_id, context.customer.id),
      }),
    );
  },
};

function linkOf(entityType: string, entityId: string, customerId: string): string {
  if (entityType === 'customer_contact') return `/api/customers/${entityId.split('/')[0]}/contacts`;
  if (entityType === 'customer_relation') return `/api/customers/${customerId}/relations`;
  return `/api/customers/${customerId}`;
}
