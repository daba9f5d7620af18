/**
 * A revision of a year whose Relazione the OIV validated, in the browser: the form to open it says,
 * before it is opened, that the validated Relazione and the documento di validazione stay as they
 * were validated; once opened, and once approved, the register says the revision came after the
 * validation. Italian and English; axe. Real server, fresh SQLite file, the fixture imported through the API.
 */
import { describe, expect, it } from 'vitest';
import { momentDayText } from '../src/core/messages/index.js';
import { e2eWorld, pages } from './pages.js';

const world = e2eWorld({ fixture: true });
const { planApi, loggedIn, apiAs, openPlan, chooseLanguage, expectAccessible } = pages(world);
const YEAR_END = '2024-12-31';

describe('a revision after the validation of the Relazione', { timeout: 240_000 }, () => {
  it('says the consequence before the revision is opened, and marks it on the register', async () => {
    const office = await loggedIn('controller');
    const oiv = await loggedIn('oiv');
    expect((await apiAs(office.context, 'POST', `${planApi()}/adopt`, { act: { kind: 'Delibera di Giunta', number: '12', date: '2024-01-30' } })).status).toBe(200);
    for (const to of ['collecting', 'closed']) expect((await apiAs(office.context, 'POST', `${planApi()}/periods/${YEAR_END}/transition`, { to, acknowledgeUnreviewed: true })).status).toBe(200);
    expect((await apiAs(office.context, 'POST', `${planApi()}/relazione/transition`, { to: 'transmitted', confirmEmpty: true })).status).toBe(200);
    const current = (await apiAs(oiv.context, 'GET', `${planApi()}/relazione`)).body;
    const checklist = current.checklist.map((p: { label: string }) => ({ ...p, outcome: 'yes' }));
    expect((await apiAs(oiv.context, 'PUT', `${planApi()}/relazione/review`, { note: 'Verificato.', reservations: '', checklist, values: [], version: current.version })).status).toBe(200);
    const decided = await apiAs(oiv.context, 'POST', `${planApi()}/relazione/transition`, { to: 'validated' });
    expect(decided.status).toBe(200);
    // The body's day of the validation (Europe/Rome), as the register says it.
    const day = momentDayText(decided.body.decidedAt as string);

    const { page } = office;
    await openPlan(page);
    await page.click('[data-testid=revisions-toggle]');
    await page.waitForSelector('[data-testid=revisions-panel]');
    const warning = page.locator('[data-testid=open-after-validation]');
    await expect.poll(() => warning.innerText()).toContain(`La Relazione 2024 è stata validata dall'OIV il ${day}.`);
    expect(await warning.innerText()).toContain('la Relazione validata e il documento di validazione restano come sono stati validati');
    // Read with the button: a screen reader hears it where it would open the revision.
    expect(await page.locator('[data-testid=open-revision]').getAttribute('aria-describedby')).toBe('open-after-validation');
    await expectAccessible(page, 'revisions: opening after the validation');
    await chooseLanguage(page, 'en');
    await expect.poll(() => warning.innerText()).toContain(`The OIV validated the 2024 Relazione on ${day}.`);
    await chooseLanguage(page, 'it');

    await page.fill('#revision-reason', 'Denominazione dell’ente corretta');
    await page.click('[data-testid=open-revision]');
    await page.waitForSelector('[data-testid=current-revision]');
    const mark = page.locator('[data-testid=after-validation]');
    await expect.poll(() => mark.innerText()).toBe(`Revisione aperta dopo la validazione della Relazione del ${day}: la Relazione validata resta com'era.`);

    expect((await apiAs(office.context, 'PATCH', planApi(), { organisation: 'Camera di commercio rinominata' })).status).toBe(200);
    const register = (await apiAs(office.context, 'GET', `${planApi()}/revisions`)).body as { number: number; version: number }[];
    expect((await apiAs(office.context, 'POST', `${planApi()}/revisions/${register[0]!.number}/approve`, {})).status).toBe(200);
    await page.reload();
    await page.click('[data-testid=revisions-toggle]');
    await expect.poll(() => mark.innerText()).toBe(`Revisione approvata dopo la validazione della Relazione del ${day}: la Relazione validata non la comprende e resta com'era.`);
    await chooseLanguage(page, 'en');
    await expect.poll(() => mark.innerText()).toBe(`Revision approved after the validation of the Relazione on ${day}: the validated Relazione does not include it and stays as it was.`);
  });
});
