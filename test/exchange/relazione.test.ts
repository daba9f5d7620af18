/**
 * The Relazione sulla performance as the office gets it from `albero relazione`: the DOCX opened
 * and converted by LibreOffice, the PDF and that conversion read back with poppler, the HTML
 * checked by axe in Chromium; hostile text in the office's sections printed as text everywhere.
 * Needs soffice (libreoffice-writer-nogui), poppler-utils and chromium (installed by .ci/run):
 * without them these tests fail, they never skip.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Decimal, evaluatePlan } from '../../src/core/index.js';
import { loadTable } from '../../src/io/load.js';
import { buildRelazione, buildValidationDocument, renderRelazione } from '../../src/io/relazione/index.js';
import { NEW_VALIDATION, type ValidationRecord } from '../../src/io/relazione/validation.js';
import { albero, FIXTURE } from '../helpers.js';
import { convertWithLibreOffice } from '../support/libreoffice.js';
import { orphanedObjectives, tempDir } from './helpers.js';

const dir = tempDir('albero-relazione-');
const HOSTILE = '<script>alert("x")</script> e <b>grassetto</b> & <img src=x onerror=alert(1)>';
const TEXTS = {
  'contesto-esterno': `## Il territorio\nIl 2024 è stato un anno **difficile** per le *imprese* della provincia.\n\n- export in crescita\n- turismo stabile\n\n${HOSTILE}`,
  presentazione: 'La presente Relazione illustra i risultati del ciclo 2024.',
  'performance-individuale': 'Sono state valutate 42 persone: 38 nella fascia più alta, 4 in quella intermedia.',
};
const CHAPTERS = [
  '1 Presentazione e sintesi dei risultati',
  '2 Analisi del contesto e delle risorse',
  '3 Misurazione e valutazione della performance organizzativa',
  '3.3 Gli obiettivi strategici e operativi',
  '3.4 Obiettivi non raggiunti: cause e azioni correttive',
  '3.5 Variazioni del piano nel corso',
  '3.6 Confronto con l',
  '4 Dati di sintesi',
  // Guideline n. 3/2018: the individual performance in aggregate, beside the organisational one.
  '5 Misurazione e valutazione della performance individuale',
  '6 Il processo di redazione della Relazione',
];
const INDIVIDUAL = 'Sono state valutate 42 persone: 38 nella fascia più alta, 4 in quella intermedia.';
const BAND_COUNTS = 'Dei 45 obiettivi misurati, 36 sono in fascia verde (80,00%), 4 in fascia gialla (8,89%) e 5 in fascia rossa (11,11%).';

function write(format: string): string {
  const out = join(dir, `relazione.${format}`);
  const result = albero(['relazione', FIXTURE, '--output', out, '--body', 'Camera di Commercio di Esempio', '--texts', join(dir, 'texts.json')]);
  expect(result.status, result.stderr).toBe(0);
  return out;
}

/** The text poppler reads from a PDF, with lines joined by single spaces. */
function pdfText(file: string): string {
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

function flat(text: string): string {
  return text.replace(/\s+/g, ' ');
}

/** The Albero table's objective row of `code`: its label and its performance with band. */
function expectTable(text: string): void {
  expect(text).toMatch(/A\.2 - Internazionalizzazione e[\s\S]{0,400}?● 93,00% verde/);
  expect(text).toMatch(/B\.1 - Transizione digitale e[\s\S]{0,400}?■ 56,00% rosso/);
  expect(text).toMatch(/Performance\s+KPI[\s\S]*Performance\s+Obiettivo|Performance\s+Performance\s+KPI\s+Obiettivo/);
  // Targets and actuals with the published table's decimals: 6,50 and 7,10, 1.587,10; a whole 500 as it is.
  expect(text).toMatch(/Customer satisfaction - grado di[^\n]*100% >= +6,50 +7,10 +● 100,00% verde/);
  expect(text).toMatch(/Favorire l'accrescimento professionale del[^\n]*100% >= +500 +1\.587,10 +● 100,00% verde/);
}

/** §3.2's table: each strategic objective set in under its area, as the tree has it. */
function expectLevels(text: string): void {
  const table = text.slice(text.indexOf('Performance per area strategica e per obiettivo strategico'));
  const area = /^( *)A Competitività e sviluppo delle imprese/m.exec(table);
  const strategic = /^( *)A\.1 Attrattività del territorio/m.exec(table);
  expect(area, table).not.toBeNull();
  expect(strategic![1]!.length, table).toBeGreaterThan(area![1]!.length);
}

beforeAll(() => {
  writeFileSync(join(dir, 'texts.json'), JSON.stringify(TEXTS));
});

describe('the Relazione as DOCX', () => {
  let text: string;
  beforeAll(() => {
    const docx = write('docx');
    text = pdfText(convertWithLibreOffice(docx, 'pdf', join(dir, 'converted')));
  }, 120_000);

  it('opens in LibreOffice with its chapters, the Albero table and the band counts', () => {
    const words = flat(text);
    for (const c of CHAPTERS) expect(words).toContain(c);
    expectTable(text);
    expect(words).toContain(BAND_COUNTS);
    // The areas apart from the objectives, as §4.1 counts them (46, not 49 "in tutto").
    expect(words).toContain('Il piano comprende 3 aree strategiche, 46 obiettivi (16 strategici e 30 operativi) e 88 indicatori.');
    expect(words).toContain('Camera di Commercio di Esempio'.toUpperCase());
    expect(words).toContain('La presente Relazione illustra i risultati del ciclo 2024.');
    expect(words).toMatch(new RegExp(`5 Misurazione e valutazione della performance individuale ${INDIVIDUAL} 6 Il processo`));
  });

  it('gives the measured objectives the 100% of the share column, and the total, with the unmeasured, none', () => {
    // Before: "Totale 46 100,00%" under "Quota dei misurati", though 45 are measured.
    const table = flat(text.slice(text.indexOf('Obiettivi per fascia di performance')));
    expect(table).toMatch(
      /^Obiettivi per fascia di performance Fascia Obiettivi Quota dei misurati ● Fascia verde 36 80,00% ▲ Fascia gialla 4 8,89% ■ Fascia rossa 5 11,11% Totale misurati 45 100,00% Senza performance 1 — Totale 46 — /,
    );
  });

  it("keeps the tables' heads and bands whole: no word broken across lines in §3.4 and §4.2", () => {
    const shortfalls = flat(text.slice(text.lastIndexOf('Obiettivi che non raggiungono pienamente il target')));
    expect(shortfalls).toMatch(/^Obiettivi che non raggiungono pienamente il target Obiettivo Performance Causa/);
    expect(shortfalls).toMatch(/A\.2 Internazionalizzazione e ● 93,00% verde/);
    const perArea = flat(text.slice(text.lastIndexOf('Obiettivi per area strategica e fascia')));
    expect(perArea).toMatch(/^Obiettivi per area strategica e fascia Area strategica Fascia Fascia Fascia Senza Totale verde gialla rossa performance A /);
  });

  it('sets each strategic objective in under its area in §3.2', () => {
    expectLevels(text);
  });

  it("prints the office's markup as Word formatting and its HTML as text", () => {
    const words = flat(text);
    expect(words).toContain('Il territorio');
    expect(words).toContain('Il 2024 è stato un anno difficile per le imprese della provincia.');
    expect(words).not.toContain('**difficile**');
    expect(words).toContain(HOSTILE);
  });

  it('is in Italian for LibreOffice too: the PDF it makes of it says so', () => {
    const bytes = readFileSync(join(dir, 'converted', 'relazione.pdf')).toString('latin1');
    expect(bytes).toMatch(/\/Lang ?\(it-IT\)/);
    expect(bytes).not.toMatch(/\/Lang ?\(en-/);
  });

  it('is by the body that publishes it, for LibreOffice too: the PDF it makes of it names it as author', () => {
    // Before: «Albero», and «Un-named» as who last changed the file.
    const info = execFileSync('pdfinfo', [join(dir, 'converted', 'relazione.pdf')], { encoding: 'utf8' });
    expect(info).toMatch(/Author:\s+Camera di Commercio di Esempio\n/);
    const core = execFileSync('unzip', ['-p', join(dir, 'relazione.docx'), 'docProps/core.xml'], { encoding: 'utf8' });
    expect(core).toContain('<cp:lastModifiedBy>Camera di Commercio di Esempio</cp:lastModifiedBy>');
  });

  it('puts the Albero table on landscape pages and the text on portrait ones', () => {
    const info = execFileSync('pdfinfo', ['-f', '1', '-l', '40', join(dir, 'converted', 'relazione.pdf')], { encoding: 'utf8' });
    const sizes = [...info.matchAll(/Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)/g)].map((m) => (Number(m[1]) > Number(m[2]) ? 'landscape' : 'portrait'));
    expect(sizes[0]).toBe('portrait');
    expect(sizes).toContain('landscape');
    expect(sizes[sizes.length - 1]).toBe('portrait');
  });
});

describe('the documento di validazione as DOCX', () => {
  it('keeps the heads of the validated values whole in LibreOffice, and names the body with its article', async () => {
    const table = await loadTable(FIXTURE);
    const evaluation = evaluatePlan(table.value!.plan);
    const validation: ValidationRecord = {
      ...NEW_VALIDATION,
      state: 'validated_with_reservations',
      reservations: 'Evidenze mancanti.',
      values: [{ code: 'B.2', validated: new Decimal('60.5'), note: 'Ricalcolato dopo verifica', deliberate: false }],
      decidedAt: '2025-06-20T10:00:00Z',
      decidedBy: 'Maria Rossi',
    };
    const docx = join(dir, 'validazione.docx');
    writeFileSync(docx, await renderRelazione(buildValidationDocument(evaluation, validation, { body: 'Camera di Commercio di Esempio', year: 2024 }), 'docx'));
    const text = pdfText(convertWithLibreOffice(docx, 'pdf', join(dir, 'converted')));
    // The table's head, between its caption and its first row: every word whole.
    const head = /Valori validati dall'OIV[^\n]*\n([\s\S]*?)\nB\.2 /.exec(text)?.[1] ?? '';
    expect(head.split(/\s+/), text).toEqual(expect.arrayContaining(['Obiettivo', 'Valore', 'rendicontato', 'validato', '(conta)']));
    expect(flat(text)).toContain('esaminata la Relazione sulla performance 2024 della Camera di Commercio di Esempio, la dichiara: VALIDATA CON RISERVA.');
    expect(text).toMatch(/B\.2 [\s\S]{0,200}?65,00% giallo[\s\S]{0,80}?60,50% giallo/);
    // The body's figure moves with B.2 (B, then the mean of the areas): said beside the objectives'.
    // Before, only the public plan and the open data said it (89,83% validated, 90,21% reported).
    expect(flat(text)).toContain(
      "Con i valori validati dall'OIV la performance organizzativa complessiva dell'ente è 89,83% (fascia verde); quella rendicontata è 90,21% (fascia verde). Ai fini della valutazione conta quella validata.",
    );
  }, 120_000);
});

describe("the Relazione's counts", () => {
  it('says one objective without a unit in the singular', async () => {
    const evaluation = evaluatePlan((await loadTable(FIXTURE)).value!.plan);
    const scored = evaluation.nodeResults.filter((r) => r.basis === 'indicators').map((r) => r.objective.code);
    const units = new Map(scored.slice(1).map((code) => [code, 'Ufficio Studi']));
    const html = new TextDecoder().decode(await renderRelazione(buildRelazione(evaluation, { units }), 'html'));
    // Before: "1 obiettivi non sono assegnati".
    expect(html).toContain('1 obiettivo non è assegnato a un&#39;unità organizzativa e non compare nella tabella.');
  });
});

describe("the OIV's validated values in the Relazione", () => {
  it('says the validated value counts only once the Relazione is validated, as the appraisal forms take it', async () => {
    const evaluation = evaluatePlan((await loadTable(FIXTURE)).value!.plan);
    const said = async (state: ValidationRecord['state']): Promise<string> => {
      const validation: ValidationRecord = { ...NEW_VALIDATION, state, values: [{ code: 'B.2', validated: new Decimal('60.5'), note: 'Ricalcolato', deliberate: false }] };
      const html = new TextDecoder().decode(await renderRelazione(buildRelazione(evaluation, { validation }), 'html'));
      return /Per gli obiettivi seguenti[^<]*/.exec(html)?.[0] ?? html;
    };
    for (const state of ['validated', 'validated_with_reservations'] as const) expect(await said(state)).toContain('ai fini della valutazione conta il valore validato dall&#39;OIV.');
    for (const state of ['transmitted', 'not_validated'] as const) {
      const sentence = await said(state);
      expect(sentence).toContain('il valore validato dall&#39;OIV conterà ai fini della valutazione solo con la validazione della Relazione; fino ad allora conta quello rendicontato.');
      expect(sentence).not.toContain('conta il valore validato');
    }
  });

  it("states the body's performance with the validated values, as the public plan does, and only when they move it", async () => {
    const evaluation = evaluatePlan((await loadTable(FIXTURE)).value!.plan);
    const section7 = async (state: ValidationRecord['state'], validated: string): Promise<string> => {
      const validation: ValidationRecord = { ...NEW_VALIDATION, state, values: [{ code: 'B.2', validated: new Decimal(validated), note: 'Ricalcolato', deliberate: false }] };
      const html = new TextDecoder().decode(await renderRelazione(buildRelazione(evaluation, { validation }), 'html'));
      return html.slice(html.lastIndexOf('Validazione dell&#39;OIV'));
    };
    // B.2 reported at 65%, validated at 60,5%: B from 80,25% to 79,13%, the body from 90,21% to 89,83%.
    expect(await section7('validated', '60.5')).toContain(
      'Con i valori validati dall&#39;OIV la performance organizzativa complessiva dell&#39;ente è 89,83% (fascia verde); quella rendicontata è 90,21% (fascia verde). Ai fini della valutazione conta quella validata.',
    );
    expect(await section7('transmitted', '60.5')).toContain(
      'Con i valori validati dall&#39;OIV la performance organizzativa complessiva dell&#39;ente sarebbe 89,83% (fascia verde); quella rendicontata è 90,21% (fascia verde), e conta finché la Relazione non è validata.',
    );
    // The reported value confirmed: the body's figure is as reported, and nothing more is said.
    expect(await section7('validated', '65')).not.toContain('performance organizzativa complessiva');
  });

  it('heads the validated values "(conta)" in the documento di validazione only once the Relazione is validated', async () => {
    const evaluation = evaluatePlan((await loadTable(FIXTURE)).value!.plan);
    const document = async (state: ValidationRecord['state']): Promise<string> => {
      const validation: ValidationRecord = { ...NEW_VALIDATION, state, values: [{ code: 'B.2', validated: new Decimal('60.5'), note: 'Ricalcolato', deliberate: false }] };
      return new TextDecoder().decode(await renderRelazione(buildValidationDocument(evaluation, validation, { year: 2024 }), 'html'));
    };
    for (const state of ['validated', 'validated_with_reservations'] as const) {
      const html = await document(state);
      // Both values listed, the validated one said to count.
      expect(html).toContain('Valore rendicontato');
      expect(html).toContain('Valore validato (conta)');
      expect(html).toContain('ai fini della valutazione conta il valore validato dall&#39;OIV.');
    }
    for (const state of ['transmitted', 'not_validated'] as const) {
      const html = await document(state);
      expect(html).toContain('Valore rendicontato');
      expect(html).toContain('Valore validato');
      expect(html).not.toContain('(conta)');
      expect(html).toContain('fino ad allora conta quello rendicontato.');
    }
  });
});

describe('the Relazione as PDF', () => {
  let text: string;
  beforeAll(() => {
    text = pdfText(write('pdf'));
  });

  it('holds the chapters, the Albero table and the band counts', () => {
    const words = flat(text);
    for (const c of CHAPTERS) expect(words).toContain(c);
    expectTable(text);
    expect(words).toContain(BAND_COUNTS);
  });

  it('sets each strategic objective in under its area in §3.2', () => {
    expectLevels(text);
  });

  it('prints HTML typed in a section as text', () => {
    expect(flat(text)).toContain(HOSTILE);
  });

  it('never leaves an objective at the foot of a page with its indicators on the next', () => {
    expect(orphanedObjectives(text)).toEqual([]);
  });

  it('is tagged, in Italian, with an outline of its chapters', () => {
    const bytes = readFileSync(join(dir, 'relazione.pdf')).toString('latin1');
    expect(bytes).toContain('/StructTreeRoot');
    expect(bytes).toContain('/Lang (it-IT)');
    expect(bytes).toContain('/Outlines');
    // By the body that publishes it (it said «Albero»); the program is its Creator.
    const info = execFileSync('pdfinfo', [join(dir, 'relazione.pdf')], { encoding: 'utf8' });
    expect(info).toMatch(/Author:\s+Camera di Commercio di Esempio\n/);
    expect(info).toMatch(/Creator:\s+Albero\n/);
  });

  it('embeds DejaVu Sans in its three faces and no other font', () => {
    const fonts = execFileSync('pdffonts', [join(dir, 'relazione.pdf')], { encoding: 'utf8' })
      .split('\n')
      .slice(2)
      .filter((l) => l.trim() !== '');
    expect(fonts.map((l) => l.split(/\s+/)[0]!.replace(/^[A-Z]{6}\+/, '')).sort()).toEqual(['DejaVuSans', 'DejaVuSans-Bold', 'DejaVuSans-Oblique']);
    for (const line of fonts) expect(line).toMatch(/ yes +yes +yes /);
  });
});

describe('the Relazione as HTML', () => {
  let html: string;
  beforeAll(() => {
    html = readFileSync(write('html'), 'utf8');
  });

  it('is one page without scripts, with the chapters, the table and the counts', () => {
    expect(html).toMatch(/^<!doctype html>\s*<html lang="it">/);
    expect(html).not.toMatch(/<script|<img/i);
    for (const c of ['1 Presentazione e sintesi dei risultati', '3.4 Obiettivi non raggiunti: cause e azioni correttive', '4 Dati di sintesi', ...CHAPTERS.slice(-2)]) expect(html).toContain(c);
    expect(html).toContain(`<p>${INDIVIDUAL}</p>`);
    expect(html).toMatch(/id="o-A\.2">A\.2 - [^<]*<\/th>.*?93,00%/);
    expect(html).toMatch(/id="o-B\.1">B\.1 - [^<]*<\/th>.*?56,00%/);
    expect(html).toContain(BAND_COUNTS);
    expect(html).toContain('Customer satisfaction - grado di soddisfazione</th><td class="num">100% &gt;=</td><td class="num">6,50</td><td class="num">7,10</td>');
    // §3.2: a strategic objective set in under its area.
    expect(html).toMatch(/<th scope="row" class="strong">A Competitività[^<]*<\/th>/);
    expect(html).toMatch(/<th scope="row" class="indent-1">A\.1 Attrattività[^<]*<\/th>/);
  });

  it("escapes the office's HTML and keeps its markup", () => {
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; e &lt;b&gt;grassetto&lt;/b&gt; &amp; &lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('<h4>Il territorio</h4>');
    expect(html).toContain('<strong>difficile</strong>');
    expect(html).toContain('<ul><li>export in crescita</li><li>turismo stabile</li></ul>');
  });

  it('has no accessibility violations (axe-core, WCAG 2.1 AA)', async () => {
    expect(existsSync('/usr/bin/chromium'), 'apt-get install -y chromium').toBe(true);
    const { fileAccessibility } = await import('../../e2e/axe.js');
    const found = await fileAccessibility(join(dir, 'relazione.html'));
    expect(found.violations).toEqual([]);
    expect(found.passes).toBeGreaterThan(10);
  }, 60_000);
});

describe('albero relazione refuses', () => {
  it('an unknown format, an unknown section and a bad year', () => {
    expect(albero(['relazione', FIXTURE, '--output', join(dir, 'x.odt')]).status).toBe(2);
    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ introduzione: 'x' }));
    const unknown = albero(['relazione', FIXTURE, '--output', join(dir, 'x.pdf'), '--texts', join(dir, 'bad.json')]);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('unknown section “introduzione”');
    expect(albero(['relazione', FIXTURE, '--output', join(dir, 'x.pdf'), '--year', '24']).status).toBe(2);
  });

  it('compares with the previous year when given its table, named by the year it says', () => {
    const earlier = join(dir, 'albero-performance-2023.txt');
    writeFileSync(earlier, readFileSync(FIXTURE, 'utf8').replace('Albero performance 2024', 'Albero performance 2023'));
    const out = join(dir, 'confronto.html');
    const result = albero(['relazione', FIXTURE, '--output', out, '--previous', earlier, '--year', '2024']);
    expect(result.status, result.stderr).toBe(0);
    const html = readFileSync(out, 'utf8');
    // The areas counted apart from the objectives, as §1.2 counts them, and none said "nessuno", not "0".
    expect(html).toContain(
      'Rispetto al 2023, delle 3 aree strategiche presenti in entrambi gli anni nessuna migliora, nessuna peggiora e 3 restano invariate; dei 15 obiettivi strategici nessuno migliora, nessuno peggiora e 15 restano invariati.',
    );
    expect(html).not.toMatch(/dei 18 obiettivi| 0 (migliora|peggiora)/);
    expect(html).toMatch(/<th scope="col" class="num">2023<\/th><th scope="col" class="num">2024<\/th>/);
  });

  it("says the previous table's figures are not validated by the OIV unless told the day it validated them, in every format", () => {
    const earlier = join(dir, 'albero-performance-2023-fonte.txt');
    writeFileSync(earlier, readFileSync(FIXTURE, 'utf8').replace('Albero performance 2024', 'Albero performance 2023'));
    const said = (file: string, format: 'html' | 'pdf' | 'docx'): string => {
      if (format === 'html')
        return flat(
          readFileSync(file, 'utf8')
            .replace(/<[^>]+>/g, ' ')
            .replace(/&#39;/g, "'"),
        );
      if (format === 'pdf') return flat(pdfText(file));
      return flat(pdfText(convertWithLibreOffice(file, 'pdf', join(dir, 'fonte'))));
    };
    const NOT_VALIDATED = "Dati dell'anno precedente non validati dall'OIV: sono i valori rendicontati, che una correzione del piano dell'anno precedente può ancora cambiare.";
    const VALIDATED = "Dati dell'anno precedente: valori validati dall'OIV (la Relazione 2023 validata il 15/05/2024).";
    // A table says nothing of the OIV: by default its figures are said as not validated.
    for (const format of ['html', 'pdf'] as const) {
      const out = join(dir, `fonte-rendicontata.${format}`);
      const result = albero(['relazione', FIXTURE, '--output', out, '--previous', earlier]);
      expect(result.status, result.stderr).toBe(0);
      const text = said(out, format).replace(/[’]/g, "'");
      expect(text, format).toContain(NOT_VALIDATED);
      expect(text, format).not.toContain('valori validati');
    }
    // The office says the day the OIV validated them (either way of writing it): the document says so, DOCX in LibreOffice too.
    for (const [format, day] of [
      ['html', '15/05/2024'],
      ['pdf', '2024-05-15'],
      ['docx', '15/5/2024'],
    ] as const) {
      const out = join(dir, `fonte-validata.${format}`);
      const result = albero(['relazione', FIXTURE, '--output', out, '--previous', earlier, '--previous-validated', day]);
      expect(result.status, result.stderr).toBe(0);
      const text = said(out, format).replace(/[’]/g, "'");
      expect(text, format).toContain(VALIDATED);
      expect(text, format).not.toContain('non validati');
    }
    // Validated with reservations, as the server's Relazione says it (before: no way to say it, always «validata il»).
    for (const format of ['html', 'docx'] as const) {
      const out = join(dir, `fonte-riserve.${format}`);
      const result = albero(['relazione', FIXTURE, '--output', out, '--previous', earlier, '--previous-validated', '15/05/2024', '--previous-reservations']);
      expect(result.status, result.stderr).toBe(0);
      const text = said(out, format).replace(/[’]/g, "'");
      expect(text, format).toContain("Dati dell'anno precedente: valori validati dall'OIV (la Relazione 2023 validata con riserve il 15/05/2024).");
    }
  }, 180_000);

  it('refuses --previous-validated without --previous, a day no calendar has, or one before the previous year ended, and --previous-reservations without --previous-validated, in either language, writing nothing', () => {
    const earlier = join(dir, 'albero-performance-2023-rifiuti.txt');
    writeFileSync(earlier, readFileSync(FIXTURE, 'utf8').replace('Albero performance 2024', 'Albero performance 2023'));
    const out = join(dir, 'rifiutata.html');
    const cases: Array<[readonly string[], string, string]> = [
      [
        ['--previous-validated', '15/05/2024'],
        '--previous-validated says where the figures of the --previous table come from: give it together with --previous',
        '--previous-validated dice da dove vengono i dati della tabella di --previous: va indicata insieme a --previous',
      ],
      [
        ['--previous', earlier, '--previous-validated', '31/02/2024'],
        '--previous-validated: “31/02/2024” is not a calendar day (DD/MM/YYYY, e.g. 15/05/2025)',
        '--previous-validated: «31/02/2024» non è un giorno del calendario (GG/MM/AAAA, per esempio 15/05/2025)',
      ],
      [
        ['--previous', earlier, '--previous-validated', '20/12/2023'],
        '--previous-validated: 20/12/2023 is not after 2023: the 2023 Relazione is validated after its year ends',
        '--previous-validated: il 20/12/2023 non è dopo il 2023: la Relazione 2023 si valida dopo la fine del suo anno',
      ],
      [
        ['--previous', earlier, '--previous-reservations'],
        "--previous-reservations says the OIV validated the previous year's Relazione with reservations: give it together with --previous-validated, the day of the validation",
        "--previous-reservations dice che l'OIV ha validato con riserve la Relazione dell'anno precedente: va indicata insieme a --previous-validated, il giorno della validazione",
      ],
    ];
    for (const [options, english, italian] of cases) {
      const en = albero(['relazione', FIXTURE, '--output', out, ...options]);
      expect(en.status, en.stderr).toBe(2);
      expect(en.stderr).toContain(`albero relazione: ${english}\n`);
      const it = albero(['relazione', FIXTURE, '--output', out, ...options], { locale: 'it_IT.UTF-8' });
      expect(it.status, it.stderr).toBe(2);
      expect(it.stderr).toContain(`albero relazione: ${italian}\n`);
    }
    expect(existsSync(out)).toBe(false);
    // --help says both options.
    const help = albero(['relazione', '--help']);
    expect(help.status).toBe(0);
    expect(flat(help.stdout)).toContain("--previous-validated <day> the day (DD/MM/YYYY) the OIV validated the previous year's Relazione");
    expect(flat(help.stdout)).toContain('unless --previous-validated is given, the document notes that its figures were not validated by the OIV');
    expect(flat(help.stdout)).toContain("--previous-reservations the OIV validated the previous year's Relazione with reservations (with --previous-validated)");
    expect(flat(albero(['relazione', '--help'], { locale: 'it_IT.UTF-8' }).stdout)).toContain("--previous-reservations l'OIV ha validato con riserve la Relazione dell'anno precedente");
  });

  it('refuses as the previous year a table of the same year, or a later one, in either language', () => {
    // Before: this year's table passed by mistake was printed as 2023's, "18 restano invariati".
    const out = join(dir, 'stesso-anno.html');
    const english = albero(['relazione', FIXTURE, '--output', out, '--previous', FIXTURE]);
    expect(english.status).toBe(2);
    expect(english.stderr).toContain(`albero relazione: ${FIXTURE}: the table is of 2024, not of a year before 2024: --previous takes the previous year's table\n`);
    const italian = albero(['relazione', FIXTURE, '--output', out, '--previous', FIXTURE, '--year', '2023'], { locale: 'it_IT.UTF-8' });
    expect(italian.status).toBe(2);
    expect(italian.stderr).toContain(`albero relazione: ${FIXTURE}: la tabella è del 2024, non di un anno prima del 2023: --previous vuole la tabella dell'anno precedente\n`);
    expect(existsSync(out)).toBe(false);
  });
});

describe('albero site', () => {
  it('writes the Performance pages: the years, each with plan and open data, without JavaScript, and no unwritten Relazione', () => {
    const out = join(dir, 'sito');
    const result = albero(['site', FIXTURE, '--output', out, '--body', 'Camera di Commercio di Esempio']);
    expect(result.status, result.stderr).toBe(0);
    const index = readFileSync(join(out, 'index.html'), 'utf8');
    expect(index).toContain('href="2024/index.html"');
    expect(index).not.toMatch(/<script/i);
    const year = readFileSync(join(out, '2024', 'index.html'), 'utf8');
    for (const name of ['piano.html', 'dati.csv', 'dati.json']) {
      expect(year).toContain(`href="${name}"`);
      expect(existsSync(join(out, '2024', name)), name).toBe(true);
    }
    // A Relazione made from the table alone would be published with "Sezione non ancora compilata"
    // and no OIV's validation: the year's page says it is not published yet.
    for (const name of ['relazione.html', 'relazione.pdf', 'relazione.docx']) expect(existsSync(join(out, '2024', name)), name).toBe(false);
    expect(year).toContain('Relazione sulla performance: <span class="missing">non ancora pubblicata</span>');
    expect(year).toContain('Documento di validazione dell\'OIV: <span class="missing">non disponibile</span>');
    expect(readFileSync(join(out, '2024', 'piano.html'), 'utf8')).toContain('93,00%');
    // The plan's page writes the published table's decimals too.
    expect(readFileSync(join(out, '2024', 'piano.html'), 'utf8')).toContain('<td class="num">6,50</td><td class="num">7,10</td>');
  });

  it("says the period as a citizen reads it, with the period and the adopting act given, and describes the open data's columns", () => {
    const out = join(dir, 'sito-periodo');
    const result = albero(['site', FIXTURE, '--output', out, '--period', 'Consuntivo 2024', '--act', 'Delibera di Giunta n. 12 del 30/01/2024']);
    expect(result.status, result.stderr).toBe(0);
    const plan = readFileSync(join(out, '2024', 'piano.html'), 'utf8');
    // "calcolato da un file, non registrato in Albero" is how the office's tool got the values, not what a citizen needs.
    expect(plan).not.toContain('non registrato in Albero');
    expect(plan).toContain('valori pubblicati dall&#39;amministrazione');
    expect(plan).toContain('Consuntivo 2024');
    expect(plan).toContain('Delibera di Giunta n. 12 del 30/01/2024');
    const year = readFileSync(join(out, '2024', 'index.html'), 'utf8');
    expect(year).toContain('(Consuntivo 2024)');
    expect(year).toContain('adottato con Delibera di Giunta n. 12 del 30/01/2024');
    const json = JSON.parse(readFileSync(join(out, '2024', 'dati.json'), 'utf8')) as { metadata: Record<string, unknown> };
    expect(json.metadata).toMatchObject({
      period: 'Consuntivo 2024',
      periodState: "valori pubblicati dall'amministrazione",
      adoption: { kind: 'Delibera di Giunta', number: '12', date: '2024-01-30' },
    });
    // The page said the columns were "descritte in open data" and linked nothing: it links their description.
    expect(year).toContain('href="colonne.html"');
    // The names as a reader copies them (the page lets a line break after an underscore: <wbr>).
    const columns = readFileSync(join(out, '2024', 'colonne.html'), 'utf8').replaceAll('<wbr>', '');
    const header = readFileSync(join(out, '2024', 'dati.csv'), 'utf8')
      .replace(/^\uFEFF/, '')
      .split('\r\n')[0]!
      .split(';');
    for (const column of header) expect(columns).toContain(`<code>${column}</code>`);
    expect(columns).toContain('<strong>N.V.</strong> (non valutabile)');
    expect(columns).toContain('punti percentuali');
    expect(columns).toContain('<html lang="it">');
    expect(columns).not.toMatch(/<script/i);
  });

  it('publishes a period in progress as the plan of targets, without a value, and says so (--targets-only)', () => {
    const out = join(dir, 'sito-in-corso');
    const result = albero(['site', FIXTURE, '--output', out, '--period', 'Monitoraggio al 30/09/2024', '--targets-only']);
    expect(result.status, result.stderr).toBe(0);
    const year = readFileSync(join(out, '2024', 'index.html'), 'utf8');
    expect(year).toContain('Piano della performance (Monitoraggio al 30/09/2024)');
    expect(year).toContain('<strong>Risultati non ancora disponibili: il periodo è in corso</strong>');
    const plan = readFileSync(join(out, '2024', 'piano.html'), 'utf8');
    expect(plan).toContain('<dt>Stato del periodo</dt><dd>risultati non ancora disponibili: il periodo è in corso</dd>');
    // The table's target stays, its actual (7,10), its performances (93,00%) and bands go.
    expect(plan).toContain('<td class="num">6,50</td><td class="num"></td>');
    expect(plan).not.toContain('93,00%');
    expect(plan).not.toContain('non misurato');
    const rows = readFileSync(join(out, '2024', 'dati.csv'), 'utf8')
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    const header = rows[0]!.split(';');
    const valueColumns = ['consuntivo', 'motivo_nv', 'performance_kpi', 'performance_obiettivo', 'fascia'].map((c) => header.indexOf(c));
    expect(
      rows
        .slice(1)
        .flatMap((r) => valueColumns.map((k) => r.split(';')[k]))
        .filter((v) => v !== ''),
    ).toEqual([]);
    expect(rows.slice(1).filter((r) => r.split(';')[header.indexOf('target')] !== '').length).toBeGreaterThan(50);
    // Each indicator is said to be in progress, not "non misurato", a fact about it a re-user would take.
    const indicators = rows.slice(1).filter((r) => r.split(';')[header.indexOf('tipo')] === 'indicatore');
    expect([...new Set(indicators.map((r) => r.split(';')[header.indexOf('stato')]))]).toEqual(['in corso di misurazione']);
    const json = JSON.parse(readFileSync(join(out, '2024', 'dati.json'), 'utf8')) as {
      metadata: Record<string, unknown>;
      summary: Record<string, number>;
      objectives: { indicators: { state: string }[] }[];
    };
    expect(json.metadata.periodState).toBe('risultati non ancora disponibili: il periodo è in corso');
    expect(json.summary).toMatchObject({ green: 0, yellow: 0, red: 0 });
    expect([...new Set(json.objectives.flatMap((o) => o.indicators.map((i) => i.state)))]).toEqual(['pending']);
    expect(readFileSync(join(out, '2024', 'colonne.html'), 'utf8')).toContain('in corso di misurazione: il periodo è ancora in corso');
    expect(albero(['site', '--help', '--lang', 'en']).stdout.replace(/\s+/g, ' ')).toContain('--targets-only the period is in progress: publish the adopted plan');
  });

  it('refuses an act it cannot read, and a period or act given to several plans, in either language', () => {
    const bad = albero(['site', FIXTURE, '--output', join(dir, 'sito-atto'), '--act', 'Delibera 12 del 31/02/2024', '--lang', 'it']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toBe('albero site: --act deve essere scritto «TIPO n. NUMERO del GG/MM/AAAA», come «Delibera di Giunta n. 12 del 30/01/2024», non «Delibera 12 del 31/02/2024»\n');
    const day = albero(['site', FIXTURE, '--output', join(dir, 'sito-atto'), '--act', 'Delibera n. 12 del 31/02/2024', '--lang', 'en']);
    expect(day.stderr).toContain('--act must be written “KIND n. NUMBER del DD/MM/YYYY”');
    const two = albero(['site', FIXTURE, FIXTURE, '--output', join(dir, 'sito-due'), '--period', 'Consuntivo 2024', '--lang', 'en']);
    expect(two.status).toBe(2);
    expect(two.stderr).toContain('--period apply to one plan only: 2 were given');
    expect(existsSync(join(dir, 'sito-atto'))).toBe(false);
    expect(existsSync(join(dir, 'sito-due'))).toBe(false);
    const help = albero(['site', '--help', '--lang', 'it']).stdout.replace(/\s+/g, ' ');
    expect(help).toContain('--period <label>');
    expect(help).toContain('Delibera di Giunta n. 12 del 30/01/2024');
    expect(albero(['site', '--help', '--lang', 'en']).stdout.replace(/\s+/g, ' ')).toContain('--act <act> the act that adopted the plan');
  });
});
