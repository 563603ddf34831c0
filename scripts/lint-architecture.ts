// `npm run lint`: the dependency rules of STYLE.md over the whole tree.
import path from 'node:path';
import { checkTree } from './architecture/check-tree.js';

const violations = await checkTree(path.resolve(import.meta.dirname, '..'));
for (const v of violations) console.error(`${v.file}: [${v.rule}] ${v.message}`);
console.log(violations.length ? `${violations.length} architecture violation(s)` : 'architecture: no violations');
process.exit(violations.length ? 1 : 0);
