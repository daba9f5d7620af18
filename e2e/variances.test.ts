/**
 * "Scostamenti" in a real browser (DFP guideline n. 2/2017): the objectives short of green with the
 * cause of their variance and the corrective action. Each period's form shows and saves that
 * period's variance only, however the screen moved between periods. The cause of a variance and a
 * mid-year forecast are chosen, never preselected: a save without one is refused at its field,
 * from the keyboard, in Italian and in English, and nothing is stored. A variance someone else saved
 * meanwhile is shown beside the form, with its author by name (not the login), and the form keeps
 * what was typed until it is saved over theirs.
 */
import { describe, expect, it } from 'vitest';
import { e2eWorld, pages, pickPeriod } from './pages.js';

const world = e2eWorld({ fixture: true });
const { newPage, login, apiAs, openPlan, search, signedIn, chooseLanguage, expectAccessible } = pages(world);

const MID_YEAR = '2024-06-30';
const YEAR_END = '2024-12-31';

describe('variances', { timeout: 120_000 }, () => {
  it("keeps each period's variance in its own form when the screen moves between periods", async () => {
    const planId = encodeURIComponent(world.planId);
    const { page, context } = await newPage();
    await login(page, 'controller');
    // B.1 in red at mid-year too (a variance is asked of an objective short of green only): its
    // indicators and those of B.1.1, whose mean it takes, not achieved.
    const midYear = (await apiAs(context, 'GET', `/api/plans/${planId}/tree?period=${MID_YEAR}`)).body as {
      objectives: { code: string; indicators: { id: string; version: number; derived: boolean; formula: { kind: string } | null }[] }[];
    };
    for (const i of midYear.objectives.filter((o) => o.code === 'B.1' || o.code === 'B.1.1').flatMap((o) => o.indicators)) {
      if (i.formula?.kind === 'children_mean') continue;
      const r = await apiAs(context, 'PUT', `/api/plans/${planId}/indicators/${encodeURIComponent(i.id)}/measurements/${MID_YEAR}`, { state: 'not_achieved', version: i.version });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
    }
    const put = (period: string, explanation: string) =>
      apiAs(context, 'PUT', `/api/plans/${planId}/nodes/B.1/variances/${period}`, { cause: 'external', explanation, correctiveAction: '', version: 0 });
    expect((await put(MID_YEAR, 'Bando regionale rinviato a luglio.')).status).toBe(200);
    expect((await put(YEAR_END, 'Personale ridotto nel secondo semestre.')).status).toBe(200);

    await openPlan(page);
    await pickPeriod(page, YEAR_END);
    await page.click('[data-testid=variances-toggle]');
    const explanation = page.locator('#variance-B-1-explanation');
    await expect.poll(() => explanation.inputValue()).toBe('Personale ridotto nel secondo semestre.');
    await pickPeriod(page, MID_YEAR);
    await expect.poll(() => explanation.inputValue()).toBe('Bando regionale rinviato a luglio.');
    // Back to a period read before: its variance, not the one just shown.
    await pickPeriod(page, YEAR_END);
    await expect.poll(() => page.locator('#variances-region').innerText()).toContain('31/12/2024');
    await expect.poll(() => explanation.inputValue()).toBe('Personale ridotto nel secondo semestre.');
    // Saved as shown: each period keeps its own words.
    await page.click('[data-testid=variance]:has(#variance-B-1-explanation) button[type=submit]');
    await expect.poll(() => page.locator('#variances-region').innerText()).toContain('Scostamento di B.1 salvato.');
    const stored = async (period: string) => (await apiAs(context, 'GET', `/api/plans/${planId}/periods/${period}/variances`)).body.objectives.find((o: { code: string }) => o.code === 'B.1').variance;
    expect(await stored(YEAR_END)).toMatchObject({ explanation: 'Personale ridotto nel secondo semestre.', version: 2 });
    expect(await stored(MID_YEAR)).toMatchObject({ explanation: 'Bando regionale rinviato a luglio.', version: 1 });
  });

  it('asks the referente for the cause of a variance and for the forecast, never choosing them itself', async () => {
    const planId = encodeURIComponent(world.planId);
    const controller = await signedIn('controller');
    expect((await apiAs(controller, 'PATCH', `/api/plans/${planId}/nodes/B.1.1`, { unit: 'Ufficio Transizione' })).status).toBe(200);
    const { page, context } = await newPage();
    await login(page, 'referente');
    await openPlan(page);
    await pickPeriod(page, YEAR_END);
    await page.click('[data-testid=variances-toggle]');
    const cause = page.locator('#variance-B-1-1-cause');
    await expect.poll(() => cause.inputValue()).toBe('');
    expect(await page.locator('#variance-B-1-1-cause option:checked').innerText()).toBe('— scegliere la causa —');
    // Only the explanation written, sent from the keyboard: the cause is asked for at its field.
    await page.focus('#variance-B-1-1-explanation');
    await page.keyboard.type('Due assunzioni rinviate al 2025.');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    const row = page.locator('[data-testid=variance]:has(#variance-B-1-1-cause)');
    await expect.poll(() => row.getByRole('alert').innerText()).toBe('Scegliere la causa dello scostamento.');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('variance-B-1-1-cause');
    const variance = async () => (await apiAs(context, 'GET', `/api/plans/${planId}/periods/${YEAR_END}/variances`)).body.objectives.find((o: { code: string }) => o.code === 'B.1.1').variance;
    expect(await variance()).toBeNull();
    await cause.selectOption('internal');
    await page.click('[data-testid=variance]:has(#variance-B-1-1-cause) button[type=submit]');
    await expect.poll(() => row.getByRole('status').innerText()).toBe('Scostamento di B.1.1 salvato.');
    expect(await variance()).toMatchObject({ cause: 'internal', explanation: 'Due assunzioni rinviate al 2025.', updatedBy: 'referente' });

    // The mid-year forecast, in English: nothing checked until the referente answers.
    await chooseLanguage(page, 'en');
    await pickPeriod(page, MID_YEAR);
    await search(page, 'B.1.1');
    await page.click('[data-indicator="B.1.1:1"] .tree-link');
    await page.waitForSelector('[data-testid=forecast] form');
    expect(await page.locator('[data-testid=forecast] input[type=radio]:checked').count()).toBe(0);
    await page.fill('#forecast-note', 'Depends on the regional call.');
    await page.focus('#forecast-note');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('[data-testid=forecast]').getByRole('alert').innerText()).toBe('Say whether the target is reachable by year end.');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('forecast-yes');
    const forecasts = async () => (await apiAs(context, 'GET', `/api/plans/${planId}/periods/${MID_YEAR}/variances`)).body.forecasts;
    expect(await forecasts()).toEqual([]);
    // The radios from the keyboard: the arrow moves to "No" and checks it; Enter in the note saves.
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => page.isChecked('#forecast-no')).toBe(true);
    await page.focus('#forecast-note');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('[data-testid=forecast]').getByRole('status').innerText()).toBe('Forecast saved.');
    expect(await forecasts()).toEqual([expect.objectContaining({ indicatorId: 'B.1.1:1', reachable: 'no', note: 'Depends on the regional call.', updatedBy: 'referente' })]);
  });

  it('keeps the forecast the controller typed when the administrator saved one meanwhile, asks the reason of "at risk", offers none on a derived indicator', async () => {
    const planId = encodeURIComponent(world.planId);
    const { page, context } = await newPage();
    await login(page, 'controller');
    await openPlan(page);
    await pickPeriod(page, MID_YEAR);
    await search(page, 'B.2.1');
    await page.click('[data-indicator="B.2.1:1"] .tree-link');
    const panel = page.locator('[data-testid=forecast]');
    await page.waitForSelector('[data-testid=forecast] form');
    const admin = await signedIn('admin');
    const theirs = { reachable: 'at_risk', note: 'Bando sospeso a maggio.', version: 0 };
    expect((await apiAs(admin, 'PUT', `/api/plans/${planId}/indicators/${encodeURIComponent('B.2.1:1')}/forecasts/${MID_YEAR}`, theirs)).status).toBe(200);

    // "No" without its reason is asked for at the note, nothing sent.
    await page.click('label[for=forecast-no]');
    await panel.locator('button[type=submit]').click();
    await expect.poll(() => panel.getByRole('alert').innerText()).toBe('Una previsione «No» o «A rischio» richiede una nota che dica perché.');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('forecast-note');
    await page.keyboard.type('Personale trasferito ad altro ufficio.');
    await page.keyboard.press('Enter');
    // Who saved it meanwhile and when, by name (it said «qualcun altro» whoever it was).
    await expect.poll(() => panel.getByRole('alert').innerText()).toMatch(/^Nel frattempo Amministratrice ha salvato questa previsione il \d{2}\/\d{2}\/\d{4} alle \d{2}:\d{2}\. /);
    const stored = panel.locator('[data-testid=forecast-stored]');
    await expect.poll(() => stored.innerText()).toMatch(/Salvata nel frattempo da Amministratrice:[\s\S]*A rischio — Bando sospeso a maggio\./);
    // Nothing typed is lost.
    expect(await page.isChecked('#forecast-no')).toBe(true);
    expect(await page.inputValue('#forecast-note')).toBe('Personale trasferito ad altro ufficio.');
    await expectAccessible(page, 'a forecast saved meanwhile');
    // Saved again, knowingly over theirs.
    await panel.locator('button[type=submit]').click();
    await expect.poll(() => panel.getByRole('status').innerText()).toBe('Previsione salvata.');
    await expect.poll(() => stored.count()).toBe(0);
    const now = (await apiAs(context, 'GET', `/api/plans/${planId}/periods/${MID_YEAR}/variances`)).body.forecasts.find((f: { indicatorId: string }) => f.indicatorId === 'B.2.1:1');
    expect(now).toMatchObject({ reachable: 'no', note: 'Personale trasferito ad altro ufficio.', updatedBy: 'controllo', version: 2 });

    // A mean of the child objectives: no forecast offered (the API refuses one).
    await search(page, 'A.2');
    await page.click('[data-indicator="A.2:2"] .tree-link');
    await page.waitForSelector('[data-testid=evidence]');
    await expect.poll(() => page.locator('[data-testid=forecast]').count()).toBe(0);
  });

  it('keeps what the controller typed when the administrator saved the same variance meanwhile, and shows theirs', async () => {
    const planId = encodeURIComponent(world.planId);
    const { page, context } = await newPage();
    await login(page, 'controller');
    await openPlan(page);
    await pickPeriod(page, YEAR_END);
    await page.click('[data-testid=variances-toggle]');
    const row = page.locator('[data-testid=variance]:has(#variance-B-2-cause)');
    await row.waitFor();
    const admin = await signedIn('admin');
    const theirs = { cause: 'external', explanation: 'Sospensione del bando nazionale.', correctiveAction: 'Nuovo bando a marzo.', version: 0 };
    expect((await apiAs(admin, 'PUT', `/api/plans/${planId}/nodes/B.2/variances/${YEAR_END}`, theirs)).status).toBe(200);

    await page.selectOption('#variance-B-2-cause', 'indicator');
    await page.fill('#variance-B-2-explanation', 'Indicatore misurato su una base dati dismessa a giugno.');
    await page.fill('#variance-B-2-action', "Rivedere l'indicatore nel piano 2025.");
    await row.locator('button[type=submit]').click();
    await expect.poll(() => row.getByRole('alert').innerText()).toMatch(/^Nel frattempo Amministratrice ha salvato questo scostamento il \d{2}\/\d{2}\/\d{4} alle \d{2}:\d{2}\. /);
    const stored = row.locator('[data-testid=variance-stored]');
    await expect.poll(() => stored.innerText()).toMatch(/Salvato nel frattempo da Amministratrice:[\s\S]*Esterna[\s\S]*Sospensione del bando nazionale\.[\s\S]*Nuovo bando a marzo\./);
    // Nothing typed is lost.
    expect(await page.inputValue('#variance-B-2-cause')).toBe('indicator');
    expect(await page.inputValue('#variance-B-2-explanation')).toBe('Indicatore misurato su una base dati dismessa a giugno.');
    expect(await page.inputValue('#variance-B-2-action')).toBe("Rivedere l'indicatore nel piano 2025.");
    await expectAccessible(page, 'variances with one saved meanwhile');
    // Saved again, knowingly over theirs.
    await row.locator('button[type=submit]').click();
    await expect.poll(() => row.getByRole('status').innerText()).toBe('Scostamento di B.2 salvato.');
    await expect.poll(() => stored.count()).toBe(0);
    const now = (await apiAs(context, 'GET', `/api/plans/${planId}/periods/${YEAR_END}/variances`)).body.objectives.find((o: { code: string }) => o.code === 'B.2').variance;
    expect(now).toMatchObject({ cause: 'indicator', explanation: 'Indicatore misurato su una base dati dismessa a giugno.', updatedBy: 'controllo', version: 2 });
  });
});
