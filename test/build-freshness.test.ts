/**
 * The guard of the tests that run the built program (test/support/build.ts): a source newer than
 * its build, or a build missing, is named; a build made after its sources passes.
 */
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { staleBuild } from './support/build.js';

const root = mkdtempSync(join(tmpdir(), 'albero-build-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Writes `path` under the root, dated `at` seconds after the epoch. */
function file(path: string, at: number): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), '');
  utimesSync(join(root, path), at, at);
}

describe('staleBuild', () => {
  it('passes a program built after its sources, tests and test cases aside', () => {
    file('src/core/a.ts', 100);
    file('src/core/a.test.ts', 900);
    file('src/store/store.case.ts', 900);
    file('dist/core/a.js', 200);
    expect(staleBuild(root, 'program')).toBeNull();
  });

  it("names the command line's bundle missing, or older than the compiled modules it was made from", () => {
    const at = mkdtempSync(join(tmpdir(), 'albero-bundle-'));
    try {
      const put = (path: string, time: number): void => {
        mkdirSync(dirname(join(at, path)), { recursive: true });
        writeFileSync(join(at, path), '');
        utimesSync(join(at, path), time, time);
      };
      put('src/cli/main.ts', 100);
      put('dist/cli/main.js', 200);
      expect(staleBuild(at, 'program')).toBe('dist/cli/albero.js is missing: run npm run build (npm test does)');
      put('dist/cli/albero.js', 150);
      expect(staleBuild(at, 'program')).toBe('dist/cli/albero.js is older than dist/cli/main.js: run npm run build (npm test does)');
      put('dist/cli/albero.js', 250);
      expect(staleBuild(at, 'program')).toBeNull();
    } finally {
      rmSync(at, { recursive: true, force: true });
    }
  });

  it('names the source changed after its build, and a build missing', () => {
    file('src/core/a.ts', 300);
    expect(staleBuild(root, 'program')).toBe('src/core/a.ts changed after dist/core/a.js was built: run npm run build (npm test does)');
    file('dist/core/a.js', 400);
    file('src/cli/b.ts', 100);
    expect(staleBuild(root, 'program')).toBe('dist/cli/b.js is missing: run npm run build (npm test does)');
  });

  it("judges the web app by web/dist/index.html against the web's sources and the src/ folders it bundles", () => {
    expect(staleBuild(root, 'web')).toBe('web/dist/index.html is missing: run npm run build (npm test does)');
    file('web/index.html', 100);
    file('web/src/App.tsx', 100);
    file('web/src/ui/format.test.ts', 900);
    file('web/dist/index.html', 500);
    // The server is not in the bundle: a change there leaves the web build as it is.
    file('src/server/main.ts', 900);
    expect(staleBuild(root, 'web')).toBeNull();
    file('src/messages/start.ts', 600);
    expect(staleBuild(root, 'web')).toBe('src/messages/start.ts changed after web/dist/index.html was built: run npm run build (npm test does)');
  });
});
