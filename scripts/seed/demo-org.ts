import type { Kysely } from 'kysely';
import { hashPassword } from '../../server/auth/password.js';
import type { Database, Role } from '../../server/db/tables/index.js';
import { personName, type Locale } from './names.js';
import { createRandom, type Random } from './random.js';

/**
 * The demo company: head office → 3 regions → 7 branches → 14 teams, a head position in
 * every unit (its holder manages the subtree), three reps per team and a process designer.
 * Created once per database; later runs find it again (settings key `demo_seed.org`) and
 * add customers to the same people.
 */
export const DEMO_PASSWORD = 'demo-password';
export const DEMO_DOMAIN = 'demo.funnelflow.local';
const SETTING = 'demo_seed.org';

export interface DemoTeam {
  readonly unitId: string;
  readonly name: string;
  readonly region: string;
  readonly locale: Locale;
  readonly currencies: readonly string[];
  readonly leadId: string;
  readonly repIds: readonly string[];
}

export interface DemoLogin {
  readonly email: string;
  readonly role: string;
}

export interface DemoOrg {
  readonly headOfficeId: string;
  readonly directorId: string;
  readonly designerId: string;
  /** Region code → { unit, head }: the managers with the biggest subtrees below the director. */
  readonly regions: Readonly<Record<string, { unitId: string; headId: string; share: number }>>;
  readonly teams: readonly DemoTeam[];
  readonly logins: readonly DemoLogin[];
}

interface BranchPlan {
  readonly city: string;
  readonly slug: string;
  readonly locale: Locale;
  readonly currencies: readonly string[];
}

/** Regions with the share of customers they hold. */
const REGIONS: ReadonlyArray<{ code: string; name: string; share: number; branches: readonly BranchPlan[] }> = [
  {
    code: 'PL',
    name: 'Region Polska',
    share: 0.5,
    branches: [
      { city: 'Warszawa', slug: 'warszawa', locale: 'pl', currencies: ['PLN'] },
      { city: 'Kraków', slug: 'krakow', locale: 'pl', currencies: ['PLN'] },
      { city: 'Gdańsk', slug: 'gdansk', locale: 'pl', currencies: ['PLN', 'EUR'] },
    ],
  },
  {
    code: 'RO',
    name: 'Regiunea România',
    share: 0.3,
    branches: [
      { city: 'București', slug: 'bucuresti', locale: 'ro', currencies: ['RON', 'EUR'] },
      { city: 'Cluj-Napoca', slug: 'cluj', locale: 'ro', currencies: ['RON'] },
    ],
  },
  {
    code: 'INT',
    name: 'International',
    share: 0.2,
    branches: [
      { city: 'London', slug: 'london', locale: 'en', currencies: ['GBP', 'EUR', 'USD'] },
      { city: 'Riga', slug: 'riga', locale: 'ru', currencies: ['EUR'] },
    ],
  },
];
const TEAMS_PER_BRANCH = 2;
const REPS_PER_TEAM = 3;

/** The demo org of this database, created on the first call. */
export async function ensureDemoOrg(db: Kysely<Database>, seed: string): Promise<DemoOrg> {
  const saved = await db.selectFrom('settings').select('value').where('key', '=', SETTING).executeTakeFirst();
  if (saved) {
    const org = JSON.parse(saved.value) as DemoOrg;
    if (await db.selectFrom('org_units').select('id').where('id', '=', org.headOfficeId).executeTakeFirst()) return org;
    await db.deleteFrom('settings').where('key', '=', SETTING).execute();
  }
  const passwordHash = await hashPassword(DEMO_PASSWORD); // one hash: every demo user has the same password
  return db.transaction().execute(async (trx) => {
    const org = await createOrg(trx, createRandom(`${seed}:org`), passwordHash);
    await trx.insertInto('settings').values({ key: SETTING, value: JSON.stringify(org) }).execute();
    return org;
  });
}

async function createOrg(db: Kysely<Database>, random: Random, passwordHash: string): Promise<DemoOrg> {
  const logins: DemoLogin[] = [];

  async function unit(kind: 'head_office' | 'region' | 'branch' | 'team', name: string, parent: { id: string; path: string } | null, region: string | null) {
    const id = random.uuid();
    const path = `${parent?.path ?? '/'}${id}/`;
    await db.insertInto('org_units').values({ id, kind, name, parent_id: parent?.id ?? null, path, region }).execute();
    return { id, path };
  }

  async function person(unitId: string, title: string, isHead: boolean, email: string, locale: Locale, roles: Role[], role: string): Promise<string> {
    const name = personName(random, locale);
    const user = await db
      .insertInto('users')
      .values({ email: `${email}@${DEMO_DOMAIN}`, name: name.full, password_hash: passwordHash, roles })
      .onConflict((oc) => oc.column('email').doUpdateSet({ name: name.full, password_hash: passwordHash, roles, active: true }))
      .returning('id')
      .executeTakeFirstOrThrow();
    const position = await db.insertInto('positions').values({ id: random.uuid(), unit_id: unitId, title, is_head: isHead }).returning('id').executeTakeFirstOrThrow();
    await db.insertInto('user_positions').values({ user_id: user.id, position_id: position.id }).execute();
    logins.push({ email: `${email}@${DEMO_DOMAIN}`, role });
    return user.id;
  }

  const hq = await unit('head_office', 'Funnelflow Demo — Head Office', null, null);
  const directorId = await person(hq.id, 'Sales Director', true, 'director', 'en', ['manager'], 'manager, head office (sees every customer)');
  const designerId = await person(hq.id, 'Process Designer', false, 'designer', 'en', ['designer'], 'process designer');
  const regions: Record<string, { unitId: string; headId: string; share: number }> = {};
  const teams: DemoTeam[] = [];
  for (const plan of REGIONS) {
    const region = await unit('region', plan.name, hq, plan.code);
    const code = plan.code.toLowerCase();
    regions[plan.code] = { unitId: region.id, share: plan.share, headId: await person(region.id, 'Regional Manager', true, `manager.${code}`, plan.branches[0]!.locale, ['manager'], `manager, region ${plan.code}`) };
    for (const branchPlan of plan.branches) {
      const branch = await unit('branch', `${branchPlan.city}`, region, plan.code);
      await person(branch.id, 'Branch Manager', true, `manager.${branchPlan.slug}`, branchPlan.locale, ['manager'], `manager, branch ${branchPlan.city}`);
      for (let t = 1; t <= TEAMS_PER_BRANCH; t++) {
        const team = await unit('team', `${branchPlan.city} — Team ${t}`, branch, plan.code);
        const leadId = await person(team.id, 'Team Lead', true, `lead.${branchPlan.slug}-${t}`, branchPlan.locale, ['manager'], `team lead, ${branchPlan.city} ${t}`);
        const repIds: string[] = [];
        for (let r = 0; r < REPS_PER_TEAM; r++) {
          const letter = String.fromCharCode(97 + r);
          repIds.push(await person(team.id, 'Sales Representative', false, `rep.${branchPlan.slug}-${t}${letter}`, branchPlan.locale, ['rep'], `rep, ${branchPlan.city} ${t}`));
        }
        teams.push({ unitId: team.id, name: `${branchPlan.city} — Team ${t}`, region: plan.code, locale: branchPlan.locale, currencies: branchPlan.currencies, leadId, repIds });
      }
    }
  }
  return { headOfficeId: hq.id, directorId, designerId, regions, teams, logins };
}
