/**
 * HR's SMVP editor and bonus screen walked by keyboard only (Tab, Shift+Tab, Enter, Space) in
 * Chromium: every field and button of the SMVP is reached, each named, and the same field of two
 * categories told apart ("Da (%), fascia 1 (Dirigente)"); a band added by Enter is typed into at
 * once, the last one removed leaves the focus on "add"; a refused save puts the focus on the field
 * the problem is about, a sum of behaviour weights on the first weight and, with none left, on the
 * button that adds one, which the problem describes; on the bonus screen a fund of 12,345 € (three
 * decimals, which the server read as 12.345,00 €) is refused at the field, which takes the focus.
 * Before, a band added by Enter left the focus after the rows, the last removal lost it, the weights'
 * problem focused nothing and the three categories' fields had the same names.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { e2eWorld, pages } from './pages.js';

const world = e2eWorld({ fixture: true });
const { newPage, login, apiAs, expectAccessible } = pages(world);

/** The element with the focus: its id, test id, and its name as a screen reader reads it (its label, aria-label or text). */
async function focused(page: Page): Promise<{ id: string; testId: string | null; name: string; describedBy: string; invalid: string | null }> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement;
    const labels = 'labels' in el && (el as HTMLInputElement).labels !== null ? Array.from((el as HTMLInputElement).labels!, (l) => l.textContent ?? '').join(' ') : '';
    const name = el.getAttribute('aria-label') ?? (labels || el.textContent || '');
    const describedBy = (el.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .map((id) => document.getElementById(id)?.textContent ?? '')
      .join(' ')
      .trim();
    return { id: el.id, testId: el.getAttribute('data-testid'), name: name.replace(/\s+/g, ' ').trim(), describedBy, invalid: el.getAttribute('aria-invalid') };
  });
}

/** Presses `key` until the focus is on `selector`'s element; the stops passed, at most `limit`. */
async function tabTo(page: Page, selector: string, key: 'Tab' | 'Shift+Tab' = 'Tab', limit = 300) {
  const passed: Awaited<ReturnType<typeof focused>>[] = [];
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press(key);
    const at = await focused(page);
    passed.push(at);
    if (await page.evaluate((s) => document.activeElement === document.querySelector(s), selector)) return passed;
  }
  throw new Error(`${selector} not reached by ${key} in ${limit} stops: ${passed.map((p) => p.id || p.testId).join(', ')}`);
}

describe('the SMVP editor and the bonus screen by keyboard', { timeout: 240_000 }, () => {
  it('reaches and names every field, types into a band added, and puts each refusal at its field', async () => {
    const { context, page } = await newPage();
    await login(page, 'personale');
    await page.focus('[data-testid=nav-smvp]');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid=smvp-start]');
    await page.focus('[data-testid=smvp-year]');
    await tabTo(page, '[data-testid=smvp-start]');
    await page.keyboard.press('Space');
    await page.waitForSelector('[data-testid=smvp-form]');

    // Forward to the save button: every field and button of the form on the way, each with a name; back one stop with Shift+Tab.
    const stops = await tabTo(page, '[data-testid=smvp-save]');
    const controls = await page.locator('[data-testid=smvp-form] :is(input, select, button)').evaluateAll((els) => els.map((e) => e.id || e.getAttribute('data-testid')));
    const reached = new Set(stops.map((s) => s.id || s.testId));
    expect(controls.filter((c) => !reached.has(c))).toEqual([]);
    expect(stops.filter((s) => s.name === '')).toEqual([]);
    const named = (id: string) => stops.find((s) => s.id === id)?.name;
    expect(named('smvp-schemes-0-bands-0-min')).toBe('Da (%), fascia 1 (Dirigente)');
    expect(named('smvp-schemes-1-bands-0-min')).toBe('Da (%), fascia 1 (Elevata qualificazione / posizione organizzativa)');
    expect(named('smvp-schemes-2-components-body')).toBe("Performance dell'ente (Personale)");
    expect(named('smvp-schemes-2-behaviours-0-weight')).toBe('Peso (%), riga 1 (Personale)');
    // Every band field of every category is a stop, and no two stops of the form share a name.
    for (const category of [0, 1, 2])
      for (const band of [0, 1, 2, 3]) for (const field of ['label', 'min', 'max', 'share']) expect(reached.has(`smvp-schemes-${category}-bands-${band}-${field}`)).toBe(true);
    const names = stops.filter((s) => s.id !== '' || s.testId !== null).map((s) => s.name);
    expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
    await page.keyboard.press('Shift+Tab');
    expect((await focused(page)).id).toBe('smvp-reason');

    // A band added by Enter is typed into at once; its remove button, by Space, leaves the focus on "add".
    await tabTo(page, '[data-testid=smvp-add-band-eq]', 'Shift+Tab');
    await page.keyboard.press('Enter');
    expect(await focused(page)).toMatchObject({ id: 'smvp-schemes-1-bands-4-label', name: 'Fascia, fascia 5 (Elevata qualificazione / posizione organizzativa)' });
    await page.keyboard.type('Da togliere');
    for (let i = 0; i < 4; i++) await page.keyboard.press('Tab');
    expect((await focused(page)).name).toBe('Rimuovi la fascia 5 (Elevata qualificazione / posizione organizzativa)');
    await page.keyboard.press('Space');
    await expect.poll(() => page.locator('[data-testid=smvp-band-eq-4]').count()).toBe(0);
    expect((await focused(page)).testId).toBe('smvp-add-band-eq');

    // Weights of the middle category that sum to 120%: the focus on its first weight, which the problem describes.
    await tabTo(page, '#smvp-schemes-1-behaviours-0-weight');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('60');
    await tabTo(page, '[data-testid=smvp-save]');
    await page.keyboard.press('Enter');
    await expect.poll(() => focused(page)).toMatchObject({ id: 'smvp-schemes-1-behaviours-0-weight', invalid: 'true' });
    expect((await focused(page)).describedBy).toBe('I pesi dei comportamenti (elevata qualificazione / posizione organizzativa) sommano a 120%, non a 100%.');
    expect(await page.getAttribute('#smvp-schemes-1-behaviours-0-code', 'aria-invalid')).toBeNull();
    await expectAccessible(page, 'SMVP, behaviour weights refused');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('40');

    // No behaviour left for the staff: the problem is said at the button that adds one, which takes the focus.
    await tabTo(page, '[data-testid=smvp-weight-personale-0] button');
    for (let i = 0; i < 3; i++) await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('[data-testid^=smvp-weight-personale-]').count()).toBe(0);
    expect((await focused(page)).testId).toBe('smvp-add-weight-personale');
    await tabTo(page, '#smvp-reason');
    await page.keyboard.press('Enter');
    await expect.poll(() => focused(page)).toMatchObject({ testId: 'smvp-add-weight-personale', describedBy: 'Personale: i comportamenti pesano 50% ma non ne è elencato nessuno.' });
    // Added back by keyboard, and saved by Enter in a field.
    await page.keyboard.press('Enter');
    expect((await focused(page)).id).toBe('smvp-schemes-2-behaviours-0-code');
    await page.keyboard.type('C1');
    await page.keyboard.press('Tab');
    await page.keyboard.type('100');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('[data-testid=smvp-saved]').innerText()).toBe('Salvata la versione 1.');
    expect((await apiAs(context, 'GET', '/api/smvp/2024')).body.document.schemes[2].behaviours).toEqual([{ code: 'C1', weight: 100 }]);

    // The bonus screen: the category chosen by arrow key, a fund of three decimals refused at the field, which keeps the focus.
    await page.focus('[data-testid=nav-appraisals]');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid=rewards]');
    await page.focus('[data-testid=appraisal-year]');
    const rewardStops = await tabTo(page, '[data-testid=reward-category]');
    expect(rewardStops.filter((s) => s.name === '')).toEqual([]);
    await page.keyboard.press('ArrowUp');
    expect(await page.inputValue('[data-testid=reward-category]')).toBe('eq');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toMatchObject({ id: 'reward-fund', name: 'Fondo (€)' });
    await page.keyboard.type('12,345');
    await page.keyboard.press('Enter');
    await expect.poll(() => focused(page)).toMatchObject({ id: 'reward-fund', invalid: 'true', describedBy: 'Il fondo è in euro, senza segno e con al più due decimali (es. 12.345,67).' });
    await expectAccessible(page, 'bonus screen, fund refused');
    await page.keyboard.press('Shift+Tab');
    expect((await focused(page)).testId).toBe('reward-category');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('12.345,67');
    await page.keyboard.press('Tab');
    expect((await focused(page)).testId).toBe('reward-distribute');
    await page.keyboard.press('Space');
    // No form of the category: the fund is shared among nobody, and said so; the field is no longer said wrong.
    await page.waitForSelector('[data-testid=reward-table]');
    expect(await page.getAttribute('[data-testid=reward-fund]', 'aria-invalid')).toBeNull();
    for (const link of ['Distribuzione anonima (XLSX)', 'Dati aperti (CSV)']) {
      await page.keyboard.press('Tab');
      expect((await focused(page)).name).toBe(link);
    }
  });
});
