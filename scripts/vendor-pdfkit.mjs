/**
 * Bundles pdfkit with everything it loads (fontkit, restructure, linebreak, unicode-properties, …)
 * into one file, dist/vendor/pdfkit.cjs, which src/io/report/pdfkit.ts loads in place of the
 * package when it is there (the built program; tests run from src/ use the package as it is).
 *
 * Why (issue 12): `albero relazione … --output x.pdf` spent about half of its process in loading
 * pdfkit, not in drawing. One file spares the module loader some fifty look-ups and reads, and
 * three of pdfkit's dependencies are swapped for the same code loaded when it is first used:
 * - tiny-inflate, a DEFLATE decoder in JavaScript that unicode-trie runs at load time on four
 *   Unicode tables (≈80 ms): node's own zlib gives the same bytes in a millisecond;
 * - brotli/decompress.js, which fontkit needs only for WOFF2 fonts but whose 1.4 MB dictionary
 *   was parsed and decoded on every start: loaded on its first call;
 * - @noble/ciphers/aes, needed only for encrypted PDFs: likewise.
 * pdfkit reads the standard fonts' metrics (data/*.afm) from beside itself: they are copied.
 *
 *   node scripts/vendor-pdfkit.mjs [outdir]     (run by `npm run build`; outdir defaults to dist/vendor)
 */
import { build } from 'esbuild';
import { cpSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = resolve(process.argv[2] ?? join(root, 'dist', 'vendor'));
const require = createRequire(join(root, 'package.json'));

/** The swapped modules' code; `require` inside them reaches the real package, kept outside the bundle. */
const SWAPS = {
  'tiny-inflate': `const { inflateRawSync } = require('node:zlib');
// tiny-inflate's contract: fill dest (sized by the caller) and return it, or the part written.
module.exports = function inflate(source, dest) {
  const bytes = inflateRawSync(source);
  const n = Math.min(bytes.length, dest.length);
  dest.set(bytes.subarray(0, n));
  return n < dest.length ? dest.subarray(0, n) : dest;
};`,
  'brotli/decompress.js': `module.exports = function decompress(buffer, outSize) { return require('brotli/decompress.js')(buffer, outSize); };`,
  '@noble/ciphers/aes': `let aes;
const real = () => (aes ??= require('@noble/ciphers/aes'));
module.exports = { cbc: (...args) => real().cbc(...args), ecb: (...args) => real().ecb(...args) };`,
};
const swapped = new RegExp(
  `^(${Object.keys(SWAPS)
    .map((k) => k.replace(/[./]/g, '\\$&'))
    .join('|')})$`,
);

mkdirSync(out, { recursive: true });
await build({
  stdin: { contents: "module.exports = require('pdfkit');", resolveDir: root, loader: 'js' },
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  outfile: join(out, 'pdfkit.cjs'),
  legalComments: 'eof',
  logLevel: 'warning',
  plugins: [
    {
      name: 'swap',
      setup(b) {
        // From inside a swap the name means the real package: leave it to node at run time.
        b.onResolve({ filter: swapped }, (a) => (a.namespace === 'swap' ? { path: a.path, external: true } : { path: a.path, namespace: 'swap' }));
        b.onLoad({ filter: /.*/, namespace: 'swap' }, (a) => ({ contents: SWAPS[a.path], resolveDir: root, loader: 'js' }));
      },
    },
  ],
});
cpSync(join(dirname(require.resolve('pdfkit')), 'data'), join(out, 'data'), { recursive: true });
// The two loaded on first use must be reachable from the bundle's place: fail the build now, not a WOFF2 font later.
const fromBundle = createRequire(join(out, 'pdfkit.cjs'));
for (const name of ['brotli/decompress.js', '@noble/ciphers/aes']) fromBundle.resolve(name);
