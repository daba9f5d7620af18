/**
 * The controller deletes, on the plans screen, the last plan of a body whose SMVP and appraisal form
 * HR keeps for that year, in the app's own dialog (keyboard only: the plan's title, what happens to
 * its forms, an optional reason; Escape cancels and the focus goes back): the dialog says the
 * server's refusal in the screen's language (Italian, then English after a change of language), with what would be left without a plan and what to do
 * instead, and the plan stays listed; a second plan of another body, with no records, goes. Against
 * the real server and a fresh SQLite file.
 */
import { describe, expect, it } from 'vitest';
import { exampleSmvpJson } from '../src/core/appraisal/index.js';
import { e2eWorld, focused, pages } from './pages.js';

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
    // The app asks in its own dialog: a browser prompt would fail the test (none is answered).
    page.on('dialog', (d) => {
      throw new Error(`a browser dialog was opened: ${d.message()}`);
    });
    await login(page, 'controller');
    const zeta = page.locator('.plan-item[data-plan-title="Piano di Zeta"]');
    await zeta.waitFor();
    const dialog = page.locator('[data-testid=delete-plan-dialog][open]');

    // Keyboard only: the dialog opens with its question, the consequence and the reason; Escape cancels, the focus goes back.
    await page.locator('button[aria-label="Elimina: Piano di Zeta"]').focus();
    await page.keyboard.press('Enter');
    await dialog.waitFor();
    expect(await dialog.locator('h2').innerText()).toBe('Eliminare il piano');
    expect(await dialog.getByTestId('delete-plan-question').innerText()).toBe('Eliminare il piano «Piano di Zeta»?');
    expect(await dialog.getByTestId('delete-plan-consequence').innerText()).toContain('Le sue schede di valutazione non ancora valutate passano a un altro piano del 2024 dell’ente «Comune di Zeta»');
    await expect.poll(() => focused(page)).toBe('delete-plan-reason');
    await expectAccessible(page, 'the plan deletion dialog');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Elimina: Piano di Zeta');
    expect(await zeta.count()).toBe(1);

    // Again, with a reason: the server's refusal is said in the dialog, in the screen's words, and the plan stays.
    await page.keyboard.press('Enter');
    await dialog.waitFor();
    await expect.poll(() => focused(page)).toBe('delete-plan-reason');
    await page.keyboard.type('Creato per errore');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('delete-plan-confirm');
    await page.keyboard.press('Enter');
    const refusal = dialog.getByTestId('delete-plan-refusal');
    await expect
      .poll(() => refusal.innerText().catch(() => ''))
      .toBe(
        "Errore: il piano è l'ultimo del 2024 dell'ente «Comune di Zeta»: eliminandolo, resterebbero senza un piano i documenti dell'ufficio personale di quell'ente e di quell'anno (l'SMVP e 1 scheda di valutazione); correggi invece l'ente del piano con quello a cui appartengono (lo seguono, e il piano si può poi eliminare se quell'ente ha un altro piano del 2024), oppure archivia il piano (resta intero, con l'ente)",
      );
    await expect.poll(() => focused(page)).toBe('delete-plan-refusal');
    await expectAccessible(page, 'a plan deletion refused for the records of its body');
    // The language changed from inside the dialog: the refusal on screen is said again in English, by its
    // code and parameters (before, it stayed in Italian, the dialog around it in English).
    await page.selectOption('dialog[open] [data-testid=dialog-language]', 'en');
    await expect.poll(() => dialog.getByTestId('delete-plan-question').innerText()).toBe('Delete the plan “Piano di Zeta”?');
    await expect.poll(() => refusal.innerText().catch(() => '')).toContain('Error: the plan is the last of 2024 of the body “Comune di Zeta”: deleting it would leave HR');
    expect(await refusal.innerText()).toContain('(the SMVP and 1 appraisal form)');
    await page.selectOption('dialog[open] [data-testid=dialog-language]', 'it');
    await expect.poll(() => refusal.innerText().catch(() => '')).toContain("Errore: il piano è l'ultimo del 2024 dell'ente «Comune di Zeta»");
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await zeta.count()).toBe(1);

    // In English, the dialog and the same refusal in English words.
    await chooseLanguage(page, 'en');
    await page.locator('button[aria-label="Delete: Piano di Zeta"]').focus();
    await page.keyboard.press('Enter');
    await dialog.waitFor();
    expect(await dialog.getByTestId('delete-plan-question').innerText()).toBe('Delete the plan “Piano di Zeta”?');
    expect(await dialog.getByTestId('delete-plan-consequence').innerText()).toContain('Its appraisal forms not yet evaluated move to another plan of 2024 of the body “Comune di Zeta”');
    expect(await dialog.locator('label[for=delete-plan-reason]').innerText()).toBe('Reason (optional)');
    await expect.poll(() => focused(page)).toBe('delete-plan-reason');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('delete-plan-confirm');
    await page.keyboard.press('Enter');
    await expect.poll(() => refusal.innerText().catch(() => '')).toContain('Error: the plan is the last of 2024 of the body “Comune di Zeta”: deleting it would leave HR');
    expect(await refusal.innerText()).toContain('(the SMVP and 1 appraisal form)');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });

    // A plan of a body with no records goes, as before; the focus is given to the page's main region.
    await page.locator('button[aria-label="Delete: Piano di prova"]').focus();
    await page.keyboard.press('Enter');
    await dialog.waitFor();
    await expect.poll(() => focused(page)).toBe('delete-plan-reason');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.plan-item[data-plan-title="Piano di prova"]').count()).toBe(0);
    await dialog.waitFor({ state: 'detached' });
    expect(await page.locator('.alert[role=alert]').count()).toBe(0);
    expect(await zeta.count()).toBe(1);
    expect((await apiAs(controller, 'GET', `/api/plans/${made.body.id}`)).status).toBe(200);
    await Promise.all([context.close(), controller.close(), office.close()]);
  });
});
