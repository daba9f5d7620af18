/**
 * Boxes that ran past their own edge, measured as a reader's browser lays them out (scrollWidth
 * against clientWidth; 0: the content fits its box):
 * - the reason's label of an appraisal form's step (a contest, a conciliation) at 1440 px, once the
 *   step was refused for want of its text: 8 px past its box;
 * - the plan's header row («← Tutti i piani» … «Esporta») at 1440 and 390 px: 4 and 8 px wider.
 * Real server, fresh SQLite file.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { e2eWorld, pages } from './pages.js';

const world = e2eWorld({ fixture: true });
const { signedIn, signedInPage, evaluatedStaffForm, openPlan } = pages(world);

/** How far the content of the element `selector` reaches past its box, in CSS pixels (0: it fits). */
const past = (page: Page, selector: string): Promise<number> => page.locator(selector).evaluate((e) => e.scrollWidth - e.clientWidth);

/** The plan screen's box: what holds its header row, from «← Tutti i piani» to «Esporta», and the tree under it. */
const PLAN_SCREEN = 'xpath=//p[button[contains(., "Tutti i piani")]]/..';
/** The label holding a step's text (the reason of a contest, the minutes of a conciliation) and its problem. */
const STEP_TEXT = 'label:has([data-testid=action-text])';

describe('boxes that fit their content', { timeout: 240_000 }, () => {
  it('the plan header row, on a desktop and a phone', async () => {
    const { page } = await signedInPage('controller', null);
    for (const width of [1440, 390]) {
      await page.setViewportSize({ width, height: 900 });
      await openPlan(page);
      expect(await past(page, PLAN_SCREEN), `${width} px`).toBe(0);
      // Its own header row too.
      expect(await past(page, `${PLAN_SCREEN}/div[1]`), `${width} px`).toBe(0);
    }
  });

  it("the reason of a form's step refused for want of its text, on a desktop", async () => {
    const [hr, boss, person] = [await signedIn('personale'), await signedIn('dirigente'), await signedIn('referente')];
    const created = await evaluatedStaffForm(hr, boss, person, 'In linea a metà anno');

    const me = await signedInPage('referente', null);
    await me.page.setViewportSize({ width: 1440, height: 900 });
    await me.page.goto(`${world.server.url}/#/appraisals/${encodeURIComponent(created.id)}`);
    await me.page.waitForSelector('[data-testid=action-contest]');
    expect(await past(me.page, STEP_TEXT)).toBe(0);
    await me.page.locator('[data-testid=action-contest]').click();
    await expect.poll(() => me.page.locator('[data-testid=action-text]').getAttribute('aria-invalid')).toBe('true');
    await expect.poll(() => me.page.locator('[data-testid=action-text-error]').count()).toBe(1);
    expect(await past(me.page, STEP_TEXT)).toBe(0);
  });
});
