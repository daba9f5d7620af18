/**
 * The plan across years in the browser: the controllo di gestione makes the 2025 plan from the 2024
 * one, sees each indicator's baseline → target (206 (2024) → 10 for A.3's "Soggetti coinvolti"),
 * the year-over-year table and chart, and sets a later year's target in the indicator dialog.
 * Against the real server and a fresh SQLite file; axe on the detail and the dialog.
 */
import { describe, expect, it } from 'vitest';
import { e2eWorld, pages, planDrawn } from './pages.js';

const world = e2eWorld({ fixture: true });
const { newPage, login, apiAs, openPlan, search, expectAccessible, chooseLanguage } = pages(world);

const SOGGETTI = 'A.3:1';

describe('next year and year over year', { timeout: 180_000 }, () => {
  it('the controller makes the 2025 plan, reads baseline → target and the years of an indicator, and sets the 2026 target', async () => {
    const { context, page } = await newPage();
    await login(page, 'controller');
    await openPlan(page);
    await page.click('[data-testid=next-year-open]');
    await page.waitForSelector('[data-testid=next-year-form]');
    await expect.poll(() => page.locator('[data-testid=next-year-year]').innerText()).toContain('2025');
    await expectAccessible(page, 'next-year form');
    await page.click('[data-testid=next-year-create]');
    await page.waitForFunction((old) => !window.location.pathname.includes(old), encodeURIComponent(world.planId));
    await planDrawn(page);
    await expect.poll(() => page.locator('h1').innerText()).toBe('Albero performance 2025');
    const next = decodeURIComponent(/\/plans\/([^/?]+)/.exec(await page.evaluate(() => window.location.pathname))![1]!);

    // A second 2025 plan with the same title is refused, said next to the year.
    const again = await apiAs(context, 'POST', `/api/plans/${encodeURIComponent(world.planId)}/next-year`, { year: 2025 });
    expect(again.status).toBe(409);

    // In the tree: baseline → target beside the indicator.
    await search(page, 'Soggetti coinvolti');
    await expect.poll(async () => (await page.locator(`[data-testid="baseline-${SOGGETTI}"]`).innerText()).trim()).toBe('206 (2024) →');
    await page.click(`[data-indicator="${SOGGETTI}"] .tree-link`);
    await expect.poll(() => page.locator('[data-testid=baseline-target]').innerText()).toBe('206 (2024) → 10');

    // Year over year: 2024 measured, 2025 not yet.
    await page.waitForSelector('[data-testid=years-table]');
    const rows = await page.locator('[data-testid=years-table] tbody tr').allInnerTexts();
    expect(rows.map((r) => r.replace(/\s+/g, ' ').trim())).toEqual(['2024 (Albero performance 2024) 10 206 100,00%', '2025 (questo piano) 10 — —']);
    await page.waitForSelector('[data-testid=years-chart] svg');
    await expect.poll(() => page.getAttribute('[data-testid=years-chart]', 'aria-label')).toContain('2024 100,00%');
    await expectAccessible(page, 'indicator detail with its years');

    // The 2026 target, set in the indicator dialog; a year that is no year is said next to its field.
    await page.click('[data-testid=open-edit-indicator]');
    await page.waitForSelector('[data-testid=indicator-dialog][open]');
    await expect.poll(() => page.inputValue('#ind-baseline')).toBe('206');
    await expect.poll(() => page.inputValue('#ind-baselineYear')).toBe('2024');
    await expect.poll(() => page.locator('label[for=ind-target2]').innerText()).toContain('Target 2026');
    await page.fill('#ind-target2', '12');
    await page.fill('#ind-baselineYear', '24');
    await page.click('[data-testid=dialog-submit]');
    await expect.poll(() => page.locator('[data-testid=ind-baselineYear-error]').innerText()).toContain('anno come 2023');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('ind-baselineYear');
    // A year after the plan's is the server's refusal: its words at the field, as a sentence.
    await page.fill('#ind-baselineYear', '2030');
    await page.click('[data-testid=dialog-submit]');
    await expect.poll(() => page.locator('[data-testid=ind-baselineYear-error]').innerText()).toBe("La baseline è l'ultimo valore noto quando si fa il piano: un anno fino al 2025, l'anno del piano.");
    await page.fill('#ind-baselineYear', '2024');
    await expectAccessible(page, 'indicator dialog with the three-year horizon');
    await page.click('[data-testid=dialog-submit]');
    await page.waitForSelector('[data-testid=indicator-dialog]', { state: 'detached' });
    await expect.poll(() => page.locator('[data-testid=later-targets]').innerText()).toBe('2026: 12');
    const tree = (await apiAs(context, 'GET', `/api/plans/${encodeURIComponent(next)}/tree`)).body as { objectives: Array<{ indicators: Array<{ id: string; nextTargets: unknown }> }> };
    expect(tree.objectives.flatMap((o) => o.indicators).find((i) => i.id === SOGGETTI)!.nextTargets).toEqual([
      { year: 2026, target: 12, targetText: '12' },
      { year: 2027, target: null, targetText: '' },
    ]);

    // The objective's years too.
    await search(page, 'A.3');
    await page.click('[data-code="A.3"] .tree-link');
    await page.waitForSelector('[data-testid=years-table]');
    const objective = await page.locator('[data-testid=years-table] tbody tr').allInnerTexts();
    expect(objective.map((r) => r.replace(/\s+/g, ' ').trim())).toEqual(['2024 (Albero performance 2024) 100,00%', '2025 (questo piano) —']);

    // 2025's value not evaluable: the years say it as the screen's language does, asked of the server in it.
    const put = await apiAs(context, 'PUT', `/api/plans/${encodeURIComponent(next)}/indicators/${encodeURIComponent(SOGGETTI)}/measurements/2025-12-31`, {
      state: 'not_evaluable',
      reason: 'dati non disponibili',
      version: 0,
    });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    const yearsRows = async () => (await page.locator('[data-testid=years-table] tbody tr').allInnerTexts()).map((r) => r.replace(/\s+/g, ' ').trim());
    await page.reload();
    await planDrawn(page);
    await search(page, 'Soggetti coinvolti');
    await page.click(`[data-indicator="${SOGGETTI}"] .tree-link`);
    await expect.poll(yearsRows).toEqual(['2024 (Albero performance 2024) 10 206 100,00%', '2025 (questo piano) 10 N.V. —']);
    const english = page.waitForRequest((r) => r.url().includes('/years?lang=en'));
    await chooseLanguage(page, 'en');
    await english;
    await expect.poll(yearsRows).toEqual(['2024 (Albero performance 2024) 10 206 100.00%', '2025 (this plan) 10 N.E. —']);
    await context.close();
  });
});
