/**
 * A document in English marks the plan's own texts as Italian (WCAG 2.1 SC 3.1.2, language of
 * parts): the report's HTML page read by Chromium (each text's language as the browser resolves it,
 * the nearest `lang`), the tagged PDF's structure elements (their /Lang), the appraisal form's DOCX
 * (each run's w:lang). The document's own words stay in its language; an Italian document marks
 * nothing, being Italian throughout. The English page also passes axe's WCAG 2.1 AA rules.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { evaluatePlan, type Evaluation } from '../../src/core/index.js';
import { renderForm, type FormSheet } from '../../src/io/appraisal/form-document.js';
import { importTableBytes } from '../../src/io/load.js';
import { renderReport } from '../../src/io/report/index.js';
import { rewardsPage, type SiteRewards } from '../../src/io/site/index.js';
import { unpackZip } from '../../src/io/xlsx/zip.js';
import { FIXTURE } from '../helpers.js';
import { tempDir } from './helpers.js';

const dir = tempDir('albero-plan-text-language-');
const META = { body: 'Camera di Commercio di Esempio', period: 'Consuntivo 2024' };
const OBJECTIVE = 'A.1 - Attrattività del territorio, sostegno del turismo e della cultura';
const INDICATOR = 'Aziende coinvolte nei percorsi di animazione delle destinazioni turistiche';

let evaluation: Evaluation;
beforeAll(async () => {
  const imported = await importTableBytes(readFileSync(FIXTURE), 'albero-performance-2024.txt');
  evaluation = evaluatePlan(imported.value!.plan);
});

describe("the report's HTML page", () => {
  let browser: Browser;
  beforeAll(async () => {
    const { launchChromium } = await import('../../e2e/browser.js');
    browser = await launchChromium();
  });
  afterAll(async () => browser?.close());

  /** The language Chromium resolves for the first element whose own text is `text` (trimmed), by its nearest `lang`. */
  async function languageOf(html: string, texts: readonly string[]): Promise<Record<string, string | null>> {
    const page = await browser.newPage();
    try {
      await page.setContent(html);
      return await page.evaluate((wanted) => {
        const out: Record<string, string | null> = {};
        const all = Array.from(document.querySelectorAll('body *'));
        for (const text of wanted) {
          const el = all.find((e) => Array.from(e.childNodes).some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim() === text));
          out[text] = el === undefined ? 'not found' : (el.closest('[lang]')?.getAttribute('lang') ?? null);
        }
        return out;
      }, texts);
    } finally {
      await page.close();
    }
  }

  it("in English: the title, objectives, indicators and the body are Italian, the page's own words English", async () => {
    const html = new TextDecoder().decode(await renderReport(evaluation, 'html', { ...META, language: 'en' }));
    const found = await languageOf(html, [evaluation.plan.title, OBJECTIVE, INDICATOR, META.body, 'Summary', 'Legend', 'Objective', 'Indicator', 'Weight']);
    expect(found).toEqual({
      [evaluation.plan.title]: 'it',
      [OBJECTIVE]: 'it',
      [INDICATOR]: 'it',
      [META.body]: 'it',
      Summary: 'en',
      Legend: 'en',
      Objective: 'en',
      Indicator: 'en',
      Weight: 'en',
    });
    // The table's caption quotes the title inside English words: the title alone is marked.
    expect(html).toMatch(new RegExp(`<caption>[^<]*<span lang="it">${evaluation.plan.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}</span>`));
  }, 60_000);

  it("the transparency site's bonuses page in English: the body's name and its SMVP's bands Italian, the program's «no band» English", async () => {
    const row = {
      category: 'dirigenti',
      categoryLabel: 'Managers',
      coefficient: 100,
      people: 4,
      totalCents: '400000',
      meanCents: '100000',
      minCents: '90000',
      maxCents: '110000',
      withheld: false,
      withheldReason: null,
      noBand: false,
    };
    const rewards = (language: 'it' | 'en'): SiteRewards => ({
      organisation: 'Comune di Prova',
      language,
      rows: [
        { ...row, band: 'Eccellente' },
        { ...row, band: 'No band', coefficient: null, noBand: true },
      ],
      categories: [],
      message: null,
      downloads: { csv: 'premi.csv', xlsx: 'premi.xlsx' },
      otherLanguage: 'premi.html?lang=it',
    });
    expect(await languageOf(rewardsPage(2024, rewards('en')), ['Comune di Prova', 'Eccellente', 'No band', 'Band'])).toEqual({
      'Comune di Prova': 'it',
      Eccellente: 'it',
      'No band': 'en',
      Band: 'en',
    });
    expect(rewardsPage(2024, rewards('it')).match(/ lang="it"/g)).toEqual([' lang="it"']);
    // An installation keeping several bodies: the choice names them, Italian, under the English «Body».
    const bodies = [
      { name: 'Comune di Prova', href: 'premi.html?lang=en', current: true },
      { name: 'Camera di Commercio di Esempio', href: '/trasparenza/premi/2024?lang=en', current: false },
    ];
    expect(await languageOf(rewardsPage(2024, { ...rewards('en'), bodies }), ['Camera di Commercio di Esempio', 'Body:'])).toEqual({ 'Camera di Commercio di Esempio': 'it', 'Body:': 'en' });
    expect(rewardsPage(2024, { ...rewards('it'), bodies }).match(/ lang="it"/g)).toEqual([' lang="it"']);
  }, 60_000);

  it('in Italian: nothing marked, the page is Italian throughout', async () => {
    const html = new TextDecoder().decode(await renderReport(evaluation, 'html', META));
    // The one `lang` is the page's own, on <html>.
    expect(html.match(/ lang="[^"]*"/g)).toEqual([' lang="it"']);
  });

  it('in English passes axe (WCAG 2.1 AA)', async () => {
    expect(existsSync('/usr/bin/chromium'), 'apt-get install -y chromium').toBe(true);
    const { fileAccessibility } = await import('../../e2e/axe.js');
    const file = join(dir, 'report-en.html');
    writeFileSync(file, await renderReport(evaluation, 'html', { ...META, language: 'en' }));
    const found = await fileAccessibility(file);
    expect(found.violations).toEqual([]);
    expect(found.passes).toBeGreaterThan(10);
  }, 60_000);
});

/** The structure elements' dictionaries of a (uncompressed-objects) PDF with their type and /Lang. */
function structLanguages(pdf: Uint8Array): Array<{ type: string; lang: string | null }> {
  const text = Buffer.from(pdf).toString('latin1');
  return [...text.matchAll(/<<\n\/S \/(\w+)\n([^]*?)>>/g)].map((m) => ({ type: m[1]!, lang: /\/Lang \(([^)]*)\)/.exec(m[2]!)?.[1] ?? null }));
}

describe("the report's tagged PDF", () => {
  it("in English: the title and the table heads of the objectives and indicators are it-IT, the rest the document's", async () => {
    const pdf = await renderReport(evaluation, 'pdf', { ...META, language: 'en' });
    expect(Buffer.from(pdf).toString('latin1')).toContain('/Lang (en-GB)');
    const elements = structLanguages(pdf);
    expect(elements.find((e) => e.type === 'H1')?.lang).toBe('it-IT');
    // Every objective and indicator has its row header (TH) in the big table, and the summary has the areas'.
    const italianHeads = elements.filter((e) => e.type === 'TH' && e.lang === 'it-IT').length;
    const indicators = evaluation.nodeResults.reduce((n, r) => n + r.indicators.length, 0);
    expect(italianHeads).toBeGreaterThanOrEqual(evaluation.nodeResults.length + indicators);
    // The headings of the sections and the column heads are the document's (no /Lang of their own).
    expect(elements.filter((e) => e.type === 'H2').every((e) => e.lang === null)).toBe(true);
  });

  it('in Italian: no structure element has a language of its own', async () => {
    const elements = structLanguages(await renderReport(evaluation, 'pdf', META));
    expect(elements.length).toBeGreaterThan(100);
    expect(elements.filter((e) => e.lang !== null)).toEqual([]);
  });
});

const SHEET: FormSheet = {
  organisation: 'Comune di Prova',
  year: 2024,
  categoryLabel: 'Dirigente',
  stateLabel: 'Definitiva',
  person: { displayName: 'Anna Rossi', username: 'arossi' },
  evaluator: { displayName: 'Bruno Bianchi', username: 'bbianchi' },
  objectives: [{ id: 'o1', title: 'Pratiche evase entro trenta giorni', weight: 100, comparator: '>=', target: 1500, actual: 1587.1, state: 'measured', reason: null }],
  behaviours: [{ code: 'C1', title: 'Collaborazione con i colleghi', weight: 100 }],
  record: { interview: null, evaluation: null, acceptance: null, contest: null, conciliation: null, finalisedAt: null },
  result: null,
};

/** Each text run of the DOCX's body with its own language (w:lang), null where it takes the document's. */
function docxRuns(bytes: Buffer): Array<{ text: string; lang: string | null }> {
  const parts = unpackZip(bytes, { inflatedBytes: 64 * 1024 * 1024, entries: 100 });
  if (!(parts instanceof Map)) throw new Error(`the DOCX does not unpack: ${JSON.stringify(parts)}`);
  const xml = new TextDecoder().decode(parts.get('word/document.xml'));
  return [...xml.matchAll(/<w:r>([^]*?)<\/w:r>/g)].map((m) => ({
    text: [...m[1]!.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''),
    lang: /<w:lang w:val="([^"]+)"/.exec(m[1]!)?.[1] ?? null,
  }));
}

describe("the appraisal form's DOCX", () => {
  it("in English: the objectives' and behaviours' titles are runs in it-IT, the column heads the document's", async () => {
    const runs = docxRuns(await renderForm(SHEET, 'docx', 'en'));
    const lang = (text: string) => runs.find((r) => r.text === text)?.lang;
    expect(lang('Pratiche evase entro trenta giorni')).toBe('it-IT');
    expect(lang('C1 Collaborazione con i colleghi')).toBe('it-IT');
    expect(runs.filter((r) => r.lang !== null).map((r) => r.text)).toEqual(['Pratiche evase entro trenta giorni', 'C1 Collaborazione con i colleghi']);
  });

  it('in Italian: no run has a language of its own', async () => {
    expect(docxRuns(await renderForm(SHEET, 'docx', 'it')).filter((r) => r.lang !== null)).toEqual([]);
  });
});

describe("the appraisal form's tagged PDF", () => {
  it("in English: the cells of the objectives' and behaviours' titles are it-IT, the headings and column heads the document's", async () => {
    const pdf = await renderForm(SHEET, 'pdf', 'en');
    expect(Buffer.from(pdf).toString('latin1')).toContain('/Lang (en-GB)');
    const elements = structLanguages(pdf);
    // One objective and one behaviour: their titles' cells alone carry a language of their own.
    expect(elements.filter((e) => e.lang !== null)).toEqual([
      { type: 'TD', lang: 'it-IT' },
      { type: 'TD', lang: 'it-IT' },
    ]);
    expect(elements.filter((e) => e.type === 'H2').length).toBeGreaterThanOrEqual(2);
    expect(elements.filter((e) => e.type === 'TH').every((e) => e.lang === null)).toBe(true);
  });

  it('in Italian: no structure element has a language of its own', async () => {
    const elements = structLanguages(await renderForm(SHEET, 'pdf', 'it'));
    expect(elements.length).toBeGreaterThan(10);
    expect(elements.filter((e) => e.lang !== null)).toEqual([]);
  });
});
