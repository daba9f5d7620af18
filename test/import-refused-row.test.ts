/**
 * A refused indicator row is said at its cell, and only there: the weights of its objective,
 * summed without it, are not said to add up to 70% and be "re-normalised" (before, every refused
 * row brought that warning too, sending the office to correct weights that were right). In a
 * published table (CSV) and in a workbook (the template next-year writes), in both languages.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from './exchange/helpers.js';
import { albero, FIXTURE } from './helpers.js';
import { nextYearRow } from './support/next-year-row.js';

const dir = tempDir('albero-refused-row-');
const IT = { locale: 'it_IT.UTF-8' };

describe('an indicator row refused', { timeout: 120_000 }, () => {
  it('in a CSV table: the error at its line, no warning on its objective’s weights', () => {
    const lines = readFileSync(FIXTURE, 'utf8').split('\n');
    const at = lines.findIndex((l) => l.startsWith('\tAziende coinvolte nei percorsi'));
    lines[at] = lines[at]!.replace('\t10\t12\t', '\t10\t1,2,3\t');
    const csv = join(dir, 'piano.csv');
    writeFileSync(csv, lines.map((l) => l.replace(/\t/g, ';')).join('\n'));
    const it = albero(['import', csv, '--check'], IT);
    expect(it.status).toBe(2);
    expect(it.stderr).toContain(`piano.csv:${at + 1} colonna Consuntivo: errore: Consuntivo: «1,2,3» non è un numero`);
    expect(it.stderr).not.toContain('weights-not-100');
    const en = albero(['import', csv, '--check']);
    expect(en.status).toBe(2);
    expect(en.stderr).not.toMatch(/A\.1\.1.*add up to 70%/);
    // A sum that is wrong in the file is still said.
    lines[at] = lines[at]!.replace('30% >=', '40% >=').replace('\t10\t1,2,3\t', '\t10\t12\t');
    writeFileSync(csv, lines.map((l) => l.replace(/\t/g, ';')).join('\n'));
    expect(albero(['import', csv, '--check']).stderr).toContain("warning: the weights of A.1.1's indicators add up to 110%, not 100%");
  });

  it('in a workbook: the error at its cell, no warning on its objective’s weights', async () => {
    const row = await nextYearRow(dir, 'A.1.1:2', 'piano-2025.xlsx', 'piano-rotto.xlsx');
    row.cell('Target').value = '1,234.5';
    await row.save();
    const bad = row.file;
    const it = albero(['import', bad, '--check'], IT);
    expect(it.status).toBe(2);
    expect(it.stderr).toContain(`${row.address('Target')}: errore: Target: «1,234.5» non è un numero`);
    expect(it.stderr).not.toContain('weights-not-100');
    expect(it.stderr).toContain('1 errore, 0 avvisi');
  });
});
