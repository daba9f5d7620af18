/**
 * Bundles what the command line loads at start (dist/cli/main.js and everything it imports
 * statically: the commands, core, the table readers, the messages) into one file,
 * dist/cli/albero.js, which bin/albero.js runs when it is as new as the build.
 *
 * Why (issue 15 §1): node's ES module loader resolves, reads and compiles each of the ≈100 files a
 * command needs one by one; as one module the same code starts ≈30 ms sooner (≈0.16 → 0.13 s of
 * CPU for `albero evaluate` of the fixture, against 0.06 s for `node -e 0`).
 *
 * What stays outside, loaded when a command needs it, as before:
 * - the packages (commander, decimal.js, exceljs, …): imported from node_modules, one copy each;
 * - every `import()` of a module of ours (the server, the store, the report writers, the workbook
 *   reader): kept as an import of its file in dist/, the path rewritten from the bundle's folder.
 *   Such a module loads its own copy of what it shares with the bundle (core, messages): neither
 *   keeps state another needs, and decimal.js is one package for both.
 * The bundle sits where dist/cli/shared.js does (two folders below the project), so the paths
 * the bundled modules make from `import.meta.url` hold (`DEFAULT_DATABASE`); the others' modules
 * that do so (server/main.js, io/report/pdfkit.js) are not in it.
 *
 *   node scripts/bundle-cli.mjs     (run by `npm run build`, after tsc)
 */
import { build } from 'esbuild';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const cli = resolve(root, 'dist', 'cli');

/** `import('../../server/main.js')` of a bundled module: left an import, of the same file seen from the bundle. */
const lazyModulesOutside = {
  name: 'lazy-modules-outside',
  setup(on) {
    on.onResolve({ filter: /^\./, namespace: 'file' }, (args) => {
      if (args.kind !== 'dynamic-import') return undefined;
      const target = relative(cli, resolve(dirname(args.importer), args.path))
        .split('\\')
        .join('/');
      return { path: target.startsWith('.') ? target : `./${target}`, external: true };
    });
  },
};

await build({
  entryPoints: [resolve(cli, 'main.js')],
  outfile: resolve(cli, 'albero.js'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  // Function and class names as written (esbuild renames clashing top-level names otherwise).
  keepNames: true,
  plugins: [lazyModulesOutside],
  logLevel: 'warning',
  legalComments: 'none',
});
