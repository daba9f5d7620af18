/**
 * The pages around the plan on a phone, 390 px wide: nothing wider than the screen, so the page never
 * scrolls sideways. Before, the sign-in form and the plans page's forms (Bootstrap rows, whose
 * negative margins are half their gutter) stood 4 px past the main region's narrower padding there;
 * and the completion dashboard's nine columns ran past the screen (by 144 px), as did the review list's;
 * an appraisal form's unit objectives and individual objectives pushed the page 79 px sideways.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { e2eWorld, pages } from './pages.js';
import { ACCOUNTS, PASSWORD } from './server.js';

const world = e2eWorld({ fixture: true });
const { newPage, chooseLanguage, login, openPlan, signedIn, signedInPage, staffForm, apiAs, expectAccessible } = pages(world);

const plan = () => `/api/plans/${encodeURIComponent(world.planId)}`;

/**
 * The plan adopted, in force, whichever test comes first (each runs alone too, `-t`): a draft's
 * worklist and dashboard have no value to collect, and a unit changes inside a revision only once it is adopted.
 */
async function inForce(context: BrowserContext): Promise<void> {
  const read = await apiAs(context, 'GET', plan());
  expect(read.status).toBe(200);
  if ((read.body as { status: string }).status === 'adopted') return;
  expect((await apiAs(context, 'POST', `${plan()}/adopt`, { act: { kind: 'Delibera di Giunta', number: '12', date: '2024-01-30' } })).status).toBe(200);
}

/** How far the page reaches past the viewport's right edge, in CSS pixels (0: it fits). */
function sideways(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

describe('a phone', () => {
  it('reads the sign-in and the plans pages without scrolling sideways, in English and in Italian', async () => {
    const { context, page } = await newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${world.server.url}/`);
    await page.waitForSelector('#username');
    await chooseLanguage(page, 'en');
    expect(await sideways(page)).toBe(0);
    // Signed in through the form seen (pages' login waits for the header's name, which a phone hides).
    await page.fill('#username', ACCOUNTS.controller.username);
    await page.fill('#password', PASSWORD);
    await page.click('button[type=submit]');
    await expect.poll(() => page.locator('#import-title').innerText()).toBe('Import a plan');
    expect(await sideways(page)).toBe(0);
    await chooseLanguage(page, 'it');
    await expect.poll(() => page.locator('#import-title').innerText()).toBe('Importa un piano');
    expect(await sideways(page)).toBe(0);
    await context.close();
  }, 90_000);

  it("keeps the completion dashboard's columns inside the screen, scrolling in their own region", async () => {
    const { context, page } = await newPage();
    // Signed in on a wide screen (the header's name, which login waits for, is hidden on a phone), then narrowed.
    await login(page, 'controller');
    // In force: a draft's dashboard has no counts, only a sentence saying why.
    await inForce(context);
    await chooseLanguage(page, 'en');
    await page.setViewportSize({ width: 390, height: 844 });
    await openPlan(page);
    await page.click('[data-testid=dashboard-toggle]');
    await page.locator('[data-testid=dashboard-table]').waitFor();
    const dashboard = page.locator('[data-testid=dashboard]');
    // The panel holds its table: nothing of it reaches past the panel's edge (before, the table spilled 144 px over it).
    expect(await dashboard.evaluate((s) => s.scrollWidth - s.clientWidth)).toBe(0);
    expect((await dashboard.boundingBox())!.x + (await dashboard.boundingBox())!.width).toBeLessThanOrEqual(390);
    // The columns cut off are reached by scrolling the region, from the keyboard too.
    const region = page.getByRole('region', { name: 'Completion by period and unit' });
    expect(await region.getAttribute('tabindex')).toBe('0');
    expect(await region.evaluate((r) => r.scrollWidth > r.clientWidth)).toBe(true);
    await context.close();
  }, 90_000);

  it("keeps the review list's columns inside the screen, scrolling in their own region", async () => {
    const { context, page } = await newPage();
    await login(page, 'controller');
    await chooseLanguage(page, 'en');
    await inForce(context);
    await page.setViewportSize({ width: 390, height: 844 });
    await openPlan(page);
    await page.click('[data-testid=worklist-toggle]');
    await page.locator('[data-testid=worklist-table]').waitFor();
    // Before, its table stood ≈774 px wide on the page, which scrolled sideways.
    expect(await sideways(page)).toBe(0);
    const list = page.locator('[data-testid=worklist]');
    expect(await list.evaluate((s) => s.scrollWidth - s.clientWidth)).toBe(0);
    const region = page.getByRole('region', { name: "The period's values" });
    expect(await region.getAttribute('tabindex')).toBe('0');
    expect(await region.evaluate((r) => r.scrollWidth > r.clientWidth)).toBe(true);
    await context.close();
  }, 90_000);

  it("keeps an appraisal form's tables inside the screen, each scrolling in its own region", async () => {
    // The referente's unit owns A.2, so the form lists the unit's objectives; the evaluator reads it, with its "Remove" column.
    const controller = await signedIn('controller');
    // The plan adopted (not by the review list's test before: this one runs alone too), its unit changed inside a revision.
    await inForce(controller);
    expect((await apiAs(controller, 'POST', `${plan()}/revisions`, { reason: 'Cambio di struttura' })).status).toBe(201);
    expect((await apiAs(controller, 'PATCH', `${plan()}/nodes/A.2`, { unit: ACCOUNTS.referente.units[0] })).status).toBe(200);
    await controller.close();
    const hr = await signedIn('personale');
    const form = await staffForm(hr);
    await hr.close();
    const { context, page } = await signedInPage('dirigente', null);
    await page.goto(`${world.server.url}/`);
    await chooseLanguage(page, 'en');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${world.server.url}/appraisals/${encodeURIComponent(form.id)}`);
    await page.locator('[data-testid=form-unit-objectives]').waitFor();
    await page.locator('[data-testid=objectives]').waitFor();
    // Before, the two tables stood 79 px past the screen, and the page scrolled sideways.
    expect(await sideways(page)).toBe(0);
    for (const name of ['Objectives of the units', 'Table of the individual objectives']) {
      const region = page.getByRole('region', { name });
      expect(await region.getAttribute('tabindex'), name).toBe('0');
      expect(await region.evaluate((r) => r.scrollWidth > r.clientWidth), name).toBe(true);
    }
    await expectAccessible(page, 'appraisal form on a phone');
    await context.close();
  }, 90_000);
});
