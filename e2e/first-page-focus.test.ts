/**
 * The keyboard on the first page, in Italian and English: Tab pressed from the moment the page
 * loads, many times over so that it lands while the app is still drawing, reaches the sign-in
 * form's fields in order and keeps them; and the focus a reader placed is not lost when the screen
 * changes at the same address. Signing in, "read the published plans without signing in" and the
 * header's "Accedi" took their button away with the screen they left, and the focus fell to the
 * page's body: the next Tab began again from somewhere past the removed button (the plans' list
 * skipped), and a screen reader said nothing of the new screen. It goes to the main region now.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { e2eWorld, focused, pages, tabTo } from './pages.js';
import { ACCOUNTS, PASSWORD } from './server.js';

const world = e2eWorld({ fixture: true });
const { planApi, newPage, signedIn, apiAs } = pages(world);

/** How many fresh pages each language is opened in: the race between a Tab and the first render is likelier over many. */
const ROUNDS = 6;

async function pressTab(page: Page): Promise<string> {
  await page.keyboard.press('Tab');
  return focused(page);
}

describe('the focus on the first page', { timeout: 300_000 }, () => {
  beforeAll(async () => {
    const controller = await signedIn('controller');
    const plan = planApi();
    // The plan and its year end published, for the public to read (as the demo's).
    expect((await apiAs(controller, 'PATCH', plan, { published: true })).status).toBe(200);
    // Adopted, in force: its values to review are the controller's work due (a draft has none).
    expect((await apiAs(controller, 'POST', `${plan}/adopt`, { act: { kind: 'Delibera di Giunta', number: '12', date: '2024-01-30' } })).status).toBe(200);
    expect((await apiAs(controller, 'POST', `${plan}/periods/2024-12-31/transition`, { to: 'collecting' })).status).toBe(200);
    expect((await apiAs(controller, 'POST', `${plan}/periods/2024-12-31/publication`, { published: true })).status).toBe(200);
  });

  for (const lang of ['it', 'en'] as const) {
    it(`keeps the keyboard's place on the sign-in page and past it (${lang})`, async () => {
      for (let round = 0; round < ROUNDS; round++) {
        const { context, page } = await newPage();
        if (lang === 'en') await page.addInitScript(() => window.localStorage.setItem('albero.lang', 'en'));
        // No wait for the page to settle: the first Tabs land while the app is still being drawn.
        await page.goto(`${world.server.url}/`, { waitUntil: 'commit' });
        await tabTo(page, 'username');
        expect(await page.locator('html').getAttribute('lang')).toBe(lang);
        // The field typed into stays the one focused, with what was typed, once the page has settled.
        await page.keyboard.type(ACCOUNTS.controller.username);
        const sameField = await page.evaluateHandle(() => document.activeElement);
        await page.waitForTimeout(300);
        expect(await focused(page)).toBe('username');
        expect(await page.evaluate((f) => f === document.activeElement, sameField)).toBe(true);
        expect(await page.inputValue('#username')).toBe(ACCOUNTS.controller.username);
        expect(await pressTab(page)).toBe('password');
        expect(await pressTab(page)).toMatch(/^button:(Accedi|Sign in)$/);
        expect(await pressTab(page)).toMatch(/^button:(Consulta i piani pubblicati senza accedere|Browse published plans without signing in)$/);

        // Reading without an account: the button goes with the sign-in page, the focus to the plans' screen.
        await page.keyboard.press('Enter');
        await page.waitForSelector('.plan-item a');
        expect(await focused(page)).toBe('main');
        expect(await pressTab(page)).toBe('a:Albero performance 2024');

        // The header's "Accedi" goes with the public screen: the focus to the sign-in page, whose first field is next.
        await page.focus('[data-testid=sign-in]');
        await page.keyboard.press('Enter');
        await page.waitForSelector('#username');
        expect(await focused(page)).toBe('main');
        expect(await pressTab(page)).toBe('username');

        // Signing in by keyboard: the form goes, the focus to the plans' screen.
        await page.keyboard.type(ACCOUNTS.controller.username);
        await page.keyboard.press('Tab');
        await page.keyboard.type(PASSWORD);
        await page.keyboard.press('Enter');
        await page.waitForSelector('[data-testid=signed-in]');
        await page.waitForSelector('.plan-item a');
        // Signed in, what waits for the controller comes first (values to review), above the plans.
        await page.waitForSelector('[data-testid=work-due-item] a');
        expect(await focused(page)).toBe('main');
        expect(await pressTab(page)).toBe(`a:${(await page.locator('[data-testid=work-due-item] a').first().textContent())!.trim()}`);
        expect(await focused(page)).toMatch(/^a:\d+ (valori da rivedere|values to review)$/);
        // Named with its plan and period, as the line it is on says them.
        expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toMatch(/^Albero performance 2024 · .+: \d+ (valori da rivedere|values to review)$/);
        await context.close();
      }
    });

    it(`keeps a Tab pressed before the app's first draw (${lang})`, async () => {
      const { context, page } = await newPage();
      if (lang === 'en') await page.addInitScript(() => window.localStorage.setItem('albero.lang', 'en'));
      // A reader who has used the app in their language before: it saved it where the server reads it.
      await page.goto(`${world.server.url}/`);
      await page.waitForSelector('#username');
      // The app's script held until the Tab is in: nothing of the app is drawn when it is pressed.
      let release: () => void = () => {};
      const released = new Promise<void>((resolve) => (release = resolve));
      await page.route(
        (url) => /^\/assets\/index-[^/]*\.js$/.test(url.pathname),
        async (route) => {
          await released;
          await route.continue();
        },
      );
      const stop = () =>
        page.evaluate(() => {
          const a = document.activeElement;
          return a === null || a === document.body ? 'body' : `${a.tagName.toLowerCase()}:${(a.textContent ?? '').trim()}`;
        });
      await page.goto(`${world.server.url}/`, { waitUntil: 'commit' });
      await page.waitForSelector('#root', { state: 'attached' });
      expect(await page.locator('[data-testid=signed-in], #username').count()).toBe(0);
      await page.keyboard.press('Tab');
      // The page's first stop, the skip link, already in the reader's language: the server's page
      // says it so (before, it was Italian until the app's script ran).
      expect(await stop()).toBe(lang === 'it' ? 'a:Vai al contenuto principale' : 'a:Skip to main content');
      expect(await page.locator('html').getAttribute('lang')).toBe(lang);
      // The page's title too (the tab's, the history's): it stayed Italian for an English reader.
      const title = { it: 'Albero — ciclo della performance', en: 'Albero — performance cycle' };
      expect(await page.title()).toBe(title[lang]);
      release();
      await page.waitForSelector('#username');
      await expect.poll(() => page.locator('html').getAttribute('lang')).toBe(lang);
      expect(await page.title()).toBe(title[lang]);
      // Kept through the first draw, in the reader's language; the next Tab goes on from it.
      expect(await stop()).toBe(lang === 'it' ? 'a:Vai al contenuto principale' : 'a:Skip to main content');
      await page.keyboard.press('Tab');
      expect(await stop()).toMatch(/^a:Albero /);
      // The reader changes language: the title follows, as the page's words do.
      const other = lang === 'it' ? 'en' : 'it';
      await page.selectOption('.albero-lang select', other);
      await expect.poll(() => page.title()).toBe(title[other]);
      expect(await page.locator('html').getAttribute('lang')).toBe(other);
      await context.close();
    });

    it(`keeps the keyboard's place on a shared plan's page while it loads (${lang})`, async () => {
      for (let round = 0; round < ROUNDS; round++) {
        const { context, page } = await newPage();
        if (lang === 'en') await page.addInitScript(() => window.localStorage.setItem('albero.lang', 'en'));
        await page.goto(`${world.server.url}/plans/${encodeURIComponent(world.planId)}`, { waitUntil: 'commit' });
        await tabTo(page, 'f-search');
        await page.keyboard.type('A.2.1');
        // The screen's later parts (the panels' scripts, fetched when the page is idle) leave the field as it is.
        await page.waitForSelector('[data-indicator="A.2.1:1"]');
        await page.waitForTimeout(300);
        expect(await focused(page)).toBe('f-search');
        expect(await page.inputValue('#f-search')).toBe('A.2.1');
        await context.close();
      }
    });
  }
});
