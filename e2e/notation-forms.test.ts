/**
 * The forms beside the entry form read numbers in the screen's notation (issue 14): the indicator
 * dialog's target takes `1,234.5` on an English screen and `1.234,5` on an Italian one (stored
 * 1234.5), refuses the other notation at the field saying which is expected, and hints the
 * screen's notation; the SMVP screen and an appraisal's objectives the same, a typed number
 * following a change of language.
 * Against the real server and a fresh SQLite file, in Chromium.
 */
import { describe, expect, it } from 'vitest';
import { e2eWorld, pages } from './pages.js';
import { ACCOUNTS } from './server.js';

const world = e2eWorld({ fixture: true });
const { newPage, login, apiAs, openPlan, addObjective, search, expectAccessible, chooseLanguage } = pages(world);

interface Doc {
  objectives: Array<{ code: string; indicators: Array<{ id: string; name: string; target: unknown; weight: unknown }> }>;
}

describe("numbers in the forms, in the screen's notation", { timeout: 180_000 }, () => {
  it('the indicator dialog takes 1,234.5 on an English screen and 1.234,5 on an Italian one, and refuses the other notation', async () => {
    const { context, page } = await newPage();
    await login(page, 'controller');
    await openPlan(page);
    const code = await addObjective(page, 'C', 'Pratiche in due lingue');
    const stored = async (name: string) => {
      const doc = (await apiAs(context, 'GET', `/api/plans/${encodeURIComponent(world.planId)}/tree`)).body as Doc;
      return doc.objectives.find((o) => o.code === code)?.indicators.find((i) => i.name === name) ?? null;
    };

    // English: the hint says the English notation; 1,5 is refused at the field, nothing is stored.
    await chooseLanguage(page, 'en');
    await page.click('[data-testid=open-indicator]');
    await page.waitForSelector('[data-testid=indicator-dialog][open]');
    await expect.poll(() => page.locator('#ind-target-hint').innerText()).toBe('1,587.10');
    await page.fill('#ind-name', 'Pratiche in inglese');
    await page.fill('#ind-weight', '50.5');
    await page.fill('#ind-target', '1,5');
    await page.click('[data-testid=dialog-submit]');
    await expect.poll(() => page.locator('[data-testid=ind-target-error]').innerText()).toContain('Write the number in English notation');
    await expect.poll(() => page.getAttribute('#ind-target', 'aria-invalid')).toBe('true');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('ind-target');
    expect(await stored('Pratiche in inglese')).toBeNull();
    // The date hint is the English screens' dd/mm/yyyy.
    await page.selectOption('#ind-unit', 'date');
    await expect.poll(() => page.locator('#ind-target-hint').innerText()).toBe('dd/mm/yyyy');
    await page.selectOption('#ind-unit', 'number');
    await page.fill('#ind-target', '1,234.5');
    await page.click('[data-testid=dialog-submit]');
    await page.waitForSelector('[data-testid=indicator-dialog]', { state: 'detached' });
    await expect.poll(async () => (await stored('Pratiche in inglese'))?.target).toBe(1234.5);
    expect((await stored('Pratiche in inglese'))?.weight).toBe(50.5);

    // Opened again, the dialog shows the stored target in English notation.
    const english = (await stored('Pratiche in inglese'))!;
    await search(page, code);
    await page.click(`[data-indicator="${english.id}"] .tree-link`);
    await page.click('[data-testid=open-edit-indicator]');
    await page.waitForSelector('[data-testid=indicator-dialog][open]');
    await expect.poll(() => page.inputValue('#ind-target')).toBe('1234.5');
    await expect.poll(() => page.inputValue('#ind-weight')).toBe('50.5');
    await page.keyboard.press('Escape');
    await page.waitForSelector('[data-testid=indicator-dialog]', { state: 'detached' });

    // Italian: the same dialog on the same objective, the Italian notation.
    await chooseLanguage(page, 'it');
    await search(page, code);
    await page.click(`[data-code="${code}"] .tree-link`);
    await page.click('[data-testid=open-indicator]');
    await page.waitForSelector('[data-testid=indicator-dialog][open]');
    await expect.poll(() => page.locator('#ind-target-hint').innerText()).toBe('1.587,10');
    await page.fill('#ind-name', 'Pratiche in italiano');
    await page.fill('#ind-weight', '49,5');
    await page.fill('#ind-target', '1.5');
    await page.click('[data-testid=dialog-submit]');
    await expect.poll(() => page.locator('[data-testid=ind-target-error]').innerText()).toContain('Scrivere il numero in notazione italiana');
    expect(await stored('Pratiche in italiano')).toBeNull();
    await page.fill('#ind-target', '1.234,5');
    await page.click('[data-testid=dialog-submit]');
    await page.waitForSelector('[data-testid=indicator-dialog]', { state: 'detached' });
    await expect.poll(async () => (await stored('Pratiche in italiano'))?.target).toBe(1234.5);
    expect((await stored('Pratiche in italiano'))?.weight).toBe(49.5);
    await context.close();
  });

  it('the indicator dialog on an Italian screen stores 1,587 as one point five eight seven, not as 1587 (target, floor, baseline, next target)', async () => {
    const { context, page } = await newPage();
    await login(page, 'controller');
    await openPlan(page);
    const code = await addObjective(page, 'C', 'Decimali a tre cifre');
    await chooseLanguage(page, 'it');
    await search(page, code);
    await page.click(`[data-code="${code}"] .tree-link`);
    await page.click('[data-testid=open-indicator]');
    await page.waitForSelector('[data-testid=indicator-dialog][open]');
    await page.fill('#ind-name', 'Indice di tempestività');
    await page.fill('#ind-weight', '100');
    // Three decimals look like Italian thousands when written with a point: they must not go so.
    await page.fill('#ind-target', '1,587');
    await page.selectOption('#ind-scoring', 'threshold');
    await page.fill('#ind-floor', '0,125');
    await page.fill('#ind-baseline', '2,5');
    await page.fill('#ind-target2', '1,600');
    await page.click('[data-testid=dialog-submit]');
    await page.waitForSelector('[data-testid=indicator-dialog]', { state: 'detached' });
    const doc = (await apiAs(context, 'GET', `/api/plans/${encodeURIComponent(world.planId)}/tree`)).body as Doc;
    const stored = doc.objectives.find((o) => o.code === code)?.indicators.find((i) => i.name === 'Indice di tempestività');
    expect(stored).toMatchObject({ target: 1.587, rule: { kind: 'threshold', floor: 0.125 }, baseline: 2.5, nextTargets: [{ target: 1.6 }, { target: null }] });
    await context.close();
  });

  it('the indicator dialog shows every decimal of a stored figure, and a save that changes something else keeps it as stored', async () => {
    const { context, page } = await newPage();
    await login(page, 'controller');
    await openPlan(page);
    const code = await addObjective(page, 'C', 'Copertura al milionesimo');
    const plan = `/api/plans/${encodeURIComponent(world.planId)}`;
    // Figures finer than the tree's four decimals, given through the API: the target, the baseline
    // and next years' targets, one a double cannot hold (sent back as its exact text), one below 10⁻⁶.
    const created = await apiAs(context, 'POST', `${plan}/nodes/${encodeURIComponent(code)}/indicators`, {
      name: 'Copertura',
      weight: '100',
      comparator: '>=',
      unit: 'percent',
      target: '12.345678',
      baseline: '0.123456',
      baselineYear: 2023,
      nextTargets: ['12.34567890123456789', '0.00000015'],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    interface Stored {
      id: string;
      name: string;
      unit: string;
      target: unknown;
      baseline: unknown;
      nextTargets: Array<{ target: unknown }>;
      version: number;
      actual: unknown;
    }
    const read = async (): Promise<Stored & { period: string }> => {
      const doc = (await apiAs(context, 'GET', `${plan}/tree`)).body as { period: { id: string }; objectives: Array<{ code: string; indicators: Stored[] }> };
      return { ...doc.objectives.find((o) => o.code === code)!.indicators[0]!, period: doc.period.id };
    };
    const stored = { target: 12.345678, baseline: 0.123456, nextTargets: ['12.34567890123456789', 1.5e-7] };
    const figures = (i: Stored) => ({ target: i.target, baseline: i.baseline, nextTargets: i.nextTargets.map((n) => n.target) });
    const indicator = await read();
    expect(figures(indicator)).toEqual(stored);

    // The tree drawn again, with the indicator the API added; its dialog shows every decimal.
    const openEdit = async () => {
      await search(page, code);
      await page.click(`[data-indicator="${indicator.id}"] .tree-link`);
      await page.click('[data-testid=open-edit-indicator]');
      await page.waitForSelector('[data-testid=indicator-dialog][open]');
    };
    await page.reload();
    await page.waitForSelector('[data-testid=tree] [data-code="A"]');
    await openEdit();
    await expect.poll(() => page.inputValue('#ind-target')).toBe('12,345678');
    await expect.poll(() => page.inputValue('#ind-baseline')).toBe('0,123456');
    await expect.poll(() => page.inputValue('#ind-target2')).toBe('12,34567890123456789');
    await expect.poll(() => page.inputValue('#ind-target3')).toBe('0,00000015');

    // The unit and the name changed: the unit's change sends the target and the horizon again, as stored.
    await page.fill('#ind-name', 'Copertura in numeri');
    await page.selectOption('#ind-unit', 'number');
    await page.click('[data-testid=dialog-submit]');
    await page.waitForSelector('[data-testid=indicator-dialog]', { state: 'detached' });
    await expect.poll(async () => (await read()).name).toBe('Copertura in numeri');
    const saved = await read();
    expect(saved.unit).toBe('number');
    expect(figures(saved)).toEqual(stored);

    // On an English screen, the same; a later target changed sends the others again, as stored.
    await chooseLanguage(page, 'en');
    await openEdit();
    await expect.poll(() => page.inputValue('#ind-target')).toBe('12.345678');
    await expect.poll(() => page.inputValue('#ind-baseline')).toBe('0.123456');
    await page.fill('#ind-target3', '0.5');
    await page.click('[data-testid=dialog-submit]');
    await page.waitForSelector('[data-testid=indicator-dialog]', { state: 'detached' });
    await expect.poll(async () => figures(await read())).toEqual({ ...stored, nextTargets: [stored.nextTargets[0], 0.5] });

    // An actual a double cannot hold: the entry form starts from it in the screen's notation, every decimal kept.
    const measured = await read();
    const put = await apiAs(context, 'PUT', `${plan}/indicators/${encodeURIComponent(indicator.id)}/measurements/${encodeURIComponent(measured.period)}`, {
      state: 'measured',
      actual: '0.12345678901234567891',
      version: measured.version,
    });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect((await read()).actual).toBe('0.12345678901234567891');
    await chooseLanguage(page, 'it');
    await page.reload();
    await page.waitForSelector('[data-testid=tree] [data-code="A"]');
    await search(page, code);
    await page.click(`[data-indicator="${indicator.id}"] .tree-link`);
    await expect.poll(() => page.inputValue('#entry-actual')).toBe('0,12345678901234567891');
    await context.close();
  });

  it('the SMVP screen reads its numbers in the screen notation; a typed one follows a change of language', async () => {
    const { context, page } = await newPage();
    await login(page, 'personale');
    await chooseLanguage(page, 'en');
    await page.click('[data-testid=nav-smvp]');
    await page.waitForSelector('[data-testid=smvp-page]');
    await page.click('[data-testid=smvp-start]');
    await page.waitForSelector('[data-testid=smvp-form]');

    // The Italian notation on an English screen: refused at its field, in English; nothing saved.
    await page.fill('#smvp-legend-green', '92,5');
    await page.click('[data-testid=smvp-save]');
    await expect.poll(() => page.locator('[data-testid=smvp-legend-green-error]').innerText()).toContain('Write the number in English notation');
    await expect.poll(() => page.getAttribute('#smvp-legend-green', 'aria-invalid')).toBe('true');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('smvp-legend-green');
    await expectAccessible(page, 'SMVP screen, a number in the other notation refused');
    expect((await apiAs(context, 'GET', '/api/smvp/2024')).body).toMatchObject({ version: null });

    await page.fill('#smvp-legend-green', '92.5');
    await page.click('[data-testid=smvp-save]');
    await expect.poll(() => page.locator('[data-testid=smvp-saved]').innerText()).toBe('Version 1 saved.');
    expect((await apiAs(context, 'GET', '/api/smvp/2024')).body.document.legend.green).toBe(92.5);

    // A number typed and not saved follows a change of language, the same digits; the stored one too.
    await page.fill('#smvp-legend-yellow', '55.25');
    await page.selectOption('select[aria-label=Language]', 'it');
    await expect.poll(() => page.inputValue('#smvp-legend-yellow')).toBe('55,25');
    await expect.poll(() => page.inputValue('#smvp-legend-green')).toBe('92,5');
    // And the Italian screen refuses the English notation, in Italian.
    await page.fill('#smvp-schemes-0-bands-0-min', '1.5');
    await page.click('[data-testid=smvp-save]');
    await expect.poll(() => page.locator('[data-testid=smvp-schemes-0-bands-0-min-error]').innerText()).toContain('Scrivere il numero in notazione italiana');
    expect((await apiAs(context, 'GET', '/api/smvp/2024')).body.version).toBe(1);
    const min = (await apiAs(context, 'GET', '/api/smvp/2024')).body.document.schemes[0].bands[0].min as number;
    await page.fill('#smvp-schemes-0-bands-0-min', String(min).replace('.', ','));
    await page.click('[data-testid=smvp-save]');
    await expect.poll(() => page.locator('[data-testid=smvp-saved]').innerText()).toBe('Salvata la versione 2.');
    expect((await apiAs(context, 'GET', '/api/smvp/2024')).body.document.legend).toMatchObject({ green: 92.5, yellow: 55.25 });
    await context.close();
  });

  it("an appraisal's objective takes 1,234.5 on an English screen, refuses 1,5 at its field, and 1.5 on an Italian one", async () => {
    const hr = await newPage();
    await login(hr.page, 'personale');
    const people = (await apiAs(hr.context, 'GET', '/api/appraisals/people')).body as { id: string; username: string }[];
    const person = (username: string): string => people.find((p) => p.username === username)!.id;
    const created = await apiAs(hr.context, 'POST', '/api/appraisals', {
      year: 2023,
      personId: person(ACCOUNTS.referente.username),
      evaluatorId: person(ACCOUNTS.dirigente.username),
      category: 'personale',
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = String(created.body.id);
    await hr.context.close();

    const { context, page } = await newPage();
    const objectives = async () => (await apiAs(context, 'GET', `/api/appraisals/${encodeURIComponent(id)}`)).body.objectives as Array<{ weight: number; target: unknown }>;
    await login(page, 'dirigente');
    await chooseLanguage(page, 'en');
    await page.goto(`${world.server.url}/#/appraisals/${encodeURIComponent(id)}`);
    await page.waitForSelector('[data-testid=add-objective]');
    await page.click('[data-testid=add-objective]');
    await page.getByLabel('Objective 1', { exact: true }).fill('Pratiche evase');
    await page.getByLabel('Weight 1', { exact: true }).fill('100');
    await page.getByLabel('Target 1', { exact: true }).fill('1,5');
    await page.click('[data-testid=save-objectives]');
    await expect.poll(() => page.locator('[data-testid=objective-0-target-error]').innerText()).toContain('Write the number in English notation');
    await expect.poll(() => page.getAttribute('#objective-0-target', 'aria-invalid')).toBe('true');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('objective-0-target');
    await expectAccessible(page, 'appraisal form, a target refused at its field');
    expect(await objectives()).toEqual([]);
    await page.getByLabel('Target 1', { exact: true }).fill('1,234.5');
    await page.click('[data-testid=save-objectives]');
    await expect.poll(async () => (await objectives()).map((o) => o.target)).toEqual([1234.5]);
    await expect.poll(() => page.locator('[data-testid=objective-0-target-error]').count()).toBe(0);

    // On an Italian screen the stored target reads 1234,5; the English notation is refused, in Italian.
    await page.selectOption('select[aria-label=Language]', 'it');
    await expect.poll(() => page.getByLabel('Target 1', { exact: true }).inputValue()).toBe('1234,5');
    await page.getByLabel('Target 1', { exact: true }).fill('1.5');
    await page.click('[data-testid=save-objectives]');
    await expect.poll(() => page.locator('[data-testid=objective-0-target-error]').innerText()).toContain('Scrivere il numero in notazione italiana');
    await page.getByLabel('Target 1', { exact: true }).fill('2.345,5');
    await page.click('[data-testid=save-objectives]');
    await expect.poll(async () => (await objectives()).map((o) => o.target)).toEqual([2345.5]);
    await context.close();
  });
});
