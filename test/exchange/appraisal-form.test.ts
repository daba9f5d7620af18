/**
 * The appraisal form to sign, in the language asked: its numbers (weights, targets, actuals,
 * scores, points, the band's coefficient) and yes/no values written the reader's way, read back as
 * a reader gets them (the PDF through poppler's pdftotext, the DOCX's document.xml text). Italian
 * keeps `1.587,10` and `92,50%`; English writes `1,587.10` and `92.50%`.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderForm, type FormSheet } from '../../src/io/appraisal/form-document.js';
import { unpackZip } from '../../src/io/xlsx/zip.js';
import { pdfText as popplerText } from '../support/files.js';
import { convertWithLibreOffice } from '../support/libreoffice.js';
import { tempDir } from './helpers.js';

/** What a reader reads: a no-break space (between a comparator and its target) is a space. */
const pdfText = (bytes: Uint8Array): string => popplerText(bytes).replace(/\u00a0/g, ' ');

const SHEET: FormSheet = {
  organisation: 'Comune di Prova',
  year: 2024,
  categoryLabel: 'Dirigente',
  stateLabel: 'Definitiva',
  person: { displayName: 'Anna Rossi', username: 'arossi' },
  evaluator: { displayName: 'Bruno Bianchi', username: 'bbianchi' },
  objectives: [
    { id: 'o1', title: 'Pratiche evase', weight: 60, comparator: '>=', target: 1500, actual: 1587.1, state: 'measured', reason: null },
    { id: 'o2', title: 'Sportello aperto', weight: 40, comparator: '=', target: true, actual: false, state: 'measured', reason: null },
  ],
  behaviours: [{ code: 'C1', title: 'Collaborazione', weight: 100 }],
  record: { interview: null, evaluation: { at: '2025-01-20T10:00:00Z', by: 'bbianchi' }, acceptance: null, contest: null, conciliation: null, finalisedAt: null },
  result: {
    score: 92.5,
    band: { label: 'Alta', share: 100 },
    components: [{ label: 'Obiettivi', weight: 70, score: 95.25, points: 66.675 }],
    objectives: [
      { id: 'o1', score: 100, counted: true },
      { id: 'o2', score: 0, counted: true },
    ],
    behaviours: [{ code: 'C1', rating: 4, label: 'Buono', score: 87.5 }],
    units: [{ unit: 'Ragioneria', from: '2024-01-01', to: '2024-12-31', days: 366, effectiveDays: 1234.5, score: 91.125 }],
    steps: [],
    frozen: true,
    org: null,
  },
};

/** The DOCX's body text, its runs joined with spaces (the zip read by the workbook reader's own unpacker). */
function docxText(bytes: Buffer): string {
  const parts = unpackZip(bytes, { inflatedBytes: 64 * 1024 * 1024, entries: 100 });
  if (!(parts instanceof Map)) throw new Error(`the DOCX does not unpack: ${JSON.stringify(parts)}`);
  const xml = new TextDecoder().decode(parts.get('word/document.xml'));
  return xml
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&gt;/g, '>')
    .replace(/&apos;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/\u00a0/g, ' ');
}

const dir = tempDir('albero-form-');

/** The DOCX as LibreOffice lays it out, converted to PDF: its file. */
function libreOfficePdf(bytes: Uint8Array, name: string): string {
  writeFileSync(join(dir, `${name}.docx`), bytes);
  return convertWithLibreOffice(join(dir, `${name}.docx`), 'pdf', join(dir, 'converted'));
}

/** The DOCX as LibreOffice lays it out, read back by poppler. */
function libreOfficeText(bytes: Uint8Array, name: string): string {
  return execFileSync('pdftotext', ['-layout', libreOfficePdf(bytes, name), '-'], { encoding: 'utf8' }).replace(/\u00a0/g, ' ');
}

describe('the appraisal form document', () => {
  it('writes numbers and yes/no the English way in English', async () => {
    for (const text of [pdfText(await renderForm(SHEET, 'pdf', 'en')), docxText(await renderForm(SHEET, 'docx', 'en'))]) {
      expect(text).toContain('1,587.10');
      expect(text).toContain('>= 1,500');
      expect(text).toContain('1,234.50');
      expect(text).toContain('91.13%');
      expect(text).toContain('66.68');
      expect(text).toContain('Final score: 92.50%');
      expect(text).toContain('bonus coefficient 100.00%');
      expect(text.replace(/\s+/g, ' ')).toContain('Sportello aperto 40% yes no');
      expect(text).not.toContain('= yes');
      expect(text).not.toMatch(/\d,\d\d(?!\d)/); // no Italian decimal comma
      expect(text).not.toContain('sì');
    }
  });

  it('says an objective not evaluable N.E. in English and N.V. in Italian, with its reason', async () => {
    const sheet: FormSheet = { ...SHEET, objectives: [SHEET.objectives[0]!, { ...SHEET.objectives[1]!, actual: null, state: 'not_evaluable', reason: 'sportello chiuso per lavori' }] };
    for (const [lang, mark, other] of [
      ['en', 'N.E.: sportello chiuso per lavori', 'N.V.'],
      ['it', 'N.V.: sportello chiuso per lavori', 'N.E.'],
    ] as const)
      for (const text of [pdfText(await renderForm(sheet, 'pdf', lang)), docxText(await renderForm(sheet, 'docx', lang))]) {
        expect(text.replace(/\s+/g, ' '), lang).toContain(mark);
        expect(text, lang).not.toContain(other);
      }
  });

  it('says a yes/no target as the answer wanted, a form saved with ">=" too, and keeps the sign where it means more', async () => {
    const answer = (comparator: string, target: boolean): FormSheet => ({ ...SHEET, objectives: [{ ...SHEET.objectives[1]!, comparator, target, unit: 'boolean' }] });
    for (const [sheet, lang, said] of [
      [answer('>=', true), 'it', 'Sportello aperto 40% sì no'],
      [answer('<=', false), 'en', 'Sportello aperto 40% no no'],
      [answer('>=', false), 'it', 'Sportello aperto 40% >= no no'],
    ] as const)
      for (const text of [pdfText(await renderForm(sheet, 'pdf', lang)), docxText(await renderForm(sheet, 'docx', lang))]) {
        expect(text.replace(/\s+/g, ' ')).toContain(said);
        if (!said.includes('>=')) expect(text).not.toMatch(/[<>]?= (sì|yes|no)/);
      }
  });

  it('keeps the Italian notation in Italian', async () => {
    for (const text of [pdfText(await renderForm(SHEET, 'pdf', 'it')), docxText(await renderForm(SHEET, 'docx', 'it'))]) {
      expect(text).toContain('1.587,10');
      expect(text).toContain('>= 1.500');
      expect(text).toContain('1.234,50');
      expect(text).toContain('91,13%');
      expect(text).toContain('66,68');
      expect(text).toContain('Punteggio finale: 92,50%');
      expect(text).toContain('coefficiente di premio 100,00%');
      expect(text.replace(/\s+/g, ' ')).toContain('Sportello aperto 40% sì no');
      expect(text).not.toContain('= sì');
      expect(text).not.toMatch(/\d\.\d\d(?!\d)/); // no English decimal point
    }
  });
});

describe('where the organisational results come from', () => {
  it('says it under its own heading, in the language of the form', async () => {
    const validated: FormSheet = { ...SHEET, result: { ...SHEET.result!, org: { text: "Risultati organizzativi: valori validati dall'OIV (Relazione validata il 15/05/2025)" } } };
    for (const text of [pdfText(await renderForm(validated, 'pdf', 'it')), docxText(await renderForm(validated, 'docx', 'it'))]) {
      expect(text).toContain('Origine dei risultati organizzativi');
      expect(text.replace(/\s+/g, ' ')).toContain("Risultati organizzativi: valori validati dall'OIV (Relazione validata il 15/05/2025)");
    }
    const reported: FormSheet = { ...SHEET, result: { ...SHEET.result!, org: { text: 'Organisational results: the reported values (Relazione not yet validated by the OIV)' } } };
    for (const text of [pdfText(await renderForm(reported, 'pdf', 'en')), docxText(await renderForm(reported, 'docx', 'en'))]) {
      expect(text).toContain('Source of the organisational results');
      expect(text.replace(/\s+/g, ' ')).toContain('Organisational results: the reported values (Relazione not yet validated by the OIV)');
    }
    // Without a plan there are no organisational figures to place.
    expect(pdfText(await renderForm(SHEET, 'pdf', 'en'))).not.toContain('Source of the organisational results');
  });

  it("lists each unit's objectives, the OIV's value beside the reported one, in the DOCX as LibreOffice lays it out", async () => {
    const objectives = [
      { code: 'B.1.1', title: 'Archivio', score: 40, source: "valore validato dall'OIV, conta (rendicontato 80,00%)" },
      { code: 'B.1.2', title: 'Sportello', score: 95, source: 'valore rendicontato' },
    ];
    const sheet: FormSheet = { ...SHEET, result: { ...SHEET.result!, units: [{ ...SHEET.result!.units[0]!, objectives }] } };
    const text = libreOfficeText(await renderForm(sheet, 'docx', 'it'), 'scheda-obiettivi');
    const flat = text.replace(/\s+/g, ' ');
    expect(flat).toContain('Obiettivi delle strutture Struttura Obiettivo Valore usato Origine del valore');
    // Row by row: the unit, the objective, the value used and where it came from (its cell may wrap).
    expect(flat).toContain("Ragioneria B.1.1 Archivio 40,00% valore validato dall'OIV, conta (rendicontato 80,00%) Ragioneria B.1.2 Sportello 95,00% valore rendicontato");
    // Without the list (a form frozen before it was kept) no empty table.
    expect(pdfText(await renderForm(SHEET, 'pdf', 'it'))).not.toContain('Obiettivi delle strutture');
  }, 120_000);
});

/** A form as an office prints it: a long unit name, a percentage objective, the steps of the score. */
const OFFICE: FormSheet = {
  ...SHEET,
  person: { displayName: 'Giulia Verdi', username: 'gverdi' },
  objectives: [
    { id: 'o1', title: 'Pratiche evase entro 30 giorni', weight: 60, comparator: '>=', target: 90, unit: 'percent', actual: 81, state: 'measured', reason: null },
    { id: 'o2', title: 'Nuovo portale', weight: 40, comparator: '<=', target: '2024-09-30', unit: 'date', actual: '2024-09-15', state: 'measured', reason: null },
  ],
  result: { ...SHEET.result!, units: [{ unit: 'Ufficio Internazionalizzazione', from: '2024-01-01', to: '2024-12-31', days: 366, effectiveDays: 366, score: 93 }] },
};

describe('the appraisal form as its reader opens it', () => {
  let texts: { pdf: string; docx: string; long: string };
  beforeAll(async () => {
    texts = {
      pdf: pdfText(await renderForm(OFFICE, 'pdf', 'it')),
      docx: libreOfficeText(await renderForm(OFFICE, 'docx', 'it'), 'scheda'),
      long: libreOfficeText(await renderForm({ ...OFFICE, person: { displayName: 'Maria Antonietta Esposito Santangelo', username: 'mesposito' } }, 'docx', 'it'), 'scheda-lunga'),
    };
  }, 180_000);

  it('numbers its pages, each saying whose form it is', () => {
    // One line in both: whose form it is, then the page.
    expect(texts.pdf).toMatch(/Scheda di valutazione 2024 — Giulia Verdi +Pagina 1 di 1/);
    expect(texts.docx).toMatch(/Scheda di valutazione 2024 — Giulia Verdi +Pagina 1 di 1/);
  });

  it('keeps the DOCX footer on one line in LibreOffice, a long name included', () => {
    const footer = texts.long.split('\n').find((l) => l.includes('Pagina 1 di 1'));
    expect(footer, texts.long).toMatch(/^\s*Scheda di valutazione 2024 — Maria Antonietta Esposito Santangelo +Pagina 1 di 1$/);
  });

  it("prints a percentage objective's target and actual as percentages", () => {
    for (const text of Object.values(texts)) {
      expect(text).toMatch(/ 60% +>= 90,00% +81,00% +100,00%/);
      // The comparator stays on its target's line.
      expect(text).toMatch(/Nuovo portale +40% +<= 30\/09\/2024 +15\/09\/2024/);
    }
  });

  it('cuts no word in two: the column heads and a long unit name stay whole', () => {
    for (const text of [texts.pdf, texts.docx]) {
      const head = text.split('\n').find((l) => /Struttura +Dal +Al/.test(l));
      expect(head, text).toMatch(/ Performance$/);
      expect(text).toMatch(/(^| )Internazionalizzazione( |$)/m);
    }
  });
});

/** Numbers as the plan's published table writes them: a fraction with two decimals, a percentage's own decimals, whole weights. */
const DECIMALS: FormSheet = {
  ...SHEET,
  objectives: [
    { id: 'o1', title: 'Soddisfazione utenti', weight: 60, comparator: '>=', target: 6.5, actual: 7.1, state: 'measured', reason: null },
    { id: 'o2', title: 'Imprese coinvolte', weight: 40, comparator: '>=', target: 0.035, unit: 'percent', actual: 0.041, state: 'measured', reason: null },
  ],
};

describe("the appraisal form's numbers", () => {
  it('are written as the published table writes them: 6,50, 0,035%, weights 60%', async () => {
    for (const text of [pdfText(await renderForm(DECIMALS, 'pdf', 'it')), docxText(await renderForm(DECIMALS, 'docx', 'it'))]) {
      expect(text).toMatch(/Soddisfazione utenti +60% +>= 6,50 +7,10 /);
      expect(text).toMatch(/Imprese coinvolte +40% +>= 0,035% +0,041% /);
      expect(text).toMatch(/C1 Collab[^\n]*? +100% /);
      expect(text).toMatch(/Obiettivi +70% +95,25% +66,68/);
      // The band's name in the quotation marks of an Italian document.
      expect(text).toContain('Punteggio finale: 92,50% — Fascia «Alta», coefficiente di premio 100,00%');
      expect(text).not.toContain('"');
    }
    for (const text of [pdfText(await renderForm(DECIMALS, 'pdf', 'en')), docxText(await renderForm(DECIMALS, 'docx', 'en'))]) {
      expect(text).toMatch(/Soddisfazione utenti +60% +>= 6\.50 +7\.10 /);
      expect(text).toContain('Final score: 92.50% — Band “Alta”, bonus coefficient 100.00%');
    }
  });
});

describe("the appraisal form's language", () => {
  it('is the one asked, for LibreOffice too: the PDF it makes of the DOCX says so', async () => {
    for (const [lang, tag] of [
      ['it', 'it-IT'],
      ['en', 'en-GB'],
    ] as const) {
      const bytes = readFileSync(libreOfficePdf(await renderForm(OFFICE, 'docx', lang), `scheda-${lang}`)).toString('latin1');
      expect(bytes).toMatch(new RegExp(`/Lang ?\\(${tag}\\)`));
    }
  }, 120_000);
});

describe('the steps the form went through', () => {
  const taken: FormSheet = {
    ...SHEET,
    record: {
      interview: { at: '2024-07-15T09:00:00Z', note: 'Colloquio di metà anno' },
      evaluation: { at: '2025-01-20T10:00:00Z', by: 'bbianchi' },
      acceptance: { at: '2025-03-10T10:00:00Z' },
      contest: null,
      conciliation: null,
      finalisedAt: '2025-03-11T10:00:00Z',
      reopenings: [{ at: '2025-03-01T10:00:00Z', reason: 'Punteggio della struttura corretto' }],
    },
  };

  it('says the conciliation’s outcome in the language of the form', async () => {
    const conciliated = (outcome: string): FormSheet => ({
      ...SHEET,
      record: {
        ...SHEET.record,
        contest: { at: '2025-01-25T10:00:00Z', reason: 'Consuntivo errato' },
        conciliation: { at: '2025-02-10T10:00:00Z', outcome, note: 'Consuntivo corretto' },
        finalisedAt: '2025-02-10T10:00:00Z',
      },
    });
    for (const [lang, outcome, said] of [
      ['it', 'revised', 'Conciliazione (10/02/2025): valutazione rivista — Consuntivo corretto'],
      ['it', 'confirmed', 'Conciliazione (10/02/2025): valutazione confermata — Consuntivo corretto'],
      ['en', 'revised', 'Conciliation (10/02/2025): appraisal revised — Consuntivo corretto'],
    ] as const)
      for (const text of [pdfText(await renderForm(conciliated(outcome), 'pdf', lang)), docxText(await renderForm(conciliated(outcome), 'docx', lang))])
        expect(text.replace(/\s+/g, ' '), `${lang} ${outcome}`).toContain(said);
  });

  it('lists a reopening with its reason, in the order the steps were taken', async () => {
    for (const text of [pdfText(await renderForm(taken, 'pdf', 'it')), docxText(await renderForm(taken, 'docx', 'it'))]) {
      const flat = text.replace(/\s+/g, ' ');
      expect(flat).toContain('Riapertura (01/03/2025): Punteggio della struttura corretto');
      const at = (s: string) => flat.indexOf(s);
      expect(at('Valutazione: 20/01/2025')).toBeGreaterThan(-1);
      expect(at('Valutazione: 20/01/2025')).toBeLessThan(at('Riapertura (01/03/2025)'));
      expect(at('Riapertura (01/03/2025)')).toBeLessThan(at('Accettazione: 10/03/2025'));
      expect(at('Accettazione: 10/03/2025')).toBeLessThan(at('Definitiva: 11/03/2025'));
    }
  });

  it('leaves no heading alone at the foot of a PDF page', async () => {
    const headings = ['Strutture di assegnazione', 'Obiettivi individuali', 'Comportamenti organizzativi', 'Componenti della valutazione', 'Punteggio finale', 'Come è stato calcolato', 'Fasi'];
    // The explanation grows a line at a time: the headings after it fall at every height of the page.
    for (let n = 0; n <= 40; n++) {
      const sheet: FormSheet = { ...taken, result: { ...taken.result!, steps: Array.from({ length: n }, (_, i) => ({ text: `Passo ${i + 1} del calcolo` })) } };
      const pages = pdfText(await renderForm(sheet, 'pdf', 'it')).split('\f');
      for (const [i, page] of pages.entries()) {
        const lines = page
          .split('\n')
          .map((l) => l.trim())
          .filter((l) => l !== '' && !l.startsWith('Scheda di valutazione 2024 — Anna Rossi'));
        expect(headings, `${n} steps, page ${i + 1}:\n${page}`).not.toContain(lines.at(-1));
      }
    }
  }, 120_000);
});

describe('the components while one has no score', () => {
  it('prints the weight applied beside the SMVP’s, and only then', async () => {
    const provisional: FormSheet = {
      ...SHEET,
      result: {
        ...SHEET.result!,
        frozen: false,
        components: [
          { label: 'Performance della struttura', weight: 30, share: 60, score: 93, points: 55.8 },
          { label: 'Obiettivi individuali', weight: 20, share: 40, score: 100, points: 40 },
          { label: 'Comportamenti organizzativi', weight: 50, share: null, score: null, points: null },
        ],
      },
    };
    for (const text of [pdfText(await renderForm(provisional, 'pdf', 'it')), docxText(await renderForm(provisional, 'docx', 'it'))]) {
      const flat = text.replace(/\s+/g, ' ');
      expect(flat).toContain('Componente Peso Peso applicato Punteggio Punti');
      expect(flat).toContain('Performance della struttura 30% 60% 93,00% 55,80');
      expect(flat).toContain('Comportamenti organizzativi 50% — — —');
    }
    const english = pdfText(await renderForm(provisional, 'pdf', 'en')).replace(/\s+/g, ' ');
    expect(english).toContain('Component Weight Weight applied Score Points');
    // Every component scored: one weight, the SMVP's.
    const whole: FormSheet = { ...SHEET, result: { ...SHEET.result!, components: [{ label: 'Obiettivi', weight: 70, share: 70, score: 95.25, points: 66.675 }] } };
    expect(pdfText(await renderForm(whole, 'pdf', 'it')).replace(/\s+/g, ' ')).not.toContain('Peso applicato');
  });
});
