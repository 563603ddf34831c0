import type { Test } from 'tap';
import type { DatabaseHandle } from '../../../server/db/database.js';
import { startTestApp, TEST_ADMIN, type TestApp } from '../../helpers/test-app.js';

export interface Person {
  readonly id: string;
  readonly token: string;
}

/**
 * A small sales organisation on a running test app:
 *
 *   HQ (no region)                       head: ceo
 *   ├── North (region N)                 head: northHead
 *   │   └── Branch N1                    head: n1Head · reps: repN1, repN1b
 *   │       └── Team N1a                 rep: teamRep
 *   └── South (region S)
 *       └── Branch S1                    rep: repS1
 * plus `loner`, a rep holding no position, and the first admin.
 */
export async function startCrm(t: Test, database: DatabaseHandle) {
  const testApp = await startTestApp(t, database);
  const admin = await testApp.signIn(TEST_ADMIN.email, TEST_ADMIN.password);
  const call = async (method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, payload?: object, token = admin) => {
    const response = await testApp.as(token, { method, url, ...(payload && { payload }) });
    if (response.statusCode >= 300) throw new Error(`Expected ${method} ${url} to succeed, but got ${response.statusCode} ${response.body}`);
    return response.json();
  };
  const unit = async (kind: string, name: string, parentId?: string, region?: string) =>
    (await call('POST', '/api/org-units', { kind, name, ...(parentId && { parentId }), ...(region && { region }) })).id as string;
  const seat = async (unitId: string, title: string, isHead: boolean, ...people: Person[]) => {
    const position = await call('POST', '/api/positions', { unitId, title, isHead });
    for (const person of people) await call('PUT', `/api/positions/${position.id}/holders/${person.id}`);
    return position.id as string;
  };
  const person = async (role: 'rep' | 'manager', name: string): Promise<Person> => {
    const user = await testApp.userWithRoles([role], name);
    return { id: user.id, token: user.token };
  };

  const units = { hq: await unit('head_office', 'HQ') } as Record<'hq' | 'north' | 'n1' | 'n1a' | 'south' | 's1', string>;
  units.north = await unit('region', 'North', units.hq, 'N');
  units.n1 = await unit('branch', 'Branch N1', units.north);
  units.n1a = await unit('team', 'Team N1a', units.n1);
  units.south = await unit('region', 'South', units.hq, 'S');
  units.s1 = await unit('branch', 'Branch S1', units.south);

  const people = {
    ceo: await person('manager', 'Ceo'),
    northHead: await person('manager', 'North Head'),
    n1Head: await person('manager', 'N1 Head'),
    repN1: await person('rep', 'Rep N1'),
    repN1b: await person('rep', 'Rep N1b'),
    teamRep: await person('rep', 'Team Rep'),
    repS1: await person('rep', 'Rep S1'),
    loner: await person('rep', 'Loner'),
  };
  await seat(units.hq, 'Chief executive', true, people.ceo);
  await seat(units.north, 'Regional director', true, people.northHead);
  await seat(units.n1, 'Branch head', true, people.n1Head);
  await seat(units.n1, 'Sales rep', false, people.repN1, people.repN1b);
  await seat(units.n1a, 'Sales rep', false, people.teamRep);
  await seat(units.s1, 'Sales rep', false, people.repS1);

  return { ...testApp, admin, call, units, people };
}
