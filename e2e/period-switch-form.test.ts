/**
 * No value typed into a period the screen is leaving. Opened without a period, the office's screen
 * draws the server's default (the year end) and then reads the period collecting (30/06): an entry
 * form opened during that read was the year end's, and what the referente typed in it was kept as a
 * draft of the year end, while the form started again empty on 30/06. Now, while the tree on screen
 * is not the one asked for, the form and the panels' writes are disabled and say why; once the 30/06
 * tree is in, the form is the 30/06 one, enabled, and what is typed is kept under 30/06 alone.
 * The plan's editing tools (an objective's, and the toolbar's area and reassignment) wait too: a change
 * made on the tree about to be replaced is made on what the reader is no longer shown, and the toolbar's
 * read the period left again, undoing the switch.
 * The 30/06 tree's read is held back on purpose (`page.route`), so the read is under way for as long
 * as the test needs. Real server, fresh SQLite file, the fixture imported through the API.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { e2eWorld, pages, planSettled } from './pages.js';

const world = e2eWorld({ fixture: true });
const { newPage, login, openToReferente, search } = pages(world);

/** `page`'s reads of the 30/06 tree (in `lang`) held back until the function returned is called. */
async function holdMidYear(page: Page, lang?: string): Promise<{ release: () => void; asked: () => boolean }> {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  let asked = false;
  await page.route(
    (url) => url.pathname.endsWith('/tree') && url.searchParams.get('period') === MID_YEAR && (lang === undefined || url.searchParams.get('lang') === lang),
    async (route) => {
      asked = true;
      await held;
      await route.continue();
    },
  );
  return { release, asked: () => asked };
}
const MID_YEAR = '2024-06-30';
const YEAR_END = '2024-12-31';
const INDICATOR = 'A.2.1:1'; // Attività di informazione e orientamento ai mercati

/** The draft keys in the page's localStorage whose period is `period` (`drafts.ts`'s `draftKey`: reader|plan|period|indicator). */
const draftsOf = (page: Page, period: string): Promise<string[]> =>
  page.evaluate((period) => Object.keys(window.localStorage).filter((k) => k.startsWith('albero.draft.') && k.split('|')[2] === encodeURIComponent(period)), period);

describe('an indicator opened while the screen switches period', { timeout: 180_000 }, () => {
  it('waits, disabled and saying why, for the period the screen stays on', async () => {
    await openToReferente('A.2.1', MID_YEAR);
    const { page } = await newPage();
    await login(page, 'referente');

    // The 30/06 tree is held back until the test lets it go.
    const hold = await holdMidYear(page);

    await page.goto(`${world.server.url}/#/plans/${encodeURIComponent(world.planId)}`);
    // The year end is drawn, and the switch to 30/06 is being read: the screen is not settled.
    await page.waitForSelector(`[data-testid=plan-screen][data-period="${YEAR_END}"] [data-testid=tree] [data-code="A"]`);
    await expect.poll(hold.asked).toBe(true);
    expect(await page.getAttribute('[data-testid=plan-screen]', 'data-ready')).toBe('false');

    await search(page, 'A.2.1');
    await page.click(`[data-indicator="${INDICATOR}"] .tree-link`);
    await page.waitForSelector('#entry-actual');
    // The form is the year end's, disabled, and says which period is coming.
    await expect.poll(() => page.locator('[data-testid=entry-waiting]').innerText()).toBe('Caricamento del periodo 30/06/2024: si potrà scrivere quando i suoi valori saranno arrivati.');
    expect(await page.locator('#entry-actual').isDisabled()).toBe(true);
    expect(await page.locator('[data-testid=entry-save]').isDisabled()).toBe(true);
    // The panels' writes wait too (a comment would go to the year end).
    await page.waitForSelector('#comment-text');
    expect(await page.locator('#comment-text').isDisabled()).toBe(true);
    expect(await page.locator('[data-testid=comment-send]').isDisabled()).toBe(true);

    // Typing into it reaches nothing (the year end's stored value stays): no draft of the year end is written.
    const yearEndValue = await page.inputValue('#entry-actual');
    await page.focus('#entry-actual').catch(() => undefined);
    await page.keyboard.type('7');
    expect(await page.inputValue('#entry-actual')).toBe(yearEndValue);
    expect(await draftsOf(page, YEAR_END)).toEqual([]);

    // The 30/06 tree comes: the form is 30/06's, enabled, the reason gone.
    hold.release();
    await planSettled(page, MID_YEAR);
    await expect.poll(() => page.locator('#entry-title').innerText()).toBe('Inserimento del consuntivo — 30/06/2024');
    await expect.poll(() => page.locator('#entry-actual').isDisabled()).toBe(false);
    expect(await page.locator('[data-testid=entry-waiting]').count()).toBe(0);
    expect(await page.locator('#comment-text').isDisabled()).toBe(false);

    // What is typed now is kept as 30/06's draft, and never as the year end's.
    await page.fill('#entry-actual', '7');
    await expect.poll(() => draftsOf(page, MID_YEAR)).toHaveLength(1);
    expect(await draftsOf(page, YEAR_END)).toEqual([]);
    const kept = await page.evaluate((key) => JSON.parse(window.localStorage.getItem(key) ?? 'null'), (await draftsOf(page, MID_YEAR))[0]!);
    expect(kept.fields).toMatchObject({ actual: '7', state: 'measured' });
  });

  it('says the reason in English too', async () => {
    const { page } = await newPage();
    await login(page, 'referente');
    const hold = await holdMidYear(page, 'en');
    await page.selectOption('select[aria-label=Lingua]', 'en');
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en');
    await page.goto(`${world.server.url}/#/plans/${encodeURIComponent(world.planId)}`);
    await page.waitForSelector(`[data-testid=plan-screen][data-period="${YEAR_END}"] [data-testid=tree] [data-code="A"]`);
    await search(page, 'A.2.1');
    await page.click(`[data-indicator="${INDICATOR}"] .tree-link`);
    await expect.poll(() => page.locator('[data-testid=entry-waiting]').innerText()).toBe('Loading the period 30/06/2024: you can write here once its values are in.');
    expect(await page.locator('#entry-actual').isDisabled()).toBe(true);
    hold.release();
    await planSettled(page, MID_YEAR);
    await expect.poll(() => page.locator('#entry-actual').isDisabled()).toBe(false);
  });

  it("holds the plan's editing tools too, saying why, in Italian and English", async () => {
    for (const [lang, says] of [
      ['it', 'Caricamento del periodo 30/06/2024: si potrà modificare il piano quando i suoi valori saranno arrivati.'],
      ['en', 'Loading the period 30/06/2024: you can change the plan once its values are in.'],
    ] as const) {
      const { page } = await newPage();
      await login(page, 'controller');
      const hold = await holdMidYear(page, lang);
      if (lang === 'en') {
        await page.selectOption('select[aria-label=Lingua]', 'en');
        await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en');
      }
      await page.goto(`${world.server.url}/#/plans/${encodeURIComponent(world.planId)}`);
      await page.waitForSelector(`[data-testid=plan-screen][data-period="${YEAR_END}"] [data-testid=tree] [data-code="A"]`);
      await expect.poll(hold.asked).toBe(true);

      // The toolbar's area and reassignment wait, and say why.
      expect(await page.locator('[data-testid=toolbar-waiting]').innerText()).toBe(says);
      expect(await page.locator('[data-testid=open-area]').isDisabled()).toBe(true);
      expect(await page.locator('[data-testid=open-reassign]').isDisabled()).toBe(true);
      // An objective's tools and an indicator's too.
      await search(page, 'A.2.1');
      await page.click('[data-code="A.2.1"] .tree-link');
      await expect.poll(() => page.locator('[data-testid=edit-waiting]').innerText()).toBe(says);
      for (const tool of ['open-child', 'open-indicator', 'open-node', 'open-delete-node']) expect(await page.locator(`[data-testid=${tool}]`).isDisabled(), tool).toBe(true);
      await page.click(`[data-indicator="${INDICATOR}"] .tree-link`);
      await page.waitForSelector('[data-testid=open-edit-indicator]');
      expect(await page.locator('[data-testid=edit-waiting]').innerText()).toBe(says);
      for (const tool of ['open-edit-indicator', 'open-delete-indicator']) expect(await page.locator(`[data-testid=${tool}]`).isDisabled(), tool).toBe(true);
      // Pressed anyway, nothing opens.
      await page.locator('[data-testid=open-edit-indicator]').click({ force: true });
      expect(await page.locator('[data-testid=indicator-dialog]').count()).toBe(0);

      // The 30/06 tree comes: the tools are usable, the reason gone.
      hold.release();
      await planSettled(page, MID_YEAR);
      await expect.poll(() => page.locator('[data-testid=open-edit-indicator]').isDisabled()).toBe(false);
      expect(await page.locator('[data-testid=edit-waiting]').count()).toBe(0);
      expect(await page.locator('[data-testid=toolbar-waiting]').count()).toBe(0);
      expect(await page.locator('[data-testid=open-area]').isDisabled()).toBe(false);
      expect(await page.locator('[data-testid=open-reassign]').isDisabled()).toBe(false);
      await page.click('[data-testid=open-edit-indicator]');
      await page.waitForSelector('[data-testid=indicator-dialog][open]');
      await page.context().close();
    }
  });
});
