/**
 * Titles and names inside a message are quoted as the rest of the words quote them: «…» in Italian,
 * “…” in English (the duplicate-evidence message's way), never straight quotes.
 */
import { describe, expect, it } from 'vitest';
import { renderMessage } from './index.js';

const both = (say: (l: 'it' | 'en') => string | undefined) => ({ it: say('it'), en: say('en') });

describe('names and titles in messages are quoted «» in Italian and “” in English', () => {
  it('the duplicate unit name and plan of a year', () => {
    expect(both((l) => renderMessage('duplicate', { what: 'unit-name', id: 'Area Lingue', label: 'LG1' }, l))).toEqual({
      it: 'esiste già una struttura chiamata «Area Lingue» (LG1)',
      en: 'a unit named “Area Lingue” already exists (LG1)',
    });
    expect(both((l) => renderMessage('duplicate', { what: 'plan-year', id: '2025', label: 'Piano 2025' }, l))).toEqual({
      it: 'esiste già un piano 2025 intitolato «Piano 2025»',
      en: 'there is already a 2025 plan titled “Piano 2025”',
    });
  });

  it("a plan made at the same moment, a unit the registry does not hold, a unit without the plan's objectives", () => {
    const meanwhile = both((l) => renderMessage('conflict', { constraint: 'unique', subject: 'plan-title', year: 2025, title: 'Piano 2025' }, l));
    expect(meanwhile.it).toContain('il piano 2025 «Piano 2025»: nulla');
    expect(meanwhile.en).toContain('the 2025 plan “Piano 2025” at the same moment');
    expect(both((l) => renderMessage('invalid-field', { field: 'unit', problem: 'unknown-unit', value: 'Ufficio Estero' }, l))).toEqual({
      it: "unit: non c'è una struttura «Ufficio Estero» nel registro (aggiungerla prima in Strutture)",
      en: 'unit: there is no unit “Ufficio Estero” in the registry (add it under Strutture first)',
    });
    expect(both((l) => renderMessage('unit-without-objectives', { unit: 'Ufficio Estero' }, l))).toEqual({
      it: 'nessun obiettivo del piano è della struttura «Ufficio Estero»',
      en: 'no objective of the plan belongs to the unit “Ufficio Estero”',
    });
  });

  it("the campaign's refused files and the names it suggests", () => {
    const mismatch = both((l) => renderMessage('evidence-name-mismatch', { name: 'x.docx', format: 'pdf', extension: 'docx', suggested: ['x.pdf', 'x.docx.pdf'] }, l));
    expect(mismatch.it).toMatch(/^Il file «x\.docx» è .* rinominalo «x\.pdf» o «x\.docx\.pdf» e caricalo di nuovo/);
    expect(mismatch.en).toMatch(/^The file “x\.docx” is .* rename it “x\.pdf” or “x\.docx\.pdf” and upload it again/);
    const unsupported = both((l) => renderMessage('unsupported-file-type', { name: 'a.exe', reason: 'executable' }, l));
    expect(unsupported.it).toMatch(/^Il file «a\.exe» non è un PDF/);
    expect(unsupported.en).toMatch(/^The file “a\.exe” is not a PDF/);
  });

  it("the reminders' plan, period and unit, the command line's written plan and sheets", () => {
    const body = renderMessage(
      'reminder-body',
      { name: 'Mario', stage: 'head', count: 2, deadline: '15/10/2024', period: '30/09/2024', plan: 'Piano 2024', unit: 'Ufficio Estero', lines: [], link: null },
      'en',
    );
    expect(body).toContain('in the unit “Ufficio Estero”, which you head, 2 values of the period “30/09/2024” of the plan “Piano 2024”');
    expect(body).toContain('under “My measurements”');
    const wrote = both((l) => renderMessage('cli-wrote-next-year', { file: 'p.xlsx', title: 'Piano 2025', areas: 1, objectives: 2, indicators: 3, baselines: 0, fromYear: 2024 }, l));
    expect(wrote.it).toMatch(/^scritto p\.xlsx: «Piano 2025»,/);
    expect(wrote.en).toMatch(/^wrote p\.xlsx: “Piano 2025”,/);
    expect(renderMessage('cli-wrote-template', { file: 't.xlsx' }, 'en')).toContain('the sheet “Albero” (see “Guida”)');
  });

  it('codes and values typed in a table or a plan document, and the commands they name', () => {
    expect(both((l) => renderMessage('table-long-code', { code: 'A.1.Obiettivo-molto-lungo-oltre-quaranta-caratteri', length: 48 }, l))).toEqual({
      it: expect.stringMatching(/^il codice «A\.1\.Obiettivo-molto-lungo-oltre-quaranta-caratteri» ha 48 caratteri,/),
      en: expect.stringMatching(/^the code “A\.1\.Obiettivo-molto-lungo-oltre-quaranta-caratteri” has 48 characters,/),
    });
    expect(both((l) => renderMessage('json-long-code', { code: 'X'.repeat(41), length: 41 }, l))).toEqual({
      it: expect.stringMatching(new RegExp(`^il codice «${'X'.repeat(41)}» ha 41 caratteri,`)),
      en: expect.stringMatching(new RegExp(`^the code “${'X'.repeat(41)}” has 41 characters,`)),
    });
    const code = both((l) => renderMessage('json-invalid-code', { code: 'A 1' }, l));
    expect(code.it).toMatch(/^«A 1» non è un codice come A, A\.1 o A\.1\.1: una lettera o una cifra, poi lettere, cifre, «\.», «_» o «-»,/);
    expect(code.en).toMatch(/^“A 1” is not a code such as A, A\.1 or A\.1\.1: a letter or a digit, then letters, digits, “\.”, “_” or “-”,/);
    const id = both((l) => renderMessage('json-invalid-id', { id: 'A.1 1', code: 'A.1' }, l));
    expect(id.it).toMatch(/^«A\.1 1» \(indicatore dell'obiettivo A\.1\) .* «\.», «_», «-» o «:»;/);
    expect(id.en).toMatch(/^“A\.1 1” \(an indicator of the objective A\.1\) .* “\.”, “_”, “-” or “:”;/);
    const notPlan = both((l) => renderMessage('json-not-plan', { field: 'objectives' }, l));
    expect(notPlan.it).toContain('come lo scrive «albero import --output»: objectives manca');
    expect(notPlan.en).toContain('as “albero import --output” writes it: objectives is missing');
    expect(notPlan.en).toContain('a document of “albero evaluate --json” lacks');
    // None of them writes a straight quote, nor the other language's.
    for (const [c, params] of [
      ['table-long-code', { code: 'X', length: 41 }],
      ['json-long-code', { code: 'X', length: 41 }],
      ['json-invalid-code', { code: 'X' }],
      ['json-invalid-id', { id: 'X', code: 'A' }],
      ['json-not-plan', { field: 'f' }],
      ['json-twice', { what: 'objective', code: 'A' }],
      ['json-unreadable', { line: 1, column: 2 }],
    ] as const) {
      const said = both((l) => renderMessage(c, params as never, l));
      expect(said.it, c).not.toMatch(/["“”]/);
      expect(said.en, c).not.toMatch(/["«»]/);
    }
  });
});
