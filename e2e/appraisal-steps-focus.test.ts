/**
 * An appraisal form's steps taken from the keyboard, as the person and HR take them: the person on a
 * 390 px phone finds the form in the list (its columns in a region of their own, named by the list's
 * heading, the page never scrolling sideways: before, 36 to 87 px), opens it, types why and contests
 * the evaluation, whose screen fits the phone too (before, the score's components, with the weight
 * applied beside the SMVP's, stood 5 px past it); HR, in English on a desktop, records the conciliation. Each step's button goes with
 * the state it belonged to: the message saying what was done takes the focus (before, the page's
 * body had it), and the next Tab goes on from there. The message is said again in the language the
 * reader switches to (before, «Fatto: Contestata (in conciliazione).» stayed on the English screen),
 * and the score's problems each as a sentence (before, lower-case clauses: «performance della struttura: …»).
 * Real server, fresh SQLite file, axe on each answer.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { e2eWorld, focused, pages, pressLandsOn, tabTo } from './pages.js';
import { ACCOUNTS } from './server.js';

const world = e2eWorld({ fixture: true });
const { signedIn, signedInPage, evaluatedStaffForm, apiAs, chooseLanguage, expectAccessible, openAppraisal } = pages(world);

/** How far the page reaches past the viewport's right edge, in CSS pixels (0: it fits). */
const sideways = (page: Page): Promise<number> => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

describe("an appraisal form's steps from the keyboard", { timeout: 240_000 }, () => {
  it('the person contests on a phone and HR conciliates, the focus on what was done, said in the language chosen', async () => {
    // The referente's form evaluated by the dirigente (its objective measured after the interview, its behaviours rated).
    const [hr, boss, person] = [await signedIn('personale'), await signedIn('dirigente'), await signedIn('referente')];
    const created = await evaluatedStaffForm(hr, boss, person, 'Obiettivo in linea a metà anno');
    const form = `/api/appraisals/${encodeURIComponent(created.id)}`;

    // The person, on a phone: the list fits the screen, its table scrolling in a named region of its own.
    const me = await signedInPage('referente', null);
    await me.page.setViewportSize({ width: 390, height: 844 });
    await openAppraisal(me.page);
    expect(await sideways(me.page)).toBe(0);
    const region = me.page.getByRole('region', { name: 'Le schede che posso vedere' });
    expect(await region.getAttribute('tabindex')).toBe('0');
    await expectAccessible(me.page, 'the list of forms on a phone');
    // Keyboard only from here: the region, the form's link, its reason, «Contesto la valutazione».
    await tabTo(me.page, 'appraisal-list-region');
    await me.page.keyboard.press('Tab');
    expect(await focused(me.page)).toBe(`a:${ACCOUNTS.referente.displayName}`);
    await me.page.keyboard.press('Enter');
    await me.page.waitForSelector('[data-testid=action-contest]');
    await tabTo(me.page, 'action-text');
    await me.page.keyboard.type('Il comportamento C3 non tiene conto del trasferimento di marzo');
    await me.page.keyboard.press('Tab');
    expect(await focused(me.page)).toBe('action-accept');
    await me.page.keyboard.press('Tab');
    expect(await focused(me.page)).toBe('action-contest');
    await pressLandsOn(me.page, '[data-testid=action-contest]', { on: 'form-message', says: 'Fatto: Contestata (in conciliazione).', axe: 'the form contested, on a phone' });
    await expect.poll(() => me.page.locator('[data-testid=form-state]').innerText()).toBe('Contestata (in conciliazione)');
    expect(await me.page.locator('[data-testid=form-issues] li').allInnerTexts()).toEqual(['Performance della struttura: ancora nessun punteggio; le altre componenti sono riproporzionate.']);
    expect(await sideways(me.page)).toBe(0);
    // The reader switches to English: what was done is said in English too.
    await chooseLanguage(me.page, 'en');
    await expect.poll(() => me.page.locator('[data-testid=form-state]').innerText()).toBe('Contested (in conciliation)');
    expect(await me.page.locator('[data-testid=form-message]').innerText()).toBe('Done: Contested (in conciliation).');
    // The unit without a score, said as a sentence (before, the catalogue's clause in lower case, without its full stop).
    expect(await me.page.locator('[data-testid=form-issues] li').allInnerTexts()).toEqual(["The unit's performance: no score yet; the other components are re-normalised."]);

    // HR, in English on a desktop, records the conciliation from the keyboard.
    const office = await signedInPage('personale', null);
    await openAppraisal(office.page, created.id);
    await chooseLanguage(office.page, 'en');
    await office.page.waitForSelector('[data-testid=action-conciliate]');
    await office.page.locator('[data-testid=action-text]').focus();
    await office.page.keyboard.type('Minutes no. 3: the rating of C3 confirmed');
    await pressLandsOn(office.page, '[data-testid=action-conciliate]', { on: 'form-message', says: 'Done: Final.', axe: 'the form conciliated' });
    expect(await office.page.locator('[data-testid=form-state]').innerText()).toBe('Final');
    // Back in Italian, the same message in Italian.
    await chooseLanguage(office.page, 'it');
    await expect.poll(() => office.page.locator('[data-testid=form-message]').innerText()).toBe('Fatto: Definitiva.');
    expect((await apiAs(person, 'GET', form)).body.state).toBe('final');
  });
});
