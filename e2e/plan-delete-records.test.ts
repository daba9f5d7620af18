/**
 * The controller deletes, on the plans screen, the last plan of a body whose SMVP and appraisal form
 * HR keeps for that year: the screen says the server's refusal in its own language (Italian, then
 * English after a change of language), with what would be left without a plan and what to do
 * instead, and the plan stays listed; a second plan of another body, with no records, goes. Against
 * the real server and a fresh SQLite file.
 */
import { describe, expect, it } from 'vitest';
import { exampleSmvpJson } from '../src/core/appraisal/index.js';
import { e2eWorld, pages } from './pages.js';

const world = e2eWorld();
const { newPage, login, signedIn, apiAs, chooseLanguage, expectAccessible } = pages(world);

describe('deleting a plan whose body holds HR’s records, on the plans screen', { timeout: 120_000 }, () => {
  it('says the refusal in the screen’s words and keeps the plan', async () => {
    const controller = await signedIn('controller');
    const office = await signedIn('personale');
    const made = await apiAs(controller, 'POST', '/api/plans', { title: 'Piano di Zeta', year: 2024, organisation: 'Comune di Zeta' });
    expect(made.status).toBe(201);
    const other = await apiAs(controller, 'POST', '/api/plans', { title: 'Piano di prova', year: 2024, organisation: 'Comune di Prova' });
    expect(other.status).toBe(201);
    expect((await apiAs(office, 'PUT', '/api/smvp/2024?organisation=Comune%20di%20Zeta', { document: exampleSmvpJson('Comune di Zeta', 2024), reason: 'delibera n. 1' })).status).toBe(200);
    const people = (await apiAs(office, 'GET', '/api/appraisals/people')).body as { id: string; username: string }[];
    const idOf = (username: string) => people.find((p) => p.username === username)!.id;
    const form = await apiAs(office, 'POST', '/api/appraisals', { year: 2024, personId: idOf('referente'), evaluatorId: idOf('dirigente'), category: 'eq', organisation: 'Comune di Zeta' });
    expect(form.status).toBe(201);

    const { context, page } = await newPage();
    page.on('dialog', (d) => void d.accept());
    await login(page, 'controller');
    const zeta = page.locator('.plan-item[data-plan-title="Piano di Zeta"]');
    await zeta.waitFor();
    await page.click('button[aria-label="Elimina: Piano di Zeta"]');
    const alert = page.locator('.alert[role=alert]');
    await expect
      .poll(() => alert.innerText())
      .toBe(
        "Errore: il piano è l'ultimo del 2024 dell'ente «Comune di Zeta»: eliminandolo, resterebbero senza un piano i documenti dell'ufficio personale di quell'ente e di quell'anno (l'SMVP e 1 scheda di valutazione); correggi invece l'ente del piano con quello a cui appartengono (lo seguono, e il piano si può poi eliminare se quell'ente ha un altro piano del 2024), oppure archivia il piano (resta intero, con l'ente)",
      );
    await expectAccessible(page, 'a plan deletion refused for the records of its body');
    expect(await zeta.count()).toBe(1);

    // In English, the same refusal in English words.
    await chooseLanguage(page, 'en');
    await page.click('button[aria-label="Delete: Piano di Zeta"]');
    await expect.poll(() => alert.innerText()).toContain('Error: the plan is the last of 2024 of the body “Comune di Zeta”: deleting it would leave HR');
    expect(await alert.innerText()).toContain('(the SMVP and 1 appraisal form)');

    // A plan of a body with no records goes, as before.
    await page.click('button[aria-label="Delete: Piano di prova"]');
    await expect.poll(() => page.locator('.plan-item[data-plan-title="Piano di prova"]').count()).toBe(0);
    // The earlier refusal is not left on screen as if it were this deletion's.
    expect(await alert.count()).toBe(0);
    expect(await zeta.count()).toBe(1);
    expect((await apiAs(controller, 'GET', `/api/plans/${made.body.id}`)).status).toBe(200);
    await Promise.all([context.close(), controller.close(), office.close()]);
  });
});
