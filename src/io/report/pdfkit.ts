/**
 * pdfkit, as every PDF of Albero loads it. The built program (dist/) loads the one-file bundle
 * that `npm run build` writes to dist/vendor/pdfkit.cjs (scripts/vendor-pdfkit.mjs): the same
 * pdfkit, loaded in about half the time, which is most of a small PDF's cost from the command
 * line (issue 12). Run from src/ (the tests, tsx) there is no bundle, and the package is loaded
 * as it is; test/exchange/pdfkit-bundle.test.ts checks that both write the same bytes.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const bundle = fileURLToPath(new URL('../../vendor/pdfkit.cjs', import.meta.url));

const PDFDocument: typeof import('pdfkit') = existsSync(bundle) ? require(bundle) : require('pdfkit');
export default PDFDocument;
