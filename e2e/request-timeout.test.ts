/**
 * A save the server never answers: before, the request had no limit, and the form waited for ever,
 * its button disabled. Now the client gives it up after its time (here 2 seconds, the page's own
 * setting, `alberoRequestTimeoutSeconds`, not half a minute) and says so in the reader's language,
 * said again after a change of language, what was typed kept. The save here did reach the server
 * (only its answer was lost): sent again as it is, it carries the first try's Idempotency-Key and is
 * answered as the first try was, saved once (before: refused as stale, «saved meanwhile» by the
 * reader herself). Real server, fresh SQLite file, Chromium.
 */
import { describe, expect, it } from 'vitest';
import { e2eWorld, pages, pickPeriod } from './pages.js';

const world = e2eWorld({ fixture: true });
const { newPage, login, openPlan, chooseLanguage, apiAs } = pages(world);

const YEAR_END = '2024-12-31';
const VARIANCES = '**/api/plans/*/nodes/B.2/variances/**';

describe('a save the server never answers', { timeout: 120_000 }, () => {
  it('is given up and said so, in both languages, what was typed kept; sent again it is answered as saved, made once', async () => {
    const { page, context } = await newPage();
    await login(page, 'controller');
    await openPlan(page);
    await pickPeriod(page, YEAR_END);
    await page.click('[data-testid=variances-toggle]');
    const row = page.locator('[data-testid=variance]:has(#variance-B-2-cause)');
    await row.waitFor();
    // The save reaches the server, which makes it; its answer never comes back to the page.
    let made = 0;
    await page.route(VARIANCES, async (route) => {
      if (route.request().method() !== 'PUT') return route.fallback();
      await route.fetch();
      made += 1;
    });
    await page.evaluate(() => {
      (window as { alberoRequestTimeoutSeconds?: number }).alberoRequestTimeoutSeconds = 2;
    });
    await page.selectOption('#variance-B-2-cause', 'indicator');
    await page.fill('#variance-B-2-explanation', 'Indicatore misurato su una base dati dismessa a giugno.');
    await page.fill('#variance-B-2-action', "Rivedere l'indicatore nel piano 2025.");
    const submit = row.locator('button[type=submit]');
    await submit.click();
    await expect
      .poll(() => row.getByRole('alert').innerText(), { timeout: 15_000 })
      .toBe('Il server non ha risposto entro 2 secondi: la modifica potrebbe essere stata registrata comunque. Quanto scritto resta qui: inviato di nuovo così com’è, non sarà registrato due volte.');
    expect(made).toBe(1);
    expect(await submit.isEnabled()).toBe(true);
    // The reads after the switch are given their usual time.
    await page.evaluate(() => {
      delete (window as { alberoRequestTimeoutSeconds?: number }).alberoRequestTimeoutSeconds;
    });
    await chooseLanguage(page, 'en');
    await expect
      .poll(() => row.getByRole('alert').innerText())
      .toBe('The server did not answer within 2 seconds: the change may have been recorded all the same. What you wrote stays here: sent again as it is, it will not be recorded twice.');
    expect(await page.inputValue('#variance-B-2-cause')).toBe('indicator');
    expect(await page.inputValue('#variance-B-2-explanation')).toBe('Indicatore misurato su una base dati dismessa a giugno.');
    expect(await page.inputValue('#variance-B-2-action')).toBe("Rivedere l'indicatore nel piano 2025.");

    // Sent again as it is: the first try's answer, saved (before: refused as stale, «saved meanwhile by Carla Controllo», herself).
    await page.unroute(VARIANCES);
    await submit.click();
    await expect.poll(() => row.getByRole('status').innerText()).toBe('Variance of B.2 saved.');
    const report = (await apiAs(context, 'GET', `/api/plans/${encodeURIComponent(world.planId)}/periods/${YEAR_END}/variances`)).body as {
      objectives: { code: string; variance: { version: number } | null }[];
    };
    expect(report.objectives.find((o) => o.code === 'B.2')?.variance).toMatchObject({ version: 1, explanation: 'Indicatore misurato su una base dati dismessa a giugno.' });
    await context.close();
  });
});
