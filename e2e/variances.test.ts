/**
 * "Scostamenti" in a real browser (DFP guideline n. 2/2017): the objectives short of green with the
 * cause of their variance and the corrective action. Each period's form shows and saves that
 * period's variance only, however the screen moved between periods.
 */
import { describe, expect, it } from 'vitest';
import { e2eWorld, pages } from './pages.js';

const world = e2eWorld({ fixture: true });
const { newPage, login, apiAs, openPlan } = pages(world);

const MID_YEAR = '2024-06-30';
const YEAR_END = '2024-12-31';

describe('variances', { timeout: 120_000 }, () => {
  it("keeps each period's variance in its own form when the screen moves between periods", async () => {
    const planId = encodeURIComponent(world.planId);
    const { page, context } = await newPage();
    await login(page, 'controller');
    const put = (period: string, explanation: string) =>
      apiAs(context, 'PUT', `/api/plans/${planId}/nodes/B.1/variances/${period}`, { cause: 'external', explanation, correctiveAction: '', version: 0 });
    expect((await put(MID_YEAR, 'Bando regionale rinviato a luglio.')).status).toBe(200);
    expect((await put(YEAR_END, 'Personale ridotto nel secondo semestre.')).status).toBe(200);

    await openPlan(page);
    await page.selectOption('#period', YEAR_END);
    await page.click('[data-testid=variances-toggle]');
    const explanation = page.locator('#variance-B-1-explanation');
    await expect.poll(() => explanation.inputValue()).toBe('Personale ridotto nel secondo semestre.');
    await page.selectOption('#period', MID_YEAR);
    await expect.poll(() => explanation.inputValue()).toBe('Bando regionale rinviato a luglio.');
    // Back to a period read before: its variance, not the one just shown.
    await page.selectOption('#period', YEAR_END);
    await expect.poll(() => page.locator('#variances-region').innerText()).toContain('31/12/2024');
    await expect.poll(() => explanation.inputValue()).toBe('Personale ridotto nel secondo semestre.');
    // Saved as shown: each period keeps its own words.
    await page.click('[data-testid=variance]:has(#variance-B-1-explanation) button[type=submit]');
    await expect.poll(() => page.locator('#variances-region').innerText()).toContain('Scostamento di B.1 salvato.');
    const stored = async (period: string) => (await apiAs(context, 'GET', `/api/plans/${planId}/periods/${period}/variances`)).body.objectives.find((o: { code: string }) => o.code === 'B.1').variance;
    expect(await stored(YEAR_END)).toMatchObject({ explanation: 'Personale ridotto nel secondo semestre.', version: 2 });
    expect(await stored(MID_YEAR)).toMatchObject({ explanation: 'Bando regionale rinviato a luglio.', version: 1 });
  });
});
