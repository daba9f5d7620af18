/**
 * HR assigns, on the appraisal screen, the records a body correction left under a name no plan of
 * their year carries (before, HR could read them only through the API): the screen says what they
 * are, under which old name and what it was corrected to; a body not chosen is said at the field;
 * a body whose plan was corrected away after the screen was read is refused at the field in the
 * server's words, and the list read again offers where it went; the body chosen takes them all
 * (its form, its SMVP), said in English after a change of language, on the trail as HR's. Axe on
 * the list and on the refusal. Against the real server and a fresh SQLite file.
 */
import { describe, expect, it } from 'vitest';
import { exampleSmvpJson } from '../src/core/appraisal/index.js';
import type { Db } from '../src/store/db.js';
import { openStore } from '../src/store/index.js';
import { removedFrom, strandRecords, type Call } from '../test/support/stranded.js';
import { e2eWorld, focused, pages, pressWithKeyboard, tabGoesOn } from './pages.js';

const world = e2eWorld();
const { newPage, login, signedIn, apiAs, chooseLanguage, expectAccessible } = pages(world);

describe('records left under a corrected body, on the HR screen', { timeout: 120_000 }, () => {
  it('HR sees them and assigns them to the body chosen', async () => {
    const controller = await signedIn('controller');
    const office = await signedIn('personale');
    const as =
      (context: typeof controller): Call =>
      (method, path, body) =>
        apiAs(context, method, path, body);
    const people = (await apiAs(office, 'GET', '/api/appraisals/people')).body as { id: string; username: string }[];
    const idOf = (username: string) => people.find((p) => p.username === username)!.id;
    // The server's own file, for the one step the API refuses now (a plan deleted as before).
    const store = await openStore(world.server.database);
    const plans = await strandRecords(as(controller), as(office), {
      from: 'Comune di Vecchio',
      to: ['Comune di Uno', 'Comune di Due'],
      year: 2024,
      form: { personId: idOf('referente'), evaluatorId: idOf('dirigente') },
      removePlan: removedFrom((store as unknown as { db: Db }).db),
    }).finally(() => store.close());

    const { context, page } = await newPage();
    await login(page, 'personale');
    await page.click('[data-testid=nav-appraisals]');
    const group = page.locator('[data-testid=stranded-group]');
    await group.waitFor();
    const text = await group.innerText();
    expect(text).toContain('«Comune di Vecchio», 2024');
    expect(text).toContain('Corretto in: Comune di Uno, Comune di Due');
    expect(text).toContain('SMVP: versione 1');
    expect(text).toContain('Rita Referente (Elevata qualificazione / posizione organizzativa; Obiettivi da condividere)');
    expect(await page.locator('[data-testid=stranded-to] optgroup').first().getAttribute('label')).toBe('Enti in cui è stato corretto');
    await expectAccessible(page, 'records left under a corrected body');

    // Nothing chosen: said at the field, which takes the focus; nothing sent.
    await page.click('[data-testid=stranded-assign]');
    const select = page.locator('[data-testid=stranded-to]');
    await expect.poll(() => page.locator('.invalid-feedback').innerText()).toBe('Scegliere un ente.');
    expect(await select.evaluate((e) => e === document.activeElement)).toBe(true);

    // The body chosen is corrected away after the screen was read: refused at the field, in the server's words.
    await select.selectOption('Comune di Due');
    expect((await apiAs(controller, 'PATCH', `/api/plans/${plans['Comune di Due']}`, { organisation: 'Comune di Tre' })).status).toBe(200);
    await page.click('[data-testid=stranded-assign]');
    await expect
      .poll(() => page.locator('.invalid-feedback').innerText())
      .toBe("Nessun piano del 2024 porta più l'ente «Comune di Due» (il suo piano è stato corretto o eliminato nel frattempo): scegliere un altro ente.");
    expect(await select.getAttribute('aria-invalid')).toBe('true');
    expect(await select.evaluate((e) => e === document.activeElement)).toBe(true);
    // Read again: the correction now leads to "Comune di Tre".
    await expect.poll(() => select.locator('optgroup').first().locator('option').allInnerTexts()).toEqual(['Comune di Tre', 'Comune di Uno']);
    await expectAccessible(page, 'a refused assignment');
    expect((await apiAs(office, 'GET', '/api/smvp/2024?organisation=Comune%20di%20Vecchio')).status).toBe(200);

    // In English, the body they belong to: all of it goes there, and the screen says so.
    await chooseLanguage(page, 'en');
    await expect.poll(() => group.innerText()).toContain('“Comune di Vecchio”, 2024');
    await select.selectOption('Comune di Uno');
    // From the keyboard: the button, disabled while the records are assigned, goes with its group; the focus
    // goes to the section's heading, the notice beside it, not to the page's body.
    await pressWithKeyboard(page, '[data-testid=stranded-assign]');
    await expect.poll(() => page.locator('[data-testid=stranded-notice]').innerText()).toBe('2 records of 2024 under “Comune di Vecchio” assigned to “Comune di Uno”.');
    expect(await page.locator('[data-testid=stranded-notice]').getAttribute('role')).toBe('status');
    await expect.poll(() => group.count()).toBe(0);
    expect(await focused(page)).toBe('stranded-title');
    await tabGoesOn(page);
    expect((await apiAs(office, 'GET', '/api/appraisals/stranded-bodies')).body).toEqual([]);
    expect((await apiAs(office, 'GET', '/api/smvp/2024?organisation=Comune%20di%20Uno')).status).toBe(200);
    const forms = (await apiAs(office, 'GET', '/api/appraisals?year=2024')).body as { id: string; organisation: string }[];
    expect(forms.map((f) => f.organisation)).toEqual(['Comune di Uno']);
    const trail = (await apiAs(office, 'GET', `/api/appraisals/${forms[0]!.id}/trail`)).body as { action: string; user: string; before: unknown; after: unknown }[];
    expect(trail.at(-1)).toMatchObject({ action: 'assign-body', user: 'personale', before: { organisation: 'Comune di Vecchio' }, after: { organisation: 'Comune di Uno' } });
    // Back in Italian, the notice too (kept by its code and parameters: before, it stayed in English).
    await chooseLanguage(page, 'it');
    await expect.poll(() => page.locator('[data-testid=stranded-notice]').innerText()).toBe('2 registrazioni del 2024 di «Comune di Vecchio» attribuite a «Comune di Uno».');
    await Promise.all([context.close(), controller.close(), office.close()]);
  });

  it('HR sees records saved under a body after its last plan of the year was deleted, with the plan deleted', async () => {
    const controller = await signedIn('controller');
    const office = await signedIn('personale');
    const made = await apiAs(controller, 'POST', '/api/plans', { title: 'Piano di Iota', year: 2024, organisation: 'Comune di Iota' });
    expect(made.status).toBe(201);
    expect((await apiAs(controller, 'DELETE', `/api/plans/${String(made.body.id)}`)).status).toBe(200);
    // Saved from a screen read before the deletion: it lands under a name no plan carries.
    const saved = await apiAs(office, 'PUT', '/api/smvp/2024?organisation=Comune%20di%20Iota', { document: exampleSmvpJson('Comune di Iota', 2024), reason: 'delibera n. 9' });
    expect(saved.status).toBe(200);

    const { context, page } = await newPage();
    await login(page, 'personale');
    await page.click('[data-testid=nav-appraisals]');
    const group = page.locator('[data-testid=stranded-group][data-organisation="Comune di Iota"]');
    await group.waitFor();
    const text = await group.innerText();
    expect(text).toContain('Piani eliminati: Piano di Iota');
    expect(text).not.toContain('Corretto in');
    expect(await page.locator('[data-testid=stranded] p').first().innerText()).toContain("o i suoi piani dell'anno sono stati eliminati");
    await expectAccessible(page, 'records left under a body whose plan was deleted');
    await chooseLanguage(page, 'en');
    await expect.poll(() => group.innerText()).toContain('Plans deleted: Piano di Iota');
    await Promise.all([context.close(), controller.close(), office.close()]);
  });
});
