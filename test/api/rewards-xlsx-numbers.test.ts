/**
 * The art. 20 workbook's amounts as an office opens them: numbers in euros shown to the cent, which
 * a spreadsheet sums and writes in its reader's notation (`9,462.24` in English, `9.462,24` in
 * Italian), as the plan's workbook writes its values; before, they were text in Italian notation,
 * `9.462,24` in the English workbook too. Opened by LibreOffice (saved as CSV, once with the values
 * as stored and every text quoted, once as shown under an English and an Italian locale). Needs
 * soffice (installed by .ci/run): without it this test fails, it never skips.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inBand, storeDistribution, storeSmvp } from '../support/distributions.js';
import { tempDir } from '../exchange/helpers.js';
import { libreOfficeCsv as libreOffice } from '../support/libreoffice.js';
import { startTestServer, type TestServer } from './harness.js';

/** Five "Buono", seven "Adeguato": no band withheld, every amount published. */
const GOOD = [120_003, 110_011, 100_019, 99_007, 95_023];
const ADEQUATE = [60_001, 61_103, 59_207, 62_309, 58_411, 63_513, 57_617];

const dir = tempDir('albero-premi-xlsx-');

const libreOfficeCsv = (bytes: Uint8Array, name: string, options: { shown: boolean; locale: string }): string[] => libreOffice(bytes, dir, name, options);

describe('the amounts of the art. 20 workbook in LibreOffice', () => {
  let t: TestServer;
  // Both workbooks are downloaded before any is converted: a conversion under load can outlast the
  // server's keep-alive, and a request then made on the closed connection failed (ECONNRESET).
  const workbooks = new Map<string, Uint8Array>();
  const workbook = (lang: string): Uint8Array => workbooks.get(lang)!;

  beforeAll(async () => {
    t = await startTestServer('sqlite');
    await storeSmvp(t);
    await storeDistribution(t.server.store, 'Ente', 2024, 'personale', [...inBand('Buono', GOOD), ...inBand('Adeguato', ADEQUATE)]);
    for (const lang of ['en', 'it']) {
      const reply = await fetch(`${t.url}/api/rewards/2024/aggregates?organisation=Ente&format=xlsx&lang=${lang}`);
      expect(reply.status).toBe(200);
      workbooks.set(lang, new Uint8Array(await reply.arrayBuffer()));
    }
  });
  afterAll(async () => t?.close());

  it('are numbers, in the English workbook and the Italian one alike', async () => {
    for (const lang of ['en', 'it']) {
      const lines = libreOfficeCsv(workbook(lang), `premi-${lang}`, { shown: false, locale: 'en_US.UTF-8' });
      const buono = lines.find((l) => l.includes('"Buono"'));
      // Category and band are text; coefficient, people and every amount are numbers (unquoted), in euros.
      expect(buono, lang).toBe(`"${lang === 'en' ? 'Staff' : 'Personale'}","Buono",80,5,5240.63,1048.12,950.23,1200.03,,9462.24,9462.24,`);
    }
  }, 240_000);

  it('reads as English numbers in English, and as Italian ones in Italian, to the cent', async () => {
    const english = libreOfficeCsv(workbook('en'), 'premi-en', { shown: true, locale: 'en_US.UTF-8' });
    expect(english.find((l) => l.includes('"Adeguato"'))).toBe('"Staff","Adeguato",50,7,"4,221.61",603.08,576.17,635.13,,"9,462.24","9,462.24",');
    expect(english.join('\n')).not.toMatch(/\d\.\d{3},\d\d/);
    const italian = libreOfficeCsv(workbook('it'), 'premi-it', { shown: true, locale: 'it_IT.UTF-8' });
    expect(italian.find((l) => l.includes('"Adeguato"'))).toBe('"Personale","Adeguato",50,7,"4.221,61","603,08","576,17","635,13",,"9.462,24","9.462,24",');
  }, 240_000);
});
