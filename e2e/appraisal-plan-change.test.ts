/**
 * HR changes the plan of a healthy form not yet evaluated, from its screen, by keyboard alone: the
 * control (offered because the form's answer says `may.changePlan`) says the plan read now, opens to
 * the other plans of the body and year, archived ones included with their state; a change without a
 * reason is refused at the reason's field (Italian, then English); with one it is saved and kept on
 * the form's trail. The evaluator sees no control. The controller deletes the plan from the plans
 * screen with a reason in the confirmation: the form moves, and the reason is on its trail.
 * Real server, fresh SQLite file, axe on each screen.
 */
import { describe, expect, it } from 'vitest';
import { appraisalPlans, arrowTo, tabTo } from './appraisal-plans.js';
import { e2eWorld, pages } from './pages.js';

const world = e2eWorld({ fixture: true });
const { apiAs, chooseLanguage, expectAccessible } = pages(world);
const { formBesideSecondPlan, screenAs } = appraisalPlans(world);

describe("HR changes a form's plan on its screen, with the reason", { timeout: 240_000 }, () => {
  it('offers the other plans of the body and year with their state, asks the reason, keeps it on the trail; a deletion’s reason too', async () => {
    const { hr, admin, main, secondId, id } = await formBesideSecondPlan('Secondo piano 2024');
    const kept = await apiAs(admin, 'POST', '/api/plans', { title: 'Piano archiviato 2024', year: 2024, organisation: main.organisation });
    expect((await apiAs(admin, 'POST', `/api/plans/${encodeURIComponent(kept.body.id as string)}/archive`)).status).toBe(200);

    // The evaluator: the form, no plan control.
    const boss = await screenAs('dirigente', `/appraisals/${encodeURIComponent(id)}`);
    await boss.page.locator('[data-testid=form-score]').waitFor();
    expect(await boss.page.locator('[data-testid=form-relink]').count()).toBe(0);

    // HR: the plan read now, and the control closed.
    const { page } = await screenAs('personale', `/appraisals/${encodeURIComponent(id)}`);
    await expect.poll(() => page.locator('[data-testid=relink-current]').innerText()).toBe(`I risultati organizzativi vengono dal piano «${main.title}» (bozza).`);
    await tabTo(page, 'relink-open');
    await page.keyboard.press('Enter');
    // Opened, the choice takes the focus: the other plans of the body and year, the archived one with its state.
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('relink-plan');
    const options = await page.locator('#relink-plan option').allInnerTexts();
    expect(options[0]).toBe('Scegliere un piano');
    expect(options.slice(1).sort()).toEqual(['Piano archiviato 2024 (bozza, archiviato)', 'Secondo piano 2024 (bozza)']);
    expect(await page.locator('label[for=relink-reason]').innerText()).toBe('Motivo del cambio (resta nel registro della scheda)');
    await expectAccessible(page, "a healthy form's plan control, opened");

    // Without a reason: refused at the reason, which takes the focus; nothing saved.
    await arrowTo(page, 'Secondo piano 2024');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    const reasonProblem = page.locator('[data-testid=relink-reason-error]');
    await expect.poll(() => reasonProblem.innerText()).toBe('Indicare il motivo del cambio di piano: resta nel registro della scheda.');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('relink-reason');
    expect(await page.locator('#relink-reason').getAttribute('aria-invalid')).toBe('true');
    expect((await apiAs(hr, 'GET', `/api/appraisals/${encodeURIComponent(id)}`)).body.planId).toBe(world.planId);
    await expectAccessible(page, 'a plan change refused for its missing reason');
    // In English (the form is read again in it, the control kept open with the plan chosen): the same refusal in English words.
    await chooseLanguage(page, 'en');
    await expect.poll(() => page.locator('label[for=relink-reason]').innerText()).toBe('Reason for the change (kept on the form’s trail)');
    expect(await page.locator('#relink-plan').inputValue()).toBe(secondId);
    await tabTo(page, 'relink-reason');
    await page.keyboard.press('Enter');
    await expect.poll(() => reasonProblem.innerText()).toBe('Say why the plan changes: the reason stays on the form’s trail.');

    // With the reason: saved, the screen says the plan now read, the trail keeps the reason.
    await page.keyboard.type('Adottato il secondo piano');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('[data-testid=relink-current]').innerText()).toBe('The organisational results come from the plan “Secondo piano 2024” (draft).');
    expect(await page.locator('[data-testid=form-score]').count()).toBe(1);
    expect((await apiAs(hr, 'GET', `/api/appraisals/${encodeURIComponent(id)}`)).body.planId).toBe(secondId);
    const trail = (await apiAs(hr, 'GET', `/api/appraisals/${encodeURIComponent(id)}/trail`)).body as { action: string; reason: string | null }[];
    expect(trail.at(-1)).toMatchObject({ action: 'plan-changed', reason: 'Adottato il secondo piano' });
    await expectAccessible(page, 'the form on its new plan');

    // The controller deletes that plan from the plans screen, the reason given in the confirmation: the form moves, the reason on its trail.
    const office = await screenAs('controller');
    await office.page.locator('.plan-item[data-plan-title="Secondo piano 2024"]').waitFor();
    await office.page.locator('button[aria-label="Elimina: Secondo piano 2024"]').focus();
    await office.page.keyboard.press('Enter');
    const dialog = office.page.locator('[data-testid=delete-plan-dialog][open]');
    await dialog.waitFor();
    expect(await dialog.getByTestId('delete-plan-question').innerText()).toBe('Eliminare il piano «Secondo piano 2024»?');
    await office.page.fill('#delete-plan-reason', 'Piano creato per errore');
    await office.page.locator('[data-testid=delete-plan-confirm]').focus();
    await office.page.keyboard.press('Enter');
    await expect.poll(() => office.page.locator('.plan-item[data-plan-title="Secondo piano 2024"]').count()).toBe(0);
    const moved = (await apiAs(hr, 'GET', `/api/appraisals/${encodeURIComponent(id)}/trail`)).body as { action: string; reason: string | null }[];
    expect(moved.at(-1)).toMatchObject({ action: 'plan-deleted', reason: 'Piano creato per errore' });
  });
});
