/**
 * The OIV's validated values checked against each other, on the OIV's screen in Chromium: A.2.1
 * validated at 75,5 and A.2 (30% trend, 70% the mean of A.2.1 and A.2.2) at 85, which its
 * objectives do not give (91,43). The refusal is said at A.2's value, with the value its objectives
 * give and the focus, in Italian and English; the row then offers to confirm the difference as
 * deliberate, and once confirmed it is saved, the row shows what the objectives give, the area A
 * (not validated) is listed as following the validated values, and the validated Relazione says
 * the difference was deliberate. Real server, fresh SQLite file, the fixture imported; axe.
 */
import { describe, expect, it } from 'vitest';
import { e2eWorld, pages } from './pages.js';

const world = e2eWorld({ fixture: true });
const { apiAs, chooseLanguage, expectAccessible, relazioneWithTheOiv, planApi } = pages(world);

describe("the OIV's validated values against each other, on screen", { timeout: 240_000 }, () => {
  it('says a parent its objectives do not give at its row, and takes it confirmed as deliberate', async () => {
    // The checklist answered beforehand: this test is about the values.
    const { oiv } = await relazioneWithTheOiv('Esame svolto.');

    const { page } = oiv;
    await page.goto(`${world.server.url}/plans/${encodeURIComponent(world.planId)}/relazione`);
    await page.waitForSelector('[data-testid=relazione-add-value]');
    for (const [i, code, value, note] of [
      [0, 'A.2.1', '75,5', 'Lo sportello ha risposto al 40% delle richieste.'],
      [1, 'A.2', '85', 'Il trend delle imprese assistite non è attendibile.'],
    ] as const) {
      await page.click('[data-testid=relazione-add-value]');
      await page.fill(`#relazione-value-code-${i}`, code);
      await page.fill(`#relazione-value-validated-${i}`, value);
      await page.fill(`#relazione-value-note-${i}`, note);
    }
    expect(await page.locator('[data-testid=relazione-value-deliberate-1]').count()).toBe(0);
    // A percentage's example, in the screen's notation (before: «1.587,10», an amount's).
    expect(await page.locator('#relazione-value-validated-0-hint').innerText()).toBe('60,50');
    await page.click('[data-testid=relazione-save-review]');
    const error = page.locator('[data-testid=relazione-value-validated-1-error]');
    await expect
      .poll(() => error.innerText())
      .toBe(
        'A.2 è validato al 85,00%, ma dai suoi obiettivi, con i valori validati e le regole del piano, risulta 91,43%: validarlo a quel valore, o confermare che la differenza è voluta, motivandola.',
      );
    expect(await page.getAttribute('#relazione-value-validated-1', 'aria-invalid')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('relazione-value-validated-1');
    expect(await page.locator('[data-testid=relazione-message]').count()).toBe(0);
    expect(await page.getAttribute('#relazione-value-validated-0', 'aria-invalid')).toBeNull();
    // Nothing was stored.
    expect((await apiAs(oiv.context, 'GET', `${planApi()}/relazione`)).body.values).toEqual([]);
    await expectAccessible(page, 'relazione: a validated parent its objectives do not give');

    await chooseLanguage(page, 'en');
    expect(await page.locator('#relazione-value-validated-0-hint').innerText()).toBe('60.50');
    await page.click('[data-testid=relazione-save-review]');
    await expect
      .poll(() => error.innerText())
      .toBe(
        'A.2 is validated at 85.00%, but its objectives, as validated and by the plan’s rules, give 91.43%: validate it at that value, or confirm that the difference is deliberate, with the reason.',
      );

    // The OIV confirms the difference: saved, and the row says what the objectives give.
    // Bootstrap Italia draws the box on the label, as a person sees and clicks it.
    await page.check('label[for=relazione-value-deliberate-1]');
    expect(await page.locator('label[for=relazione-value-deliberate-1]').innerText()).toBe('Deliberate difference from what its objectives give (row 2, with the reason)');
    await page.click('[data-testid=relazione-save-review]');
    await expect.poll(() => page.locator('[data-testid=relazione-message]').innerText()).toBe('Review saved.');
    expect(await error.innerText()).toBe('');
    await expect.poll(() => page.locator('[data-testid=relazione-value-children-1]').innerText()).toBe('Its objectives, as validated and by the plan’s rules, give 91.43%.');
    expect(await page.locator('[data-testid=relazione-value-children-0]').count()).toBe(0);
    // The area A, not validated, follows A.2 as validated.
    const following = page.locator('[data-testid=relazione-following]');
    await expect.poll(() => following.innerText()).toContain('Objectives not validated that follow the validated values of their objectives');
    expect(await following.innerText()).toMatch(/A: reported 90\.38%, follows \d+\.\d\d%/);
    expect((await apiAs(oiv.context, 'GET', `${planApi()}/relazione`)).body.values[1]).toMatchObject({ code: 'A.2', validated: 85, deliberate: true, fromChildren: 91.43 });

    await chooseLanguage(page, 'it');
    await expect.poll(() => page.locator('[data-testid=relazione-value-children-1]').innerText()).toBe('Dai suoi obiettivi, con i valori validati e le regole del piano, risulta 91,43%.');
    await expectAccessible(page, 'relazione: a deliberate difference confirmed');
    await page.click('[data-testid=relazione-decide-validated]');
    await page.waitForSelector('[data-testid=relazione-frozen]');
    const view = page.locator('[data-testid=relazione-review-view]');
    await expect
      .poll(() => view.innerText())
      .toContain('A.2: 93,00% → 85,00% (differenza voluta dall’OIV: dai suoi obiettivi risulterebbe 91,43%) — Il trend delle imprese assistite non è attendibile.');
    // The reported value beside the validated one, two decimals, as the documents print them (before: «A.2.1: 75,5%» alone).
    expect(await view.innerText()).toContain('A.2.1: 80,00% → 75,50% — Lo sportello ha risposto al 40% delle richieste.');
    await chooseLanguage(page, 'en');
    await expect.poll(() => view.innerText()).toContain('A.2.1: 80.00% → 75.50% — Lo sportello ha risposto al 40% delle richieste.');
  });
});
