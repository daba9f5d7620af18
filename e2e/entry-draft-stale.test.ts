/**
 * A value typed and not saved, while another desk saves the same value. The draft is kept with the
 * version of the stored value it was typed on, and a save names that version: before, a draft
 * brought back (after a reload, or after looking elsewhere) was saved over the other desk's value
 * without a word, since the save named the version the screen had just read. Now the person is told
 * the value stored meanwhile, once (a save refused naming who saved first and when), and then their
 * save replaces it. Saved again as it stands, the value is said unchanged, nothing recorded; sent
 * back, such a save is said to answer no request.
 * Real server, fresh SQLite file, the fixture imported through the API, Chromium.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { e2eWorld, pages, planDrawn } from './pages.js';
import { ACCOUNTS } from './server.js';

const world = e2eWorld({ fixture: true });
const { newPage, apiAs, openToReferente, referenteOpensPlan, pickIndicator, storedIndicator } = pages(world);
const MID_YEAR = '2024-06-30';
const TYPED = 'A.2.1:1';
const NAME = 'Attività di informazione e orientamento ai mercati';

const pick = (page: Page): Promise<void> => pickIndicator(page, TYPED, NAME);

/** The controller saves `actual` for the value, from the version stored now (another desk). */
async function otherDeskSaves(controller: BrowserContext, actual: number): Promise<void> {
  const plan = `/api/plans/${encodeURIComponent(world.planId)}`;
  const tree = (await apiAs(controller, 'GET', `${plan}/tree?period=${MID_YEAR}`)).body;
  const version = tree.objectives.find((o: { code: string }) => o.code === 'A.2.1').indicators.find((i: { id: string }) => i.id === TYPED).version as number;
  const put = await apiAs(controller, 'PUT', `${plan}/indicators/${encodeURIComponent(TYPED)}/measurements/${MID_YEAR}`, { state: 'measured', actual, version });
  expect(put.status, JSON.stringify(put.body)).toBe(200);
}

const message = (page: Page) => page.locator('[data-testid=entry-message]').innerText();

describe('a draft typed on a value another desk saves meanwhile', { timeout: 240_000 }, () => {
  it('is not saved over it unseen: brought back, it says the value stored now; kept open, its save is refused once with it', async () => {
    const controller = await openToReferente('A.2.1', MID_YEAR);

    const { context, page } = await newPage();
    page.on('dialog', (d) => void d.accept());
    await referenteOpensPlan(page, MID_YEAR);
    await pick(page);

    // Brought back after a reload: told of the value saved meanwhile, then the save replaces it.
    await page.fill('#entry-actual', '7,5');
    await otherDeskSaves(controller, 9);
    await page.reload();
    await planDrawn(page);
    await expect.poll(() => page.inputValue('#period')).toBe(MID_YEAR);
    await pick(page);
    await expect.poll(() => page.inputValue('#entry-actual')).toBe('7,5');
    // Who saved it by name, as every other author the screens show (the login is no name).
    // And when (it said «qualcun altro», the name only beside the value).
    await expect
      .poll(() => message(page))
      .toMatch(
        new RegExp(
          `^Ripreso quanto scritto qui e non salvato, ma nel frattempo ${ACCOUNTS.controller.displayName} ha salvato questo valore il \\d{2}/\\d{2}/\\d{4} alle \\d{2}:\\d{2}: valore attuale 9\\. `,
        ),
      );
    expect(await message(page)).not.toContain(` ${ACCOUNTS.controller.username} `);
    await page.click('[data-testid=entry-save]');
    await expect.poll(async () => (await storedIndicator(controller, 'A.2.1', TYPED, MID_YEAR))?.actual).toBe(7.5);

    // Typed with the form open, saved after another desk's save: refused once, naming the value stored now.
    // (A save moves the form on to the next value: back to this one.)
    await pick(page);
    await expect.poll(() => page.inputValue('#entry-actual')).toBe('7,5');
    await page.fill('#entry-actual', '8');
    await otherDeskSaves(controller, 6);
    await page.click('[data-testid=entry-save]');
    // Who saved it first and when, from the refusal (it said «Qualcun altro», the name only beside the value).
    await expect
      .poll(() => message(page))
      .toMatch(
        new RegExp(
          `^Questo valore è stato salvato da ${ACCOUNTS.controller.displayName} il \\d{2}/\\d{2}/\\d{4} alle \\d{2}:\\d{2}, prima di te: il tuo valore NON è stato salvato\\. Valore attuale: 6\\. `,
        ),
      );
    expect(await message(page)).not.toContain('Qualcun altro');
    expect((await storedIndicator(controller, 'A.2.1', TYPED, MID_YEAR))?.actual).toBe(6);
    // Told, the person saves again: theirs replaces it.
    await page.click('[data-testid=entry-save]');
    await expect.poll(async () => (await storedIndicator(controller, 'A.2.1', TYPED, MID_YEAR))?.actual).toBe(8);

    // Saved again as it stands: nothing changed, nothing recorded (it said «Salvato» and moved on).
    await pick(page);
    await expect.poll(() => page.inputValue('#entry-actual')).toBe('8');
    await page.click('[data-testid=entry-save]');
    await expect.poll(() => message(page)).toBe('Nessuna modifica: il valore era già salvato così, e non è stato registrato nulla.');
    expect(await page.locator('#detail-title').innerText()).toContain(NAME);
    // Sent back with a request for more, then saved again as it stands: that answers no request, and where to answer it is said.
    const plan = `/api/plans/${encodeURIComponent(world.planId)}`;
    const value = `${plan}/indicators/${encodeURIComponent(TYPED)}/measurements/${MID_YEAR}`;
    const version = (await apiAs(controller, 'GET', `${value}/reviews`)).body.version as number;
    expect((await apiAs(controller, 'POST', `${value}/reviews`, { action: 'return', note: 'Indicare la fonte del dato.', version })).status).toBe(201);
    await page.click('[data-testid=entry-save]');
    await expect
      .poll(() => message(page))
      .toBe(
        'Nessuna modifica: il valore era già salvato così, e non è stato registrato nulla. Salvarlo così com’è non risponde alla richiesta di integrazione: correggere il valore, o rispondere alla richiesta con «Rispondi» in «Le mie misurazioni».',
      );
    expect((await apiAs(controller, 'GET', `${value}/reviews`)).body).toMatchObject({ state: 'returned', version });
    await context.close();
    await controller.close();
  });
});
