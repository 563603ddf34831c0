import { readFile } from 'node:fs/promises';
import path from 'node:path';
import t from 'tap';
import { SERVER_ERRORS } from '../../server/errors.js';

t.test('should document every error code with its status, and nothing else', async (t) => {
  const docs = await readFile(path.resolve(import.meta.dirname, '../../docs/errors.md'), 'utf8');
  const documented = new Map([...docs.matchAll(/^\| `(SRV_ERR_\w+)` \| (\d{3}) \|/gm)].map((m) => [m[1]!, Number(m[2])]));
  for (const [code, { status }] of Object.entries(SERVER_ERRORS)) {
    t.equal(documented.get(code), status, `${code} documented with status ${status}`);
  }
  t.same([...documented.keys()].filter((code) => !(code in SERVER_ERRORS)), [], 'no documented code is missing from the catalog');
});
