/**
 * Every command of the command line speaks the user's language (issue 14): Italian under an
 * Italian locale, English otherwise, `--lang` over both. Each command's typical output and one of
 * its refusals, through the built CLI on real files; exit codes are the same in both languages.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { FIXTURE, albero, fixtureText } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'albero-cli-lang-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
function file(name: string, contents: string): string {
  const path = join(dir, name);
  writeFileSync(path, contents);
  return path;
}
const IT = { locale: 'it_IT.UTF-8' };
const out = (name: string): string => join(dir, name);

describe("commander's usage errors", () => {
  // Fourteen whole processes one after another: more than the default 30 s on a loaded machine.
  it('a missing argument, an unknown option with its suggestion, a bad choice, too many arguments, an unknown command', { timeout: 120_000 }, () => {
    const missing = albero(['evaluate'], IT);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toBe("errore: manca l'argomento obbligatorio 'file'\n(eseguire con --help per le istruzioni)\n");
    expect(albero(['evaluate'], { env: { LANG: 'it_IT.UTF-8' } }).stderr).toBe(albero(['evaluate']).stderr); // LC_ALL comes first
    expect(albero(['evaluate', '--lang', 'en'], IT).stderr).toBe("error: missing required argument 'file'\n(run with --help for usage)\n");

    const unknown = albero(['evaluate', FIXTURE, '--jsn'], IT);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain("errore: opzione sconosciuta '--jsn'\n(forse --json?)");
    expect(albero(['evaluate', FIXTURE, '--jsn']).stderr).toContain("error: unknown option '--jsn'\n(Did you mean --json?)");

    const choice = albero(['diff', FIXTURE, FIXTURE, '--only', 'tutto'], IT);
    expect(choice.status).toBe(2);
    expect(choice.stderr).toContain("errore: il valore 'tutto' dell'opzione '--only <group>' non è valido: i valori ammessi sono structure, plan, measurement, result");
    expect(albero(['diff', FIXTURE, FIXTURE, '--only', 'tutto', '--lang=en'], IT).stderr).toContain(
      "error: option '--only <group>' argument 'tutto' is invalid. Allowed choices are structure, plan, measurement, result.",
    );

    const legend = albero(['evaluate', FIXTURE, '--legend', '60/80'], IT);
    expect(legend.status).toBe(2);
    expect(legend.stderr).toContain("il valore '60/80' dell'opzione '--legend <green/yellow>' non è valido: la soglia verde deve essere sopra quella gialla");

    const excess = albero(['verify', FIXTURE, FIXTURE], IT);
    expect(excess.status).toBe(2);
    expect(excess.stderr).toContain("errore: troppi argomenti per 'verify': ne è atteso 1, ricevuti 2");
    expect(albero(['verify', FIXTURE, FIXTURE]).stderr).toContain("error: too many arguments for 'verify'. Expected 1 argument but got 2.");

    const command = albero(['valuta', FIXTURE], IT);
    expect(command.status).toBe(2);
    expect(command.stderr).toContain("errore: comando sconosciuto 'valuta'");
    expect(albero(['evalute', FIXTURE]).stderr).toContain("error: unknown command 'evalute'\n(Did you mean evaluate?)");

    const required = albero(['next-year', FIXTURE, '--output', out('x.xlsx')], IT);
    expect(required.status).toBe(2);
    expect(required.stderr).toContain("errore: l'opzione obbligatoria '--year <year>' non è stata indicata");
  });

  it('exit 2 as any bad input, not the 1 of "verify found differences"; help and version asked for exit 0', { timeout: 120_000 }, () => {
    // No command, or a group without its subcommand: the help on stderr, as a usage error.
    for (const args of [[], ['admin']]) {
      const none = albero(args, IT);
      expect(none.status).toBe(2);
      expect(none.stdout).toBe('');
      expect(none.stderr).toMatch(/^Uso: albero /);
    }
    expect(albero(['evaluate', FIXTURE, '--jsn']).status).toBe(2);
    for (const args of [['--help'], ['verify', '--help'], ['help', 'verify'], ['--version'], ['-V']]) {
      const asked = albero(args, IT);
      expect(asked.status).toBe(0);
      expect(asked.stderr).toBe('');
    }
    expect(albero(['--version']).stdout).toBe('0.1.0\n');
  });
});

describe("--help: the headings and commander's own options", () => {
  it('in Italian and in English', () => {
    const it = albero(['verify', '--help'], IT);
    expect(it.status).toBe(0);
    expect(it.stdout).toMatch(/^Uso: albero verify /);
    expect(it.stdout).toContain('\nArgomenti:\n');
    expect(it.stdout).toContain('\nOpzioni:\n');
    expect(it.stdout).toMatch(/-h, --help +mostra l'aiuto del comando/);
    expect(albero(['--help'], IT).stdout).toMatch(/-V, --version +mostra il numero di versione[\s\S]*\nComandi:\n/);
    const en = albero(['verify', '--help', '--lang', 'en'], IT);
    expect(en.stdout).toMatch(/^Usage: albero verify /);
    expect(en.stdout).toMatch(/-h, --help +display help for command/);
  });
});

describe('--help: every description in the language', () => {
  const COMMANDS = [
    [],
    ['evaluate'],
    ['verify'],
    ['explain'],
    ['diff'],
    ['import'],
    ['template'],
    ['next-year'],
    ['report'],
    ['relazione'],
    ['site'],
    ['serve'],
    ['admin'],
    ['admin', 'create-user'],
    ['reminders'],
  ];
  // Words that give the other language away. The names of things stay as they are in both: the
  // product's ("Albero della performance"), the Relazione's, Amministrazione trasparente, the flags.
  const ENGLISH = /\b(the|of|and|or|to|with|print|write|default|choices|one|each|every|table)\b/i;
  const ITALIAN = /\b(il|lo|la|le|gli|di|del|dei|una|uno|è|predefinit[oa]|valori|stampare|scrivere|tabella|oppure|anno|ogni)\b/i;
  const KEPT = /Albero\s+della\s+performance|Relazione\s+sulla\s+performance|Amministrazione\s+trasparente|"Consuntivo\s+2024"|Relazione's|(la|della)\s+Relazione/g;
  /** The descriptions in a help text: the command's own, and each list item's without its term (flags, argument, command). */
  const descriptions = (help: string): string[] =>
    help
      .replace(/\n {6,}/g, ' ') // a list item's description wrapped onto more lines
      .replace(KEPT, '')
      .split('\n')
      .filter((line) => line.trim() !== '' && !/^(Uso|Usage):/.test(line) && !/^\S.*:$/.test(line))
      .map((line) => line.trim().replace(/^(-\S+(, -\S+)?( [<[]\S+[>\]])?|\S+( [<[]\S+[>\]])*) {2,}/, ''));

  // 30 whole CLI processes: on a loaded 2-core machine this takes longer than one test's default.
  it('Italian under an Italian locale, English under an English one, for every command', { timeout: 120_000 }, () => {
    for (const command of COMMANDS) {
      const it = albero([...command, '--help'], IT);
      const en = albero([...command, '--help'], { locale: 'en_US.UTF-8' });
      expect(it.status, command.join(' ')).toBe(0);
      expect(en.status, command.join(' ')).toBe(0);
      const itLines = descriptions(it.stdout);
      const enLines = descriptions(en.stdout);
      expect(itLines.length, command.join(' ')).toBeGreaterThan(0);
      expect(enLines.length, command.join(' ')).toBeGreaterThan(0);
      for (const line of itLines) expect(line, `albero ${command.join(' ')} --help in Italian`).not.toMatch(ENGLISH);
      for (const line of enLines) expect(line, `albero ${command.join(' ')} --help in English`).not.toMatch(ITALIAN);
    }
  });

  it("the descriptions, and commander's choices and defaults after them", () => {
    const flat = (help: string): string => help.replace(/\n {6,}/g, ' ');
    const it = flat(albero(['evaluate', '--help'], IT).stdout);
    expect(it).toContain('\ncalcolare la performance e la fascia di ogni indicatore e di ogni obiettivo\n');
    expect(it).toMatch(/--scoring <rule> +regola predefinita degli indicatori ordinari \(quelli derivati mantengono la propria\) \(valori: "on_off", "proportional"\)\n/);
    expect(it).toMatch(/--lang <language> +la lingua dei messaggi [^\n]*\(valori: "it", "en"\)\n/);
    expect(flat(albero(['admin', 'create-user', '--help'], IT).stdout)).toMatch(/--role <role> +uno tra admin, controller, referente, oiv, personale \(predefinito: "admin"\)\n/);
    expect(flat(albero(['admin', 'create-user', '--help']).stdout)).toMatch(/--role <role> +one of admin, controller, referente, oiv, personale \(default: "admin"\)\n/);
    expect(flat(albero(['--help', '--lang', 'en'], IT).stdout)).toMatch(/\n +evaluate \[options\] <file> +compute every indicator's and objective's performance and band\n/);
  });
});

describe('evaluate: the table heads', () => {
  it('in Italian and in English', () => {
    const it = albero(['evaluate', FIXTURE], IT);
    expect(it.status).toBe(0);
    expect(it.stdout.split('\n')[0]).toMatch(/^Obiettivo \/ Indicatore\s+Peso\s+Target\s+Consuntivo\s+KPI\s+Obiettivo$/);
    const en = albero(['evaluate', FIXTURE]);
    expect(en.stdout.split('\n')[0]).toMatch(/^Objective \/ Indicator\s+Weight\s+Target\s+Actual\s+KPI\s+Objective$/);
  });
});

describe('verify and diff as text', () => {
  const lines = fixtureText().split('\n');
  const a2 = lines.findIndex((l) => l.startsWith('A.2 - '));
  lines[a2] = lines[a2]!.replace('93,00%', '95,00%');
  const tampered = file('manomesso.txt', lines.join('\n'));

  it('verify: each difference and the summary', () => {
    const it = albero(['verify', tampered], IT);
    expect(it.status).toBe(1);
    expect(it.stdout).toContain(`manomesso.txt:${a2 + 1} colonna Performance Obiettivo: A.2 Performance Obiettivo: dichiarato 95,00%, calcolato 93,00%`);
    expect(it.stdout).toMatch(/✘ \d+ celle controllate, 1 diversa\n$/);
    const en = albero(['verify', tampered]);
    expect(en.status).toBe(1);
    expect(en.stdout).toContain(`manomesso.txt:${a2 + 1} column Performance Obiettivo: A.2 Performance Obiettivo: stated 95.00%, computed 93.00%`);
    expect(en.stdout).toMatch(/✘ \d+ cells checked, 1 differ\n$/);
    expect(albero(['verify', FIXTURE], IT).stdout).toMatch(/^✔ \d+ celle controllate, 0 diverse\n$/);
  });

  it('diff: the groups, the kinds of change and the count', () => {
    const revised = file(
      'rivisto.txt',
      fixtureText().replace('Capacità di risposta dello sportello internazionalizzazione\t20% >=\t60,00%', 'Capacità di risposta dello sportello internazionalizzazione\t20% >=\t50,00%'),
    );
    const it = albero(['diff', FIXTURE, revised, '--only', 'plan'], IT);
    expect(it.status).toBe(1);
    expect(it.stdout).toContain('Piano: target, pesi e regole (da rendicontare nella Relazione) (1)');
    expect(it.stdout).toMatch(/~ A\.2\.1 «Capacità di risposta dello sportello internazionalizzazione» target: 60,00% → 50,00% {2}\(.*rivisto\.txt:\d+ colonna/);
    expect(it.stdout).toContain(`1 modifica da ${FIXTURE} a ${revised}`);
    const en = albero(['diff', FIXTURE, revised, '--only', 'plan']);
    expect(en.stdout).toContain('Plan: targets, weights and rules (changes to disclose in the Relazione) (1)');
    expect(en.stdout).toContain(`1 change from ${FIXTURE} to ${revised}`);
    const results = albero(['diff', FIXTURE, revised, '--only', 'result'], IT);
    expect(results.stdout).toMatch(/Risultati: performance degli obiettivi \(\d+\)/);
    expect(results.stdout).toContain('~ A.2 performance dell’obiettivo: 93,00% (verde) → 100,00% (verde)');
    // The band words follow the command line's language: the locale's, or --lang over it.
    expect(albero(['diff', FIXTURE, revised, '--only', 'result']).stdout).toContain('~ A.2 objective performance: 93.00% (green) → 100.00% (green)');
    const lang = albero(['diff', FIXTURE, revised, '--only', 'result', '--lang', 'en'], IT).stdout;
    expect(lang).toContain('~ A.2 objective performance: 93.00% (green) → 100.00% (green)');
    expect(lang).not.toMatch(/verde|giallo|rosso/);
    expect(albero(['diff', FIXTURE, FIXTURE], IT).stdout).toBe(`✔ nessuna modifica da ${FIXTURE} a ${FIXTURE}\n`);
  });
});

describe('English output has no Italian words or decimals', () => {
  // The plan's own text (titles, names, the file's column heads) stays as it is; what the command
  // line says around it, and every number it computes, is English.
  // A comma between digits that is not English grouping (1,587.1).
  const DECIMAL_COMMA = /\d,\d(?!\d\d[.,\d])/;
  const ITALIAN = /\b(verde|giallo|rosso|regola|legenda|non raggiunto|non misurato|proporzionale|scaglioni|soglia|dichiarato|calcolato|superiore|compresa|del target|misurati|predefinita)\b/;

  it('evaluate, verify, diff and explain; the same diff in Italian keeps the Italian way', () => {
    const lines = fixtureText().split('\n');
    const a2 = lines.findIndex((l) => l.startsWith('A.2 - '));
    lines[a2] = lines[a2]!.replace('93,00%', '95,00%');
    const tampered = file('stated.txt', lines.join('\n'));
    const revised = file(
      'revised.txt',
      fixtureText()
        .replace('Capacità di risposta dello sportello internazionalizzazione\t20% >=\t60,00%', 'Capacità di risposta dello sportello internazionalizzazione\t20% >=\t50,50%')
        .replace('\tSoggetti coinvolti\t100% >=\t10\t206', '\tSoggetti coinvolti\t100% >=\t10,5\t206'),
    );
    const runs = {
      evaluate: albero(['evaluate', FIXTURE]).stdout,
      verify: albero(['verify', tampered]).stdout,
      diff: albero(['diff', FIXTURE, revised]).stdout,
      explain: albero(['explain', FIXTURE, 'A.2']).stdout,
    };
    expect(runs.evaluate).toContain('93.00%');
    expect(runs.verify).toContain('stated 95.00%, computed 93.00%');
    expect(runs.diff).toContain('target: 60.00% → 50.50%');
    expect(runs.diff).toContain('target: 10 → 10.50');
    expect(runs.explain).toContain('= 93.00%');
    // The plan's own words left out: quoted names, the file's columns, titles after a code, indicator names before a colon or a bracket.
    const ours = (text: string): string =>
      text
        .replace(/"[^"]*"/g, '""')
        .replace(/column [^:)]*/g, 'column')
        .split('\n')
        .map((l) => l.replace(/^\s*(\S+ )?[A-Z]\S*( \S+)*?(?=(:| \[| {2,}|$))/, ''))
        .join('\n');
    // evaluate's columns after the names: the last 45 characters of a line (the legend whole).
    const columns = (text: string): string =>
      text
        .split('\n')
        .map((l) => l.slice(-45))
        .join('\n');
    for (const [command, text] of Object.entries(runs)) {
      expect(command === 'evaluate' ? columns(text) : ours(text), command).not.toMatch(DECIMAL_COMMA);
      expect(ours(text), command).not.toMatch(ITALIAN);
    }
    const italian = albero(['diff', FIXTURE, revised], IT).stdout;
    expect(italian).toContain('target: 60,00% → 50,50%');
    expect(italian).toContain('target: 10 → 10,50');
  });
});

describe('evaluate --json: the amount texts in the language asked', () => {
  // targetText and actualText are the amounts as the report's table prints them: in English its
  // numbers, yes/no and N.E. (they were Italian whatever the language: 1.587,10, sì, N.V.).
  const table = file(
    'testi.txt',
    [
      'Obiettivo|Indicatore|Peso|Target|Consuntivo|Performance KPI|Performance Obiettivo',
      'A - Servizi||||||',
      '|Ore di formazione|50% >=|1.500,00|1.587,10||',
      '|Registro attivato|30% =|sì|sì||',
      '|Quota digitale|20% >=|60,50%|64,73%||',
      '|Non valutabile|0% >=|2|N.V.||',
    ]
      .join('\n')
      .replace(/\|/g, '\t'),
  );
  type Texts = Array<[string, string]>;
  const texts = (args: string[], options = {}): Texts => {
    const run = albero(['evaluate', table, '--json', ...args], options);
    expect(run.status, run.stderr).toBe(0);
    const doc = JSON.parse(run.stdout) as { objectives: Array<{ indicators: Array<{ targetText: string; actualText: string }> }> };
    return doc.objectives.flatMap((o) => o.indicators.map((i): [string, string] => [i.targetText, i.actualText]));
  };

  it('English with --lang en or an English locale, Italian with --lang it or an Italian locale', () => {
    const english: Texts = [
      ['1,500', '1,587.10'],
      ['yes', 'yes'],
      ['60.50%', '64.73%'],
      ['2', 'N.E.'],
    ];
    const italian: Texts = [
      ['1.500', '1.587,10'],
      ['sì', 'sì'],
      ['60,50%', '64,73%'],
      ['2', 'N.V.'],
    ];
    expect(texts(['--lang', 'en'], IT)).toEqual(english);
    expect(texts([])).toEqual(english);
    expect(texts([], IT)).toEqual(italian);
    expect(texts(['--lang', 'it'])).toEqual(italian);
    // import --output writes the same document, texts included.
    for (const [language, expected] of [
      ['en', english],
      ['it', italian],
    ] as const) {
      const written = out(`testi-${language}.json`);
      expect(albero(['import', table, '--output', written, '--lang', language]).status).toBe(0);
      const doc = JSON.parse(readFileSync(written, 'utf8')) as { objectives: Array<{ indicators: Array<{ targetText: string; actualText: string }> }> };
      expect(doc.objectives.flatMap((o) => o.indicators.map((i) => [i.targetText, i.actualText]))).toEqual(expected);
    }
  });

  it('the table, the explanation and the changes say N.E. in English and N.V. in Italian, as the JSON does (not N/A)', () => {
    const line = (run: { stdout: string }) => run.stdout.split('\n').find((l) => l.includes('Non valutabile')) ?? '';
    expect(line(albero(['evaluate', table, '--lang', 'en']))).toMatch(/\sN\.E\.\s*$/);
    expect(line(albero(['evaluate', table, '--lang', 'it']))).toMatch(/\sN\.V\.\s*$/);
    // The reason is the importer's, stored with the value by its Italian words and said in the reader's.
    const explained = (language: string) => albero(['explain', table, 'A', '--lang', language]).stdout;
    expect(explained('en')).toContain('Non valutabile: left out (N.E.: N.E. in the published table)');
    expect(explained('en')).toContain('Non valutabile [N.E.]');
    expect(explained('it')).toContain('Non valutabile: escluso (N.V.: N.V. nella tabella pubblicata)');
    expect(explained('it')).toContain('Non valutabile [N.V.]');
    // The same indicator measured in a second version: the change's before side is the mark.
    const after = file('testi-dopo.txt', readFileSync(table, 'utf8').replace('\t2\tN.V.\t', '\t2\t3\t'));
    const diff = albero(['diff', table, after, '--lang', 'en']).stdout;
    expect(diff).toContain('actual: N.E. (N.E. in the published table) → 3');
    expect(albero(['diff', table, after, '--lang', 'it']).stdout).toContain('consuntivo: N.V. (N.V. nella tabella pubblicata) → 3');
    expect(diff).not.toContain('N/A');
  });

  it('a workbook the report wrote in Italian, evaluated again in English, says the import’s reason in English', () => {
    const workbook = out('rapporto-it.xlsx');
    expect(albero(['report', table, '--output', workbook, '--lang', 'it']).status).toBe(0);
    const reasons = (language: string): unknown[] => {
      const run = albero(['evaluate', workbook, '--json', '--lang', language]);
      expect(run.status, run.stderr).toBe(0);
      const doc = JSON.parse(run.stdout) as { objectives: Array<{ indicators: Array<{ reason: string | null }> }> };
      return doc.objectives.flatMap((o) => o.indicators.flatMap((i) => (i.reason === null ? [] : [i.reason])));
    };
    expect(reasons('en')).toEqual(['N.E. in the published table']);
    expect(reasons('it')).toEqual(['N.V. nella tabella pubblicata']);
  });

  it('the English document differs from the Italian one in these texts alone', () => {
    const italian = albero(['evaluate', FIXTURE, '--json'], IT).stdout;
    const english = albero(['evaluate', FIXTURE, '--json', '--lang', 'en'], IT).stdout;
    // The same document with each indicator's two texts taken out, and the reason the import wrote (the fixture's N.V.).
    const withoutTexts = (json: string): string =>
      json.replace(/"targetText":"[^"]*","actualText":"[^"]*"/g, '').replace(/"reason":"(N\.V\. nella tabella pubblicata|N\.E\. in the published table)"/g, '');
    expect(withoutTexts(english)).toBe(withoutTexts(italian));
    expect(english).not.toBe(italian);
    expect(italian).toContain('"targetText":"60,00%","actualText":"50,00%"');
    expect(english).toContain('"targetText":"60.00%","actualText":"50.00%"');
    expect(italian).toContain('"reason":"N.V. nella tabella pubblicata"');
    expect(english).toContain('"reason":"N.E. in the published table"');
    expect(english).not.toContain('nella tabella pubblicata');
  });
});

describe('the commands that write files: what they wrote, and a refusal each', () => {
  it('report', () => {
    const it = albero(['report', FIXTURE, '--output', out('relazione-it.html')], IT);
    expect(it.status).toBe(0);
    // The areas apart from the objectives, as the Relazione counts them (not "49 obiettivi").
    expect(it.stderr).toMatch(/(^|\n)scritto .*relazione-it\.html \(html, 3 aree strategiche, 46 obiettivi, 88 indicatori\)\n$/);
    const en = albero(['report', FIXTURE, '--output', out('report-en.html')]);
    expect(en.stderr).toMatch(/(^|\n)wrote .*report-en\.html \(html, 3 strategic areas, 46 objectives, 88 indicators\)\n$/);
    const format = albero(['report', FIXTURE, '--format', 'odt'], IT);
    expect(format.status).toBe(2);
    expect(format.stderr).toBe('albero report: formato «odt» sconosciuto; usare uno tra html, pdf, xlsx, csv, json\n');
    const pdf = albero(['report', FIXTURE, '--format', 'pdf', '--lang', 'en'], IT);
    expect(pdf.status).toBe(2);
    expect(pdf.stderr).toBe('albero report: a pdf file needs --output FILE.pdf\n');
  });

  it('report and relazione: an --output without an extension, or a folder, said as such (it was: unknown format "")', () => {
    const folder = out('una-cartella-di-uscita');
    mkdirSync(folder, { recursive: true });
    const cases: Array<[string, string[], string]> = [
      [
        'report',
        ['--output', out('relazione')],
        `albero report: ${out('relazione')}: dal nome non si capisce il formato; dare al file un'estensione (.html, .pdf, .xlsx, .csv, .json) o indicare --format\n`,
      ],
      ['relazione', ['--output', out('relazione')], `albero relazione: ${out('relazione')}: dal nome non si capisce il formato; dare al file un'estensione (.docx, .pdf, .html) o indicare --format\n`],
      ['report', ['--output', folder], `albero report: ${folder} non può essere scritto: è una cartella, non un file\n`],
      ['relazione', ['--output', folder], `albero relazione: ${folder} non può essere scritto: è una cartella, non un file\n`],
    ];
    for (const [command, args, said] of cases) {
      const run = albero([command, FIXTURE, ...args], IT);
      expect(run.stderr).toBe(said);
      expect(run.status).toBe(2);
    }
    expect(albero(['report', FIXTURE, '--output', out('relazione')]).stderr).toBe(
      `albero report: ${out('relazione')}: its name does not say the format; give the file an extension (.html, .pdf, .xlsx, .csv, .json) or say --format\n`,
    );
    expect(existsSync(out('relazione'))).toBe(false);
    // With --format the name needs no extension.
    expect(albero(['report', FIXTURE, '--output', out('relazione'), '--format', 'csv']).status).toBe(0);
  });

  it('import, report and relazione: an --output whose name says another format than is written is refused, nothing written', { timeout: 120_000 }, () => {
    // import --output x.xlsx wrote the JSON document under the workbook's name.
    const workbook = out('importato.xlsx');
    const it = albero(['import', FIXTURE, '--output', workbook], IT);
    expect(it.stderr).toBe(`albero import: ${workbook}: il piano importato è scritto come documento JSON; dare al file un nome .json (per la cartella .xlsx: albero report FILE --output OUT.xlsx)\n`);
    expect(it.status).toBe(2);
    const en = albero(['import', FIXTURE, '--output', out('importato.csv')]);
    expect(en.stderr).toBe(
      `albero import: ${out('importato.csv')}: the imported plan is written as a JSON document; give the file a .json name (for the workbook: albero report FILE --output OUT.xlsx)\n`,
    );
    expect(en.status).toBe(2);
    // --check is no way round it: the option is refused before the table is read.
    expect(albero(['import', FIXTURE, '--check', '--output', out('importato')]).status).toBe(2);
    // --format against the name: JSON was written into x.xlsx, a PDF into x.html.
    const report = albero(['report', FIXTURE, '--format', 'json', '--output', out('formato.xlsx')], IT);
    expect(report.stderr).toBe(`albero report: ${out('formato.xlsx')}: --format json ma il nome del file dice xlsx; dare al file un nome .json o togliere --format\n`);
    expect(report.status).toBe(2);
    const relazione = albero(['relazione', FIXTURE, '--format', 'pdf', '--output', out('formato.htm')]);
    expect(relazione.stderr).toBe(`albero relazione: ${out('formato.htm')}: --format pdf but the file's name says html; give the file a .pdf name or leave out --format\n`);
    expect(relazione.status).toBe(2);
    for (const name of ['importato.xlsx', 'importato.csv', 'importato', 'formato.xlsx', 'formato.htm']) expect(existsSync(out(name))).toBe(false);
    // The name and --format agreeing, or a name that says no format of the command's, are written as before.
    expect(albero(['import', FIXTURE, '--output', out('importato.JSON')]).status).toBe(0);
    expect(JSON.parse(readFileSync(out('importato.JSON'), 'utf8'))).toHaveProperty('objectives');
    expect(albero(['report', FIXTURE, '--format', 'html', '--output', out('formato.htm')]).status).toBe(0);
    expect(albero(['report', FIXTURE, '--format', 'csv', '--output', out('formato.dat')]).status).toBe(0);
  });

  it("report: the document's own words in the command line's language (the locale, or --lang), as the server's ?lang=", () => {
    const read = (name: string): string => readFileSync(out(name), 'utf8');
    expect(albero(['report', FIXTURE, '--output', out('locale-it.html')], IT).status).toBe(0);
    expect(albero(['report', FIXTURE, '--output', out('locale-en.html')]).status).toBe(0);
    expect(albero(['report', FIXTURE, '--output', out('lang-en.html'), '--lang', 'en'], IT).status).toBe(0);
    expect(albero(['report', FIXTURE, '--output', out('lang-it.html'), '--lang', 'it']).status).toBe(0);
    for (const name of ['locale-it.html', 'lang-it.html']) {
      const html = read(name);
      expect(html, name).toMatch(/^<!doctype html>\s*<html lang="it">/);
      expect(html, name).toMatch(/<dt>Anno<\/dt><dd>2024<\/dd>.*<dt>Stato del periodo<\/dt><dd>calcolato da un file, non registrato in Albero<\/dd>.*<dt>Calcolato il<\/dt>/s);
      expect(html, name).toContain('B.1: 56,00% (rosso); B.2: 65,00% (giallo)');
    }
    for (const name of ['locale-en.html', 'lang-en.html']) {
      const html = read(name);
      expect(html, name).toMatch(/^<!doctype html>\s*<html lang="en">/);
      expect(html, name).toMatch(/<dt>Year<\/dt><dd>2024<\/dd>.*<dt>Period state<\/dt><dd>computed from a file, not recorded in Albero<\/dd>.*<dt>Computed on<\/dt>/s);
      expect(html, name).toContain('B.1: 56.00% (red); B.2: 65.00% (yellow)');
      expect(html, name).not.toMatch(/Anno|Stato del periodo|rosso|giallo|\d,\d\d%/);
    }
    // The PDF, read back with poppler: the same words.
    expect(existsSync('/usr/bin/pdftotext'), 'apt-get install -y poppler-utils').toBe(true);
    const pdfText = (args: string[], options = {}): string => {
      const file = out(`report-${args.join('')}-${Object.keys(options).length}.pdf`);
      expect(albero(['report', FIXTURE, '--output', file, ...args], options).status).toBe(0);
      return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    };
    const italian = pdfText([], IT);
    expect(italian).toContain('Anno: 2024 Stato del periodo: calcolato da un file, non registrato in Albero Calcolato il:');
    expect(italian).toMatch(/Sintesi Performance per area e per obiettivo strategico .*A Competitività e sviluppo delle imprese e … ● 90,38%/);
    const english = pdfText(['--lang', 'en'], IT);
    expect(english).toContain('Year: 2024 Period state: computed from a file, not recorded in Albero Computed on:');
    expect(english).toMatch(/Summary Performance by area and strategic objective .*A Competitività e sviluppo delle imprese e … ● 90.38%/);
    expect(english).not.toMatch(/Sintesi|Anno:|\d,\d\d%/);
    // Six whole processes, two of them writing PDFs: about 15 s on a quiet machine.
  }, 120_000);

  it('relazione', () => {
    const it = albero(['relazione', FIXTURE, '--output', out('relazione.html')], IT);
    expect(it.status).toBe(0);
    // As the Relazione it wrote says "3 aree strategiche, 46 obiettivi": before, "49 obiettivi".
    expect(it.stderr).toMatch(/(^|\n)scritto .*relazione\.html \(html, 3 aree strategiche, 46 obiettivi\)\n$/);
    expect(albero(['relazione', FIXTURE, '--output', out('relazione-en.html')]).stderr).toMatch(/(^|\n)wrote .*relazione-en\.html \(html, 3 strategic areas, 46 objectives\)\n$/);
    const texts = file('testi.json', JSON.stringify({ premessa: 'Testo' }));
    const bad = albero(['relazione', FIXTURE, '--output', out('r2.html'), '--texts', texts], IT);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/^albero relazione: .*testi\.json: sezione «premessa» sconosciuta; usare presentazione, sintesi, /);
    expect(albero(['relazione', FIXTURE, '--output', out('r2.html'), '--texts', texts]).stderr).toMatch(/testi\.json: unknown section “premessa”; use presentazione, sintesi, /);
    expect(existsSync(out('r2.html'))).toBe(false);
    // A texts file that cannot be read is said as a table's is, not with the system's code (it was "ENOENT").
    const missing = albero(['relazione', FIXTURE, '--output', out('r3.html'), '--texts', out('nessuno.json')], IT);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/^albero relazione: .*nessuno\.json: il file non esiste\n$/);
    expect(albero(['relazione', FIXTURE, '--output', out('r3.html'), '--texts', out('nessuno.json')]).stderr).toMatch(/^albero relazione: .*nessuno\.json: no such file\n$/);
    expect(albero(['relazione', FIXTURE, '--output', out('r3.html'), '--texts', dir], IT).stderr).toMatch(/: è una cartella, non un file\n$/);
    const json = file('rotto.json', '{"sintesi": ');
    expect(albero(['relazione', FIXTURE, '--output', out('r3.html'), '--texts', json], IT).stderr).toMatch(/rotto\.json:1 colonna 13: non è JSON valido\n$/);
    expect(albero(['relazione', FIXTURE, '--output', out('r3.html'), '--texts', json]).stderr).toMatch(/rotto\.json:1 column 13: not valid JSON\n$/);
    expect(existsSync(out('r3.html'))).toBe(false);
  });

  it('relazione --texts as office software saves it: a BOM, Windows-1252, a comma missing on line 3', () => {
    const words = { sintesi: 'Le attività del 2024: più città, perché sì.' };
    // Notepad's UTF-8 starts with a BOM: it was refused as "not valid JSON".
    const bom = out('testi-bom.json');
    writeFileSync(bom, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON.stringify(words), 'utf8')]));
    const withBom = albero(['relazione', FIXTURE, '--output', out('r-bom.html'), '--texts', bom], IT);
    expect(withBom.stderr).toMatch(/(^|\n)scritto .*r-bom\.html/);
    expect(withBom.status).toBe(0);
    expect(readFileSync(out('r-bom.html'), 'utf8')).toContain(words.sintesi);
    // Windows-1252: its accents were read as "�" and printed so, without a word.
    const latin = out('testi-1252.json');
    writeFileSync(latin, Buffer.from(JSON.stringify(words), 'latin1'));
    const with1252 = albero(['relazione', FIXTURE, '--output', out('r-1252.html'), '--texts', latin], IT);
    expect(with1252.stderr).toContain('testi-1252.json: avviso: il file non è in UTF-8: è stato letto come Windows-1252 [encoding]');
    expect(with1252.status).toBe(0);
    const html = readFileSync(out('r-1252.html'), 'utf8');
    expect(html).toContain(words.sintesi);
    expect(html).not.toContain('\ufffd');
    // Where the JSON breaks, as a table's problems are located.
    const broken = file('testi-rotti.json', '{\n  "sintesi": "a",\n  "processo": "b"\n  "presentazione": "c"\n}\n');
    const run = albero(['relazione', FIXTURE, '--output', out('r-rotto.html'), '--texts', broken], IT);
    expect(run.stderr).toMatch(/^albero relazione: .*testi-rotti\.json:4 colonna 3: non è JSON valido\n$/);
    expect(run.status).toBe(2);
    expect(existsSync(out('r-rotto.html'))).toBe(false);
  });

  it('relazione and site say in --help that the document is Italian, in either language', () => {
    for (const command of ['relazione', 'site']) {
      expect(albero([command, '--help'], IT).stdout.replace(/\s+/g, ' ')).toMatch(/(il documento è|le pagine sono) in italiano, come l[oe] pubblica l'ente/);
      expect(albero([command, '--help', '--lang', 'en'], IT).stdout.replace(/\s+/g, ' ')).toMatch(/the (document is|pages are) in Italian, as the public body publishes (it|them)/);
    }
  });

  it('site', () => {
    const it = albero(['site', FIXTURE, '--output', out('sito')], IT);
    expect(it.status).toBe(0);
    expect(it.stderr).toMatch(/(^|\n)scritto .*sito \(1 anno\)\n$/);
    const en = albero(['site', FIXTURE, '--output', out('site')]);
    expect(en.stderr).toMatch(/(^|\n)wrote .*site \(1 year\)\n$/);
    // A folder under a plain file cannot be made.
    const blocked = albero(['site', FIXTURE, '--output', join(file('un-file.txt', 'x'), 'sito')], IT);
    expect(blocked.status).toBe(2);
    expect(blocked.stderr).toMatch(/\nalbero site: .*un-file\.txt\/sito non può essere scritto: una parte del percorso è un file, non una cartella\n$/);
  });

  it('site does not write over the files of a folder that already holds them, unless --force', () => {
    // The body's own page where the site would put its index: it was replaced without a word.
    const folder = out('pagine-ente');
    mkdirSync(folder);
    writeFileSync(join(folder, 'index.html'), '<p>la pagina dell’ente</p>');
    writeFileSync(join(folder, 'altro.html'), 'non toccato');
    const refused = albero(['site', FIXTURE, '--output', folder], IT);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/\nalbero site: .*pagine-ente contiene già un file che il sito riscriverebbe \(index\.html\); indicare --force per sostituirlo, o un'altra cartella\n$/);
    expect(readFileSync(join(folder, 'index.html'), 'utf8')).toBe('<p>la pagina dell’ente</p>');
    expect(existsSync(join(folder, '2024'))).toBe(false);
    // A site written before: every file it would write again counts, the first few are named.
    const site = out('sito-esistente');
    expect(albero(['site', FIXTURE, '--output', site]).status).toBe(0);
    const again = albero(['site', FIXTURE, '--output', site]);
    expect(again.status).toBe(2);
    expect(again.stderr).toMatch(
      /\nalbero site: .*sito-esistente already holds 6 files the site would write over \(index\.html, 2024\/index\.html, 2024\/piano\.html, …\); give --force to replace them, or another folder\n$/,
    );
    // --force replaces them; what the site does not write stays.
    const forced = albero(['site', FIXTURE, '--output', folder, '--force'], IT);
    expect(forced.status).toBe(0);
    expect(readFileSync(join(folder, 'index.html'), 'utf8')).toContain('href="2024/index.html"');
    expect(readFileSync(join(folder, 'altro.html'), 'utf8')).toBe('non toccato');
    // Four whole `albero site` processes: on a loaded machine they took more than the default 30 s.
  }, 120_000);

  it('template', () => {
    const it = albero(['template', out('modello.xlsx')], IT);
    expect(it.status).toBe(0);
    expect(it.stderr).toMatch(/(^|\n)scritto .*modello\.xlsx: compilare il foglio «Albero» \(vedere «Guida»\), poi controllarlo con: albero import .*modello\.xlsx --check\n$/);
    const bad = albero(['template', out('modello.ods')], IT);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/modello\.ods: il modello è una cartella \.xlsx; dare al file un nome \.xlsx\n$/);
    expect(albero(['template', out('modello.ods')]).stderr).toMatch(/modello\.ods: the template is an \.xlsx workbook; give the file an \.xlsx name\n$/);
  });

  it('next-year', () => {
    const it = albero(['next-year', FIXTURE, '--year', '2025', '--output', out('piano-2025.xlsx')], IT);
    expect(it.status).toBe(0);
    expect(it.stderr).toMatch(
      /(^|\n)scritto .*piano-2025\.xlsx: «.*2025.*», 3 aree strategiche, 46 obiettivi e 88 indicatori, \d+ baseline dai consuntivi 2024, nessun valore; controllarlo con: albero import /,
    );
    const en = albero(['next-year', FIXTURE, '--year', '2025', '--output', out('plan-2025.xlsx')]);
    expect(en.stderr).toMatch(/(^|\n)wrote .*plan-2025\.xlsx: “.*2025.*”, 3 strategic areas, 46 objectives and 88 indicators, \d+ baselines from the 2024 actuals, no values; check it with/);
    const before = albero(['next-year', FIXTURE, '--year', '2023', '--output', out('piano-2023.xlsx')], IT);
    expect(before.status).toBe(2);
    expect(before.stderr).toContain("\nalbero next-year: questo è il piano del 2024: il piano dell'anno successivo è quello del 2025, non quello del 2023\n");
    // A later year is made from the plan of the year before it (its actuals the baselines), not from 2024's.
    const gap = albero(['next-year', FIXTURE, '--year', '2027', '--output', out('piano-2027.xlsx')], IT);
    expect(gap.status).toBe(2);
    expect(gap.stderr).toContain(
      "\nalbero next-year: questo è il piano del 2024: il piano dell'anno successivo è quello del 2025, non quello del 2027; quello del 2027 si fa dal piano del 2026, i cui consuntivi ne sono le baseline\n",
    );
    expect(existsSync(out('piano-2027.xlsx'))).toBe(false);
    const gapEn = albero(['next-year', FIXTURE, '--year', '2026', '--from', '2024', '--output', out('plan-2026.xlsx')]);
    expect(gapEn.status).toBe(2);
    expect(gapEn.stderr).toContain("albero next-year: this is the 2024 plan: its next year's plan is 2025's, not 2026's; make 2026's from the 2025 plan, whose actuals are its baselines\n");
    const year = albero(['next-year', FIXTURE, '--year', 'prossimo', '--output', out('p.xlsx'), '--lang', 'en'], IT);
    expect(year.stderr).toBe('albero next-year: --year must be a year from 1990 to 2100, such as 2025, not “prossimo”\n');
  });

  it('--year and --from must be plausible years, as the API takes them: 0000 was taken and printed as the year', () => {
    const refusals: Array<[string[], string]> = [
      [['report', FIXTURE, '--format', 'html', '--year', '0000'], 'albero report: --year deve essere un anno dal 1990 al 2100, come 2024, non «0000»\n'],
      [['relazione', FIXTURE, '--output', out('r-0000.html'), '--year', '2101'], 'albero relazione: --year deve essere un anno dal 1990 al 2100, come 2024, non «2101»\n'],
      [['next-year', FIXTURE, '--year', '2025', '--from', '1989', '--output', out('p-1989.xlsx')], 'albero next-year: --from deve essere un anno dal 1990 al 2100, come 2024, non «1989»\n'],
      [['next-year', FIXTURE, '--year', '9999', '--output', out('p-9999.xlsx')], 'albero next-year: --year deve essere un anno dal 1990 al 2100, come 2025, non «9999»\n'],
    ];
    for (const [args, stderr] of refusals) {
      const run = albero(args, IT);
      expect(run.status, args.join(' ')).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toBe(stderr);
    }
    expect(existsSync(out('r-0000.html'))).toBe(false);
    // The ends of the range are years.
    expect(albero(['report', FIXTURE, '--format', 'csv', '--year', '1990']).status).toBe(0);
    expect(albero(['report', FIXTURE, '--format', 'csv', '--year', '2100']).status).toBe(0);
  });

  it('next-year refuses an empty or blank --title (it was written, and read back as "Albero"), and trims one', () => {
    for (const title of ['', '   ']) {
      const it = albero(['next-year', FIXTURE, '--year', '2025', '--output', out('senza-titolo.xlsx'), '--title', title], IT);
      expect(it.status, JSON.stringify(title)).toBe(2);
      expect(it.stderr).toBe("albero next-year: --title non può essere vuoto: indicare il titolo del nuovo piano, oppure ometterlo per tenere quello di questo piano con l'anno cambiato\n");
      expect(existsSync(out('senza-titolo.xlsx'))).toBe(false);
    }
    const en = albero(['next-year', FIXTURE, '--year', '2025', '--output', out('untitled.xlsx'), '--title', ' ']);
    expect(en.stderr).toBe("albero next-year: --title cannot be empty: give the new plan's title, or leave it out to keep this one's with the year replaced\n");
    const titled = albero(['next-year', FIXTURE, '--year', '2025', '--output', out('titled.xlsx'), '--title', '  Piano 2025  ']);
    expect(titled.status).toBe(0);
    expect(titled.stderr).toMatch(/(^|\n)wrote .*titled\.xlsx: “Piano 2025”, /);
  });

  it('report refuses an empty or blank --period (the report printed an empty period), before reading the table', () => {
    for (const period of ['', '  ']) {
      const it = albero(['report', FIXTURE, '--output', out('senza-periodo.html'), '--period', period], IT);
      expect(it.status, JSON.stringify(period)).toBe(2);
      expect(it.stdout).toBe('');
      expect(it.stderr).toBe('albero report: --period non può essere vuoto: indicare il periodo, per esempio «Consuntivo 2024», oppure ometterlo\n');
      expect(existsSync(out('senza-periodo.html'))).toBe(false);
    }
    const en = albero(['report', FIXTURE, '--format', 'html', '--period', '']);
    expect(en.status).toBe(2);
    expect(en.stdout).toBe('');
    expect(en.stderr).toBe('albero report: --period cannot be empty: give the period, e.g. “Consuntivo 2024”, or leave it out\n');
    const named = albero(['report', FIXTURE, '--format', 'html', '--period', 'Consuntivo 2024']);
    expect(named.status).toBe(0);
    expect(named.stdout).toContain('Consuntivo 2024');
  });

  it('report, site and next-year refuse a control character in free text (ESC went into the HTML and the PDF), before reading the table', () => {
    const it = albero(['report', FIXTURE, '--output', out('controllo.pdf'), '--body', 'Comune di Esempio\u001b[2J'], IT);
    expect(it.status).toBe(2);
    expect(it.stdout).toBe('');
    expect(it.stderr).toBe('albero report: --body contiene un carattere di controllo (U+001B) al carattere 18: scriverlo senza (un carattere di controllo non si stampa e un terminale lo esegue)\n');
    expect(existsSync(out('controllo.pdf'))).toBe(false);
    const en = albero(['report', FIXTURE, '--format', 'html', '--period', 'Consuntivo\u00072024']);
    expect(en.status).toBe(2);
    expect(en.stdout).toBe('');
    expect(en.stderr).toBe('albero report: --period holds a control character (U+0007) at character 11: write it without (a control character does not print, and a terminal acts on it)\n');
    const site = albero(['site', FIXTURE, '--output', out('sito-controllo'), '--body', 'Ente\u009b31m']);
    expect(site.status).toBe(2);
    expect(site.stderr).toMatch(/^albero site: --body holds a control character \(U\+009B\) at character 5: /);
    expect(existsSync(out('sito-controllo'))).toBe(false);
    const title = albero(['next-year', FIXTURE, '--year', '2025', '--output', out('titolo-controllo.xlsx'), '--title', 'Piano\u001b[31m 2025']);
    expect(title.status).toBe(2);
    expect(title.stderr).toMatch(/^albero next-year: --title holds a control character \(U\+001B\) at character 6: /);
    // Plain words, accents and all, are taken as before.
    const plain = albero(['report', FIXTURE, '--format', 'html', '--body', 'Comune di Città – Ufficio «Performance»']);
    expect(plain.status).toBe(0);
    expect(plain.stdout).toContain('Comune di Città – Ufficio «Performance»');
  });

  it('next-year refuses a --title longer than the API takes (300 characters), in the language, and takes one of 300', () => {
    const long = `Piano 2025 ${'x'.repeat(290)}`; // 301 characters
    const it = albero(['next-year', FIXTURE, '--year', '2025', '--output', out('titolo-lungo.xlsx'), '--title', long], IT);
    expect(it.status).toBe(2);
    expect(it.stdout).toBe('');
    expect(it.stderr).toBe('albero next-year: --title è lungo 301 caratteri: il titolo di un piano può averne al massimo 300\n');
    expect(existsSync(out('titolo-lungo.xlsx'))).toBe(false);
    const en = albero(['next-year', FIXTURE, '--year', '2025', '--output', out('long-title.xlsx'), '--title', long]);
    expect(en.status).toBe(2);
    expect(en.stderr).toBe("albero next-year: --title is 301 characters long: a plan's title may have at most 300\n");
    // Counted once trimmed, as the API counts it.
    const most = albero(['next-year', FIXTURE, '--year', '2025', '--output', out('longest-title.xlsx'), '--title', `  ${long.slice(0, 300)}  `]);
    expect(most.status).toBe(0);
    expect(existsSync(out('longest-title.xlsx'))).toBe(true);
  });
});

describe('the commands on a database', () => {
  const database = join(dir, 'albero.sqlite');

  it('admin create-user', () => {
    const created = albero(['admin', 'create-user', '--username', 'capo', '--database', database], { ...IT, env: { ALBERO_PASSWORD: 'una password sicura' } });
    expect(created.stderr).toBe('');
    expect(created.status).toBe(0);
    expect(created.stdout).toBe("creato l'account capo: amministratore (--role admin)\n");
    const taken = albero(['admin', 'create-user', '--username', 'capo', '--database', database], { ...IT, env: { ALBERO_PASSWORD: 'una password sicura' } });
    expect(taken.status).toBe(2);
    expect(taken.stderr).toBe('albero admin create-user: il nome utente capo è già usato\n');
    const role = albero(['admin', 'create-user', '--username', 'x3', '--role', 'capo', '--database', database], IT);
    expect(role.status).toBe(2);
    expect(role.stderr).toBe('albero admin create-user: --role deve essere uno tra admin, controller, referente, oiv, personale, non «capo»\n');
  }, 60_000);

  it('admin create-user --sign-in: an account of the identity provider, made without a password; a bad way or a password for it refused', () => {
    const created = albero(['admin', 'create-user', '--username', 'rita.p', '--role', 'referente', '--sign-in', 'provider', '--database', database], { ...IT, input: 'non letta\n' });
    expect(created.stderr).toBe('');
    expect(created.status).toBe(0);
    expect(created.stdout).toBe("creato l'account rita.p: referente (--role referente), accede con il fornitore di identità (--sign-in provider)\n");
    const json = albero(['admin', 'create-user', '--username', 'oscar.p', '--role', 'oiv', '--sign-in', 'provider', '--json', '--database', database]);
    expect(json.status).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual({ username: 'oscar.p', role: 'oiv', displayName: 'oscar.p', units: [], signIn: 'provider' });
    // Stored as the API stores such an account: its way, and no password that anything verifies against.
    const db = new Database(database, { readonly: true });
    try {
      expect(db.prepare(`SELECT username, sign_in, password_hash FROM users WHERE username IN ('rita.p', 'oscar.p', 'capo') ORDER BY username`).all()).toEqual([
        { username: 'capo', sign_in: 'password', password_hash: expect.stringMatching(/^\$argon2id\$/) },
        { username: 'oscar.p', sign_in: 'provider', password_hash: '' },
        { username: 'rita.p', sign_in: 'provider', password_hash: '' },
      ]);
    } finally {
      db.close();
    }
    // A password account still needs its password, and says so whether or not --sign-in is written.
    const explicit = albero(['admin', 'create-user', '--username', 'piero.p', '--sign-in', 'password', '--database', database], { ...IT, input: '' });
    expect(explicit.status).toBe(2);
    expect(explicit.stderr).toBe('albero admin create-user: indicare una password di almeno 8 caratteri nella variabile ALBERO_PASSWORD o sullo standard input\n');
    const withPassword = albero(['admin', 'create-user', '--username', 'piero.p', '--sign-in', 'password', '--database', database], { input: 'una password sicura\n' });
    expect(withPassword.stdout).toBe('created the account piero.p: administrator (--role admin)\n');
    // Refused, nothing created: a way that is not one, a password for a provider account; in either language.
    const way = albero(['admin', 'create-user', '--username', 'x4', '--sign-in', 'spid', '--database', database], IT);
    expect(way.status).toBe(2);
    expect(way.stderr).toBe('albero admin create-user: --sign-in deve essere uno tra password, provider, non «spid»\n');
    expect(albero(['admin', 'create-user', '--username', 'x4', '--sign-in', 'spid', '--database', database]).stderr).toBe(
      'albero admin create-user: --sign-in must be one of password, provider, not “spid”\n',
    );
    const password = { ALBERO_PASSWORD: 'una password sicura' };
    const both = albero(['admin', 'create-user', '--username', 'x5', '--sign-in', 'provider', '--database', database], { ...IT, env: password });
    expect(both.status).toBe(2);
    expect(both.stderr).toBe(
      'albero admin create-user: un account con --sign-in provider accede con il fornitore di identità e non ha una password in Albero: togliere la variabile ALBERO_PASSWORD\n',
    );
    expect(albero(['admin', 'create-user', '--username', 'x5', '--sign-in', 'provider', '--database', database], { env: password }).stderr).toBe(
      'albero admin create-user: an account with --sign-in provider signs in through the identity provider and has no password in Albero: unset env ALBERO_PASSWORD\n',
    );
    const after = new Database(database, { readonly: true });
    try {
      expect(after.prepare(`SELECT COUNT(*) AS n FROM users WHERE username IN ('x4', 'x5')`).get()).toEqual({ n: 0 });
    } finally {
      after.close();
    }
    // Its help says the option, with its values and default, in each language.
    const flat = (help: string): string => help.replace(/\n {6,}/g, ' ');
    expect(flat(albero(['admin', 'create-user', '--help'], IT).stdout)).toMatch(
      /--sign-in <way> +come accede l'account, uno tra password, provider: la sua password in Albero, oppure il fornitore di identità dell'ente \(senza password\) \(predefinito: "password"\)\n/,
    );
    expect(flat(albero(['admin', 'create-user', '--help']).stdout)).toMatch(
      /--sign-in <way> +how the account signs in, one of password, provider: its password in Albero, or the body's identity provider \(no password\) \(default: "password"\)\n/,
    );
  }, 60_000);

  it('reminders', () => {
    const run = albero(['reminders', '--database', database], IT);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(
      'promemoria: 0 messi in coda (0 ad account senza email, non inviati), 0 inviati (nel log: nessun server SMTP configurato), 0 da ritentare, 0 rifiutati dal server di posta\n',
    );
    expect(albero(['reminders', '--database', database, '--lang', 'en'], IT).stdout).toMatch(/^reminders: 0 queued/);
    const setting = albero(['reminders', '--database', database], { ...IT, env: { ALBERO_REMINDER_DAYS_BEFORE: 'tre' } });
    expect(setting.status).toBe(2);
    expect(setting.stderr).toBe('albero reminders: ALBERO_REMINDER_DAYS_BEFORE deve essere un numero intero di giorni da 0 a 366, non «tre»\n');
    expect(albero(['reminders', '--database', database], { env: { ALBERO_REMINDER_DAYS_BEFORE: 'tre' } }).stderr).toBe(
      'albero reminders: ALBERO_REMINDER_DAYS_BEFORE must be a whole number of days from 0 to 366, not “tre”\n',
    );
  }, 60_000);

  it('a --database that cannot be used (a folder, not SQLite, no server) is bad input, exit 2, never an internal error', () => {
    const folder = out('una-cartella');
    mkdirSync(folder, { recursive: true });
    const notSqlite = file('appunti.sqlite', 'non è un database\n'.repeat(20));
    const password = { ALBERO_PASSWORD: 'una password sicura' };
    const cases: Array<[string[], string]> = [
      [['reminders', '--database', folder], `albero reminders: il database ${folder} non si può usare: è una cartella, non un file\n`],
      [['admin', 'create-user', '--username', 'capo2', '--database', notSqlite], `albero admin create-user: il database ${notSqlite} non si può usare: il file non è un database SQLite\n`],
      // Port 1 on this machine: nothing listens there; the password never reaches the screen.
      [
        ['reminders', '--database', 'postgres://utente:segreta@127.0.0.1:1/albero'],
        'albero reminders: il database postgres://…@127.0.0.1:1/albero non si può usare: il server PostgreSQL 127.0.0.1:1 non risponde (utente «utente», database «albero»)\n',
      ],
      [['serve', '--port', '0', '--database', folder], `albero serve: il database ${folder} non si può usare: è una cartella, non un file\n`],
    ];
    for (const [args, said] of cases) {
      const run = albero(args, { ...IT, env: password });
      expect(run.stderr).toBe(said);
      expect(run.status).toBe(2);
    }
    const en = albero(['reminders', '--database', notSqlite]);
    expect(en.stderr).toBe(`albero reminders: the database ${notSqlite} cannot be used: the file is not a SQLite database\n`);
    expect(en.status).toBe(2);
    // Nothing was written over the file that is not a database.
    expect(readFileSync(notSqlite, 'utf8')).toBe('non è un database\n'.repeat(20));

    // A database in a folder its user may not write (root may write anywhere: then run as nobody).
    const open = mkdtempSync(join(tmpdir(), 'albero-cli-db-'));
    chmodSync(open, 0o755);
    const locked = join(open, 'sola-lettura');
    mkdirSync(locked);
    expect(albero(['reminders', '--database', join(locked, 'albero.sqlite')]).status).toBe(0);
    chmodSync(join(locked, 'albero.sqlite'), 0o444);
    chmodSync(locked, 0o555);
    const other = process.getuid?.() === 0 ? { user: { uid: 65534, gid: 65534 } } : {};
    const readOnly = albero(['reminders', '--database', join(locked, 'albero.sqlite')], { ...IT, ...other });
    expect(readOnly.stderr).toBe(`albero reminders: il database ${join(locked, 'albero.sqlite')} non si può usare: il file, o la cartella che lo contiene, è di sola lettura\n`);
    expect(readOnly.status).toBe(2);
    chmodSync(locked, 0o755);
    rmSync(open, { recursive: true, force: true });
  }, 60_000);

  it('a database that fails after it opened fine (a damaged page, a change it refuses) is said as such, exit 2; a statement it cannot run is a bug, 70', () => {
    const password = { ALBERO_PASSWORD: 'una password sicura' };
    // A real database made by the command, then changed as a failing disk, an administrator or a bug could.
    const made = (name: string, change: (db: Database.Database) => void): string => {
      const path = out(name);
      expect(albero(['admin', 'create-user', '--username', 'capo', '--database', path], { env: password }).status).toBe(0);
      const db = new Database(path);
      change(db);
      db.close();
      return path;
    };
    // The accounts' page overwritten: the database opens (its schema is elsewhere), the new account's look-up meets the damage.
    const damaged = made('pagina-rovinata.sqlite', () => undefined);
    const check = new Database(damaged, { readonly: true });
    const { rootpage } = check.prepare(`SELECT rootpage FROM sqlite_master WHERE name = 'users'`).get() as { rootpage: number };
    const pageSize = check.pragma('page_size', { simple: true }) as number;
    check.close();
    const fd = openSync(damaged, 'r+');
    writeSync(fd, Buffer.alloc(pageSize, 0xff), 0, pageSize, (rootpage - 1) * pageSize);
    closeSync(fd);
    const run = albero(['admin', 'create-user', '--username', 'capo2', '--database', damaged], { ...IT, env: password });
    expect(run.stderr).toBe(`albero admin create-user: il database ${damaged} non si può usare: il database SQLite è danneggiato\n`);
    expect(run.status).toBe(2);
    expect(albero(['reminders', '--database', damaged]).stderr).toBe(`albero reminders: the database ${damaged} cannot be used: the SQLite database is damaged\n`);

    // A trigger of the body's own refuses the insert: the database's words, not "internal error".
    const guarded = made('con-trigger.sqlite', (db) => db.exec(`CREATE TRIGGER from_registry BEFORE INSERT ON users BEGIN SELECT RAISE(ABORT, 'accounts come from the staff registry'); END`));
    const refused = albero(['admin', 'create-user', '--username', 'capo2', '--database', guarded], { ...IT, env: password });
    expect(refused.stderr).toBe(`albero admin create-user: il database ${guarded} ha rifiutato la modifica: accounts come from the staff registry\n`);
    expect(refused.status).toBe(2);

    // A table of ours gone: a statement the database cannot run is a bug still (70), said as the database's answer.
    const broken = made('senza-tabella.sqlite', (db) => db.exec('PRAGMA foreign_keys = OFF; DROP TABLE user_units'));
    const bug = albero(['admin', 'create-user', '--username', 'capo2', '--units', 'Ragioneria', '--database', broken], { env: password });
    expect(bug.stderr).toBe(`albero: internal error: the database ${broken} could not run a statement: no such table: user_units (SQLITE_ERROR)\n`);
    expect(bug.status).toBe(70);
  }, 60_000);

  it('serve refuses a port that is not one', () => {
    const it = albero(['serve', '--port', 'ottanta'], IT);
    expect(it.status).toBe(2);
    expect(it.stderr).toBe('albero serve: --port deve essere un numero da 0 a 65535, non «ottanta»\n');
    expect(albero(['serve', '--port', 'ottanta']).stderr).toBe('albero serve: --port must be a number from 0 to 65535, not “ottanta”\n');
  });
});

describe('a file the system refuses: the reason in words in the language, never its code (ENOTDIR, EACCES…)', () => {
  const SYSTEM_CODE = /\bE[A-Z]{3,}\b/;
  const blocker = file('un-file-qualsiasi.txt', 'x');
  // Root may write anywhere: the commands that meet a folder without permission run as another account then.
  const root = process.getuid?.() === 0;
  const other = root ? { user: { uid: 65534, gid: 65534 } } : {};
  const open = mkdtempSync(join(tmpdir(), 'albero-cli-perm-'));
  chmodSync(open, 0o755);
  const closed = join(open, 'chiusa');
  mkdirSync(closed, { mode: 0o555 });
  chmodSync(closed, 0o555);
  const secret = join(open, 'segreto.txt');
  writeFileSync(secret, fixtureText(), { mode: 0o000 });
  chmodSync(secret, 0o000);
  afterAll(() => rmSync(open, { recursive: true, force: true }));

  it('writing under a path whose parent is a file, or in a folder that does not exist', () => {
    const under = join(blocker, 'piano.json');
    const it = albero(['import', FIXTURE, '--output', under], IT);
    expect(it.status).toBe(2);
    expect(it.stderr).toMatch(/\nalbero import: .*un-file-qualsiasi\.txt\/piano\.json non può essere scritto: una parte del percorso è un file, non una cartella\n$/);
    const en = albero(['import', FIXTURE, '--output', under]);
    expect(en.status).toBe(2);
    expect(en.stderr).toMatch(/\nalbero import: .*un-file-qualsiasi\.txt\/piano\.json cannot be written: part of the path is a file, not a folder\n$/);
    expect(albero(['report', FIXTURE, '--output', join(blocker, 'r.csv')], IT).stderr).toMatch(/r\.csv non può essere scritto: una parte del percorso è un file, non una cartella\n$/);
    expect(albero(['template', join(blocker, 'm.xlsx')]).stderr).toMatch(/m\.xlsx cannot be written: part of the path is a file, not a folder\n$/);

    const nowhere = out(join('nessuna-cartella', 'piano.json'));
    expect(albero(['import', FIXTURE, '--output', nowhere], IT).stderr).toMatch(/piano\.json non può essere scritto: la cartella che deve contenerlo non esiste\n$/);
    expect(albero(['import', FIXTURE, '--output', nowhere]).stderr).toMatch(/piano\.json cannot be written: the folder to hold it does not exist\n$/);
    // A folder to make where a file is.
    expect(albero(['site', FIXTURE, '--output', blocker], IT).stderr).toMatch(/un-file-qualsiasi\.txt non può essere scritto: esiste già un file con questo nome\n$/);
    for (const run of [it, en]) expect(run.stderr).not.toMatch(SYSTEM_CODE);
  });

  it(`writing into a folder without permission, and reading a file without it${root ? ' (run as nobody: root may write anywhere)' : ''}`, () => {
    const it = albero(['template', join(closed, 'modello.xlsx')], { ...IT, ...other });
    expect(it.status).toBe(2);
    expect(it.stderr).toMatch(/chiusa\/modello\.xlsx non può essere scritto: permesso negato\n$/);
    const en = albero(['report', FIXTURE, '--output', join(closed, 'r.csv')], other);
    expect(en.status).toBe(2);
    expect(en.stderr).toMatch(/\nalbero report: .*chiusa\/r\.csv cannot be written: permission denied\n$/);
    expect(existsSync(join(closed, 'r.csv'))).toBe(false);
    const read = albero(['evaluate', secret], { ...IT, ...other });
    expect(read.status).toBe(2);
    expect(read.stderr).toMatch(/segreto\.txt: errore: permesso negato \[unreadable-file\]\n/);
    expect(albero(['evaluate', secret], other).stderr).toMatch(/segreto\.txt: error: permission denied \[unreadable-file\]\n/);
    for (const run of [it, en, read]) expect(run.stderr).not.toMatch(SYSTEM_CODE);
  });

  it('reading a file that does not exist, or under a plain file', () => {
    const missing = albero(['evaluate', out('nessun-piano.txt')], IT);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/nessun-piano\.txt: errore: il file non esiste \[unreadable-file\]\n/);
    expect(albero(['evaluate', out('nessun-piano.txt')]).stderr).toMatch(/nessun-piano\.txt: error: no such file \[unreadable-file\]\n/);
    const under = albero(['diff', FIXTURE, join(blocker, 'piano.txt')], IT);
    expect(under.status).toBe(2);
    expect(under.stderr).toMatch(/piano\.txt: errore: una parte del percorso è un file, non una cartella \[unreadable-file\]\n/);
    expect(albero(['diff', FIXTURE, join(blocker, 'piano.txt')]).stderr).toMatch(/piano\.txt: error: part of the path is a file, not a folder \[unreadable-file\]\n/);
    for (const run of [missing, under]) expect(run.stderr).not.toMatch(SYSTEM_CODE);
  });

  it("a database whose folder cannot be made: the path and the reason, not Node's message, exit 2", () => {
    const it = albero(['reminders', '--database', join(blocker, 'albero.sqlite')], IT);
    expect(it.status).toBe(2);
    expect(it.stderr).toMatch(/^albero: .*un-file-qualsiasi\.txt: esiste già un file con questo nome\n$/);
    const en = albero(['reminders', '--database', join(blocker, 'albero.sqlite')]);
    expect(en.status).toBe(2);
    expect(en.stderr).toMatch(/^albero: .*un-file-qualsiasi\.txt: a file with this name already exists\n$/);
  });
});

describe('how to write a number, in the way of the table read', () => {
  // Three unreadable cells: a Target, a stated KPI performance, a Target of 16 whole digits. `|` stands for a tab.
  const table = (heads: string, rows: readonly string[]): string => [heads, ...rows].join('\n').replace(/\|/g, '\t');
  const english = file(
    'unreadable-en.tsv',
    table('Objective|Indicator|Weight|Target|Actual|KPI performance|Objective performance', [
      'A - Services||||||50.00%',
      '|Training hours|50% >=|lots|1,587.10|100.00%|',
      '|Reports|30% <=|30/09/2024|01/10/2024|much|',
      '|Big|20% >=|1234567890123456.5|1|0.00%|',
    ]),
  );
  const italian = file(
    'illeggibile-it.tsv',
    table('Obiettivo|Indicatore|Peso|Target|Consuntivo|Performance KPI|Performance Obiettivo', [
      'A - Servizi||||||50,00%',
      '|Ore di formazione|50% >=|tante|1.587,10|100,00%|',
      '|Relazioni|30% <=|30/09/2024|01/10/2024|molto|',
      '|Grande|20% >=|1234567890123456,5|1|0,00%|',
    ]),
  );

  it('an English table (English headings and numbers): English examples, in both languages of the reader', () => {
    const en = albero(['evaluate', english]);
    expect(en.status).toBe(2);
    expect(en.stderr).toContain(
      'unreadable-en.tsv:3 column Target: error: Target: “lots” is not a number (write numbers such as 1,587.10 or 60.00%), a date (dd/mm/yyyy) or yes/no [unparsable-target]',
    );
    expect(en.stderr).toContain('unreadable-en.tsv:4 column KPI performance: error: “much” is not a percentage such as 93.00% [unparsable-number]');
    expect(en.stderr).toContain('the number has more than 15 digits before the decimal point');
    expect(en.stderr).not.toMatch(/1\.587,10|60,00%|93,00%|decimal comma/);
    const it = albero(['evaluate', english], IT);
    expect(it.status).toBe(2);
    expect(it.stderr).toContain(
      `unreadable-en.tsv:3 colonna Target: errore: Target: «lots» non è un numero (scrivere numeri all'inglese come 1,587.10 o 60.00%), una data (gg/mm/aaaa) o yes/no [unparsable-target]`,
    );
    expect(it.stderr).toContain('unreadable-en.tsv:4 colonna KPI performance: errore: «much» non è una percentuale come 93.00% [unparsable-number]');
    expect(it.stderr).toContain('il numero ha più di 15 cifre prima del punto decimale');
    expect(it.stderr).not.toMatch(/1\.587,10|60,00%|93,00%|virgola/);
  });

  it('an Italian table: Italian examples, in both languages of the reader, as before', () => {
    const it = albero(['evaluate', italian], IT);
    expect(it.status).toBe(2);
    expect(it.stderr).toContain(
      `illeggibile-it.tsv:3 colonna Target: errore: Target: «tante» non è un numero (scrivere numeri all'italiana come 1.587,10 o 60,00%), una data (gg/mm/aaaa) o sì/no [unparsable-target]`,
    );
    expect(it.stderr).toContain('illeggibile-it.tsv:4 colonna Performance KPI: errore: «molto» non è una percentuale come 93,00% [unparsable-number]');
    expect(it.stderr).toContain('il numero ha più di 15 cifre prima della virgola');
    const en = albero(['evaluate', italian]);
    expect(en.status).toBe(2);
    expect(en.stderr).toContain(
      'illeggibile-it.tsv:3 column Target: error: Target: “tante” is not a number (write Italian numbers such as 1.587,10 or 60,00%), a date (dd/mm/yyyy) or sì/no [unparsable-target]',
    );
    expect(en.stderr).toContain('illeggibile-it.tsv:4 column Performance KPI: error: “molto” is not a percentage such as 93,00% [unparsable-number]');
    expect(en.stderr).toContain('the number has more than 15 digits before the decimal comma');
  });
});
