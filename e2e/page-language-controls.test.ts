/**
 * Date and file fields speak the page's language, not the browser's: the browser's own date field
 * showed mm/dd/yyyy on an Italian screen in an English browser, its file field "Choose file / No
 * file chosen". Here the browser speaks one language (the context's locale) and the screen the
 * other: the date field shows gg/mm/aaaa (dd/mm/yyyy), takes 31/12/2024, refuses 31/02/2024 at the
 * field in the screen's words, and the saved date is read back through the API; the file field's
 * button and words follow the screen, its label opens the picker (by mouse and by keyboard), a file
 * chosen or dropped is named beside it.
 */
import type { BrowserContext, FileChooser, Page } from 'playwright-core';
import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURE } from '../test/helpers.js';
import { e2eWorld, field, focused, pages } from './pages.js';

const world = e2eWorld({ fixture: true });
const { login, apiAs, openPlan, chooseLanguage, expectAccessible } = pages(world);

/** A page whose browser speaks `locale`. */
async function browserIn(locale: 'en-US' | 'it-IT'): Promise<{ context: BrowserContext; page: Page }> {
  const context = await world.browser.newContext({ viewport: { width: 1440, height: 1000 }, locale, reducedMotion: 'reduce' });
  const page = await context.newPage();
  return { context, page };
}

const PERIOD = '2024-09-30';

const CASES = [
  { browser: 'en-US', screen: 'it', placeholder: 'gg/mm/aaaa', noSuchDay: 'La data 31/02/2024 non esiste: febbraio 2024 ha 29 giorni.', choose: 'Scegli file', none: 'Nessun file scelto' },
  { browser: 'it-IT', screen: 'en', placeholder: 'dd/mm/yyyy', noSuchDay: 'The date 31/02/2024 does not exist: February 2024 has 29 days.', choose: 'Choose file', none: 'No file chosen' },
] as const;

describe('date and file fields in the page’s language, whatever the browser’s', { timeout: 240_000 }, () => {
  for (const c of CASES) {
    it(`a date in a ${c.browser} browser on a screen in ${c.screen}`, async () => {
      const { context, page } = await browserIn(c.browser);
      await login(page, 'controller');
      const plan = `/api/plans/${encodeURIComponent(world.planId)}`;
      expect((await apiAs(context, 'PUT', `${plan}/periods/${PERIOD}/deadline`, { deadline: '2024-10-15' })).status).toBe(200);
      const deadline = async () => ((await apiAs(context, 'GET', `${plan}/worklist?period=${PERIOD}`)).body as { period: { deadline: string | null } }).period.deadline;
      if (c.screen === 'en') await chooseLanguage(page, 'en');
      await openPlan(page);
      await page.click('[data-testid=worklist-toggle]');
      await page.selectOption('#wl-period', PERIOD);
      // The stored date as the screen writes dates, the format shown for an empty field.
      await expect.poll(() => page.inputValue('#wl-deadline')).toBe('15/10/2024');
      expect(await page.getAttribute('#wl-deadline', 'placeholder')).toBe(c.placeholder);
      await page.fill('#wl-deadline', '');
      expect(await page.getAttribute('#wl-deadline', 'placeholder')).toBe(c.placeholder);

      // A day February has not: said at the field, which takes the focus; nothing saved.
      await page.fill('#wl-deadline', '31/02/2024');
      await page.locator('form:has(#wl-deadline) button[type=submit]').click();
      await expect.poll(() => field(page, 'wl-deadline')).toEqual({ invalid: 'true', said: c.noSuchDay, focused: true });
      await expectAccessible(page, `deadline 31/02/2024 (${c.screen})`);
      expect(await deadline()).toBe('2024-10-15');
      if (c.screen === 'it') {
        // The screen switched to English: the date's problem, the screen's own words, is said again in English (before: still Italian).
        await chooseLanguage(page, 'en');
        await expect.poll(() => field(page, 'wl-deadline')).toMatchObject({ invalid: 'true', said: CASES[1].noSuchDay });
        await chooseLanguage(page, 'it');
        await expect.poll(() => field(page, 'wl-deadline')).toMatchObject({ invalid: 'true', said: c.noSuchDay });
      }

      // 31/12/2024 typed as the field asks: saved as that day.
      await page.fill('#wl-deadline', '31/12/2024');
      await page.locator('form:has(#wl-deadline) button[type=submit]').click();
      await expect.poll(deadline).toBe('2024-12-31');
      await expect.poll(() => field(page, 'wl-deadline')).toMatchObject({ invalid: null, said: '' });
      expect(await page.inputValue('#wl-deadline')).toBe('31/12/2024');

      // The periods panel's date field is the same field.
      await page.click('[data-testid=periods-toggle]');
      await page.waitForSelector('[data-testid=periods-panel]');
      expect(await page.getAttribute('#period-ends-on', 'placeholder')).toBe(c.placeholder);
      await context.close();
    });

    it(`a file in a ${c.browser} browser on a screen in ${c.screen}`, async () => {
      const { context, page } = await browserIn(c.browser);
      await login(page, 'controller');
      if (c.screen === 'en') await chooseLanguage(page, 'en');
      await page.waitForSelector('#import-file', { state: 'attached' });
      const button = page.locator('[data-testid=import-file-button]');
      const chosen = page.locator('[data-testid=import-file-chosen]');
      expect(await button.innerText()).toBe(c.choose);
      expect(await chosen.innerText()).toBe(c.none);
      // The words are read with the field.
      expect((await field(page, 'import-file')).said).toBe(c.none);
      await expectAccessible(page, `file field, none chosen (${c.screen})`);

      // The button (the field's label) opens the picker; the file chosen is named beside it.
      const [picker] = await Promise.all([page.waitForEvent('filechooser'), button.click()]);
      await picker.setFiles(FIXTURE);
      await expect.poll(() => chosen.innerText()).toBe(basename(FIXTURE));

      // From the keyboard: Tab reaches the field itself, Space opens the picker.
      await page.focus('#import-title-input');
      await page.keyboard.press('Shift+Tab');
      expect(await focused(page)).toBe('import-file');
      // Chromium shows one picker at a time and may still be closing the first one on a loaded
      // machine, when it ignores the key: press again, the field still focused, until it opens.
      let again: FileChooser | undefined;
      for (let attempt = 0; attempt < 3 && again === undefined; attempt += 1) {
        expect(await focused(page)).toBe('import-file');
        [again] = await Promise.all([page.waitForEvent('filechooser', { timeout: 10_000 }).catch(() => undefined), page.keyboard.press('Space')]);
      }
      if (again === undefined) throw new Error('Space on the focused file field opened no picker in three tries');
      await again.setFiles({ name: 'piano-scelto.txt', mimeType: 'text/plain', buffer: Buffer.from('x') });
      await expect.poll(() => chosen.innerText()).toBe('piano-scelto.txt');

      // A file dropped on the field's words is chosen as well.
      await chosen.evaluate((target) => {
        const list = new DataTransfer();
        list.items.add(new File(['x'], 'trascinato.csv', { type: 'text/csv' }));
        target.dispatchEvent(new DragEvent('drop', { dataTransfer: list, bubbles: true, cancelable: true }));
      });
      await expect.poll(() => chosen.innerText()).toBe('trascinato.csv');
      expect(await page.locator('#import-file').evaluate((e) => Array.from((e as HTMLInputElement).files ?? [], (f) => f.name))).toEqual(['trascinato.csv']);
      await expectAccessible(page, `file field, one chosen (${c.screen})`);
      await context.close();
    });
  }
});
