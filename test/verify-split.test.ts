/**
 * `albero verify` on two threads (cli/verify-split.ts) says, byte for byte, what it says on one:
 * the size from which a table is split is lowered for the test (`ALBERO_VERIFY_SPLIT_FROM`), and
 * each table is checked both ways, text, JSON and Italian, stdout, stderr and exit code compared.
 * `ALBERO_VERIFY_SPLIT_TRACE` says which tables were split: the clean ones and those with figures
 * changed on both sides of the cut and above it; a table with a code on both sides of the cut, or a
 * parent missing below it, is read on one thread and said as always.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { syntheticPlan } from '../bench/synthetic.js';
import { evaluatePlan } from '../src/core/index.js';
import { cutTable } from '../src/io/published/cut.js';
import { writePublishedText } from '../src/io/published/write-text.js';
import { albero, FIXTURE } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'albero-verify-split-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// 22 indicators a strategic objective and its five operational ones: every objective whole.
const text = writePublishedText(evaluatePlan(syntheticPlan(22 * 150, 1, true)));
const cut = cutTable(text)!;
const lines = text.split('\n');

/** The table with some of its lines' cells changed: line number (from 1) → cell index → text. */
function changed(edits: Record<number, Record<number, string>>): string {
  return lines
    .map((line, k) => {
      const edit = edits[k + 1];
      if (edit === undefined) return line;
      const cells = line.split('\t');
      for (const [at, value] of Object.entries(edit)) cells[Number(at)] = value;
      return cells.join('\t');
    })
    .join('\n');
}

/** The line of each objective above the cut (a code the row cut at starts with), and of the rows under it. */
const above = lines.flatMap((line, k) => {
  const code = /^([A-Z][A-Z0-9.]*) - /.exec(line)?.[1];
  return code !== undefined && k + 1 < cut.line && cut.code.startsWith(`${code}.`) ? [k + 1] : [];
});
/** The "media ponderata" indicator rows of the objectives above the cut: their actual is their children's mean, children on both sides. */
const derivedAbove = above.map((k) => k + 1).filter((k) => lines[k - 1]!.startsWith('\tMedia ponderata'));

function edits(): Record<number, Record<number, string>> {
  const e: Record<number, Record<number, string>> = {};
  for (const k of above) e[k] = { 6: '12,34%' };
  for (const k of derivedAbove) e[k] = { 4: '1,00%', 5: '2,00%' };
  // Indicator rows on both sides of the cut, near it and far from it.
  for (const k of [20, cut.line - 3, cut.line + 3, lines.length - 20]) {
    const at = lines.slice(k - 1).findIndex((l) => l.startsWith('\tIndicatore')) + k;
    e[at] = { 5: '3,00%' };
  }
  return e;
}

/** A second-half objective row given `code`. */
function renamed(code: string): string {
  const k = lines.findIndex((l, i) => i + 1 > cut.line + 10 && /^[A-Z][A-Z0-9.]* - Operativo/.test(l));
  return changed({ [k + 1]: { 0: `${code} - Operativo rinominato` } });
}

const tables: Record<string, { text: string; split: boolean }> = {
  clean: { text, split: true },
  'figures changed on both sides and above the cut': { text: changed(edits()), split: true },
  'a code of the first half again in the second': { text: renamed(lines.find((l, i) => i > 10 && / - Operativo /.test(l))!.split(' - ')[0]!), split: false },
  'a parent missing in the second half': { text: renamed('Z.9.9'), split: false },
  // Said at its line, as one thread says it: an error in either half sends the table back to one thread.
  'an unreadable actual just after the cut': { text: changed({ [indicatorFrom(cut.line)]: { 4: 'circa 5' } }), split: false },
  'an unreadable weight just before the cut': { text: changed({ [indicatorFrom(cut.line - 12)]: { 2: 'molto' } }), split: false },
};

/** The line of the first indicator row from line `k` on. */
function indicatorFrom(k: number): number {
  return lines.slice(k - 1).findIndex((l) => l.startsWith('\tIndicatore')) + k;
}

function run(file: string, args: string[], env: Record<string, string>): { status: number; stdout: string; stderr: string } {
  return albero(['verify', file, ...args], { env: { ALBERO_VERIFY_SPLIT_TRACE: '1', ...env } });
}

describe('verify on two threads says what one thread says', () => {
  it('cuts the test table below objectives whose children are on both sides', () => {
    expect(above.length).toBeGreaterThanOrEqual(2);
    expect(derivedAbove.length).toBeGreaterThanOrEqual(1);
  });

  for (const [name, table] of Object.entries(tables)) {
    const file = join(dir, `${name.replace(/\W+/g, '-')}.txt`);
    writeFileSync(file, table.text);
    for (const args of [[], ['--json'], ['--lang', 'it'], ['--lang', 'en', '--json']]) {
      it(`${name}: verify ${args.join(' ')}`, () => {
        const one = run(file, args, { ALBERO_VERIFY_SPLIT_FROM: 'Infinity' });
        const two = run(file, args, { ALBERO_VERIFY_SPLIT_FROM: '1000' });
        expect(one.stderr).not.toMatch(/albero verify:/);
        const traced = /^albero verify: .*\n/gm;
        expect(two.stderr.match(traced)?.some((l) => l.startsWith('albero verify: two threads, cut at line')) ?? false).toBe(table.split);
        expect({ ...two, stderr: two.stderr.replace(traced, '') }).toEqual(one);
        if (name !== 'clean' && table.split) expect(one.status).toBe(1);
        if (name.startsWith('an unreadable')) expect(one.stderr).toMatch(new RegExp(`:${name.includes('after') ? indicatorFrom(cut.line) : indicatorFrom(cut.line - 12)}\\b`));
      });
    }
  }

  it('leaves the 88-indicator fixture to one thread, at the usual size and at the lowered one (it has a warning)', () => {
    const usual = albero(['verify', FIXTURE], { env: { ALBERO_VERIFY_SPLIT_TRACE: '1' } });
    const lowered = albero(['verify', FIXTURE], { env: { ALBERO_VERIFY_SPLIT_TRACE: '1', ALBERO_VERIFY_SPLIT_FROM: '1000' } });
    expect(usual.stderr).toMatch(/\[bare-percent-actual\]\n$/);
    expect(usual.stderr).not.toMatch(/albero verify:/);
    expect(lowered.stderr).not.toMatch(/two threads/);
    expect({ ...lowered, stderr: lowered.stderr.replace(/^albero verify: .*\n/gm, '') }).toEqual(usual);
  });
});
