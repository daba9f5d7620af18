/**
 * Titles and names inside a message are quoted as the rest of the words quote them: «…» in Italian,
 * “…” in English (the duplicate-evidence message's way), never straight quotes.
 */
import { describe, expect, it } from 'vitest';
import { renderMessage } from './index.js';
import { relazioneRefusal } from './relazione.js';

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
    expect(mismatch.it).toMatch(/^il file «x\.docx» è .* rinominalo «x\.pdf» o «x\.docx\.pdf» e caricalo di nuovo/);
    expect(mismatch.en).toMatch(/^the file “x\.docx” is .* rename it “x\.pdf” or “x\.docx\.pdf” and upload it again/);
    const unsupported = both((l) => renderMessage('unsupported-file-type', { name: 'a.exe', reason: 'executable' }, l));
    expect(unsupported.it).toMatch(/^il file «a\.exe» non è un PDF/);
    expect(unsupported.en).toMatch(/^the file “a\.exe” is not a PDF/);
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
      ['json-not-json', { table: 'csv' }],
      ['utf16-without-bom', { order: 'le' }],
      ['date-serials', { target: '45565', targetDate: '30/09/2024', actual: '45562', actualDate: '27/09/2024' }],
      ['json-twice', { what: 'objective', code: 'A' }],
      ['json-unreadable', { line: 1, column: 2 }],
      ['json-not-evaluation', { field: 'f' }],
      ['json-not-tree', { field: 'f' }],
      ['json-open-data-lacks', { indicator: 'X', what: 'rule', rule: 'bands' }],
      ['json-open-data-lacks', { indicator: 'X', what: 'formula' }],
      ['json-open-data-lacks', { indicator: 'X', what: 'mean', actual: '90', mean: '100' }],
      ['json-open-data-lacks', { indicator: 'X', what: 'tolerance' }],
    ] as const) {
      const said = both((l) => renderMessage(c, params as never, l));
      expect(said.it, c).not.toMatch(/["“”]/);
      expect(said.en, c).not.toMatch(/["«»]/);
    }
  });

  it("an import's indicator and Referente, the unit code the API and the registry refuse, the command line's unknown objective", () => {
    expect(both((l) => renderMessage('indicator-before-objective', { indicator: 'Pratiche evase' }, l))).toEqual({
      it: "l'indicatore «Pratiche evase» viene prima di qualsiasi obiettivo",
      en: 'the indicator “Pratiche evase” comes before any objective',
    });
    const person = both((l) => renderMessage('assigned-person-cannot-enter', { person: 'oiv', account: 'oiv (oiv)', role: 'oiv', active: true }, l));
    expect(person.it).toMatch(/^Referente «oiv»: l'account oiv \(oiv\) ha il ruolo /);
    expect(person.en).toMatch(/^Referente “oiv”: the account oiv \(oiv\) has the role /);
    expect(both((l) => renderMessage('invalid', { field: 'code', reason: 'unit-code', code: 'U 1' }, l))).toEqual({
      it: expect.stringContaining('il codice «U 1» non è valido'),
      en: expect.stringContaining('the code “U 1” is not valid'),
    });
    expect(both((l) => renderMessage('invalid-row', { row: 3, field: 'codice', reason: 'bad-code', value: 'U 1' }, l))).toEqual({
      it: 'riga 3, codice: il codice «U 1» non è valido: lettere, cifre, punti, trattini, barre (fino a 40)',
      en: 'row 3, codice: the code “U 1” is not valid: letters, digits, dots, dashes, slashes (up to 40)',
    });
    expect(both((l) => renderMessage('cli-unknown-objective', { file: 'p.txt', code: 'Z.9', known: ['A', 'A.1'], more: false }, l))).toEqual({
      it: 'p.txt: nessun obiettivo con il codice «Z.9» (i codici sono A, A.1)',
      en: 'p.txt: no objective with the code “Z.9” (the codes are A, A.1)',
    });
  });

  it("a cell's text inside an import's words, a long one cut with its length in the reader's language", () => {
    const mismatch = both((l) => renderMessage('kind-mismatch', { actual: '30/09/2024', actualKind: 'date', target: '10', targetKind: 'number' }, l));
    expect(mismatch.it).toMatch(/^il Consuntivo «30\/09\/2024» è una data ma il Target «10» è un numero/);
    expect(mismatch.en).toMatch(/^the Consuntivo “30\/09\/2024” is a date but the Target “10” is a number/);
    const long = both((l) => renderMessage('number-out-of-range', { column: 'Target', text: `${'9'.repeat(40)}…`, length: 100, reason: 'overlong' }, l));
    expect(long.it).toContain(`Target: «${'9'.repeat(40)}…» (100 caratteri) — troppe cifre`);
    expect(long.en).toContain(`Target: “${'9'.repeat(40)}…” (100 characters): too many digits`);
    const issue = both((l) => renderMessage('formula-input', { indicator: 'A.1:1', missing: ['x'] }, l));
    expect(issue).toEqual({ it: '«A.1:1»: manca la misura di base x', en: '“A.1:1”: the base measure x is missing' });
  });

  it('no message of these catalogues writes a straight quote around a name or a value, nor the other language’s quotes', () => {
    for (const [c, params] of [
      ['indicator-before-objective', { indicator: 'X' }],
      ['unknown-assigned-person', { person: 'X', closest: [] }],
      ['unknown-assigned-unit', { unit: 'X', known: [], more: 0 }],
      ['unknown-kind', { kind: 'X' }],
      ['unknown-state', { state: 'X' }],
      ['actual-with-state', { actual: '1', state: 'N.V.' }],
      ['unparsable-weight', { text: 'X' }],
      ['missing-comparator', { weight: '50%' }],
      ['band-gap', { from: '1', to: '2', after: 'A', before: 'B' }],
      ['smvp-sheet-missing', { sheet: 'X' }],
      ['cli-unknown-objective', { file: 'f', code: 'X', known: [], more: false }],
      ['cli-site-bad-act', { value: 'X' }],
      ['missing-actual', { template: true }],
      ['missing-evidence-file', {}],
    ] as const) {
      const said = both((l) => renderMessage(c, params as never, l, ''));
      expect(said.it, c).not.toBe('');
      expect(said.it, c).not.toMatch(/["“”]/);
      expect(said.en, c).not.toMatch(/["«»]/);
    }
  });

  it('the year an import was given, the date of a period', () => {
    expect(both((l) => renderMessage('invalid-field', { field: 'year', problem: 'year', value: '20 24' }, l))).toEqual({
      it: 'year: un anno come 2024, non «20 24»',
      en: 'year: a year such as 2024, not “20 24”',
    });
    // Asked for in an address or a query, the year stays unquoted: nothing typed to name.
    expect(renderMessage('invalid-query', { field: 'year', problem: 'year' }, 'en')).toBe('year: a year such as 2024');
    expect(both((l) => renderMessage('invalid', { field: 'endsOn', reason: 'date', date: '2024-02-30' }, l))).toEqual({
      it: '«2024-02-30» non è una data scritta AAAA-MM-GG',
      en: '“2024-02-30” is not a date written YYYY-MM-DD',
    });
  });

  it("the OIV's checkpoint in the Relazione's refusals", () => {
    expect(both((l) => relazioneRefusal({ relazione: 'checklist-failed', label: 'Attendibilità dei dati' }, l))).toEqual({
      it: expect.stringMatching(/^il punto di verifica «Attendibilità dei dati» ha esito negativo/),
      en: expect.stringMatching(/^the checkpoint “Attendibilità dei dati” was answered “no”: /),
    });
  });
});
