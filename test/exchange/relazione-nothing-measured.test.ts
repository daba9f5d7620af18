/**
 * The Relazione of a year with nothing measured yet (next year's plan, just made): it says that no
 * objective is measured, never that "all measured objectives reach the target" — true of none,
 * and read by the office, the OIV and the public as good news.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { albero, FIXTURE } from '../helpers.js';
import { tempDir } from './helpers.js';

const dir = tempDir('albero-relazione-empty-');

describe('albero relazione on a plan with no value', { timeout: 120_000 }, () => {
  it('says no objective is measured yet, in the summary and in §3.4, and claims no target reached', () => {
    const plan = join(dir, 'piano-2025.xlsx');
    expect(albero(['next-year', FIXTURE, '--year', '2025', '--output', plan]).status).toBe(0);
    const out = join(dir, 'relazione-2025.html');
    const run = albero(['relazione', plan, '--output', out]);
    expect(run.status, run.stderr).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(html).not.toContain('Tutti gli obiettivi misurati raggiungono pienamente il target');
    // Not «… misurata. Altri 46 obiettivi non hanno una performance»: there are no others beside measured ones.
    expect(html).toMatch(/Nessun obiettivo ha ancora una performance misurata: gli indicatori dei \d+ obiettivi non sono stati misurati\./);
    expect(html).not.toMatch(/Altri \d+ obiettivi non hanno una performance/);
    // §3.4, objectives not reached: what can be said of a year not measured.
    const shortfalls = html.slice(html.indexOf('3.4 Obiettivi non raggiunti'));
    expect(shortfalls).toMatch(/^3\.4 Obiettivi non raggiunti[^]*?<p>Nessun obiettivo è ancora misurato: non si può dire quali raggiungano il target\.<\/p>/);
  });

  it('a measured year still counts its objectives short of the target', () => {
    const out = join(dir, 'relazione-2024.html');
    expect(albero(['relazione', FIXTURE, '--output', out]).status).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(html).toMatch(/\d+ obiettivi non raggiungono pienamente il target: \d+ in fascia rossa/);
    expect(html).not.toContain('Nessun obiettivo è ancora misurato');
  });
});
