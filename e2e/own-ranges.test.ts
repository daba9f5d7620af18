/**
 * A row's own SMVP range in the browser (issue 13): the controllo di gestione gives the first
 * indicator of B.1.1 its own "range di valutazione" (green above 100%, yellow from 85%) in the
 * body's SMVP; the indicator's detail shows its band by that range (yellow) beside the legend's
 * (green), and the objective's explanation lists it in the app's language, Italian and English.
 * Against the real server and a fresh SQLite file; axe on both panels.
 */
import { describe, expect, it } from 'vitest';
import { e2eWorld, pages } from './pages.js';

const world = e2eWorld({ fixture: true });
const { newPage, login, apiAs, openPlan, search, expectAccessible } = pages(world);

describe("a row's own SMVP range", { timeout: 120_000 }, () => {
  it('bands the indicator by its own range in the detail and in the explanation, in Italian and English', async () => {
    const { context, page } = await newPage();
    await login(page, 'controller');
    const plan = (await apiAs(context, 'GET', `/api/plans/${world.planId}`)).body;
    const tree = (await apiAs(context, 'GET', `/api/plans/${world.planId}/tree`)).body;
    const row = tree.objectives.find((o: { code: string }) => o.code === 'B.1.1').indicators[0];
    const start = await apiAs(context, 'GET', `/api/smvp/2024/export?format=json&example=true&organisation=${encodeURIComponent(plan.organisation)}`);
    expect(start.status).toBe(200);
    const saved = await apiAs(context, 'PUT', `/api/smvp/2024?organisation=${encodeURIComponent(plan.organisation)}`, {
      document: { ...start.body, indicatorThresholds: [{ code: 'B.1.1', indicator: row.name, green: 100, yellow: 85 }] },
      reason: 'range di valutazione della riga',
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);

    await openPlan(page);
    await search(page, 'B.1.1');
    await page.click('[data-code="B.1.1"] .tree-link');
    const ranges = page.locator('[data-testid=own-ranges]');
    await ranges.waitFor();
    const listed = (await ranges.innerText()).replace(/\s+/g, ' ');
    expect(listed).toContain('range di valutazione proprio dal SMVP (verde oltre il 100,00%, giallo da 85,00%): punteggio 100,00% → giallo (con la legenda del piano sarebbe verde).');
    expect(listed).toContain('Giallo');
    await expectAccessible(page, 'explanation with an own range');

    await page.click(`[data-indicator="${row.id}"] .tree-link`);
    const own = page.locator('[data-testid=own-range]');
    await own.waitFor();
    expect((await own.innerText()).replace(/\s+/g, ' ')).toMatch(/^verde oltre il 100,00%, giallo da 85,00% .*Giallo \(con la legenda del piano: Verde\)$/);
    await expect.poll(() => page.locator('[data-testid=detail]').innerText()).toContain('Range di valutazione (SMVP)');
    await expectAccessible(page, 'indicator detail with an own range');

    await page.selectOption('select[aria-label=Lingua]', 'en');
    await expect.poll(async () => (await own.innerText()).replace(/\s+/g, ' ')).toMatch(/^green above 100[.,]00%, yellow from 85[.,]00% .*Yellow \(the plan’s legend: Green\)$/);
    await page.click('[data-code="B.1.1"] .tree-link');
    await expect
      .poll(async () => (await ranges.innerText()).replace(/\s+/g, ' '))
      .toContain("its own evaluation range from the SMVP (green above 100.00%, yellow from 85.00%): score 100.00% → yellow (the plan's legend would say green)");
    await context.close();
  });
});
