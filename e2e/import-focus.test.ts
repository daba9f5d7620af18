/**
 * A plan's import checked from the keyboard: «Controlla il file» is disabled while the file is read,
 * so its focus was lost to the page's body, the preview said nowhere near it, and «Annulla» (which
 * takes the preview away with itself) lost it again (before). Now the preview's summary takes the
 * focus, Tab goes on to its list of problems and buttons, and «Annulla» gives the focus back to the
 * check button. The fixture in Italian, a file the server cannot read in English on a 390 px phone;
 * axe on each; nothing imported.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { FIXTURE } from '../test/helpers.js';
import { e2eWorld, focused, pages } from './pages.js';

const world = e2eWorld();
const { signedInPage, apiAs, chooseLanguage, expectAccessible } = pages(world);

/** The text of the element that has the focus. */
const focusText = (page: Page): Promise<string> => page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');

/** From the body's field, Tab to the check button (`label`) and Enter, as a keyboard user does. */
async function check(page: Page, label: string): Promise<void> {
  await page.focus('#import-organisation');
  for (let n = 0; n < 3 && (await focusText(page)) !== label; n++) await page.keyboard.press('Tab');
  expect(await focusText(page)).toBe(label);
  await page.keyboard.press('Enter');
}

/** Tab from where the focus is until an element whose text is `text` has it; the stops taken. */
async function tabToText(page: Page, text: string, most: number): Promise<number> {
  for (let n = 1; n <= most; n++) {
    await page.keyboard.press('Tab');
    if ((await focusText(page)) === text) return n;
  }
  throw new Error(`«${text}» not reached in ${most} Tabs; the focus is on ${await focused(page)}`);
}

describe('a plan import checked from the keyboard', { timeout: 180_000 }, () => {
  it('puts the focus on the preview, then back on the check button when cancelled', async () => {
    const { context, page } = await signedInPage('controller');
    await page.waitForSelector('#import-file');

    await page.setInputFiles('#import-file', FIXTURE);
    await page.fill('#import-organisation', 'Camera di commercio di Prova');
    await check(page, 'Controlla il file');
    await expect.poll(() => focused(page)).toBe('import-issues-summary');
    expect(await page.locator('[data-testid=import-plan]').innerText()).toContain('46 obiettivi, 88 indicatori');
    // The next stops are the preview's own: its list of problems (when any), then the confirmation.
    expect(await tabToText(page, 'Conferma l’importazione', 2)).toBeLessThanOrEqual(2);
    await expectAccessible(page, 'import preview (it)');
    await page.keyboard.press('Tab');
    expect(await focusText(page)).toBe('Annulla');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('[data-testid=import-preview]').count()).toBe(0);
    await expect.poll(() => focusText(page)).toBe('Controlla il file');

    // In English on a phone: a file the server cannot read is a blocking preview, which takes the focus too.
    await chooseLanguage(page, 'en');
    await page.setViewportSize({ width: 390, height: 844 });
    const broken = join(mkdtempSync(join(tmpdir(), 'albero-import-focus-')), 'piano.json');
    writeFileSync(broken, '{"not": "a plan"');
    await page.setInputFiles('#import-file', broken);
    await check(page, 'Check the file');
    await expect.poll(() => focused(page)).toBe('import-issues-summary');
    expect(await page.locator('#import-issues-summary').innerText()).toContain('The file has errors and cannot be imported.');
    await expectAccessible(page, 'import preview (en, 390 px)');
    await tabToText(page, 'Cancel', 3);
    await page.keyboard.press('Enter');
    await expect.poll(() => focusText(page)).toBe('Check the file');

    expect((await apiAs(context, 'GET', '/api/plans')).body).toEqual([]);
  });
});
