/**
 * HR's new form does not offer HR's own account as the person appraised: the server refuses a form
 * of one's own (403 `own-form`, made by another of HR or the administrator), so the choice was one
 * that could only be refused (before, «Paola Personale (personale)» was in the list). The account
 * stays among the evaluators. From the keyboard, Italian then English, axe on each; the same for the
 * administrator.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { e2eWorld, focused, pages, tabTo } from './pages.js';
import { ACCOUNTS } from './server.js';

const world = e2eWorld();
const { signedInPage, chooseLanguage, expectAccessible } = pages(world);

const options = (page: Page, id: string) => page.locator(`#${id} option`).allInnerTexts();

describe("the new form's person", { timeout: 150_000 }, () => {
  it("leaves out the reader's own account, keeps it among the evaluators, in Italian and English", async () => {
    for (const who of ['personale', 'admin'] as const) {
      const { context, page } = await signedInPage(who);
      const own = `${ACCOUNTS[who].displayName} (${ACCOUNTS[who].username})`;
      const other = who === 'personale' ? 'admin' : 'personale';
      const theOther = `${ACCOUNTS[other].displayName} (${ACCOUNTS[other].username})`;
      await tabTo(page, 'nav-appraisals');
      await page.keyboard.press('Enter');
      await page.waitForSelector('[data-testid=new-appraisal]');
      for (const lang of ['it', 'en'] as const) {
        if (lang === 'en') await chooseLanguage(page, 'en');
        await expect.poll(() => options(page, 'new-evaluator')).toContain(own);
        const people = await options(page, 'new-person');
        expect(people).not.toContain(own);
        expect(people).toContain(theOther);
        expect(people).toContain(`${ACCOUNTS.referente.displayName} (${ACCOUNTS.referente.username})`);
        await page.focus('#new-person');
        expect(await focused(page)).toBe('new-person');
        await expectAccessible(page, `new form's people (${who}, ${lang})`);
      }
      await context.close();
    }
    expect(world.consoleErrors).toEqual([]);
  });
});
