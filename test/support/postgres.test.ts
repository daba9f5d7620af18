/**
 * The throwaway clusters of postgres.ts die with the process that started them: a test run killed
 * (SIGKILL, no afterAll) leaves no postgres process and no folder behind.
 */
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers.js';

/**
 * The owners' temporary folder, their own: another test file's startPostgres sweeps the shared one
 * for clusters whose owner is dead, and would stop this file's killed owner's cluster before the
 * test looks at it. Open to the postgres user, who runs the cluster inside it.
 */
const TMP = mkdtempSync(join(tmpdir(), 'albero-pgtest-'));
chmodSync(TMP, 0o755);
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

/** Runs postgres-owner.ts on the throwaway cluster (not a DATABASE_URL); resolves once it has started one (`hold`) or ended (`once`). */
function owner(mode: 'hold' | 'once'): Promise<number> {
  const env: NodeJS.ProcessEnv = { ...process.env, TMPDIR: TMP };
  delete env.DATABASE_URL;
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'test', 'support', 'postgres-owner.ts'), mode], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    if (mode === 'hold') child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && resolve(child.pid!));
    else child.stdout.resume();
    child.on('exit', (code) => (mode === 'once' && code === 0 ? resolve(child.pid!) : reject(new Error(`postgres-owner ${mode} ended with ${code}`))));
  });
}

/** The cluster folder whose `owner` file names `pid`. */
function clusterOf(pid: number): string {
  const dirs = readdirSync(TMP)
    .filter((e) => e.startsWith('albero-pg-'))
    .map((e) => join(TMP, e))
    .filter((d) => existsSync(join(d, 'owner')) && readFileSync(join(d, 'owner'), 'utf8') === String(pid));
  expect(dirs).toHaveLength(1);
  return dirs[0]!;
}

const pidIn = (file: string): number => Number(readFileSync(file, 'utf8').split('\n')[0]);

/** Whether the process runs (a zombie waiting for a reaper does not). */
function running(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

describe('a throwaway cluster whose owner is killed', { timeout: 120_000 }, () => {
  it('is stopped and removed by its watchdog', async () => {
    const pid = await owner('hold');
    const dir = clusterOf(pid);
    const postmaster = pidIn(join(dir, 'data', 'postmaster.pid'));
    expect(running(postmaster)).toBe(true);
    process.kill(pid, 'SIGKILL');
    await expect.poll(() => ({ postmaster: running(postmaster), folder: existsSync(dir) })).toEqual({ postmaster: false, folder: false });
  });

  it('is swept by the next start when its watchdog was killed too', async () => {
    const pid = await owner('hold');
    const dir = clusterOf(pid);
    const postmaster = pidIn(join(dir, 'data', 'postmaster.pid'));
    process.kill(pidIn(join(dir, 'watchdog')), 'SIGKILL');
    process.kill(pid, 'SIGKILL');
    await expect.poll(() => running(pid)).toBe(false);
    expect(running(postmaster)).toBe(true);
    await owner('once');
    expect({ postmaster: running(postmaster), folder: existsSync(dir) }).toEqual({ postmaster: false, folder: false });
  });
});
