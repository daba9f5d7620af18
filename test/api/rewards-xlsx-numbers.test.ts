/**
 * The art. 20 workbook's amounts as an office opens them: numbers in euros shown to the cent, which
 * a spreadsheet sums and writes in its reader's notation (`9,462.24` in English, `9.462,24` in
 * Italian), as the plan's workbook writes its values; before, they were text in Italian notation,
 * `9.462,24` in the English workbook too. Opened by LibreOffice (saved as CSV, once with the values
 * as stored and every text quoted, once as shown under an English and an Italian locale). Needs
 * soffice (installed by .ci/run): without it this test fails, it never skips.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inBand, storeDistribution, storeSmvp } from '../support/distributions.js';
import { tempDir } from '../exchange/helpers.js';
import { startTestServer, type TestServer } from './harness.js';

/** Five "Buono", seven "Adeguato": no band withheld, every amount published. */
const GOOD = [120_003, 110_011, 100_019, 99_007, 95_023];
const ADEQUATE = [60_001, 61_103, 59_207, 62_309, 58_411, 63_513, 57_617];

const dir = tempDir('albero-premi-xlsx-');

/**
 * The workbook's sheet as LibreOffice saves it as CSV: `shown`, each cell as the locale `locale`
 * shows it, else its value as stored; every text cell in quotes, so a number is the only thing unquoted.
 */
function libreOfficeCsv(bytes: Uint8Array, name: string, { shown, locale }: { shown: boolean; locale: string }): string[] {
  expect(existsSync('/usr/bin/soffice') || existsSync('/usr/bin/libreoffice'), 'apt-get install -y libreoffice-calc-nogui').toBe(true);
  const file = join(dir, `${name}.xlsx`);
  writeFileSync(file, bytes);
  const out = join(dir, `${name}-${locale}-${shown}`);
  execFileSync(
    'soffice',
    ['--headless', `-env:UserInstallation=file://${join(dir, `lo-${locale}`)}`, '--convert-to', `csv:Text - txt - csv (StarCalc):44,34,76,1,,0,true,true,${shown}`, '--outdir', out, file],
    { stdio: 'ignore', timeout: 120_000, env: { ...process.env, HOME: dir, LANG: locale, LC_ALL: locale } },
  );
  return readFileSync(join(out, `${name}.csv`), 'utf8')
    .trim()
    .split('\n');
}

describe('the amounts of the art. 20 workbook in LibreOffice', () => {
  let t: TestServer;
  const workbook = async (lang: string): Promise<Uint8Array> => {
    const reply = await fetch(`${t.url}/api/rewards/2024/aggregates?organisation=Ente&format=xlsx&lang=${lang}`);
    expect(reply.status).toBe(200);
    return new Uint8Array(await reply.arrayBuffer());
  };

  beforeAll(async () => {
    t = await startTestServer('sqlite');
    await storeSmvp(t);
    await storeDistribution(t.server.store, 'Ente', 2024, 'personale', [...inBand('Buono', GOOD), ...inBand('Adeguato', ADEQUATE)]);
  });
  afterAll(async () => t?.close());

  it('are numbers, in the English workbook and the Italian one alike', async () => {
    for (const lang of ['en', 'it']) {
      const lines = libreOfficeCsv(await workbook(lang), `premi-${lang}`, { shown: false, locale: 'en_US.UTF-8' });
      const buono = lines.find((l) => l.includes('"Buono"'));
      // Category and band are text; coefficient, people and every amount are numbers (unquoted), in euros.
      expect(buono, lang).toBe(`"${lang === 'en' ? 'Staff' : 'Personale'}","Buono",80,5,5240.63,1048.12,950.23,1200.03,,9462.24,9462.24,`);
    }
  }, 240_000);

  it('reads as English numbers in English, and as Italian ones in Italian, to the cent', async () => {
    const english = libreOfficeCsv(await workbook('en'), 'premi-en', { shown: true, locale: 'en_US.UTF-8' });
    expect(english.find((l) => l.includes('"Adeguato"'))).toBe('"Staff","Adeguato",50,7,"4,221.61",603.08,576.17,635.13,,"9,462.24","9,462.24",');
    expect(english.join('\n')).not.toMatch(/\d\.\d{3},\d\d/);
    const italian = libreOfficeCsv(await workbook('it'), 'premi-it', { shown: true, locale: 'it_IT.UTF-8' });
    expect(italian.find((l) => l.includes('"Adeguato"'))).toBe('"Personale","Adeguato",50,7,"4.221,61","603,08","576,17","635,13",,"9.462,24","9.462,24",');
  }, 240_000);
});
