/**
 * Baselines following last year's corrections in the browser: the 2025 plan is made from 2024, two
 * 2024 year-end actuals are corrected (A.3 206 → 210, the sportello 50 → 55); on the 2025 plan,
 * adopted and with a revision open, the controller sees the notice "2 baseline da aggiornare", the
 * detail says "Baseline 206 → 210", takes one over ("Aggiorna"), reads the rest in English and
 * takes it over ("Update all" needs two: the last is taken one by one), and the notice is gone.
 * Against the real server and a fresh SQLite file; axe on the notice.
 */
import { describe, expect, it } from 'vitest';
import { e2eWorld, pages, planDrawn } from './pages.js';

const world = e2eWorld({ fixture: true });
const { newPage, login, apiAs, search, expectAccessible, nextYearCorrected } = pages(world);

const SOGGETTI = 'A.3:1'; // actual 206 at the 2024 year end
const SPORTELLO = 'A.2.1:2'; // actual 50% at the 2024 year end
const enc = encodeURIComponent;

type Tree = { objectives: Array<{ indicators: Array<{ id: string; version: number; baseline: unknown; baselineChange: unknown }> }> };
const indicatorOf = (tree: Tree, id: string) => tree.objectives.flatMap((o) => o.indicators).find((i) => i.id === id)!;

describe('baselines to update', { timeout: 180_000 }, () => {
  it('shows the corrected 2024 actuals on the 2025 plan, in the notice and the detail, until taken over inside a revision', async () => {
    const { context, page } = await newPage();
    await login(page, 'controller');
    const next = await nextYearCorrected(context);
    expect((await apiAs(context, 'POST', `/api/plans/${enc(next)}/revisions`, { reason: 'Consuntivi 2024 rettificati' })).status).toBe(201);

    await page.goto(`${world.server.url}/#/plans/${enc(next)}`);
    await planDrawn(page);
    const notice = page.locator('[data-testid=baselines-notice]');
    await expect.poll(() => notice.locator('h2').innerText()).toBe('2 baseline da aggiornare');
    await expect
      .poll(async () => (await page.locator('[data-testid=baseline-changed]').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim()))
      .toEqual(expect.arrayContaining([expect.stringContaining('A.3 Soggetti coinvolti: baseline 206 (2024), consuntivo 2024 ora 210'), expect.stringMatching(/^A\.2\.1 .*consuntivo 2024 ora 55/)]));
    await expect.poll(() => page.locator('[data-testid=baselines-refresh-all]').innerText()).toBe('Aggiorna tutte (2)');
    await expectAccessible(page, 'baselines notice');

    // The indicator's detail says it too.
    await search(page, 'Soggetti coinvolti');
    await page.click(`[data-indicator="${SOGGETTI}"] .tree-link`);
    await expect.poll(() => page.locator('[data-testid=baseline-target]').innerText()).toBe('206 (2024) → 10');
    await expect.poll(() => page.locator('[data-testid=baseline-change]').innerText()).toBe('Baseline 206 → 210: consuntivo 2024 corretto dopo la creazione del piano');

    // "Aggiorna" takes A.3's over, inside the open revision: one left, and the detail follows.
    await page.click('button[aria-label="Aggiorna la baseline di A.3 Soggetti coinvolti"]');
    await expect.poll(() => notice.locator('h2').innerText()).toBe('1 baseline da aggiornare');
    await expect.poll(() => page.locator('[data-testid=baseline-change]').count()).toBe(0);
    await expect.poll(() => page.locator('[data-testid=baseline-target]').innerText()).toBe('210 (2024) → 10');
    expect(indicatorOf((await apiAs(context, 'GET', `/api/plans/${enc(next)}/tree`)).body as Tree, SOGGETTI)).toMatchObject({ baseline: 210, baselineChange: null });
    const revision = ((await apiAs(context, 'GET', `/api/plans/${enc(next)}/revisions`)).body as Array<{ status: string; changes: Array<{ indicator: string }> }>).find((r) => r.status === 'open')!;
    expect(revision.changes.map((c) => c.indicator)).toEqual([SOGGETTI]);

    // In English, the last one, then nothing to show.
    await page.selectOption('select[aria-label=Lingua]', 'en');
    await expect.poll(() => notice.locator('h2').innerText()).toBe('1 baseline to update');
    await expect.poll(async () => (await page.locator('[data-testid=baseline-changed]').innerText()).replace(/\s+/g, ' ')).toMatch(/baseline 50\.00% \(2024\), 2024 actual now 55\.00%/);
    await expect.poll(() => page.locator('[data-testid=baselines-refresh-all]').count()).toBe(0);
    await page.click('[data-testid=baseline-changed] button');
    await expect.poll(() => notice.count()).toBe(0);
    expect(indicatorOf((await apiAs(context, 'GET', `/api/plans/${enc(next)}/tree`)).body as Tree, SPORTELLO).baselineChange).toBeNull();
    await context.close();
  });
});
