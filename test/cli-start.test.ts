/**
 * The command line starts in about twice the time of a bare `node` (bench/cli.ts) because the
 * heavy libraries are loaded by the commands that use them, not by every start. This test walks
 * the static imports reachable from src/cli/main.ts and keeps it so: a static import of exceljs,
 * pdfkit, the store or the server from a command's module would put them back into every start.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { FIXTURE, ROOT } from './helpers.js';
import { assertBuilt } from './support/build.js';

/** Static, value-level imports and re-exports of a file (`import type` and `import()` do not load at start). */
function staticImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs: string[] = [];
  for (const m of text.matchAll(/(?:^|\n)\s*(import|export)\s+(type\s+)?([^'";]*?)\s*from\s+['"]([^'"]+)['"]/g)) {
    if (m[2] !== undefined) continue; // import type … / export type …
    const clause = m[3]!.trim();
    // `import { type A, type B } from` loads nothing either.
    if (
      /^\{[^}]*\}$/.test(clause) &&
      clause
        .slice(1, -1)
        .split(',')
        .every((part) => part.trim() === '' || /^type\s/.test(part.trim()))
    )
      continue;
    specs.push(m[4]!);
  }
  for (const m of text.matchAll(/(?:^|\n)\s*import\s+['"]([^'"]+)['"]/g)) specs.push(m[1]!);
  return specs;
}

function resolveSource(from: string, spec: string): string | null {
  const base = join(dirname(from), spec);
  for (const candidate of [base.replace(/\.js$/, '.ts'), base.replace(/\.js$/, '.tsx'), join(base, 'index.ts')]) if (existsSync(candidate)) return candidate;
  return null;
}

/** The packages and source files loaded when `albero` starts, before any command runs. */
function loadedAtStart(entry: string): { packages: Set<string>; files: Set<string> } {
  const packages = new Set<string>();
  const files = new Set<string>();
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (files.has(file)) continue;
    files.add(file);
    for (const spec of staticImports(file)) {
      if (spec.startsWith('node:')) continue;
      if (!spec.startsWith('.')) {
        packages.add(
          spec
            .split('/')
            .slice(0, spec.startsWith('@') ? 2 : 1)
            .join('/'),
        );
        continue;
      }
      const target = resolveSource(file, spec);
      if (target !== null) queue.push(target);
    }
  }
  return { packages, files };
}

describe('the command line starts light', () => {
  const { packages, files } = loadedAtStart(join(ROOT, 'src', 'cli', 'main.ts'));

  it('loads no heavy library at start (each command loads its own when it runs)', () => {
    const heavy = ['exceljs', 'pdfkit', 'docx', 'better-sqlite3', 'pg', 'hono', '@hono/node-server', '@node-rs/argon2', 'cli-progress', 'nodemailer', 'openid-client', 'papaparse', 'zod'];
    expect([...packages].filter((p) => heavy.includes(p)).sort()).toEqual([]);
  });

  it("loads neither the store nor the server at start (the store's plain types and role names aside)", () => {
    const loaded = [...files].map((f) => relative(join(ROOT, 'src'), f));
    expect(loaded.filter((f) => /^(store|server)\//.test(f) && f !== 'store/types.ts')).toEqual([]);
  });

  it('runs as one bundled file of ours, the packages aside (scripts/bundle-cli.mjs)', () => {
    assertBuilt(ROOT, 'program');
    // A module hook that names every file node loads, as it loads it.
    const hook = `data:text/javascript,${encodeURIComponent("export async function load(url, context, next) { if (url.startsWith('file:')) process.stderr.write('LOADED ' + url + '\\n'); return next(url, context); }")}`;
    const register = `data:text/javascript,${encodeURIComponent(`import { register } from 'node:module'; register(${JSON.stringify(hook)});`)}`;
    const run = spawnSync(process.execPath, ['--import', register, join(ROOT, 'bin', 'albero.js'), 'evaluate', FIXTURE], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(run.status).toBe(0);
    // Node names each file by its real path: a worktree's node_modules may be a link to another
    // checkout's (and the project's folder a link), so both are compared as the links lead.
    const root = realpathSync(ROOT);
    const packages = realpathSync(join(ROOT, 'node_modules'));
    const ours = run.stderr
      .split('\n')
      .filter((line) => line.startsWith('LOADED '))
      .map((line) => fileURLToPath(line.slice('LOADED '.length)))
      .filter((file) => relative(packages, file).startsWith('..'))
      .map((file) => relative(root, file));
    expect(ours).toEqual(['bin/albero.js', 'dist/cli/albero.js']);
  });
});
