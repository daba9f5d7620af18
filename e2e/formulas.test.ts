/**
 * A derived indicator from base measures: the controllo di gestione defines a ratio in the
 * indicator dialog, enters its two base measures, and the tree shows the computed actual and its
 * performance. Against the real server and a fresh SQLite file; axe on the dialog and the form.
 */
import { describe, expect, it } from 'vitest';
import { e2eWorld, field, pages } from './pages.js';

const world = e2eWorld({ fixture: true });
const { newPage, login, apiAs, openPlan, addObjective, objectivePerformance, expectAccessible, chooseLanguage } = pages(world);

interface Doc {
  objectives: Array<{ code: string; title: string; indicators: Array<{ id: string; name: string; formula: unknown; inputs: unknown; actual: unknown; performance: number | null }> }>;
}

describe('ratio indicators', { timeout: 120_000 }, () => {
  it('the controller defines a ratio of two base measures, enters 45 and 50, and sees the actual 90 and 100,00%', async () => {
    const { context, page } = await newPage();
    await login(page, 'controller');
    await openPlan(page);
    const code = await addObjective(page, 'C', 'Tempestività delle pratiche');
    await page.click('[data-testid=open-indicator]');
    await page.waitForSelector('[data-testid=indicator-dialog][open]');
    await page.fill('#ind-name', 'Pratiche evase sul totale delle ricevute');
    await page.fill('#ind-weight', '100');
    await page.selectOption('#ind-comparator', '>=');
    await page.selectOption('#ind-unit', 'percent');
    await page.fill('#ind-target', '90 %');
    await page.selectOption('#ind-formula', 'ratio');
    await page.waitForSelector('[data-testid=formula-measures]');
    await expect.poll(() => page.inputValue('#ind-scale')).toBe('100');
    await page.fill('#ind-numerator', 'pratiche_evase');
    // A measure without a name: said next to its field, which takes the focus.
    await page.click('[data-testid=dialog-submit]');
    await expect.poll(() => page.locator('[data-testid=ind-denominator-error]').innerText()).toContain('nome della misura');
    await expect.poll(() => page.getAttribute('#ind-denominator', 'aria-invalid')).toBe('true');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('ind-denominator');
    await page.keyboard.type('pratiche_ricevute');
    await expectAccessible(page, 'indicator dialog with a ratio formula');
    // A base measure named `__proto__`, whose value could never be entered (422 base-measure-name at
    // formula.numerator): said in words at the measure's field, in the screen's language, not as its code.
    await page.fill('#ind-numerator', '__proto__');
    await page.click('[data-testid=dialog-submit]');
    const proto = (words: string) => ({ invalid: 'true', said: words, focused: true });
    await expect
      .poll(() => field(page, 'ind-formula'))
      .toEqual(proto('Una misura di base non può chiamarsi «__proto__»: con questo nome il suo valore non si potrebbe mai inserire. Scegliere un altro nome.'));
    await chooseLanguage(page, 'en');
    await page.click('[data-testid=dialog-submit]');
    await expect.poll(() => field(page, 'ind-formula')).toEqual(proto('A base measure cannot be named “__proto__”: under this name its value could never be entered. Choose another name.'));
    await chooseLanguage(page, 'it');
    await page.fill('#ind-numerator', 'pratiche_evase');
    await page.click('[data-testid=dialog-submit]');
    await page.waitForSelector('[data-testid=indicator-dialog]', { state: 'detached' });

    const doc = (await apiAs(context, 'GET', `/api/plans/${encodeURIComponent(world.planId)}/tree`)).body as Doc;
    const indicator = doc.objectives.find((o) => o.code === code)!.indicators[0]!;
    expect(indicator.formula).toEqual({ kind: 'ratio', numerator: 'pratiche_evase', denominator: 'pratiche_ricevute', scale: 100 });

    await page.click(`[data-indicator="${indicator.id}"] .tree-link`);
    await page.selectOption('#entry-state', 'measured');
    await page.waitForSelector('[data-testid=entry-measures]');
    await expect.poll(() => page.locator('label[for=entry-measure-0]').innerText()).toContain('Numeratore: pratiche_evase');
    await expect.poll(() => page.locator('label[for=entry-measure-1]').innerText()).toContain('Denominatore: pratiche_ricevute');
    await expect.poll(() => page.locator('#entry-actual').count()).toBe(0);
    await page.fill('#entry-measure-0', '45');
    await page.fill('#entry-measure-1', '0');
    // A zero denominator is said next to it at once; nothing is computed.
    await expect.poll(() => page.locator('[data-testid=entry-measure-1-error]').innerText()).toContain('può essere 0');
    await expect.poll(() => page.locator('[data-testid=entry-computed]').innerText()).toContain('misure di base');
    await page.fill('#entry-measure-1', '50');
    await expect.poll(() => page.locator('[data-testid=entry-computed]').innerText()).toBe('90,00%');
    await expectAccessible(page, 'data entry of base measures');
    await page.click('[data-testid=entry-save]');
    await expect.poll(() => page.locator('[data-testid=entry-message]').innerText()).toContain('Salvato');
    await expect.poll(() => page.locator(`[data-testid="actual-${indicator.id}"]`).innerText()).toContain('90');
    await expect.poll(() => page.locator(`[data-testid="kpi-${indicator.id}"]`).innerText()).toContain('100,00%');
    expect((await objectivePerformance(page, code)).text).toContain('100,00%');

    const after = (await apiAs(context, 'GET', `/api/plans/${encodeURIComponent(world.planId)}/tree`)).body as Doc;
    expect(after.objectives.find((o) => o.code === code)!.indicators[0]).toMatchObject({ actual: 90, performance: 100, inputs: { pratiche_evase: '45', pratiche_ricevute: '50' } });

    // The dialog shows the stored formula when editing; the entry form the stored measures.
    await page.click('[data-testid=open-edit-indicator]');
    await page.waitForSelector('[data-testid=indicator-dialog][open]');
    await expect.poll(() => page.inputValue('#ind-formula')).toBe('ratio');
    await expect.poll(() => page.inputValue('#ind-numerator')).toBe('pratiche_evase');
    await expect.poll(() => page.inputValue('#ind-denominator')).toBe('pratiche_ricevute');
    await page.keyboard.press('Escape');
    await page.waitForSelector('[data-testid=indicator-dialog]', { state: 'detached' });
    await expect.poll(() => page.inputValue('#entry-measure-0')).toBe('45');
    await expect.poll(() => page.inputValue('#entry-measure-1')).toBe('50');
    await context.close();
  });
});
