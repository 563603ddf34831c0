import { readFileSync } from 'node:fs';
import t from 'tap';
import { ENGINE_ERRORS } from '../../../engine/index.js';

const readme = readFileSync(new URL('../../../engine/errors/README.md', import.meta.url), 'utf8');

t.test('should document every engine error code, and no code that does not exist', async (t) => {
  const documented = [...readme.matchAll(/^\| `(ENG_ERR_[A-Z_]+)` \| ([a-z-]+) \|/gm)].map(([, code, kind]) => [code, kind]);
  const catalog = Object.entries(ENGINE_ERRORS).map(([code, entry]) => [code, entry.kind]);
  t.same(documented, catalog);
});

t.test('should name every code ENG_ERR_*', async (t) => {
  for (const code of Object.keys(ENGINE_ERRORS)) t.match(code, /^ENG_ERR_[A-Z_]+$/);
});
