/**
 * The year's plan between two campaigns: 2025's plan made from 2024's, its 30/06 monitoring
 * collected and closed, nothing collecting yet and the year end still open and empty. The OIV
 * opening the plan read the year end the server gives by default: «0 verdi, 0 gialli, 0 rossi» and
 * no value, as if the year had no result. Now the office lands on the 30/06 monitoring closed (the
 * selector, the address, the summary, one objective of a band said in the singular); once the year end is
 * collecting, it lands there again.
 * Real server, fresh SQLite file, the fixture imported through the API.
 */
import { describe, expect, it } from 'vitest';
import { e2eWorld, pages, planDrawn, pickPeriod } from './pages.js';

const world = e2eWorld({ fixture: true });
const { newPage, login, signedIn, apiAs } = pages(world);
const MID_YEAR = '2025-06-30';
const YEAR_END = '2025-12-31';
const INDICATOR = 'A.2.1:2'; // Capacità di risposta dello sportello internazionalizzazione: target 60,00%

describe('the period a plan opens on between two campaigns', { timeout: 180_000 }, () => {
  it('is the monitoring closed last while the year end is open and empty', async () => {
    const controller = await signedIn('controller');
    const made = await apiAs(controller, 'POST', `/api/plans/${encodeURIComponent(world.planId)}/next-year`, { year: 2025 });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    const planId = String((made.body as { id: string }).id);
    const plan = `/api/plans/${encodeURIComponent(planId)}`;
    expect((await apiAs(controller, 'POST', `${plan}/periods/${MID_YEAR}/transition`, { to: 'collecting' })).status).toBe(200);
    // A.2.1 at 30% (red), A.2.2 at 100% (green), A.2 their mean, 65% (yellow): one objective in each band.
    for (const [indicator, actual] of [
      ['A.2.1:1', 4],
      [INDICATOR, 50],
      ['A.2.1:3', 1.1],
      ['A.2.2:1', 20],
      ['A.2.2:2', 16],
    ] as const) {
      const saved = await apiAs(controller, 'PUT', `${plan}/indicators/${encodeURIComponent(indicator)}/measurements/${MID_YEAR}`, { state: 'measured', actual, version: 0 });
      expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    }
    expect((await apiAs(controller, 'POST', `${plan}/periods/${MID_YEAR}/transition`, { to: 'closed', acknowledgeUnreviewed: true })).status).toBe(200);

    const { page } = await newPage();
    await login(page, 'oiv');
    await page.goto(`${world.server.url}/plans/${encodeURIComponent(planId)}`);
    await planDrawn(page);
    await expect.poll(() => page.inputValue('#period')).toBe(MID_YEAR);
    await expect.poll(() => new URL(page.url()).searchParams.get('period')).toBe(MID_YEAR);
    await expect.poll(() => page.locator('[data-testid=locked-banner]').count()).toBe(1);
    // The 30/06 figures, not the empty year end's «0 verdi, 0 gialli, 0 rossi, 46 senza performance»; one of a band in the singular (before, «1 verdi»).
    await expect.poll(() => page.locator('[data-testid=summary]').innerText()).toBe('46 obiettivi: 1 verde, 1 giallo, 1 rosso, 43 senza performance');
    // Picked by the reader, the empty year end stays.
    await pickPeriod(page, YEAR_END);
    await expect.poll(() => new URL(page.url()).searchParams.get('period')).toBe(YEAR_END);
    await page.reload();
    // Settled: a switch to the latest closed period would have been made by now (a pause only hoped so).
    await planDrawn(page);
    expect(await page.inputValue('#period')).toBe(YEAR_END);
    expect(await page.getAttribute('[data-testid=plan-screen]', 'data-period')).toBe(YEAR_END);

    // The year end collecting: the plan opens there again, as for every campaign.
    expect((await apiAs(controller, 'POST', `${plan}/periods/${YEAR_END}/transition`, { to: 'collecting' })).status).toBe(200);
    await page.goto(`${world.server.url}/plans/${encodeURIComponent(planId)}`);
    await planDrawn(page);
    await expect.poll(() => page.inputValue('#period')).toBe(YEAR_END);
    await controller.close();
  });
});
