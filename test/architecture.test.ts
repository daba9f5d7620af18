/**
 * The layout shows the architecture, and this test keeps it honest: dependencies point inward.
 * core → nothing (no node:*, no packages but decimal.js); contract → zod only; messages → core;
 * io → core, contract; store → core, contract, messages (not io: it does not reach sideways); server → store, io, core, contract; cli → anything below
 * it; web → core and the contract only.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers.js';

function files(dir: string): string[] {
  let out: string[] = [];
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  for (const entry of entries) {
    const path = join(dir, entry);
    if (entry === 'node_modules' || entry === 'dist') continue;
    if (statSync(path).isDirectory()) out = out.concat(files(path));
    else if (/\.(ts|tsx)$/.test(entry)) out.push(path);
  }
  return out;
}

function imports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1] ?? m[2]!);
}

/** The top-level layer a resolved import lands in (`core`, `io`, `server`…), or the package name. */
function layerOf(file: string, spec: string): string {
  if (!spec.startsWith('.'))
    return spec.startsWith('node:')
      ? 'node:'
      : spec
          .split('/')
          .slice(0, spec.startsWith('@') ? 2 : 1)
          .join('/');
  const target = relative(ROOT, join(file, '..', spec));
  const parts = target.split('/');
  return parts[0] === 'src' ? parts[1]! : parts[0]!;
}

const RULES: Record<string, (layer: string) => boolean> = {
  core: (l) => l === 'core' || l === 'decimal.js',
  // The documents and bodies that cross the wire: schemas alone, so the web app reads them as they are.
  contract: (l) => l === 'contract' || l === 'zod',
  // The message catalogue is pure words: the web app imports it as it is.
  messages: (l) => l === 'core' || l === 'messages',
  io: (l) => !['server', 'store', 'cli', 'web'].includes(l),
  store: (l) => !['server', 'cli', 'web', 'io'].includes(l),
  server: (l) => !['cli', 'web'].includes(l),
};

describe('dependencies point inward', () => {
  for (const [layer, allowed] of Object.entries(RULES)) {
    it(`src/${layer} imports only what it may`, () => {
      const bad: string[] = [];
      for (const file of files(join(ROOT, 'src', layer))) {
        if (/\.test\.tsx?$|\.case\.ts$/.test(file)) continue;
        for (const spec of imports(file)) if (!allowed(layerOf(file, spec))) bad.push(`${relative(ROOT, file)} → ${spec}`);
      }
      expect(bad).toEqual([]);
    });
  }

  it('the web app never imports server or store code', () => {
    const bad: string[] = [];
    for (const file of files(join(ROOT, 'web', 'src'))) {
      for (const spec of imports(file)) {
        const layer = layerOf(file, spec);
        if (['server', 'store', 'cli', 'node:'].includes(layer)) bad.push(`${relative(ROOT, file)} → ${spec}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('the light core modules reach no decimal.js, through any import that runs', () => {
    // Their comments promise it: the web app loads them without the engine's arithmetic, and every
    // command loads the terminal's list of controls before it knows what it will need (issue 15 §1).
    const light = ['src/core/band.ts', 'src/core/italian-date.ts', 'src/core/messages/change-kinds.ts', 'src/core/messages/comparison.ts', 'src/io/terminal-controls.ts'];
    const bad: string[] = [];
    for (const start of light) {
      const seen = new Set<string>();
      const walk = (file: string, path: string): void => {
        if (seen.has(file)) return;
        seen.add(file);
        for (const m of readFileSync(join(ROOT, file), 'utf8').matchAll(/(?:^|\n)\s*(import|export)\s(?!type\s)[^'"]*?from\s+['"]([^'"]+)['"]/g)) {
          const spec = m[2]!;
          if (!spec.startsWith('.')) {
            if (spec === 'decimal.js') bad.push(`${path} → decimal.js`);
            continue;
          }
          const next = relative(ROOT, join(ROOT, file, '..', spec.replace(/\.js$/, '.ts')));
          walk(next, `${path} → ${next}`);
        }
      };
      walk(start, start);
    }
    expect(bad).toEqual([]);
  });

  it('no module of src imports itself back through the imports that run (no cycle of modules)', () => {
    // A cycle works only while nothing in it runs at load; the first constant that reads an import
    // across it fails at start-up, in whichever module happens to load first.
    const graph = new Map<string, string[]>();
    for (const file of files(join(ROOT, 'src'))) {
      if (/\.test\.tsx?$|\.case\.ts$/.test(file)) continue;
      const next: string[] = [];
      for (const m of readFileSync(file, 'utf8').matchAll(/(?:^|\n)\s*(?:import|export)\s(?!type\s)[^'"]*?from\s+['"](\.[^'"]+)['"]/g)) {
        const ts = join(file, '..', m[1]!.replace(/\.js$/, '.ts'));
        next.push(existsSync(ts) ? ts : ts.replace(/\.ts$/, '.tsx'));
      }
      graph.set(file, next);
    }
    const cycles: string[] = [];
    const done = new Set<string>();
    const walk = (file: string, path: string[]): void => {
      const at = path.indexOf(file);
      if (at >= 0) {
        cycles.push([...path.slice(at), file].map((f) => relative(ROOT, f)).join(' → '));
        return;
      }
      if (done.has(file)) return;
      for (const next of graph.get(file) ?? []) walk(next, [...path, file]);
      done.add(file);
    };
    for (const file of graph.keys()) walk(file, []);
    expect(cycles).toEqual([]);
  });

  it('no server module but the composition root imports a route (the routes are the HTTP edge, built on the services)', () => {
    // app.ts mounts the route modules (ROUTE_MODULES); every other module of src/server, the
    // appraisal services, the fast path, the entry point included, is what the routes are built on.
    // A type-only import counts too: it ties the service to the edge all the same.
    const mounts = join(ROOT, 'src', 'server', 'app.ts');
    const routes = join(ROOT, 'src', 'server', 'routes');
    const bad: string[] = [];
    for (const file of files(join(ROOT, 'src', 'server'))) {
      if (file === mounts || file.startsWith(routes + '/') || /\.test\.tsx?$|\.case\.ts$/.test(file)) continue;
      for (const spec of imports(file)) if (relative(ROOT, join(file, '..', spec)).startsWith('src/server/routes/')) bad.push(`${relative(ROOT, file)} → ${spec}`);
    }
    expect(bad).toEqual([]);
  });

  it('the engine has no I/O: core files name no node: module and no global I/O', () => {
    for (const file of files(join(ROOT, 'src', 'core'))) {
      if (file.endsWith('.test.ts')) continue;
      const text = readFileSync(file, 'utf8');
      expect(text, relative(ROOT, file)).not.toMatch(/\b(require\(|process\.|fetch\(|console\.)/);
    }
  });
});
