/**
 * The last stale refusals, in the browser, each with a real second writer (the administrator, at
 * another desk, through the API):
 * - the office saves the Relazione's texts after the administrator saved them: the screen says who
 *   and when, in Italian and in English (it said «modificata da un altro utente» / “someone else”),
 *   and keeps what was typed beside what she saved;
 * - the referente saves a value typed in numbers after the administrator made the indicator's unit
 *   a date: the form says the unit changed, by whom and when, and that the value was not saved (it
 *   said the value was no date, or, in a race, that «qualcun altro» had saved a value).
 * Nothing of the refused save is stored. Real server, fresh SQLite file, Chromium.
 */
import { describe, expect, it } from 'vitest';
import { e2eWorld, pages } from './pages.js';
import { ACCOUNTS } from './server.js';

const world = e2eWorld({ fixture: true });
const { planApi, loggedIn, signedIn, apiAs, chooseLanguage, newPage, openToReferente, referenteOpensPlan, pickIndicator } = pages(world);
const MID_YEAR = '2024-06-30';
const BY = ACCOUNTS.admin.displayName;
const MOMENT = { it: '\\d{2}/\\d{2}/\\d{4} alle \\d{2}:\\d{2}', en: '\\d{2}/\\d{2}/\\d{4} at \\d{2}:\\d{2}' };

describe('a save refused because another desk saved first names who and when', { timeout: 240_000 }, () => {
  it('the Relazione’s texts, in Italian and in English', async () => {
    const { context, page } = await loggedIn('controller');
    await page.goto(`${world.server.url}/plans/${encodeURIComponent(world.planId)}/relazione`);
    await page.waitForSelector('[data-testid=relazione-page]');
    const admin = await signedIn('admin');
    const url = `${planApi()}/relazione/texts`;
    const message = () => page.locator('[data-testid=relazione-message]').innerText();

    // Read at version 0; the administrator saves meanwhile; the office's save is refused naming her.
    expect((await apiAs(admin, 'PUT', url, { texts: { presentazione: 'Presentazione dell’amministratrice.' }, version: 0 })).status).toBe(200);
    await page.fill('#relazione-text-presentazione', 'Presentazione del controllo.');
    await page.click('[data-testid=relazione-save]');
    await expect.poll(message).toMatch(new RegExp(`^${BY} ha salvato la Relazione il ${MOMENT.it}, dopo che l’hai letta: i tuoi testi non sono ancora salvati`));
    expect((await apiAs(context, 'GET', `${planApi()}/relazione`)).body).toMatchObject({ version: 1, texts: { presentazione: 'Presentazione dell’amministratrice.' } });
    // Both wrote the section: what was typed stays, beside what she saved (e2e/relazione-merge.test.ts goes on from here).
    expect(await page.inputValue('#relazione-text-presentazione')).toBe('Presentazione del controllo.');
    expect(await page.locator('[data-testid=relazione-theirs-presentazione]').innerText()).toBe('Presentazione dell’amministratrice.');
    await page.click('[data-testid=relazione-take-theirs-presentazione]');

    // In English, the same.
    await chooseLanguage(page, 'en');
    expect((await apiAs(admin, 'PUT', url, { texts: { presentazione: 'Seconda presentazione.' }, version: 1 })).status).toBe(200);
    await page.fill('#relazione-text-presentazione', 'Presentazione del controllo, di nuovo.');
    await page.click('[data-testid=relazione-save]');
    await expect.poll(message).toMatch(new RegExp(`^${BY} saved the report on ${MOMENT.en}, after you read it: your texts are not saved yet`));
    expect((await apiAs(context, 'GET', `${planApi()}/relazione`)).body).toMatchObject({ version: 2, texts: { presentazione: 'Seconda presentazione.' } });
    await context.close();
  });

  it('a value typed in a unit the administrator changed since', async () => {
    const controller = await signedIn('controller');
    const created = await apiAs(controller, 'POST', `${planApi()}/nodes/A.2.1/indicators`, { name: 'Pratiche evase', weight: 10, comparator: '>=', target: 100, unit: 'number' });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.id as string;
    await openToReferente('A.2.1', MID_YEAR);

    const { context, page } = await newPage();
    await referenteOpensPlan(page, MID_YEAR);
    await pickIndicator(page, id, 'Pratiche evase');
    // The form read it in numbers; the administrator makes it a date meanwhile.
    const admin = await signedIn('admin');
    expect((await apiAs(admin, 'PATCH', `${planApi()}/indicators/${encodeURIComponent(id)}`, { unit: 'date', target: '2024-09-30', version: 1 })).status).toBe(200);
    await page.fill('#entry-actual', '17');
    await page.click('[data-testid=entry-save]');
    await expect
      .poll(() => page.locator('[data-testid=entry-message]').innerText())
      .toMatch(
        new RegExp(
          `^L’unità dell’indicatore è stata cambiata da ${BY} il ${MOMENT.it}, dopo che l’hai letto: ora è «Data»\\. Il tuo valore NON è stato salvato: ricarica e inseriscilo di nuovo nella nuova unità\\.`,
        ),
      );
    expect(await page.locator('[data-testid=entry-message]').innerText()).not.toContain('Qualcun altro');
    const tree = (await apiAs(controller, 'GET', `${planApi()}/tree?period=${MID_YEAR}`)).body;
    const stored = tree.objectives.find((o: { code: string }) => o.code === 'A.2.1').indicators.find((i: { id: string }) => i.id === id);
    expect(stored).toMatchObject({ unit: 'date', version: 0 });
    await context.close();
  });
});
