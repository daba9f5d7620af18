/**
 * The plan screen on a phone (390 px) and the tree's columns on a desktop (1440 px), in English and
 * Italian. Before: the periods panel pushed the phone's page 95 px sideways (its Rename/Delete column
 * ended at 485 px) and the charts 147 px (the «Area» filter, as wide as its longest area's title,
 * ended at 537 px); at 1440 px «Internazionalizzazione» ran out of A.2's title cell under the
 * Indicator column; on a phone an objective clicked opened its detail over the tree with the focus
 * left on the row beneath it, and it was no modal: Shift+Tab from its first control reached the tree's
 * rows under it (now the page under it is inert, Tab goes round its controls, Escape closes it and
 * gives the focus back to the row); an objective with a unit and no owner began «· Struttura: …».
 * While that detail is modal nothing the app does moves the focus outside it but the sign-in asked
 * when the session ends under a save: a `<dialog>`, left out of what is made inert, which takes the
 * focus and is typed in from the keyboard, then gives it back into the detail.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { e2eWorld, focused, pages, pressWithKeyboard } from './pages.js';
import { ACCOUNTS, PASSWORD } from './server.js';

const world = e2eWorld({ fixture: true });
const { newPage, login, chooseLanguage, openPlan, openEntryForm, search, signedIn, apiAs, endSession, expectAccessible } = pages(world);

const WORDS = {
  en: { showCharts: 'Show charts', unit: 'Unit' },
  it: { showCharts: 'Mostra i grafici', unit: 'Struttura' },
} as const;

/** How far the page reaches past the viewport's right edge, in CSS pixels (0: it fits). */
function sideways(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

/** The right edge of the rightmost element `selector` matches, in CSS pixels from the viewport's left. */
function rightmost(page: Page, selector: string): Promise<number> {
  return page.evaluate((s) => Math.max(...Array.from(document.querySelectorAll(s)).map((e) => e.getBoundingClientRect().right)), selector);
}

/** Whether the focus is inside the objective's detail. */
function inDetail(page: Page): Promise<boolean> {
  return page.evaluate(() => document.activeElement?.closest('[data-testid=detail]') !== null);
}

describe('the plan screen on a phone', () => {
  it('keeps the periods panel and the charts inside the screen', async () => {
    const { context, page } = await newPage();
    // Signed in on a wide screen (the header's name, which login waits for, is hidden on a phone), then narrowed.
    await login(page, 'controller');
    await page.setViewportSize({ width: 390, height: 844 });
    for (const lang of ['en', 'it'] as const) {
      await chooseLanguage(page, lang);
      await openPlan(page);
      await page.click('[data-testid=periods-toggle]');
      await page.locator('[data-testid=periods-panel] [data-period]').first().waitFor();
      // Before, 95 px sideways: the Actions column ended at 485 px.
      expect(await sideways(page), `${lang}: periods`).toBe(0);
      expect(await rightmost(page, '[data-testid=periods-panel] [data-period] button'), `${lang}: Rename/Delete`).toBeLessThanOrEqual(390);
      await expectAccessible(page, `${lang}: periods panel on a phone`);
      await page.click('[data-testid=periods-toggle]');

      await page.getByRole('button', { name: WORDS[lang].showCharts }).click();
      await page.locator('[data-testid=chart-area]').waitFor();
      // Before, 147 px sideways: the «Area» filter, as wide as its longest option, ended at 537 px.
      expect(await sideways(page), `${lang}: charts`).toBe(0);
      expect(await rightmost(page, '[data-testid=chart-area]'), `${lang}: area filter`).toBeLessThanOrEqual(390);
      // An area picked: the filter shows its long title, still within the screen.
      await page.selectOption('[data-testid=chart-area]', 'A');
      expect(await sideways(page), `${lang}: charts, area A`).toBe(0);
      expect(await rightmost(page, '[data-testid=chart-area]'), `${lang}: area filter, area A`).toBeLessThanOrEqual(390);
      await expectAccessible(page, `${lang}: charts on a phone`);
    }
    await context.close();
  }, 120_000);

  it("moves the focus into an objective's detail that covers the tree, and back to its row when it closes", async () => {
    // A.2 given a unit, with no owner: its detail names the unit alone.
    const controller = await signedIn('controller');
    const plan = `/api/plans/${encodeURIComponent(world.planId)}`;
    expect((await apiAs(controller, 'PATCH', `${plan}/nodes/A.2`, { unit: ACCOUNTS.referente.units[0] })).status).toBe(200);
    await controller.close();
    const { context, page } = await newPage();
    await login(page, 'controller');
    await page.setViewportSize({ width: 390, height: 844 });
    for (const lang of ['en', 'it'] as const) {
      await chooseLanguage(page, lang);
      await openPlan(page);
      await search(page, 'A.2');
      const row = page.locator('[data-code="A.2"] .tree-link');
      await row.click();
      const detail = page.locator('[data-testid=detail]');
      await detail.waitFor();
      // The detail covers the tree: the focus is on its heading, not on the row hidden beneath it (before).
      await expect.poll(() => focused(page), { message: `${lang}: focus on open` }).toBe('detail-title');
      await page.keyboard.press('Tab');
      expect(await inDetail(page), `${lang}: Tab stays in the detail`).toBe(true);
      // A modal: the page under it inert (before, Shift+Tab from its first control reached the tree's rows),
      // Tab and Shift+Tab going round its own controls.
      expect(await detail.getAttribute('role'), lang).toBe('dialog');
      expect(await detail.getAttribute('aria-modal'), lang).toBe('true');
      expect(await page.evaluate(() => document.querySelector('[data-testid=tree]')?.closest('[inert]') !== null), `${lang}: the tree inert`).toBe(true);
      for (let n = 0; n < 3; n++) {
        await page.keyboard.press('Shift+Tab');
        expect(await inDetail(page), `${lang}: Shift+Tab ${n + 1} stays in the detail`).toBe(true);
      }
      for (let n = 0; n < 60; n++) {
        await page.keyboard.press('Tab');
        expect(await inDetail(page), `${lang}: Tab ${n + 1} stays in the detail`).toBe(true);
      }
      // The unit without a stray separator before it (before, «· Struttura: …»).
      const owners = detail.locator('p', { hasText: `${WORDS[lang].unit}: ` }).first();
      expect((await owners.innerText()).trim(), lang).toBe(`${WORDS[lang].unit}: ${ACCOUNTS.referente.units[0]}`);
      await expectAccessible(page, `${lang}: objective detail on a phone`);
      // Closed with Escape (English) or its ✕ (Italian): the page no longer inert, the focus back on the row.
      if (lang === 'en') await page.keyboard.press('Escape');
      else await detail.locator('button', { hasText: '✕' }).click();
      await detail.waitFor({ state: 'detached' });
      expect(await page.locator('[inert]').count(), `${lang}: nothing inert once closed`).toBe(0);
      await expect.poll(() => page.evaluate(() => document.activeElement?.closest('[data-code]')?.getAttribute('data-code')), { message: `${lang}: focus on close` }).toBe('A.2');
    }
    await context.close();
  }, 120_000);
});

describe('the session ending under the detail that covers the tree on a phone', () => {
  it('asks the sign-in in a dialog the keyboard reaches, outside the detail, and gives the focus back into it', async () => {
    const { context, page } = await newPage();
    await login(page, 'controller');
    await page.setViewportSize({ width: 390, height: 844 });
    await openEntryForm(page, 'B.2.2', 'B.2.2:1', '2024-06-30');
    expect(await page.locator('[data-testid=detail]').getAttribute('aria-modal')).toBe('true');
    await endSession(context);
    await page.fill('#entry-actual', '7');
    await pressWithKeyboard(page, '[data-testid=entry-save]');
    await page.waitForSelector('[data-testid=session-dialog][open]');
    // Outside the detail, and not made inert with the rest of the page: its field has the focus and takes what is typed.
    await expect.poll(() => focused(page)).toBe('session-password');
    expect(await page.evaluate(() => document.querySelector('[data-testid=session-dialog]')?.closest('[inert]') === null)).toBe(true);
    await expectAccessible(page, 'the sign-in over the detail on a phone');
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid=session-dialog]', { state: 'detached' });
    // The save sent again goes on to the next indicator to fill, in the detail, which has the focus again.
    await expect.poll(() => page.locator('[data-testid=entry-message]').innerText()).toMatch(/^Salvato /);
    await expect.poll(() => inDetail(page)).toBe(true);
    await context.close();
  }, 120_000);
});

describe('the tree on a desktop', () => {
  it("keeps each objective's title inside its cell, clear of the Indicator column, with a detail open beside it", async () => {
    const { context, page } = await newPage();
    await login(page, 'controller');
    for (const lang of ['en', 'it'] as const) {
      await chooseLanguage(page, lang);
      await openPlan(page);
      await search(page, 'A.2');
      // The detail beside the tree narrows its columns to their least: A.2's «Internazionalizzazione» is wider than its cell.
      await page.click('[data-code="A.2"] .tree-link');
      await page.locator('[data-testid=detail]').waitFor();
      const overlaps = await page.evaluate(() =>
        Array.from(document.querySelectorAll<HTMLElement>('[data-testid=tree] .tree-objective')).flatMap((row) => {
          const [cell, next] = Array.from(row.children) as HTMLElement[];
          const title = cell!.querySelector<HTMLElement>('.title')!;
          const start = next!.getBoundingClientRect().left;
          const end = Math.max(cell!.getBoundingClientRect().right, title.getBoundingClientRect().right);
          return [
            ...(end > start ? [`${row.dataset.code}: its title cell ends ${end - start} px into the next column`] : []),
            // Content wider than its box is cut off at its edge, or runs under the next column.
            ...(title.scrollWidth > title.clientWidth ? [`${row.dataset.code}: its title is ${title.scrollWidth - title.clientWidth} px wider than its box`] : []),
            ...(cell!.scrollWidth > cell!.clientWidth ? [`${row.dataset.code}: its cell's content is ${cell!.scrollWidth - cell!.clientWidth} px wider than the cell`] : []),
          ];
        }),
      );
      expect(await page.locator('[data-testid=tree] .tree-objective').count(), lang).toBeGreaterThan(1);
      expect(overlaps, lang).toEqual([]);
      // Beside the tree the detail is a side panel, not a modal: the tree stays within reach.
      expect(await page.locator('[data-testid=detail]').getAttribute('role'), lang).toBeNull();
      expect(await page.locator('[inert]').count(), lang).toBe(0);
      await expectAccessible(page, `${lang}: the tree with a detail open`);
      await page.locator('[data-testid=detail] button', { hasText: '✕' }).click();
      await page.locator('[data-testid=detail]').waitFor({ state: 'detached' });
    }
    await context.close();
  }, 120_000);
});
