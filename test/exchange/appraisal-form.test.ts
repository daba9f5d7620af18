/**
 * The appraisal form to sign, in the language asked: its numbers (weights, targets, actuals,
 * scores, points, the band's coefficient) and yes/no values written the reader's way, read back as
 * a reader gets them (the PDF through poppler's pdftotext, the DOCX's document.xml text). Italian
 * keeps `1.587,10` and `92,50%`; English writes `1,587.10` and `92.50%`.
 */
import { describe, expect, it } from 'vitest';
import { renderForm, type FormSheet } from '../../src/io/appraisal/form-document.js';
import { unpackZip } from '../../src/io/xlsx/zip.js';
import { pdfText } from '../support/files.js';

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
    .replace(/&gt;/g, '>');
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
      expect(text).toContain('= yes');
      expect(text).not.toMatch(/\d,\d\d(?!\d)/); // no Italian decimal comma
      expect(text).not.toContain('sì');
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
      expect(text).toContain('= sì');
      expect(text).not.toMatch(/\d\.\d\d(?!\d)/); // no English decimal point
    }
  });
});
