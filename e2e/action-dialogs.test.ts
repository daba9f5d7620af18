/**
 * The app asks in its own dialog (ui/ActionDialog), not the browser's `confirm`, before deleting a
 * period, before the OIV validates one and before an evidence file is removed: keyboard only, each
 * dialog with its title, what will happen, the action and «Annulla» (focused first); Escape
 * cancels with the focus back on the button that opened it; a refusal of the server said inside
 * the dialog, focused, in the screen's language (Italian and English); axe on each; the validation
 * on a 390 px phone. Before, the browser's own question came (this file fails on any), and a
 * refusal was said outside it, after it had gone.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { tinyPdf } from '../test/support/files.js';
import { e2eWorld, focused, pages, pickPeriod } from './pages.js';

const world = e2eWorld({ fixture: true });
const { newPage, login, apiAs, signedIn, openPlan, search, chooseLanguage, expectAccessible } = pages(world);

/** A page whose browser dialogs fail the test: the app must ask in its own. */
async function appPage() {
  const opened = await newPage();
  opened.page.on('dialog', (d) => {
    throw new Error(`a browser dialog was opened: ${d.message()}`);
  });
  return opened;
}

/**
 * Enter on the button `selector` opens the dialog `testId`, focused on «Annulla». Pressed again if
 * the screen was drawn anew between the focus and the key (a read of the tree coming back then
 * replaces the button, and the Enter lands on the page).
 */
async function ask(page: Page, selector: string, testId: string): Promise<void> {
  const open = page.locator(`[data-testid=${testId}][open]`);
  for (let tries = 0; tries < 5 && (await open.count()) === 0; tries++) {
    await page.locator(selector).focus();
    await page.keyboard.press('Enter');
    await open.waitFor({ timeout: 5_000 }).catch(() => undefined);
  }
  await open.waitFor();
  await expect.poll(() => focused(page)).toBe(`${testId}-cancel`);
}

/** From «Annulla», the action's button (before it) and Enter. */
async function confirm(page: Page, testId: string): Promise<void> {
  await page.keyboard.press('Shift+Tab');
  expect(await focused(page)).toBe(`${testId}-confirm`);
  await page.keyboard.press('Enter');
}

/** Escape: the dialog goes and the focus is back on the button that opened it. */
async function escape(page: Page, testId: string, opener: string): Promise<void> {
  await page.keyboard.press('Escape');
  await page.waitForSelector(`[data-testid=${testId}]`, { state: 'detached' });
  expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent?.trim())).toBe(opener);
}

/**
 * Escape after a refusal: the focus back on the button that opened the dialog while it is there; a
 * read of the tree that came back meanwhile (on a busy machine it may) shows the period as it now
 * is, without its delete button, and then the main region takes the focus (ui/Form's Dialog).
 */
async function escapeRefused(page: Page, testId: string, opener: string): Promise<void> {
  await page.keyboard.press('Escape');
  await page.waitForSelector(`[data-testid=${testId}]`, { state: 'detached' });
  const focus = await page.evaluate((label) => {
    const there = Array.from(document.querySelectorAll('button')).some((b) => b.getAttribute('aria-label') === label);
    const active = document.activeElement;
    return { there, on: active?.id === 'main' ? 'main' : (active?.getAttribute('aria-label') ?? active?.textContent?.trim()) };
  }, opener);
  expect(focus.on).toBe(focus.there ? opener : 'main');
}

/**
 * The screen in English, its tree read again in English (the periods and their states come with it):
 * a change made through the API after this is one the screen has not read.
 */
async function inEnglish(page: Page): Promise<void> {
  const reread = page.waitForResponse((r) => r.url().includes('/tree') && r.url().includes('lang=en'));
  await chooseLanguage(page, 'en');
  await reread;
}

/** What the dialog says will happen, one line per paragraph. */
const said = async (page: Page, testId: string) => (await page.getByTestId(`${testId}-text`).innerText()).replace(/\n+/g, '\n');

/** The dialog's refusal, once said, and whether it has the focus. */
async function refusal(page: Page, testId: string): Promise<string> {
  const alert = page.getByTestId(`${testId}-refusal`);
  await expect.poll(() => alert.count()).toBe(1);
  await expect.poll(() => focused(page)).toBe(`${testId}-refusal`);
  return alert.innerText();
}

describe('asking before an action, in the app’s own dialog', { timeout: 180_000 }, () => {
  it('deletes a period after asking; a period no longer open is refused in the dialog, in Italian and English', async () => {
    const controller = await signedIn('controller');
    const plan = (await apiAs(controller, 'POST', '/api/plans', { title: 'Piano dei periodi', year: 2024 })).body as { id: string };
    const path = `/api/plans/${encodeURIComponent(plan.id)}`;
    expect((await apiAs(controller, 'POST', `${path}/nodes`, { code: 'A', title: 'Area A', parent: null })).status).toBe(201);
    for (const [endsOn, label] of [
      ['2024-04-30', 'Aprile'],
      ['2024-05-31', 'Maggio'],
      ['2024-06-15', 'Giugno'],
    ])
      expect((await apiAs(controller, 'POST', `${path}/periods`, { endsOn, label })).status).toBe(201);
    const periods = async () => ((await apiAs(controller, 'GET', `${path}/periods`)).body as { id: string }[]).map((p) => p.id);
    const before = await periods();

    const { context, page } = await appPage();
    await login(page, 'controller');
    await openPlan(page, plan.id);
    await page.locator('[data-testid=periods-toggle]').focus();
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid=periods-panel]');
    const dialog = 'period-delete-dialog';

    // Asked, then cancelled by Escape: the period stays.
    await ask(page, 'button[aria-label="Elimina il periodo Aprile"]', dialog);
    expect(await page.locator(`[data-testid=${dialog}] h2`).innerText()).toBe('Elimina il periodo');
    expect(await said(page, dialog)).toBe(
      'Eliminare il periodo «Aprile» (al 30/04/2024)?\nEsce dal piano e dal selettore dei periodi. Si elimina solo un periodo aperto, senza valori, evidenze né commenti: altrimenti resta com’è. L’eliminazione resta nel registro delle modifiche.',
    );
    await expectAccessible(page, 'the period deletion dialog');
    await escape(page, dialog, 'Elimina il periodo Aprile');
    expect(await periods()).toEqual(before);

    // Confirmed: the period goes, the panel's title takes the focus (its row is gone).
    await ask(page, 'button[aria-label="Elimina il periodo Aprile"]', dialog);
    await confirm(page, dialog);
    await page.waitForSelector(`[data-testid=${dialog}]`, { state: 'detached' });
    await expect.poll(periods).toEqual(before.filter((id) => id !== '2024-04-30'));
    await expect.poll(() => page.locator('[data-testid=periods-panel] [data-period="2024-04-30"]').count()).toBe(0);
    await expect.poll(() => focused(page)).toBe('periods-title');

    // Another desk starts collecting May's values while this screen asks about it: the deletion is refused in the dialog.
    await ask(page, 'button[aria-label="Elimina il periodo Maggio"]', dialog);
    expect((await apiAs(controller, 'POST', `${path}/periods/2024-05-31/transition`, { to: 'collecting' })).status).toBe(200);
    await confirm(page, dialog);
    expect(await refusal(page, dialog)).toBe('Il periodo non è più aperto: non si può eliminare.');
    await expectAccessible(page, 'a period deletion refused');
    await escapeRefused(page, dialog, 'Elimina il periodo Maggio');

    // In English, the same for June: the dialog and the refusal in English words.
    await inEnglish(page);
    await ask(page, 'button[aria-label="Delete the period Giugno"]', dialog);
    expect(await page.locator(`[data-testid=${dialog}] h2`).innerText()).toBe('Delete the period');
    expect(await said(page, dialog)).toContain('Delete the period “Giugno” (ending 15/06/2024)?\nIt leaves the plan and the period selector.');
    expect((await apiAs(controller, 'POST', `${path}/periods/2024-06-15/transition`, { to: 'collecting' })).status).toBe(200);
    await confirm(page, dialog);
    expect(await refusal(page, dialog)).toBe('The period is no longer open: it cannot be deleted.');
    await escapeRefused(page, dialog, 'Delete the period Giugno');
    expect(await periods()).toEqual(expect.arrayContaining(['2024-05-31', '2024-06-15']));
    await Promise.all([context.close(), controller.close()]);
  });

  it('the OIV validates a period after asking, on a phone in English; a period moved meanwhile is said in the dialog', async () => {
    const controller = await signedIn('controller');
    const path = `/api/plans/${encodeURIComponent(world.planId)}`;
    const PERIOD = '2024-09-30';
    const move = async (to: string, reason?: string) =>
      expect((await apiAs(controller, 'POST', `${path}/periods/${PERIOD}/transition`, { to, ...(reason ? { reason } : { acknowledgeUnreviewed: true }) })).status).toBe(200);
    await move('collecting');
    await move('closed');
    const state = async () => ((await apiAs(controller, 'GET', `${path}/periods`)).body as { id: string; state: string }[]).find((p) => p.id === PERIOD)!.state;

    const { context, page } = await appPage();
    await login(page, 'oiv');
    // A phone (signed in first: the header's collapsed menu hides who is signed in, which `login` waits for).
    await page.setViewportSize({ width: 390, height: 844 });
    await chooseLanguage(page, 'en');
    await openPlan(page);
    await pickPeriod(page, PERIOD);
    const button = 'button:has-text("Validate the period")';
    await page.waitForSelector(button);
    const dialog = 'period-validate-dialog';

    await ask(page, button, dialog);
    expect(await page.locator(`[data-testid=${dialog}] h2`).innerText()).toBe('Validate the period');
    expect(await said(page, dialog)).toMatch(/^Validate the period .+\? Its data stay read-only: only the administrator can reopen it\.$/);
    await expectAccessible(page, 'the validation dialog on a phone');
    // Within the phone's width.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await escape(page, dialog, 'Validate the period');
    expect(await state()).toBe('closed');

    // Reopened and closed again by the controller after the OIV's screen read it: refused in the dialog, who and when, with a reload.
    await move('collecting', 'un valore da correggere');
    await move('closed');
    await ask(page, button, dialog);
    await confirm(page, dialog);
    expect(await refusal(page, dialog)).toMatch(
      /^The period was changed by Carla Controllo on \d\d\/\d\d\/\d{4} at \d\d:\d\d, after you read it: nothing was changed\. Reload to see it as it is now\.\s*Reload$/,
    );
    await expectAccessible(page, 'a validation refused as stale, on a phone');
    expect(await state()).toBe('closed');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('period-validate-reload');
    const reread = page.waitForResponse((r) => r.url().includes('/tree'));
    await page.keyboard.press('Enter');
    await page.waitForSelector(`[data-testid=${dialog}]`, { state: 'detached' });
    expect(await focused(page)).toBe('button:Validate the period');
    await reread;

    // Read again, validated: the message saying it takes the focus.
    await ask(page, button, dialog);
    await confirm(page, dialog);
    await expect.poll(() => page.locator('[data-testid=period-state]').innerText()).toContain('Validated');
    await expect.poll(() => focused(page)).toBe('plan-notice');
    expect(await state()).toBe('validated');
    await Promise.all([context.close(), controller.close()]);
  });

  it('removes an evidence file after asking; a removal in a period closed meanwhile is refused in the dialog, in Italian and English', async () => {
    const controller = await signedIn('controller');
    const path = `/api/plans/${encodeURIComponent(world.planId)}`;
    const PERIOD = '2024-06-30';
    expect((await apiAs(controller, 'PATCH', `${path}/nodes/B.2.2`, { unit: 'Ufficio Transizione' })).status).toBe(200);
    const move = async (to: string, reason?: string) =>
      expect((await apiAs(controller, 'POST', `${path}/periods/${PERIOD}/transition`, { to, ...(reason ? { reason } : { acknowledgeUnreviewed: true }) })).status).toBe(200);
    await move('collecting');
    const FILE = 'verbale.pdf';

    const { context, page } = await appPage();
    await login(page, 'referente');
    await openPlan(page);
    await pickPeriod(page, PERIOD);
    await search(page, 'B.2.2');
    await page.click('[data-indicator="B.2.2:3"] .tree-link');
    await page.waitForSelector('[data-testid=evidence-files]');
    await page.setInputFiles('#evidence-file', { name: FILE, mimeType: 'application/pdf', buffer: tinyPdf('Verbale') });
    await page.locator('[data-testid=evidence-upload]').focus();
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid=evidence-file]');
    const attached = async () =>
      ((await apiAs(controller, 'GET', `${path}/indicators/${encodeURIComponent('B.2.2:3')}/measurements/${PERIOD}/attachments`)).body as { name: string }[]).map((a) => a.name);
    expect(await attached()).toEqual([FILE]);
    const dialog = 'evidence-remove-dialog';

    await ask(page, `button[aria-label="Rimuovi ${FILE}"]`, dialog);
    expect(await page.locator(`[data-testid=${dialog}] h2`).innerText()).toBe('Rimuovi l’allegato');
    expect(await said(page, dialog)).toMatch(/^Rimuovere l’allegato «verbale\.pdf»\?\nIl file non sarà più tra le evidenze di «.+» per questo periodo/);
    await expectAccessible(page, 'the evidence removal dialog');
    await escape(page, dialog, `Rimuovi ${FILE}`);
    expect(await attached()).toEqual([FILE]);

    // The controller closes the period after the referente's screen read it: refused in the dialog, the file stays.
    await move('closed');
    await ask(page, `button[aria-label="Rimuovi ${FILE}"]`, dialog);
    await confirm(page, dialog);
    const italian = await refusal(page, dialog);
    expect(italian).toMatch(/chius/i);
    await expectAccessible(page, 'an evidence removal refused');
    await escape(page, dialog, `Rimuovi ${FILE}`);
    // In English, reopened, read again, and closed once more after it was read.
    await move('collecting', 'un’altra evidenza');
    await inEnglish(page);
    await move('closed');
    await ask(page, `button[aria-label="Remove ${FILE}"]`, dialog);
    expect(await said(page, dialog)).toMatch(/^Remove the attachment “verbale\.pdf”\?\nThe file will no longer be among the evidence of “.+” for this period/);
    await confirm(page, dialog);
    const english = await refusal(page, dialog);
    expect(english).toMatch(/closed/i);
    expect(english).not.toBe(italian);
    await escape(page, dialog, `Remove ${FILE}`);
    expect(await attached()).toEqual([FILE]);

    // Reopened: removed, the message saying it takes the focus.
    await move('collecting', 'evidenza da sostituire');
    await ask(page, `button[aria-label="Remove ${FILE}"]`, dialog);
    await confirm(page, dialog);
    await page.waitForSelector(`[data-testid=${dialog}]`, { state: 'detached' });
    await expect.poll(() => page.locator('[data-testid=evidence-message]').innerText()).toBe(`Attachment “${FILE}” removed.`);
    await expect.poll(() => focused(page)).toBe('evidence-message');
    expect(await attached()).toEqual([]);
    await Promise.all([context.close(), controller.close()]);
  });
});
