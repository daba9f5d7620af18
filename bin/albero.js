#!/usr/bin/env node
// Runs the compiled CLI (built by `npm install` through the `prepare` script, or `npm run build`):
// its one-file bundle (scripts/bundle-cli.mjs), which starts sooner, when it was made from this
// build; else the compiled modules (a `tsc` run alone leaves the bundle behind them).
import { statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const main = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));
const bundle = fileURLToPath(new URL('../dist/cli/albero.js', import.meta.url));
const builtAt = (file) => statSync(file, { throwIfNoEntry: false })?.mtimeMs;
const compiled = builtAt(main);
if (compiled === undefined) {
  process.stderr.write('albero: not built yet; run `npm install` (or `npm run build`) in the project folder\n');
  process.exit(70);
}
await import((builtAt(bundle) ?? -1) >= compiled ? bundle : main);
