import t from 'tap';
import { startTestApp } from '../helpers/test-app.js';
import { eachDatabase } from '../helpers/test-databases.js';
import { planOf } from './helpers/query-plan.js';

t.test('the list, search and subtree queries have indexes to use', async (t) => {
  eachDatabase(t, async (t, database) => {
    await startTestApp(t, database); // migrates
    const cases: Array<[string, string, RegExp]> = [
      ['subtree of a unit', `select id from org_units where path like '/00000000-0000-4000-8000-000000000000/%'`, /org_units_path_prefix_idx/],
      ['name prefix search', `select id from customers where lower(name) like 'acm%'`, /customers_name_prefix_idx|customers_name_sort_idx/],
      ['e-mail / phone prefix search', `select customer_id from customer_identifiers where kind = 'email' and value like 'info@%'`, /customer_identifiers_lookup_idx/],
      ['duplicate lookup', `select customer_id from customer_identifiers where kind = 'phone' and value = '48500100200'`, /customer_identifiers_lookup_idx/],
      ['first page by name', `select id from customers order by lower(name), id limit 50`, /customers_name_sort_idx/],
      ['keyset page by creation', `select id from customers where (created_at, id) > ('2026-01-01', '00000000-0000-4000-8000-000000000000') order by created_at, id limit 50`, /customers_created_sort_idx/],
      ['category filter', `select id from customers where categories @> array['vip']`, /customers_categories_idx/],
      ['whom do I stand in for now', `select absent_user_id from substitutions where substitute_id = '00000000-0000-4000-8000-000000000000' and ends_at > now()`, /substitutions_substitute_idx/],
    ];
    for (const [what, query, index] of cases) {
      t.match(await planOf(database.db, query), index, what);
    }
  });
});
