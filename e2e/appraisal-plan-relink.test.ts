/**
 * HR links a form whose plan is missing to a plan of its body and year, from the screen: the list's
 * row says the plan is missing and leads to the form; the form says the same and offers the plans
 * of its body and year (title, state); the pick and the save by keyboard alone; a plan that became
 * another body's meanwhile refused at the choice in the reader's language; a stale version the usual
 * clash; once linked, the form shows its score. An evaluator sees the sentence and no choice.
 * Real server, fresh SQLite file, the broken row written with SQL past the store, axe on each screen.
 */
import { describe, expect, it } from 'vitest';
import { appraisalPlans, arrowTo, tabTo } from './appraisal-plans.js';
import { e2eWorld, pages } from './pages.js';
import { ACCOUNTS } from './server.js';

const world = e2eWorld({ fixture: true });
const { apiAs, chooseLanguage, expectAccessible } = pages(world);
const { pastTheStore, formBesideSecondPlan, screenAs } = appraisalPlans(world);

describe('HR links a form whose plan is missing to a plan, on its screen', { timeout: 240_000 }, () => {
  it('lists it, offers the plans of its body and year, refuses one of another body at the choice, says a clash, then shows the score', async () => {
    // A second plan of the body and year: offered too, until it turns out to be another body's.
    const { hr, admin, main, secondId, form, id } = await formBesideSecondPlan('Piano bis 2024');
    const organisation = main.organisation;
    const linked = form.body.result as { score: number };
    await pastTheStore([[`UPDATE appraisal_forms SET plan_id = 'p-assente' WHERE id = ?`, [id]]]);
    const sentence = `Il piano da cui la scheda prende i risultati organizzativi non c'è più (è stato eliminato; id p-assente): il punteggio non si può calcolare finché l'ufficio personale non collega la scheda a un piano di «${organisation}» del 2024.`;

    // The evaluator: the sentence, no choice of plans.
    const boss = await screenAs('dirigente', `/appraisals/${encodeURIComponent(id)}`);
    await expect.poll(() => boss.page.locator('[data-testid=form-read-error]').innerText()).toBe(sentence);
    expect(await boss.page.locator('[data-testid=form-relink], #relink-plan').count()).toBe(0);
    await expectAccessible(boss.page, 'a form whose plan is missing, to its evaluator');

    // HR: the list's row says so and leads to the form.
    const { page } = await screenAs('personale');
    await page.click('[data-testid=nav-appraisals]');
    const list = page.locator('[data-testid=appraisal-list]');
    await list.waitFor();
    await expect.poll(() => list.locator('[data-testid=form-plan-missing]').count()).toBe(1);
    const relinkOpen = list.locator('[data-testid=form-relink-open]');
    expect(await relinkOpen.innerText()).toBe('Collega a un piano');
    expect(await relinkOpen.getAttribute('aria-label')).toBe(`Collega a un piano la scheda di ${ACCOUNTS.controller.displayName}`);
    await expectAccessible(page, 'the list with a form whose plan is missing, to HR');
    await relinkOpen.click();

    // The form: the sentence, not an error, and the plans of its body and year with their state.
    await expect.poll(() => page.locator('[data-testid=form-read-error]').innerText()).toBe(sentence);
    expect(await page.locator('[role=alert]').count()).toBe(0);
    const choice = page.locator('#relink-plan');
    await choice.waitFor();
    expect(await page.locator('label[for=relink-plan]').innerText()).toBe(`Piano di «${organisation}» del 2024`);
    const options = await choice.locator('option').allInnerTexts();
    expect(options[0]).toBe('Scegliere un piano');
    expect(options.slice(1).sort()).toEqual([`${main.title} (bozza)`, 'Piano bis 2024 (bozza)'].sort());
    await expectAccessible(page, 'a form whose plan is missing, to HR');

    // Saved with no plan picked: said at the choice, nothing sent.
    await tabTo(page, 'relink-plan');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('[data-testid=relink-plan-error]').innerText()).toBe('Scegliere un piano');

    // The second plan turns out to be another body's: refused at the choice, in the reader's language (English).
    await chooseLanguage(page, 'en');
    await expect
      .poll(() => page.locator('[data-testid=form-read-error]').innerText())
      .toBe(
        `The plan the form takes its organisational results from is no longer there (it was deleted; id p-assente): the score cannot be computed until HR links the form to a plan of “${organisation}” of 2024.`,
      );
    // Corrected on another screen after this one read the plans: still offered here.
    const moved = await apiAs(admin, 'PATCH', `/api/plans/${encodeURIComponent(secondId)}`, { organisation: 'Altro ente' });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    await tabTo(page, 'relink-plan');
    await arrowTo(page, 'Piano bis 2024');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.locator('[data-testid=relink-plan-error]').innerText())
      .toBe(
        `The form is of the body “${organisation}” for 2024: its organisational results come from a plan of “${organisation}” of 2024, not from the plan “Piano bis 2024”, which is of “Altro ente” of 2024.`,
      );
    expect(await choice.getAttribute('aria-invalid')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('relink-plan');
    expect((await apiAs(hr, 'GET', `/api/appraisals/${encodeURIComponent(id)}`)).status).toBe(409);
    await expectAccessible(page, 'a plan of another body refused at the choice');

    // Someone changed the form meanwhile: the usual clash, nothing saved; reloaded, the pick and save go through.
    await pastTheStore([[`UPDATE appraisal_forms SET version = version + 1, updated_at = ? WHERE id = ?`, [new Date().toISOString(), id]]]);
    await arrowTo(page, main.title);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.locator('[data-testid=form-clash]').waitFor();
    expect((await apiAs(hr, 'GET', `/api/appraisals/${encodeURIComponent(id)}`)).status).toBe(409);
    await page.locator('[data-testid=form-reload]').press('Enter');
    await expect.poll(() => page.locator('[data-testid=form-clash]').count()).toBe(0);
    await tabTo(page, 'relink-plan');
    await arrowTo(page, main.title);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');

    // Linked: the form computes and shows its score, the one it had on this plan.
    await expect.poll(() => page.locator('[data-testid=form-score]').innerText()).toBe(`${linked.score.toFixed(2)}%`);
    expect(await page.locator('[data-testid=form-read-error]').count()).toBe(0);
    // The plan control stays, closed, saying the plan the form now reads.
    await expect.poll(() => page.locator('[data-testid=relink-current]').innerText()).toBe(`The organisational results come from the plan “${main.title}” (draft).`);
    const after = await apiAs(hr, 'GET', `/api/appraisals/${encodeURIComponent(id)}`);
    expect(after.status).toBe(200);
    expect(after.body).toMatchObject({ planId: world.planId, result: { score: linked.score } });
    await expectAccessible(page, 'the form linked to its plan');
  });
});
