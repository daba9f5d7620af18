/**
 * The indicator dialog keeps its two units apart: a change of the unit of measurement refused
 * because values were recorded in the old one (`recorded-unit`, the server's issue at `unit`) is
 * said at «Unità» alone, not also at the organisational unit's «Struttura» (`unitId`).
 * Against the real server and a fresh SQLite file, in Chromium.
 */
import { describe, expect, it } from 'vitest';
import { e2eWorld, pages } from './pages.js';

const world = e2eWorld({ fixture: true });
const { signedInPage, apiAs, openPlan, search, expectAccessible } = pages(world);

describe("the indicator dialog's unit of measurement and its organisational unit", { timeout: 120_000 }, () => {
  it('says a refused change of the unit of measurement at «Unità» only', async () => {
    const { context, page } = await signedInPage('controller', null);
    const plan = `/api/plans/${encodeURIComponent(world.planId)}`;
    const created = await apiAs(context, 'POST', `${plan}/nodes/B.2.2/indicators`, { name: 'Bandi pubblicati', weight: 10, comparator: '>=', target: 20, unit: 'number' });
    expect(created.status).toBe(201);
    const id = (created.body as { id: string }).id;
    const entered = await apiAs(context, 'PUT', `${plan}/indicators/${encodeURIComponent(id)}/measurements/2024-12-31`, { state: 'measured', actual: 19, version: 0 });
    expect(entered.status).toBe(200);

    await openPlan(page);
    await search(page, 'B.2.2');
    await page.click(`[data-indicator="${id}"] .tree-link`);
    await page.click('[data-testid=open-edit-indicator]');
    await page.waitForSelector('[data-testid=indicator-dialog][open]');
    await page.selectOption('#ind-unit', 'date');
    await page.fill('#ind-target', '30/09/2024');
    await page.click('[data-testid=dialog-submit]');
    await expect.poll(() => page.locator('[data-testid=ind-unit-error]').innerText()).toMatch(/^Ci sono consuntivi in .+ nei periodi ancora aperti \(31\/12\/2024\)/);
    expect(await page.locator('[data-testid=ind-unitId-error]').innerText()).toBe('');
    expect(await page.getAttribute('#ind-unitId', 'aria-invalid')).toBeNull();
    await expectAccessible(page, 'a unit of measurement refused, said at its field');
    await context.close();
  });
});
