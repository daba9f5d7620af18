/**
 * Where the focus goes after a save whose form is disabled while it is sent (a disabled control
 * drops the focus to the page's body, and the next Tab starts again from the top of the page; before,
 * each of these left it there): a comment sent on an indicator (back in the box, described by the
 * message saying it was sent; an empty one refused there too), the language of one's emails saved
 * and one's password changed (on the message saying so). From the keyboard, in Italian and English;
 * axe after each.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { e2eWorld, focused, pages } from './pages.js';
import { PASSWORD } from './server.js';

const world = e2eWorld({ fixture: true });
const { referenteAtIndicator, signedInPage, chooseLanguage, expectAccessible } = pages(world);

/** What the element `id` is described by, in words. */
function description(page: Page, id: string): Promise<string> {
  return page.evaluate((id) => {
    const ids = (document.getElementById(id)?.getAttribute('aria-describedby') ?? '').split(/\s+/);
    return ids.map((d) => document.getElementById(d)?.textContent ?? '').join(' ');
  }, id);
}

describe('the focus after a save', { timeout: 180_000 }, () => {
  it('a comment sent from the keyboard leaves the focus in the box, said sent', async () => {
    const { page } = await referenteAtIndicator();
    for (const [lang, words] of [
      ['it', { empty: 'Scrivere il testo del commento.', sent: 'Commento inviato.' }],
      ['en', { empty: 'Write the text of the comment.', sent: 'Comment sent.' }],
    ] as const) {
      if (lang === 'en') await chooseLanguage(page, 'en');
      await page.waitForSelector('#comment-text');
      // An empty comment: refused in the box, which keeps the focus and is described by the refusal.
      await page.focus('#comment-text');
      await page.keyboard.press('Tab');
      expect(await focused(page)).toBe('comment-send');
      await page.keyboard.press('Enter');
      await expect.poll(() => focused(page)).toBe('comment-text');
      expect(await description(page, 'comment-text')).toBe(words.empty);
      expect(await page.getAttribute('#comment-text', 'aria-invalid')).toBe('true');

      await page.keyboard.type(`Dato estratto dal gestionale (${lang})`);
      await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
      await expect.poll(() => page.locator('[data-testid=comment]').allInnerTexts()).toContainEqual(expect.stringContaining(`Dato estratto dal gestionale (${lang})`));
      await expect.poll(() => focused(page)).toBe('comment-text');
      expect(await description(page, 'comment-text')).toBe(words.sent);
      expect(await page.getAttribute('#comment-text', 'aria-invalid')).toBeNull();
      await expectAccessible(page, `comment sent (${lang})`);
    }
  });

  it("one's email language and password saved from the keyboard leave the focus on the message saying so", async () => {
    const { page } = await signedInPage('oiv', null);
    await page.goto(`${world.server.url}/password`);
    await page.waitForSelector('#own-language');
    let password = PASSWORD;
    for (const [lang, words] of [
      ['it', { language: 'Lingua delle email salvata.', password: 'Password cambiata.' }],
      ['en', { language: 'Email language saved.', password: 'Password changed.' }],
    ] as const) {
      if (lang === 'en') await chooseLanguage(page, 'en');
      await page.focus('#own-language');
      await page.keyboard.press(lang === 'it' ? 'ArrowDown' : 'ArrowUp');
      await page.keyboard.press('Tab');
      expect(await focused(page)).toBe('own-language-submit');
      await page.keyboard.press('Enter');
      await expect.poll(() => focused(page)).toBe('own-language-notice');
      expect(await page.locator('[data-testid=own-language-notice]').innerText()).toBe(words.language);
      await expectAccessible(page, `email language saved (${lang})`);

      const next = `${password}-${lang}`;
      await page.focus('#pw-current');
      await page.keyboard.type(password);
      await page.keyboard.press('Tab');
      await page.keyboard.type(next);
      await page.keyboard.press('Tab');
      await page.keyboard.type(next);
      await page.keyboard.press('Tab');
      expect(await focused(page)).toBe('password-submit');
      await page.keyboard.press('Enter');
      await expect.poll(() => focused(page)).toBe('password-notice');
      expect(await page.locator('[data-testid=password-notice]').innerText()).toBe(words.password);
      password = next;
      await expectAccessible(page, `password changed (${lang})`);
    }
    expect(world.consoleErrors).toEqual([]);
  });
});
