/**
 * Where a citizen looks for the bonuses (d.lgs. 33/2013 art. 20), without signing in and by
 * keyboard: "Amministrazione trasparente › Performance" (/trasparenza), the year, then the
 * distribution of ratings and bonuses: the body's name, a table per staff category with its
 * caption, a band of one person counted without its amount, the CSV to download; the skip link
 * past the path; the same page in English from its link; the public reader of the web app links it
 * in the screen's language. Before, only the API had it.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { exampleSmvpJson } from '../src/core/appraisal/index.js';
import { openStore } from '../src/store/index.js';
import { storeDistribution } from '../test/support/distributions.js';
import { e2eWorld, pages, tabTo } from './pages.js';

const world = e2eWorld({ fixture: true });
const { newPage, signedIn, apiAs, chooseLanguage, expectAccessible } = pages(world);

/** Tabs until the link to `href` has the focus (two links may say "pagina HTML"), then presses Enter. */
async function followByKeyboard(page: Page, href: string): Promise<void> {
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    if ((await page.evaluate(() => document.activeElement?.getAttribute('href') ?? null)) === href) {
      await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')]);
      return;
    }
  }
  throw new Error(`no link to ${href} reached by Tab`);
}

const text = async (page: Page, selector: string): Promise<string> => (await page.locator(selector).innerText()).replace(/\s+/g, ' ').trim();

/**
 * The plan published by the controller, the body's SMVP saved by HR, and a distribution as HR's run
 * stores it (e2e/appraisal-rating.test.ts makes one from the screens), people as `[band, cents]`.
 */
async function bonusesOf(body: string, people: readonly (readonly [string, number])[]): Promise<void> {
  const controller = await signedIn('controller');
  const published = await apiAs(controller, 'PATCH', `/api/plans/${encodeURIComponent(world.planId)}`, { published: true });
  expect(published.status, JSON.stringify(published.body)).toBe(200);
  const hr = await signedIn('personale');
  const smvp = await apiAs(hr, 'PUT', `/api/smvp/2024?organisation=${encodeURIComponent(body)}`, { document: exampleSmvpJson(body, 2024), reason: 'delibera n. 12' });
  expect(smvp.status, JSON.stringify(smvp.body)).toBe(200);
  const store = await openStore(world.server.database);
  try {
    await storeDistribution(store, body, 2024, 'personale', people);
  } finally {
    await store.close();
  }
}

describe('the distribution of ratings and bonuses on the public pages', { timeout: 180_000 }, () => {
  it('is reached from /trasparenza by keyboard, in Italian and English, with a small band counted and no amount of its own', async () => {
    // Three staff "Buono", one alone "Eccellente", whose bonus (1.500,17) must not be read anywhere.
    await bonusesOf('Ente', [
      ['Buono', 100_000],
      ['Buono', 120_000],
      ['Buono', 90_000],
      ['Eccellente', 150_017],
      // The smaller of the larger bands, withheld too: the public fund less the others would give the one's bonus.
      ['Adeguato', 50_000],
      ['Adeguato', 50_000],
      ['Adeguato', 50_003],
    ]);

    const { page } = await newPage();
    await page.goto(`${world.server.url}/trasparenza`);
    await followByKeyboard(page, `/trasparenza/${encodeURIComponent(world.planId)}/index.html`);
    expect(await text(page, 'main')).toMatch(/Distribuzione delle valutazioni e dei premi \(art\. 20 d\.lgs\. 33\/2013\): pagina HTML .*, CSV .*, XLSX/);
    await expectAccessible(page, "the year's page of /trasparenza");
    await followByKeyboard(page, 'premi.html');

    expect(new URL(page.url()).pathname).toBe(`/trasparenza/${encodeURIComponent(world.planId)}/premi.html`);
    expect(await page.locator('html').getAttribute('lang')).toBe('it');
    // The body's name (shown in capitals by the page's style), then the title.
    expect(await page.locator('header .body').textContent()).toBe('Ente');
    expect(await text(page, 'h1')).toBe('Distribuzione delle valutazioni e dei premi 2024');
    expect(await text(page, 'nav[aria-label=Percorso]')).toBe('Performance › 2024 › Premi');
    expect(await page.locator('h2').allInnerTexts()).toEqual(['Personale', 'Dati aperti']);
    expect(await text(page, 'table caption')).toBe('Personale: persone e premi per fascia di valutazione, 2024');
    expect(await page.locator('thead th').allInnerTexts()).toEqual(['Fascia', 'Coefficiente di premio', 'Persone', 'Totale premi (€)', 'Premio medio (€)', 'Premio minimo (€)', 'Premio massimo (€)']);
    const rows = await page.locator('tbody tr').allInnerTexts();
    expect(rows.map((r) => r.split('\t').map((c) => c.trim()))).toEqual([
      ['Eccellente', '100%', '1', 'non pubblicato', 'non pubblicato', 'non pubblicato', 'non pubblicato'],
      ['Buono', '80%', '3', '3.100,00', '1.033,33', '900,00', '1.200,00'],
      ['Adeguato', '50%', '3', 'non pubblicato', 'non pubblicato', 'non pubblicato', 'non pubblicato'],
      ['Non adeguato', '0%', '0', '0,00', '—', '—', '—'],
    ]);
    const body = await page.locator('body').innerText();
    expect(body).toContain('Per una fascia con una o due persone si pubblica solo il numero');
    expect(await text(page, '[data-role=complement]')).toBe(
      'Anche gli importi della fascia «Adeguato» non sono pubblicati: il fondo della categoria è pubblico, e sottraendo da esso le fasce pubblicate si ricaverebbe l’importo della fascia con una o due persone, anche quando è zero (un’assenza, una sanzione). Con essa si tiene riservata la fascia di almeno tre persone, almeno due delle quali con un premio, che ne ha meno: la differenza è allora la somma delle due, che nessuno, nemmeno chi conosce il proprio premio, può dividere.',
    );
    // Art. 20 c. 1: the fund and what was distributed, under the table (the complement covers the one).
    expect(await text(page, '[data-role=totals]')).toBe('Fondo della categoria (ammontare complessivo dei premi stanziati): 6.100,20 €; premi effettivamente distribuiti: 6.100,20 €.');
    expect(body).not.toMatch(/1\.500,17|Persona \d/);
    await expectAccessible(page, 'the bonuses, in Italian');
    // The first Tab is the skip link; it leads past the path to the main region.
    await page.reload();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Vai al contenuto principale');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('contenuto');
    // The open data, downloaded: the small band's count, no amount.
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('main a:text-is("CSV")')]);
    const csv = readFileSync(await download.path(), 'utf8');
    expect(csv.split('\n').slice(0, 3)).toEqual([
      'anno,categoria,fascia,coefficiente_premio,persone,totale_euro,media_euro,minimo_euro,massimo_euro,non_pubblicato,fondo_categoria_euro,distribuito_categoria_euro,categoria_non_pubblicato',
      '2024,personale,Eccellente,100,1,,,,,fascia_piccola,6100.20,6100.20,',
      '2024,personale,Buono,80,3,3100.00,1033.33,900.00,1200.00,,6100.20,6100.20,',
    ]);

    // In English, from the page's own link.
    await followByKeyboard(page, 'premi.html?lang=en');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await text(page, 'h1')).toBe('Distribution of ratings and bonuses 2024');
    expect(await text(page, 'table caption')).toBe('Staff: people and bonuses per rating band, 2024');
    expect((await page.locator('tbody tr').allInnerTexts()).map((r) => r.split('\t').map((c) => c.trim()))[1]).toEqual(['Buono', '80%', '3', '3,100.00', '1,033.33', '900.00', '1,200.00']);
    expect(await page.locator('tbody tr').first().innerText()).toContain('not published');
    expect(await text(page, '[data-role=complement]')).toMatch(/^The amounts of the band “Adeguato” are not published either: the category’s fund is public/);
    expect(await text(page, '[data-role=totals]')).toBe('The category’s fund (the bonuses allotted in all): € 6,100.20; bonuses actually distributed: € 6,100.20.');
    expect(await page.locator('main a:text-is("XLSX")').getAttribute('href')).toBe('/api/rewards/2024/aggregates?organisation=Ente&format=xlsx&lang=en');
    expect(await page.locator('a.skip').innerText()).toBe('Skip to main content');
    await expectAccessible(page, 'the bonuses, in English');
  });

  it("reaches a body's bonuses without a published plan from /trasparenza, and lets the reader choose the body by keyboard, the choice in the address", async () => {
    // A second body of the installation, whose plan is not published here: art. 20 binds it all the same.
    await bonusesOf('Comune di Prova', [
      ['Buono', 300_000],
      ['Buono', 300_001],
      ['Buono', 300_002],
    ]);
    const own = `/trasparenza/${encodeURIComponent(world.planId)}/premi.html`;
    const other = (lang: string): string => `/trasparenza/premi/2024?organisation=Comune+di+Prova&lang=${lang}`;

    const { page } = await newPage();
    await page.goto(`${world.server.url}/trasparenza`);
    expect(await text(page, 'main')).toContain('2024 — Distribuzione delle valutazioni e dei premi (art. 20 d.lgs. 33/2013) (Comune di Prova)');
    await followByKeyboard(page, other('it'));
    expect(await page.locator('html').getAttribute('lang')).toBe('it');
    expect(await page.locator('header .body').textContent()).toBe('Comune di Prova');
    expect(await text(page, 'h1')).toBe('Distribuzione delle valutazioni e dei premi 2024');
    expect(await text(page, 'nav[aria-label=Percorso]')).toBe('Performance › 2024 › Premi');
    expect((await page.locator('tbody tr').allInnerTexts()).map((r) => r.split('\t').map((c) => c.trim()))[1]).toEqual(['Buono', '80%', '3', '9.000,03', '3.000,01', '3.000,00', '3.000,02']);
    expect(await text(page, 'nav[aria-label=Ente]')).toBe('Ente: Comune di Prova Ente');
    expect(await page.locator('nav[aria-label=Ente] [aria-current=page]').innerText()).toBe('Comune di Prova');
    await expectAccessible(page, 'the bonuses of a body without a published plan');

    // The other body, chosen by keyboard: its own page, the body in the address.
    await followByKeyboard(page, `${own}?lang=it`);
    expect(new URL(page.url()).pathname).toBe(own);
    expect(await page.locator('header .body').textContent()).toBe('Ente');
    expect(await page.locator('nav[aria-label=Ente] [aria-current=page]').innerText()).toBe('Ente');

    // In English, and back to the first body: the address, opened elsewhere, shows the same body.
    await followByKeyboard(page, 'premi.html?lang=en');
    await followByKeyboard(page, other('en'));
    const shared = page.url();
    expect(new URL(shared).search).toBe('?organisation=Comune+di+Prova&lang=en');
    const { page: reader } = await newPage();
    await reader.goto(shared);
    expect(await reader.locator('html').getAttribute('lang')).toBe('en');
    expect(await reader.locator('header .body').textContent()).toBe('Comune di Prova');
    expect(await text(reader, 'h1')).toBe('Distribution of ratings and bonuses 2024');
    expect(await text(reader, 'nav[aria-label=Body]')).toBe('Body: Comune di Prova Ente');
    expect(await text(reader, 'nav[aria-label=Path]')).toBe('Performance › 2024 › Bonuses');
    await expectAccessible(reader, 'the bonuses of a body without a published plan, in English');
  });

  it("is linked from the public reader's plans, in the screen's language", async () => {
    const { page } = await newPage();
    await page.goto(`${world.server.url}/`);
    await tabTo(page, /Consulta i piani pubblicati senza accedere/);
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid=plan-rewards]');
    expect(await page.locator('[data-testid=plan-rewards]').getAttribute('aria-label')).toBe('Valutazioni e premi (art. 20): Albero performance 2024');
    await expectAccessible(page, 'public plans with the bonuses link');
    await chooseLanguage(page, 'en');
    await expect.poll(() => page.locator('[data-testid=plan-rewards]').innerText()).toBe('Ratings and bonuses (art. 20)');
    await tabTo(page, /Ratings and bonuses/);
    await Promise.all([page.waitForURL(/premi\.html/), page.keyboard.press('Enter')]);
    expect(new URL(page.url()).search).toBe('?lang=en');
    expect(await text(page, 'h1')).toBe('Distribution of ratings and bonuses 2024');
  });
  it('shows a coefficient no SMVP states as «—», said once on the page, and two managers alone without their fund', async () => {
    // A body whose SMVP is not stored (none adopted): before, its bands read "0%".
    const store = await openStore(world.server.database);
    try {
      await storeDistribution(store, 'Senza SMVP', 2024, 'personale', [
        ['Buono', 100_000],
        ['Buono', 100_000],
        ['Buono', 100_000],
      ]);
      await storeDistribution(store, 'Senza SMVP', 2024, 'dirigente', [
        ['Buono', 200_000],
        ['Buono', 200_013],
      ]);
    } finally {
      await store.close();
    }
    const { page } = await newPage();
    await page.goto(`${world.server.url}/trasparenza/premi/2024?organisation=Senza+SMVP`);
    const rows = (await page.locator('tbody tr').allInnerTexts()).map((r) => r.split('\t').map((c) => c.trim()));
    expect(rows).toEqual([
      ['Buono', '—', '2', 'non pubblicato', 'non pubblicato', 'non pubblicato', 'non pubblicato'],
      ['Buono', '—', '3', '3.000,00', '1.000,00', '1.000,00', '1.000,00'],
    ]);
    expect(await page.locator('[data-role=no-smvp]').allInnerTexts()).toEqual(['«—» come coefficiente di premio: SMVP non adottato per il 2024, il coefficiente della fascia non è indicato.']);
    // The managers' fund less one's own bonus would be the other's: neither it nor the amount distributed is shown.
    expect(await page.locator('[data-role=totals]').first().innerText()).toMatch(/^Fondo della categoria e premi effettivamente distribuiti: non pubblicati\./);
    expect(await page.locator('main').innerText()).not.toMatch(/0%|4\.000,13|2\.000,13/);
    await expectAccessible(page, 'the bonuses of a body with no SMVP');
  });
});
