/**
 * An indicator's editing tools stay where they were drawn while the detail's panels (evidence,
 * forecast, comments, history, years, audit) are read: below them, «Modifica l’indicatore» moved
 * down as each answer came in, and a press aimed at it landed on whatever had taken its place
 * (the dialog never opened: a CI run's failure on a loaded machine). The panels' reads are held
 * until the button's place is taken, then let go.
 * Against the real server and a fresh SQLite file, in Chromium.
 */
import type { Request, Route } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { e2eWorld, pages } from './pages.js';

const world = e2eWorld({ fixture: true });
const { signedInPage, apiAs, openPlan, search, planApi } = pages(world);

describe("an indicator's editing tools", { timeout: 120_000 }, () => {
  it('do not move while the panels under the entry form are read', async () => {
    const { context, page } = await signedInPage('controller', null);
    const doc = (await apiAs(context, 'GET', `${planApi()}/tree`)).body as { objectives: Array<{ code: string; indicators: Array<{ id: string }> }> };
    const objective = doc.objectives.find((o) => o.code === 'B.2.2')!;
    const id = objective.indicators[0]!.id;

    await openPlan(page);
    await search(page, objective.code);
    // From here every read but the tree's is held, as a slow server would: the detail opens with its panels still empty.
    const held: Route[] = [];
    let holding = true;
    const asked: Request[] = [];
    page.on('request', (request) => asked.push(request));
    await page.route('**/api/**', (route) => {
      const path = new URL(route.request().url()).pathname;
      if (holding && !path.endsWith('/tree') && path !== '/api/session') held.push(route);
      else void route.continue();
    });
    await page.click(`[data-indicator="${id}"] .tree-link`);
    const button = page.locator('[data-testid=open-edit-indicator]');
    await button.waitFor();
    await expect.poll(() => held.length).toBeGreaterThan(0);
    const before = await button.boundingBox();

    // Let go; then every read the detail made (and any they led to) answered and drawn.
    holding = false;
    for (const route of held.splice(0)) await route.continue();
    for (let seen = -1; seen !== asked.length;) {
      seen = asked.length;
      await Promise.all(asked.map(async (request) => (await request.response())?.finished()));
      await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
    }
    await page.waitForSelector('[data-testid=history], [data-testid=years]');
    expect(await button.boundingBox()).toEqual(before);

    await button.click();
    await page.waitForSelector('[data-testid=indicator-dialog][open]');
    await context.close();
  });
});
