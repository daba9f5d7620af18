/**
 * The registry's import from the keyboard, on a 390 px phone: «Controlla» and «Importa» are disabled
 * while the file is sent, so the focus they had was lost to the page's body and the answer was said
 * nowhere near it (before). Now the answer takes it: no file chosen → the file field, described by
 * its refusal; a file with a wrong row → the list of problems; a good file checked → the message
 * saying what it would do; imported → the message saying what it did. Italian, then English; axe on each.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { e2eWorld, focused, pages } from './pages.js';

const world = e2eWorld();
const { signedInPage, chooseLanguage, expectAccessible } = pages(world);

/** The file field, then Tab to the button named by its test id and Enter: what a keyboard user does. */
async function press(page: Page, button: 'units-check' | 'units-import-submit'): Promise<void> {
  await page.focus('#units-file');
  for (let n = 0; n < 3 && (await focused(page)) !== button; n++) await page.keyboard.press('Tab');
  expect(await focused(page)).toBe(button);
  await page.keyboard.press('Enter');
}

describe('the registry import from the keyboard', { timeout: 150_000 }, () => {
  it('gives the focus to the answer of each check and import, in Italian and English', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'albero-units-focus-'));
    const { page } = await signedInPage('admin', null);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${world.server.url}/units`);
    await page.waitForSelector('[data-testid=units-table] [data-unit=UA]');

    for (const [lang, code, words] of [
      ['it', 'UTR', { file: /Scegliere un file\./, issue: /Riga 3/, checked: /1 nuove/, imported: /Importate: 1 nuove/ }],
      ['en', 'UST', { file: /Choose a file\./, issue: /Row 3/, checked: /1 new/, imported: /1 new/ }],
    ] as const) {
      if (lang === 'en') await chooseLanguage(page, 'en');

      // No file chosen: the refusal is at the field, which takes the focus and is described by it.
      await press(page, 'units-check');
      await expect.poll(() => focused(page)).toBe('units-file');
      expect(await page.getAttribute('#units-file', 'aria-invalid')).toBe('true');
      const describedBy = (await page.getAttribute('#units-file', 'aria-describedby')) ?? '';
      const said = await page.evaluate((ids) => ids.map((id) => document.getElementById(id)?.textContent ?? '').join(' '), describedBy.split(/\s+/));
      expect(said).toMatch(words.file);
      await expectAccessible(page, `units import: no file (${lang})`);

      // A row the server refuses: the problems take the focus.
      const bad = join(dir, `bad-${lang}.csv`);
      writeFileSync(bad, `codice;nome;tipo;padre;responsabile;membri\n${code};Ufficio ${code};Ufficio;;;\n;Senza codice;Ufficio;;;\n`);
      await page.setInputFiles('#units-file', bad);
      await press(page, 'units-check');
      await expect.poll(() => focused(page)).toBe('units-import-issues');
      expect(await page.locator('[data-testid=units-import-issues]').innerText()).toMatch(words.issue);
      await expectAccessible(page, `units import: issues (${lang})`);

      // A good file checked, then imported: each message takes the focus.
      const good = join(dir, `good-${lang}.csv`);
      writeFileSync(good, `codice;nome;tipo;padre;responsabile;membri\n${code};Ufficio ${code};Ufficio;;;\n`);
      await page.setInputFiles('#units-file', good);
      await press(page, 'units-check');
      await expect.poll(() => focused(page)).toBe('units-checked');
      expect(await page.locator('[data-testid=units-checked]').innerText()).toMatch(words.checked);
      await press(page, 'units-import-submit');
      await expect.poll(() => focused(page)).toBe('units-notice');
      expect(await page.locator('[data-testid=units-notice]').innerText()).toMatch(words.imported);
      await page.waitForSelector(`[data-testid=units-table] [data-unit=${code}]`);
      await expectAccessible(page, `units import: imported (${lang})`);
      // The next Tab goes on from the message, not from the top of the page.
      await page.keyboard.press('Tab');
      expect(await focused(page)).not.toBe('skip-link');
    }
    expect(world.consoleErrors.filter((e) => !/status of 422/.test(e))).toEqual([]);
  });
});
