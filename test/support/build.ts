/**
 * Whether the built program is the sources as they are now. Tests that run what `npm run build`
 * makes (the CLI through bin/albero.js, the server through dist/server/main.js, the web app from
 * web/dist) call `assertBuilt` first: a source changed since the build fails them loudly, naming
 * the file, instead of testing the code as it was. `npm test` builds before it runs the tests; a
 * single `npx vitest run FILE` after an edit needs `npm run build` first.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** The files below `dir` (relative to `root`) whose name passes `keep`. */
function filesBelow(root: string, dir: string, keep: (name: string) => boolean): string[] {
  const found: string[] = [];
  const walk = (path: string): void => {
    for (const entry of readdirSync(path, { withFileTypes: true })) {
      const full = join(path, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (keep(entry.name)) found.push(relative(root, full));
    }
  };
  if (existsSync(join(root, dir))) walk(join(root, dir));
  return found;
}

const mtime = (path: string): number | null => {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return null;
  }
};

/** A program source: what tsconfig.build.json compiles (tests and test cases left out). */
const programSource = (name: string): boolean => name.endsWith('.ts') && !name.endsWith('.test.ts') && !name.endsWith('.case.ts') && !name.endsWith('.d.ts');

/**
 * Why the build under `root` is not the sources as they are, or null when it is.
 * `program`: each src/**\/*.ts against its dist/**\/*.js; `web`: web/dist/index.html against every
 * source the web app is bundled from (web/src, web/index.html, and the src/ folders it imports).
 */
export function staleBuild(root: string, what: 'program' | 'web'): string | null {
  if (what === 'program') {
    for (const source of filesBelow(root, 'src', programSource)) {
      const built = join('dist', relative('src', source).replace(/\.ts$/, '.js'));
      const builtAt = mtime(join(root, built));
      if (builtAt === null) return `${built} is missing: run npm run build (npm test does)`;
      if (mtime(join(root, source))! > builtAt) return `${source} changed after ${built} was built: run npm run build (npm test does)`;
    }
    // bin/albero.js runs the CLI's bundle only when it is as new as the build: tests run that bundle.
    const bundle = join('dist', 'cli', 'albero.js');
    const bundledAt = mtime(join(root, bundle));
    const compiledAt = mtime(join(root, 'dist', 'cli', 'main.js'));
    if (compiledAt !== null && (bundledAt === null || bundledAt < compiledAt))
      return `${bundle} is ${bundledAt === null ? 'missing' : 'older than dist/cli/main.js'}: run npm run build (npm test does)`;
    return null;
  }
  const index = join('web', 'dist', 'index.html');
  const builtAt = mtime(join(root, index));
  if (builtAt === null) return `${index} is missing: run npm run build (npm test does)`;
  const sources = [
    ...filesBelow(root, join('web', 'src'), (name) => !/\.test\.tsx?$/.test(name)),
    join('web', 'index.html'),
    ...['contract', 'core', 'io', 'messages'].flatMap((dir) => filesBelow(root, join('src', dir), programSource)),
  ];
  const newer = sources.find((source) => mtime(join(root, source))! > builtAt);
  return newer === undefined ? null : `${newer} changed after ${index} was built: run npm run build (npm test does)`;
}

const checked = new Map<string, string | null>();

/** Throws when the build of `what` is older than its sources (checked once per test process). */
export function assertBuilt(root: string, what: 'program' | 'web'): void {
  const key = `${root}\0${what}`;
  if (!checked.has(key)) checked.set(key, staleBuild(root, what));
  const stale = checked.get(key);
  if (stale !== null && stale !== undefined) throw new Error(`the built ${what === 'program' ? 'program (dist/)' : 'web app (web/dist/)'} is stale: ${stale}`);
}
