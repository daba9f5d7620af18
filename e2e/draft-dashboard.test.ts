/**
 * A draft plan (not adopted, not in force) on the completion dashboard and the closing checklist:
 * the dashboard says, in Italian and English, that there is no value to collect, as the worklist
 * does, and shows no table of counts (before: every value of the period expected, missing and late);
 * closing a period of it lists nothing missing, only the value entered and nobody reviewed (before:
 * every other value of the period missing). Adopted, the counts come. Against the real server and
 * a fresh SQLite file; axe on the dashboard.
 */
import { describe, expect, it } from 'vitest';
import { e2eWorld, pages, pickPeriod } from './pages.js';

const world = e2eWorld({ fixture: true });
const { newPage, login, apiAs, openPlan, chooseLanguage, expectAccessible } = pages(world);
const PERIOD = '2024-09-30';

describe("a draft plan's dashboard", { timeout: 180_000 }, () => {
  it('says there is no value to collect, with no counts, and closing lists nothing missing; adopted, the counts come', async () => {
    const { context, page } = await newPage();
    await login(page, 'controller');
    const plan = `/api/plans/${encodeURIComponent(world.planId)}`;
    expect((await apiAs(context, 'POST', `${plan}/periods/${PERIOD}/transition`, { to: 'collecting' })).status).toBe(200);
    expect((await apiAs(context, 'PUT', `${plan}/periods/${PERIOD}/deadline`, { deadline: '2024-10-15' })).status).toBe(200);
    const tree = (await apiAs(context, 'GET', `${plan}/tree?period=${PERIOD}`)).body as { objectives: Array<{ indicators: Array<{ id: string; editable: boolean; formula: unknown }> }> };
    const indicator = tree.objectives.flatMap((o) => o.indicators).find((i) => i.editable && i.formula === null)!;
    expect((await apiAs(context, 'PUT', `${plan}/indicators/${encodeURIComponent(indicator.id)}/measurements/${PERIOD}`, { state: 'not_measured', actual: null, version: 0 })).status).toBe(200);

    await openPlan(page);
    await page.click('[data-testid=dashboard-toggle]');
    const board = page.locator('[data-testid=dashboard]');
    await expect.poll(() => board.locator('[data-testid=dashboard-not-adopted]').innerText()).toBe('Il piano non è ancora adottato: nessun valore da raccogliere.');
    expect(await board.locator('[data-testid=dashboard-table]').count()).toBe(0);
    await expectAccessible(page, "a draft's dashboard");
    await chooseLanguage(page, 'en');
    await expect.poll(() => board.locator('[data-testid=dashboard-not-adopted]').innerText()).toBe('The plan is not adopted yet: no values to collect.');
    await chooseLanguage(page, 'it');

    // Closing its period: nothing missing, only the value nobody reviewed, which the closing locks as it is.
    await pickPeriod(page, PERIOD);
    await page.click('[data-testid=close-period]');
    await page.waitForSelector('[data-testid=closing-summary]');
    await expect.poll(() => page.locator('[data-testid=closing-not-adopted]').innerText()).toBe('Il piano non è ancora adottato: nessun valore da raccogliere.');
    await expect.poll(() => page.locator('[data-testid=closing-to-review] li').count()).toBe(1);
    expect(await page.locator('[data-testid=closing-missing]').count()).toBe(0);
    await page.click('[data-testid=closing-cancel]');

    // Adopted, in force: the counts, the values of the period missing and late.
    expect((await apiAs(context, 'POST', `${plan}/adopt`, { act: { kind: 'Delibera di Giunta', number: '12', date: '2024-01-30' } })).status).toBe(200);
    await page.reload();
    await page.click('[data-testid=dashboard-toggle]');
    await board.locator('[data-testid=dashboard-table]').waitFor();
    expect(await board.locator('[data-testid=dashboard-not-adopted]').count()).toBe(0);
    const late = (await board.locator(`tr[data-period="${PERIOD}"] [data-col=late]`).allInnerTexts()).map(Number);
    expect(late.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    await context.close();
  });
});
