/**
 * The plan's own warnings where the office works: an objective whose indicators' weights no longer
 * add up to 100% (raised in steps through the editor or the API, both of which take it) says so at
 * the objective in the detail, and in the dialogs where a weight is changed, as it is typed, in the
 * screen's language, without stopping the save. Real server, fresh SQLite file, the fixture
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
    // The server's sentence, as the tree asked in the screen's language says it: the app words it nowhere else.
    const said = async (lang: 'it' | 'en') =>
      (await apiAs(context, 'GET', `${plan}/tree?lang=${lang}`)).body.issues.find((i: any) => i.code === 'weights-not-100' && i.location?.node === 'A.2.1').message;
    expect(await said('it')).toBe(`i pesi degli indicatori di A.2.1 sommano a ${total}%, non 100%: sono riproporzionati`);
    expect(await said('en')).toBe(`the weights of A.2.1's indicators add up to ${total}%, not 100%; they are re-normalised`);
    await expect.poll(() => warning.innerText()).toBe(await said('it'));
    await expectAccessible(page, 'objective: weights not adding up to 100%');
    await chooseLanguage(page, 'en');
    await expect.poll(() => warning.innerText()).toBe(await said('en'));
    await chooseLanguage(page, 'it');
    // Another objective, its weights whole, shows none.
    await search(page, 'A.2.2');
    await page.click('[data-code="A.2.2"] .tree-link');
    await page.waitForSelector('#detail-title:has-text("A.2.2")');
    expect(await warning.count()).toBe(0);
  });

  it('says the total in the indicator dialog as the weight is typed, saves it all the same, and says it in the objective dialog', async () => {
    const planId = await importFixture();
    const plan = `/api/plans/${encodeURIComponent(planId)}`;
    const stored = async () => (await apiAs(context, 'GET', `${plan}/tree`)).body.objectives.find((o: any) => o.code === 'A.2.1').indicators;
    const [first, ...others] = await stored();
    // The fixture's A.2.1: 50% + 20% + 30%.
    expect([first.weight, ...others.map((i: any) => i.weight)]).toEqual([50, 20, 30]);

    await openPlan(page, planId);
    await search(page, 'A.2.1');
    await page.click(`[data-indicator="${first.id}"] .tree-link`);
    await page.click('[data-testid=open-edit-indicator]');
    await page.waitForSelector('[data-testid=indicator-dialog][open]');
    const warning = page.locator('[data-testid=indicator-dialog] [data-testid=weights-total]');
    // As stored the weights add up: nothing said.
    expect(await warning.innerText()).toBe('');
    expect(await warning.getAttribute('role')).toBe('status');
    // Typed key by key: each weight read says the total it makes, before anything is sent.
    const sent: string[] = [];
    page.on('request', (r) => {
      if (r.method() !== 'GET') sent.push(`${r.method()} ${r.url()}`);
    });
    const weight = page.locator('#ind-weight');
    await weight.fill('');
    await weight.press('1');
    await expect.poll(() => warning.innerText()).toContain('sommano a 51%');
    await weight.press('0');
    await expect.poll(() => warning.innerText()).toContain('sommano a 60%');
    await weight.press('0');
    await expect.poll(() => warning.innerText()).toBe('i pesi degli indicatori di A.2.1 sommano a 150%, non 100%: sono riproporzionati. Si può salvare comunque e correggere gli altri pesi dopo.');
    // A decimal in the screen's notation, said the same way; one in the other notation waits for the field's own check.
    await weight.fill('50,5');
    await expect.poll(() => warning.innerText()).toContain('sommano a 100,5%');
    await weight.fill('50.5');
    await expect.poll(() => warning.innerText()).toBe('');
    // Back to a total of 100: nothing said.
    await weight.fill('50');
    await expect.poll(() => warning.innerText()).toBe('');
    expect(sent).toEqual([]);
    await expectAccessible(page, 'indicator dialog: weights not adding up to 100%');

    // Saved all the same: an office fixes its weights in steps.
    await weight.fill('100');
    await page.click('[data-testid=dialog-submit]');
    await page.waitForSelector('[data-testid=indicator-dialog]', { state: 'detached' });
    await expect.poll(async () => (await stored())[0].weight).toBe(100);

    // The objective's dialog says its indicators' total too, in English on an English screen.
    await chooseLanguage(page, 'en');
    await search(page, 'A.2.1');
    await page.click('[data-code="A.2.1"] .tree-link');
    await page.click('[data-testid=open-node]');
    await page.waitForSelector('[data-testid=node-dialog][open]');
    await expect
      .poll(() => page.locator('[data-testid=node-dialog] [data-testid=weights-total]').innerText())
      .toBe("the weights of A.2.1's indicators add up to 150%, not 100%; they are re-normalised. You may save all the same and fix the other weights afterwards.");
    await page.keyboard.press('Escape');
    await page.waitForSelector('[data-testid=node-dialog]', { state: 'detached' });
    // A new indicator's weight counts with the others', typed in the English notation.
    await page.click('[data-testid=open-indicator]');
    await page.waitForSelector('[data-testid=indicator-dialog][open]');
    await page.fill('#ind-weight', '0.5');
    await expect.poll(() => page.locator('[data-testid=indicator-dialog] [data-testid=weights-total]').innerText()).toContain('add up to 150.5%');
    await page.keyboard.press('Escape');
    await chooseLanguage(page, 'it');
  });
});
