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
 * `fileSizeLimit`: the largest file it may write, in 512-byte blocks (`ulimit -f`, through sh): a
 * disk that fills half-way through a file, for any user. `stdout`: a file descriptor to write its
 * output to (`/dev/full`) instead of a pipe; its `stdout` is then empty.
 */
export function albero(
  args: readonly string[],
  options: { cwd?: string; input?: string; locale?: string; env?: Record<string, string>; user?: { uid: number; gid: number }; fileSizeLimit?: number; stdout?: number } = {},
): CliRun {
  assertBuilt(ROOT, 'program');
  const command = [process.execPath, `${ROOT}bin/albero.js`, ...args];
  const [program, ...rest] = options.fileSizeLimit === undefined ? command : ['sh', '-c', 'ulimit -f "$0" && exec "$@"', String(options.fileSizeLimit), ...command];
  const result = spawnSync(program!, rest, {
    cwd: options.cwd ?? ROOT,
    input: options.input,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', LC_ALL: options.locale ?? 'C.UTF-8', ...options.env },
    maxBuffer: 256 * 1024 * 1024,
    ...(options.user === undefined ? {} : { uid: options.user.uid, gid: options.user.gid }),
    ...(options.stdout === undefined ? {} : { stdio: ['pipe', options.stdout, 'pipe'] }),
  });
  return { status: result.status ?? -1, stdout: result.stdout ?? '', stderr: result.stderr };
}
