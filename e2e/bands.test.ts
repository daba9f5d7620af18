/**
 * A bands rule edited in the indicator dialog: the controllo di gestione sets an interpolated scale
 * (0 → 0, 10 → 100) on a new indicator with target 10, bad points are said next to their fields,
 * the actual 5 scores 50,00%, and the dialog shows the stored points again. Against the real
 * server and a fresh SQLite file; axe on the dialog.
 */
import { describe, expect, it } from 'vitest';
import { e2eWorld, pages } from './pages.js';

const world = e2eWorld({ fixture: true });
const { newPage, login, apiAs, openPlan, addObjective, objectivePerformance, expectAccessible } = pages(world);

interface Doc {
  objectives: Array<{ code: string; indicators: Array<{ id: string; rule: unknown; performance: number | null }> }>;
}

describe('bands rules', { timeout: 120_000 }, () => {
  it('the controller sets an interpolated scale 0 → 0, 10 → 100 on target 10, enters 5 and sees 50,00%', async () => {
    const { context, page } = await newPage();
    await login(page, 'controller');
    await openPlan(page);
    const code = await addObjective(page, 'C', 'Pratiche a fasce');
    await page.click('[data-testid=open-indicator]');
    await page.waitForSelector('[data-testid=indicator-dialog][open]');
    await page.fill('#ind-name', 'Pratiche chiuse');
    await page.fill('#ind-weight', '100');
    await page.selectOption('#ind-comparator', '>=');
    await page.selectOption('#ind-unit', 'number');
    await page.fill('#ind-target', '10');
    await page.selectOption('#ind-scoring', 'bands');
    await page.waitForSelector('[data-testid=band-points]');
    await expect.poll(() => page.inputValue('#ind-bandMode')).toBe('interpolated');
    await expect.poll(() => page.locator('[data-testid=band-points] legend').innerText()).toContain('valore → punteggio');

    // Empty values, a score above 100, values not increasing: said next to each field, focus on the first.
    await page.fill('#ind-point-1-score', '120');
    await page.click('[data-testid=dialog-submit]');
    await expect.poll(() => page.locator('[data-testid=ind-point-0-at-error]').innerText()).toContain('Compilare');
    await expect.poll(() => page.locator('[data-testid=ind-point-1-score-error]').innerText()).toContain('da 0 a 100');
    await expect.poll(() => page.getAttribute('#ind-point-0-at', 'aria-invalid')).toBe('true');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('ind-point-0-at');
    await page.keyboard.type('10');
    await page.fill('#ind-point-1-at', '0');
    await page.fill('#ind-point-1-score', '100');
    await page.click('[data-testid=dialog-submit]');
    await expect.poll(() => page.locator('[data-testid=ind-point-1-at-error]').innerText()).toContain('maggiore del precedente');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('ind-point-1-at');
    await page.fill('#ind-point-0-at', '0');
    await page.fill('#ind-point-1-at', '10,0');

    // A row added and removed again; the remove buttons are named with their row.
    await page.click('#ind-point-add');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('ind-point-2-at');
    const remove = page.getByRole('button', { name: 'Rimuovi il punto 3' });
    await expect.poll(() => remove.count()).toBe(1);
    await expectAccessible(page, 'indicator dialog with a bands rule');
    await remove.click();
    await expect.poll(() => page.locator('[data-testid^=band-point-]').count()).toBe(2);
    await page.click('[data-testid=dialog-submit]');
    await page.waitForSelector('[data-testid=indicator-dialog]', { state: 'detached' });

    const doc = (await apiAs(context, 'GET', `/api/plans/${encodeURIComponent(world.planId)}/tree`)).body as Doc;
    const indicator = doc.objectives.find((o) => o.code === code)!.indicators[0]!;
    expect(indicator.rule).toEqual({
      kind: 'bands',
      mode: 'interpolated',
      points: [
        { at: 0, score: 0 },
        { at: 10, score: 100 },
      ],
    });

    await page.click(`[data-indicator="${indicator.id}"] .tree-link`);
    await page.selectOption('#entry-state', 'measured');
    await page.fill('#entry-actual', '5');
    await page.click('[data-testid=entry-save]');
    await expect.poll(() => page.locator('[data-testid=entry-message]').innerText()).toContain('Salvato');
    await expect.poll(() => page.locator(`[data-testid="kpi-${indicator.id}"]`).innerText()).toContain('50,00%');
    expect((await objectivePerformance(page, code)).text).toContain('50,00%');

    // Editing shows the stored scale.
    await page.click('[data-testid=open-edit-indicator]');
    await page.waitForSelector('[data-testid=indicator-dialog][open]');
    await expect.poll(() => page.inputValue('#ind-scoring')).toBe('bands');
    await expect.poll(() => page.inputValue('#ind-point-0-at')).toBe('0');
    await expect.poll(() => page.inputValue('#ind-point-1-at')).toBe('10');
    await expect.poll(() => page.inputValue('#ind-point-1-score')).toBe('100');
    await page.keyboard.press('Escape');
    await page.waitForSelector('[data-testid=indicator-dialog]', { state: 'detached' });
    await context.close();
  });
});
