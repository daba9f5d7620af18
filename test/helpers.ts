/** Shared by tests: the fixture and a way to run the built CLI as a user would. */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { assertBuilt } from './support/build.js';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const FIXTURE = fileURLToPath(new URL('../fixtures/albero-performance-2024.txt', import.meta.url));

export function fixtureText(): string {
  return readFileSync(FIXTURE, 'utf8');
}

export interface CliRun {
  status: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs `albero …` through its bin script (the compiled CLI), as `npx albero` would. The CLI speaks
 * its locale's language: tests run it in an English locale unless they give another (`locale`).
 * `user`: run as that system account (a test run as root sees a folder without permission as another user would).
 */
export function albero(args: readonly string[], options: { cwd?: string; input?: string; locale?: string; env?: Record<string, string>; user?: { uid: number; gid: number } } = {}): CliRun {
  assertBuilt(ROOT, 'program');
  const result = spawnSync(process.execPath, [`${ROOT}bin/albero.js`, ...args], {
    cwd: options.cwd ?? ROOT,
    input: options.input,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', LC_ALL: options.locale ?? 'C.UTF-8', ...options.env },
    maxBuffer: 256 * 1024 * 1024,
    ...(options.user === undefined ? {} : { uid: options.user.uid, gid: options.user.gid }),
  });
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}
