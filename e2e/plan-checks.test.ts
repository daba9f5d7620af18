/**
 * The plan's own warnings where the office works: an objective whose indicators' weights no longer
 * add up to 100% (raised in steps through the editor or the API, both of which take it) says so at
 * the objective in the detail, in the screen's language. Real server, fresh SQLite file, the fixture
 * imported through the API.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { e2eWorld, pages } from './pages.js';

const world = e2eWorld();
const { newPage, login, apiAs, importFixture, openPlan, search, expectAccessible, chooseLanguage } = pages(world);

describe('the plan’s own warnings', { timeout: 180_000 }, () => {
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    ({ context, page } = await newPage());
    await login(page, 'controller');
  });
  afterAll(async () => context?.close());

  it('says at the objective that its indicators’ weights do not add up to 100%, in Italian and English', async () => {
    const planId = await importFixture();
    const plan = `/api/plans/${encodeURIComponent(planId)}`;
    const tree = (await apiAs(context, 'GET', `${plan}/tree`)).body;
    const indicators = tree.objectives.find((o: any) => o.code === 'A.2.1').indicators;
    const total = 100 + indicators.slice(1).reduce((t: number, i: any) => t + Number(i.weight), 0);
    const raised = await apiAs(context, 'PATCH', `${plan}/indicators/${encodeURIComponent(indicators[0].id)}`, { weight: 100, version: indicators[0].definitionVersion });
    expect(raised.status, JSON.stringify(raised.body)).toBe(200);

    await openPlan(page, planId);
    await search(page, 'A.2.1');
    await page.click('[data-code="A.2.1"] .tree-link');
    const warning = page.locator('[data-testid=objective-issues]');
    await expect.poll(() => warning.innerText()).toBe(`i pesi degli indicatori di A.2.1 sommano a ${total}%, non 100%: sono riproporzionati`);
    await expectAccessible(page, 'objective: weights not adding up to 100%');
    await chooseLanguage(page, 'en');
    await expect.poll(() => warning.innerText()).toBe(`the weights of A.2.1's indicators add up to ${total}%, not 100%; they are re-normalised`);
    await chooseLanguage(page, 'it');
    // Another objective, its weights whole, shows none.
    await search(page, 'A.2.2');
    await page.click('[data-code="A.2.2"] .tree-link');
    await page.waitForSelector('#detail-title:has-text("A.2.2")');
    expect(await warning.count()).toBe(0);
  });
});
