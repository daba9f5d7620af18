/**
 * A form whose person's account is no longer there (its row removed past the store, as another
 * program would: the app deletes no account a form names): the list and the form's screen say
 * «(account eliminato)» in Italian and "(account removed)" in English after a change of language,
 * never the other language's words. Real server, fresh SQLite file.
 */
import { describe, expect, it } from 'vitest';
import { appraisalPlans, OBJECTIVES } from './appraisal-plans.js';
import { e2eWorld, pages } from './pages.js';
import { ACCOUNTS, PASSWORD } from './server.js';

const world = e2eWorld({ fixture: true });
const { apiAs, chooseLanguage } = pages(world);
const { pastTheStore, hrAndAdmin, screenAs } = appraisalPlans(world);

describe('a form naming a removed account, on its screens', { timeout: 240_000 }, () => {
  it('says the removed account in the language of the screen, on the list and on the form', async () => {
    const { hr, admin } = await hrAndAdmin();
    const account = await apiAs(admin, 'POST', '/api/users', { username: 'ex.dipendente', displayName: 'Ex Dipendente', role: 'controller', email: 'ex.dipendente@example.org', password: PASSWORD });
    expect(account.status, JSON.stringify(account.body)).toBe(201);
    const people = (await apiAs(hr, 'GET', '/api/appraisals/people')).body as { id: string; username: string }[];
    const evaluatorId = people.find((p) => p.username === ACCOUNTS.dirigente.username)!.id;
    const form = await apiAs(hr, 'POST', '/api/appraisals', { year: 2024, personId: account.body.id, evaluatorId, category: 'personale', planId: world.planId, objectives: OBJECTIVES });
    expect(form.status, JSON.stringify(form.body)).toBe(201);
    const id = form.body.id as string;
    await pastTheStore([
      ['PRAGMA foreign_keys = OFF', []],
      ['DELETE FROM users WHERE id = ?', [account.body.id]],
    ]);

    const { page } = await screenAs('personale', '/appraisals');
    const row = page.locator(`a[href="#/appraisals/${id}"]`).first();
    await expect.poll(() => row.innerText(), { timeout: 10_000 }).toBe('(account eliminato)');
    expect(await row.getAttribute('aria-label')).toContain('(account eliminato)');

    await page.goto(`${world.server.url}/#/appraisals/${encodeURIComponent(id)}`);
    await expect.poll(() => page.locator('[data-testid=form-person]').innerText()).toBe('(account eliminato)');
    expect(await page.locator('[data-testid=form-evaluator]').innerText()).toBe(ACCOUNTS.dirigente.displayName);

    await chooseLanguage(page, 'en');
    await expect.poll(() => page.locator('[data-testid=form-person]').innerText()).toBe('(account removed)');
    expect(await page.locator('#form-title').innerText()).not.toContain('eliminato');
  });
});
