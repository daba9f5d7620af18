/**
 * Appraisal forms whose plan is gone, on their screens. An evaluated form whose plan was deleted
 * after its evaluation names none (`planId` null, as migration 83 leaves it): its screen shows the
 * figures it froze and a plain sentence that the plan was deleted, no error, in Italian and English.
 * A form not yet evaluated naming a plan that is not there (a row written past the store): the list
 * shows it with no score and says why and who mends it, the others listed as ever; opened, it says
 * the same, not a clash of versions. Real server, fresh SQLite file, axe on each screen.
 */
import { describe, expect, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import { appraisalPlans } from './appraisal-plans.js';
import { appraisalSettled, e2eWorld, pages } from './pages.js';
import { ACCOUNTS } from './server.js';

const world = e2eWorld({ fixture: true });
const { loggedIn, apiAs, signedIn, chooseLanguage, expectAccessible, openAppraisal } = pages(world);
const { pastTheStore, bodyWithSmvp, formOf } = appraisalPlans(world);

describe('appraisal forms whose plan is gone, on their screens', { timeout: 240_000 }, () => {
  it('shows an evaluated one with what it froze and that its plan was deleted; lists a live one apart and says who mends it', async () => {
    const [hr, boss, person] = [await signedIn('personale'), await signedIn('dirigente'), await signedIn('referente')];
    const { organisation } = await bodyWithSmvp(hr);
    let form = await formOf(hr, 'referente', 'dirigente');
    const id = form.body.id as string;
    const take = async (by: BrowserContext, method: 'POST' | 'PATCH', body: Record<string, unknown>) => {
      form = await apiAs(by, method, `/api/appraisals/${encodeURIComponent(id)}${method === 'POST' ? '/actions' : ''}`, { ...body, version: form.body.version });
      expect(form.status, JSON.stringify(form.body)).toBe(200);
    };
    await take(person, 'POST', { action: 'acknowledge' });
    await take(boss, 'POST', { action: 'acknowledge' });
    await take(boss, 'POST', { action: 'interview', note: 'Colloquio svolto' });
    await take(boss, 'PATCH', { ratings: { C1: 3, C2: 3, C3: 3 } });
    await take(boss, 'POST', { action: 'evaluate' });
    const frozen = form.body.result as { score: number; org: { text: string } };
    // A form of another person, not yet evaluated, on the same plan.
    const live = await formOf(hr, 'controller', 'dirigente');
    const at = new Date().toISOString();
    await pastTheStore([
      // As migration 83 leaves an evaluated form whose plan was deleted: naming none, a new version, on its trail by the program.
      [`UPDATE appraisal_forms SET plan_id = NULL, version = version + 1, updated_at = ? WHERE id = ?`, [at, id]],
      [
        `INSERT INTO appraisal_audit (at, user_id, username, action, entity, entity_id, before, after, reason) VALUES (?, NULL, 'system', 'plan-deleted', 'appraisal', ?, ?, ?, NULL)`,
        [at, id, JSON.stringify({ planId: 'p-eliminato', planTitle: 'Piano della performance 2024' }), JSON.stringify({ planId: null, planTitle: null, repaired: 83 })],
      ],
      // And a live one naming a plan that is not there.
      [`UPDATE appraisal_forms SET plan_id = 'p-assente' WHERE id = ?`, [live.body.id]],
    ]);

    // The person opens the evaluated form: its frozen figures, where they came from, and that the plan was deleted.
    const { page } = await loggedIn('referente');
    await openAppraisal(page, id);
    const deleted = page.locator('[data-testid=form-plan-deleted]');
    await expect
      .poll(() => deleted.innerText())
      .toBe('Il piano da cui la scheda ha preso i risultati organizzativi («Piano della performance 2024») è stato eliminato dopo la valutazione: la scheda conserva i valori fissati allora.');
    expect(await page.locator('[data-testid=form-score]').innerText()).toBe(`${frozen.score.toFixed(2).replace('.', ',')}%`);
    expect(await page.locator('#score-title small').innerText()).toBe('(definitivo alla valutazione)');
    expect(await page.locator('[data-testid=form-org-source]').innerText()).toBe(frozen.org.text);
    expect(await page.locator('[data-testid=form-read-error], [data-testid=form-error], [data-testid=form-clash]').count()).toBe(0);
    await expectAccessible(page, 'an evaluated form whose plan was deleted');
    await chooseLanguage(page, 'en');
    await expect
      .poll(() => deleted.innerText())
      .toBe('The plan the form took its organisational results from (“Piano della performance 2024”) was deleted after the evaluation: the form keeps the figures frozen then.');
    expect(await page.locator('#score-title small').innerText()).toBe('(fixed at the evaluation)');

    // HR's list: the live form apart, with no score and why; the evaluated one with its score.
    const office = await loggedIn('personale');
    await office.page.click('[data-testid=nav-appraisals]');
    await appraisalSettled(office.page);
    const list = office.page.locator('[data-testid=appraisal-list]');
    const missing = list.locator('[data-testid=form-plan-missing]');
    await expect
      .poll(() => missing.allInnerTexts())
      .toEqual([
        `il piano da cui la scheda prende i risultati organizzativi non c'è più (è stato eliminato; id p-assente): il punteggio non si può calcolare finché l'ufficio personale non collega la scheda a un piano di «${organisation}» del 2024`,
      ]);
    const rowOf = (name: string) => list.locator('tbody tr', { has: office.page.locator(`th:has-text("${name}")`) });
    expect((await rowOf(ACCOUNTS.controller.displayName).locator('td').nth(3).innerText()).startsWith('—')).toBe(true);
    expect(await rowOf(ACCOUNTS.referente.displayName).locator('td').nth(3).innerText()).toBe(`${frozen.score.toFixed(2).replace('.', ',')}%`);
    await expectAccessible(office.page, 'the list with a form whose plan is missing');
    // Opened, it says the same, not a clash of versions.
    await rowOf(ACCOUNTS.controller.displayName).locator('th a').click();
    await appraisalSettled(office.page);
    await expect
      .poll(() => office.page.locator('[data-testid=form-read-error]').innerText())
      .toBe(
        `Il piano da cui la scheda prende i risultati organizzativi non c'è più (è stato eliminato; id p-assente): il punteggio non si può calcolare finché l'ufficio personale non collega la scheda a un piano di «${organisation}» del 2024.`,
      );
    await expectAccessible(office.page, 'a form whose plan is missing, opened');
  });
});
