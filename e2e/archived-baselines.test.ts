/**
 * An archived plan made by next-year, whose 2024 year-end actuals were corrected since: its
 * "baseline da aggiornare" notice still says which baselines differ (a read of the record), but
 * offers no update, neither one nor all (the API refuses them, 409 plan-archived), the plan screen
 * saying why. Brought back from the archive, with its revision open, the updates are offered again
 * and one goes through. Against the real server and a fresh SQLite file; axe on the notice.
 */
import { describe, expect, it } from 'vitest';
import { e2eWorld, pages, planDrawn } from './pages.js';

const world = e2eWorld({ fixture: true });
const { newPage, login, apiAs, expectAccessible, nextYearCorrected } = pages(world);
const enc = encodeURIComponent;

describe("an archived plan's baselines", { timeout: 180_000 }, () => {
  it('lists the corrected baselines without offering to update them; back from the archive, offered and taken', async () => {
    const { context, page } = await newPage();
    await login(page, 'controller');
    const next = await nextYearCorrected(context);
    const plan = `/api/plans/${enc(next)}`;
    expect((await apiAs(context, 'POST', `${plan}/revisions`, { reason: 'Consuntivi 2024 rettificati' })).status).toBe(201);
    expect((await apiAs(context, 'POST', `${plan}/archive`)).status).toBe(200);

    await page.goto(`${world.server.url}/#/plans/${enc(next)}`);
    await planDrawn(page);
    const notice = page.locator('[data-testid=baselines-notice]');
    // Read as the record: which baselines differ from last year's corrected actuals.
    await expect.poll(() => notice.locator('h2').innerText()).toBe('2 baseline da aggiornare');
    await expect.poll(() => notice.locator('[data-testid=baseline-changed]').count()).toBe(2);
    // No update offered, one or all (the API refuses them), and the plan screen says why.
    expect(await notice.getByRole('button').count()).toBe(0);
    expect(await page.locator('[data-testid=baselines-refresh-all]').count()).toBe(0);
    expect(await page.locator('[data-testid=plan-archived]').innerText()).toContain('Piano archiviato');
    await expectAccessible(page, "an archived plan's baselines notice");
    const refused = await apiAs(context, 'POST', `${plan}/baselines/refresh`, {});
    expect(refused.status).toBe(409);
    expect((refused.body as { error: { code: string } }).error.code).toBe('plan-archived');

    // Back from the archive: both offered again, and one taken over inside the open revision.
    expect((await apiAs(context, 'POST', `${plan}/unarchive`)).status).toBe(200);
    await page.reload();
    await planDrawn(page);
    await expect.poll(() => page.locator('[data-testid=baselines-refresh-all]').innerText()).toBe('Aggiorna tutte (2)');
    expect(await page.locator('[data-testid=plan-archived]').count()).toBe(0);
    await page.click('button[aria-label="Aggiorna la baseline di A.3 Soggetti coinvolti"]');
    await expect.poll(() => notice.locator('h2').innerText()).toBe('1 baseline da aggiornare');
    await context.close();
  });
});
