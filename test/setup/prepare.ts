// tap's `before` script: runs once before the test files.
import { ensurePGliteTemplate } from '../helpers/pglite-template.js';

await ensurePGliteTemplate();
