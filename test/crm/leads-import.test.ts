import { randomUUID } from 'node:crypto';
import t from 'tap';
import { eachDatabase } from '../helpers/test-databases.js';
import { cp1250, multipart } from './fixtures/leads/multipart.js';
import { startCrm } from './helpers/crm-fixture.js';

const MAPPING = { Name: 'personName', Company: 'companyName', 'E-mail': 'email', Phone: 'phone', Products: 'productsOfInterest' };

interface Problem {
  row: number;
  line: number;
  field: string | null;
  problem: string;
  duplicateOf: string | null;
}

t.setTimeout(300_000); // both databases, a shared machine: more than the default 120 s per file

t.test('lead CSV import', async (t) => {
  eachDatabase(t, async (t, database) => {
    const crm = await startCrm(t, database);
    const { people } = crm;
    const rep = people.repN1.token;
    const upload = (content: Parameters<typeof multipart>[1]['content'], fields: Record<string, string> = {}, token = rep) => {
      const { headers, payload } = multipart({ mapping: JSON.stringify(MAPPING), ...fields }, { name: 'leads.csv', content });
      return crm.as(token, { method: 'POST', url: '/api/leads/import', headers, payload });
    };
    const report = async (id: string, query = '') => (await crm.call('GET', `/api/leads/imports/${id}/report?limit=1000${query}`, undefined, rep)).items as Problem[];
    const leadCount = async () => Number((await database.db.selectFrom('leads').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);

    await t.test('should import the good rows and report each bad one with its row, field and problem', async (t) => {
      const csv = [
        'Name,Company,E-mail,Phone,Products', // row 1
        'Jan Kowalski,Acme,jan@acme.pl,+48 500 100 200,"crm, erp"', // 2 ok
        'Ewa Bad,Acme,ewa(at)acme.pl,,', // 3 bad e-mail
        'Too,Few,columns@x.pl', // 4 column count
        ',Nameless Ltd,,,', // 5 no name? company is a name — but no contact
        '"Unclosed,Quote Inc,uq@x.pl,,', // 6 unclosed quote
        'Piotr Nowak,,piotr@x.pl,,', // 7 ok (read again after the unclosed quote gave up)
        '"Bad"quote,X,bq@x.pl,,', // 8 text after a closing quote
        '"Anna ""AJ"" Lis",Beta,anna@beta.pl,,"hosting', // 9 ok: escaped quotes, cell spanning lines
        'backup"', // (line 10: still row 9)
        '', // 10 blank: skipped
        'Olga,Gamma,,600 700 800,', // 11 ok
      ].join('\n');
      const response = await upload(csv);
      t.equal(response.statusCode, 201, response.body);
      const result = response.json();
      t.match(result, { status: 'completed', rowsProcessed: 9, imported: 4, rejected: 5, duplicates: 0, delimiter: ',', progress: 1, fileName: 'leads.csv' });
      const problems = await report(result.id);
      t.same(
        problems.map((p) => [p.row, p.field, p.problem]),
        [
          [3, 'email', 'invalid_email'],
          [4, null, 'column_count'],
          [5, 'email', 'required'],
          [6, null, 'unclosed_quote'],
          [8, null, 'bad_quote'],
        ],
      );
      const leads = (await crm.call('GET', `/api/leads?importId=${result.id}&sort=name`, undefined, rep)).items;
      t.same(
        leads.map((l: { personName: string; importRow: number }) => [l.personName, l.importRow]),
        [['Anna "AJ" Lis', 9], ['Jan Kowalski', 2], ['Olga', 11], ['Piotr Nowak', 7]],
      );
      t.same(leads[1].productsOfInterest, ['crm', 'erp']);
      t.equal(leads[0].productsOfInterest.join('|'), 'hosting|backup', 'a cell may span lines');
      t.match(leads[1], { source: 'import', status: 'new', ownerId: people.repN1.id, importId: result.id });
      const audit = await database.db.selectFrom('audit_log').select('action').where('entity_id', '=', result.id).orderBy('id').execute();
      t.same(audit.map((a) => a.action), ['start', 'complete']);
    });

    await t.test('should report duplicates within a file and import nothing again on a re-import', async (t) => {
      const csv = ['Name,Company,E-mail,Phone,Products', 'Marek Duda,Delta,marek@delta.pl,,', 'Zofia Kurek,Delta,zofia@delta.pl,,', '  marek   DUDA ,delta,MAREK@delta.pl,,'].join('\r\n');
      const first = (await upload(csv)).json();
      t.match(first, { imported: 2, duplicates: 1, rejected: 0 });
      const [marek] = (await crm.call('GET', '/api/leads?q=marek', undefined, rep)).items;
      t.same((await report(first.id)).map((p) => [p.row, p.problem, p.duplicateOf]), [[4, 'duplicate', marek.id]]);
      const again = (await upload(csv)).json();
      t.match(again, { status: 'completed', rowsProcessed: 3, imported: 0, duplicates: 3, rejected: 0 });
      t.equal((await report(again.id, '&problem=duplicate')).length, 3);
      t.equal((await crm.call('GET', '/api/leads?q=marek', undefined, rep)).items.length, 1, 'no second Marek');
    });

    await t.test('should report undecodable bytes, and read the file right with its encoding', async (t) => {
      const csv = cp1250(['Name,Company,E-mail,Phone,Products', 'Łukasz Żółć,Przedsiębiorstwo Ślęża,lukasz@sleza.pl,,', 'Adam Smith,Plain Ltd,adam@plain.com,,'].join('\n'));
      const asUtf8 = (await upload(csv)).json();
      t.match(asUtf8, { encoding: 'utf-8', imported: 1, rejected: 1 });
      t.match(await report(asUtf8.id), [{ row: 2, field: 'personName', problem: 'encoding' }]);
      const right = (await upload(csv, { encoding: 'windows-1250' })).json();
      t.match(right, { encoding: 'windows-1250', imported: 1, duplicates: 1, rejected: 0 });
      const [lukasz] = (await crm.call('GET', '/api/leads?q=łukasz', undefined, rep)).items;
      t.match(lukasz, { personName: 'Łukasz Żółć', companyName: 'Przedsiębiorstwo Ślęża' });
      const unknown = await upload(csv, { encoding: 'klingon' });
      t.equal(unknown.statusCode, 400);
      t.equal(unknown.json().details.fields[0].field, 'body.encoding');
    });

    await t.test('should detect a ; delimiter and drop a byte-order mark', async (t) => {
      const csv = '\uFEFFName;Company;E-mail;Phone;Products\r\nKarol Wiśniewski;"Omega; Sp. J.";karol@omega.pl;;\r\n';
      const result = (await upload(csv, { source: 'fair', sourceDetail: 'Targi Kielce' })).json();
      t.match(result, { delimiter: ';', imported: 1, rejected: 0, source: 'fair' });
      const [karol] = (await crm.call('GET', '/api/leads?q=karol', undefined, rep)).items;
      t.match(karol, { companyName: 'Omega; Sp. J.', source: 'fair', sourceDetail: 'Targi Kielce' });
    });

    await t.test('should refuse a bad request before writing anything', async (t) => {
      const imports = async () => Number((await database.db.selectFrom('lead_imports').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
      const before = { imports: await imports(), leads: await leadCount() };
      const csv = 'Name,Company,E-mail,Phone,Products\nX,Y,x@y.pl,,\n';
      const cases: Array<[Record<string, string>, string]> = [
        [{ mapping: 'not json' }, 'body.mapping'],
        [{ mapping: JSON.stringify({ Name: 'personName' }) }, 'body.mapping'],
        [{ mapping: JSON.stringify({ Name: 'salary', 'E-mail': 'email' }) }, 'body.mapping.Name'],
        [{ mapping: JSON.stringify({ Nom: 'personName', 'E-mail': 'email' }) }, 'body.mapping.Nom'],
        [{ ownerId: 'me' }, 'body.ownerId'],
        [{ source: 'pigeon' }, 'body.source'],
      ];
      for (const [fields, field] of cases) {
        const response = await upload(csv, fields);
        t.equal(response.statusCode, 400, field);
        t.equal(response.json().details?.fields?.[0]?.field, field, field);
      }
      t.equal((await upload('')).json().details.fields[0].field, 'body.file', 'an empty file');
      const outside = await upload(csv, { ownerId: people.repS1.id });
      t.equal(outside.statusCode, 403, 'leads for someone outside your scope');
      const json = await crm.as(rep, { method: 'POST', url: '/api/leads/import', payload: { mapping: MAPPING } });
      t.equal(json.statusCode, 415);
      t.same({ imports: await imports(), leads: await leadCount() }, before);
    });

    await t.test('should show an import’s progress to another request while it runs', async (t) => {
      const importId = randomUUID();
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      async function* slowFile() {
        yield 'Name,Company,E-mail,Phone,Products\n';
        for (let i = 0; i < 1200; i++) yield `Slow ${i},Slow Co,slow${i}@slow.pl,,\n`;
        await gate; // the upload stalls here until the test has seen progress
        for (let i = 1200; i < 1300; i++) yield `Slow ${i},Slow Co,slow${i}@slow.pl,,\n`;
      }
      const running = upload(slowFile, { importId });
      let seen: { status: string; imported: number; rowsProcessed: number } | undefined;
      for (let attempt = 0; attempt < 200 && !(seen && seen.imported >= 1000); attempt++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        const response = await crm.as(rep, { method: 'GET', url: `/api/leads/imports/${importId}` });
        if (response.statusCode === 200) seen = response.json();
      }
      t.match(seen, { status: 'running' }, 'still running');
      t.ok(seen!.imported >= 1000 && seen!.imported < 1300, `committed batches are visible (${seen?.imported})`);
      t.equal(seen!.rowsProcessed, seen!.imported, 'counts and rows are committed together');
      const other = await crm.as(people.repS1.token, { method: 'GET', url: `/api/leads/imports/${importId}` });
      t.equal(other.statusCode, 404, 'another rep does not see the import');
      const manager = await crm.as(people.n1Head.token, { method: 'GET', url: `/api/leads/imports/${importId}` });
      t.equal(manager.statusCode, 200, 'the rep’s manager does');
      release();
      const done = (await running).json();
      t.match(done, { id: importId, status: 'completed', imported: 1300, rejected: 0 });
      const mine = (await crm.call('GET', '/api/leads/imports?limit=2', undefined, rep)) as { items: Array<{ id: string }>; nextCursor: string };
      t.equal(mine.items[0]!.id, importId, 'newest first');
      const next = await crm.call('GET', `/api/leads/imports?limit=2&after=${mine.nextCursor}`, undefined, rep);
      t.equal(next.items.length, 2, 'the next page');
    });

    await t.test('should page the report in file order', async (t) => {
      const rows = Array.from({ length: 25 }, (_, i) => `Bad ${i},X,not-an-email-${i},,`);
      const result = (await upload(['Name,Company,E-mail,Phone,Products', ...rows].join('\n'))).json();
      t.match(result, { rejected: 25, imported: 0 });
      const seen: number[] = [];
      let after: string | null = null;
      do {
        const page: { items: Problem[]; nextCursor: string | null } = await crm.call('GET', `/api/leads/imports/${result.id}/report?limit=10${after ? `&after=${after}` : ''}`, undefined, rep);
        seen.push(...page.items.map((p) => p.row));
        after = page.nextCursor;
      } while (after);
      t.same(seen, Array.from({ length: 25 }, (_, i) => i + 2));
    });
  });
});
