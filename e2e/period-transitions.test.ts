/**
 * The period bar's transitions as each role meets them: a period the OIV validated is reopened by
 * the administrator alone, so the controller is not offered a reopening the server refuses (before,
 * the reason field and the button were there and the controller's reason ended in a 403); the
 * closing dialog keeps the keyboard's focus and Esc cancels it (before, Tab walked out of it into the
 * page behind and Esc did nothing); after a transition the focus is on the message saying it (before,
 * the button pressed went and the focus fell to the page body), and a reopening without a reason is
 * said at the reason field, the last success message gone (before, "Errore: …" under the stale
 * "Stato del periodo aggiornato.", the focus left on the button).
 */
import { describe, expect, it } from 'vitest';
import { e2eWorld, pages } from './pages.js';

const world = e2eWorld({ fixture: true });
const { loggedIn, apiAs, openPlan, expectAccessible } = pages(world);
const YEAR_END = '2024-12-31';

describe('period transitions in the period bar', { timeout: 180_000 }, () => {
  const transition = () => `/api/plans/${encodeURIComponent(world.planId)}/periods/${YEAR_END}/transition`;

  it('a validated period is offered for reopening to the administrator, not to the controller', async () => {
    const controller = await loggedIn('controller');
    for (const to of ['collecting', 'closed']) expect((await apiAs(controller.context, 'POST', transition(), { to, acknowledgeUnreviewed: true })).status).toBe(200);
    const oiv = await loggedIn('oiv');
    expect((await apiAs(oiv.context, 'POST', transition(), { to: 'validated' })).status).toBe(200);

    // A closed period is the controller's to reopen; a validated one is not.
    await openPlan(controller.page);
    await expect.poll(() => controller.page.locator('[data-testid=period-state]').innerText()).toContain('Validato');
    await expect.poll(() => controller.page.locator('[data-testid=locked-banner]').innerText()).toContain('Periodo validato dall’OIV: i dati sono in sola lettura.');
    expect(await controller.page.locator('#reopen-reason').count()).toBe(0);
    expect(await controller.page.locator('button', { hasText: 'Riapri il periodo' }).count()).toBe(0);

    const admin = await loggedIn('admin');
    await openPlan(admin.page);
    await admin.page.fill('#reopen-reason', 'Errore materiale in A.2.1');
    await admin.page.click('button:has-text("Riapri il periodo")');
    await expect.poll(() => admin.page.locator('[data-testid=period-state]').innerText()).toContain('In raccolta');
  });

  it('the closing dialog is a modal for the keyboard: the focus stays in it, Esc cancels', async () => {
    const { context, page } = await loggedIn('controller');
    // Adopted, in force: a draft's closing checklist has nothing missing (nothing was asked of anyone).
    expect((await apiAs(context, 'POST', `/api/plans/${encodeURIComponent(world.planId)}/adopt`, { act: { kind: 'Delibera di Giunta', number: '12', date: '2024-01-30' } })).status).toBe(200);
    await openPlan(page);
    await page.focus('[data-testid=close-period]');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid=closing-summary]');
    // An indicator of no unit is said so once, in one pair of brackets.
    await expect.poll(() => page.locator('[data-testid=closing-missing]').innerText()).toContain('A.6 — Attivazione sportello di orientamento Composizione negoziata (senza struttura)');
    expect(await page.locator('[data-testid=closing-dialog]').innerText()).not.toContain('((');
    // The page behind is inert: Tab goes round the dialog's controls (and past the last one to the browser's own, the body here).
    const inDialog = () => page.evaluate(() => document.activeElement === document.body || document.activeElement?.closest('[data-testid=closing-dialog]') !== null);
    for (let k = 0; k < 12; k++) {
      await page.keyboard.press('Tab');
      expect(await inDialog()).toBe(true);
    }
    await page.keyboard.press('Escape');
    await page.waitForSelector('[data-testid=closing-dialog]', { state: 'detached' });
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('close-period');
    await expect.poll(() => page.locator('[data-testid=period-state]').innerText()).toContain('In raccolta');
    // Opened again, closing goes through: knowingly, with the values to review the dialog lists
    // (the server refuses a closing that does not say so), and the change log counts them.
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid=closing-summary]');
    const listed = await page.locator('[data-testid=closing-to-review] li').count();
    expect(listed).toBeGreaterThan(0);
    expect(await page.locator('[data-testid=closing-unreviewed]').innerText()).toBe(
      `Chiudendo ora, chiudi sapendo che ${listed} valori non sono stati rivisti: il registro delle modifiche lo annota.`,
    );
    // A value entered at another desk while the dialog is open: the closing acknowledges the values
    // listed, not this one, so it is refused and the dialog shows the list as it is now and asks again
    // (before, the acknowledgement was yes/no and the new value was closed blind).
    const preview = (await apiAs(page.context(), 'GET', `/api/plans/${encodeURIComponent(world.planId)}/periods/${YEAR_END}/closing-preview`)).body as { missing: { indicatorId: string }[] };
    const late = preview.missing[0]!.indicatorId;
    const entered = await apiAs(page.context(), 'PUT', `/api/plans/${encodeURIComponent(world.planId)}/indicators/${encodeURIComponent(late)}/measurements/${YEAR_END}`, {
      state: 'not_measured',
      actual: null,
      version: 0,
    });
    expect(entered.status).toBe(200);
    await page.click('[data-testid=confirm-close]');
    await expect
      .poll(() => page.locator('[data-testid=closing-refused]').innerText())
      .toBe(
        `il periodo 31/12/2024 ha ora ${listed + 1} valori inseriti e non ancora rivisti (la lista letta ne mostrava ${listed}): altri valori sono arrivati da quando la lista è stata letta. Il periodo non è stato chiuso: guarda la lista aggiornata di «Chiudi il periodo» e conferma di nuovo`,
      );
    await expect.poll(() => page.locator('[data-testid=closing-to-review] li').count()).toBe(listed + 1);
    const toReview = listed + 1;
    expect(await page.locator('[data-testid=closing-unreviewed]').innerText()).toBe(
      `Chiudendo ora, chiudi sapendo che ${toReview} valori non sono stati rivisti: il registro delle modifiche lo annota.`,
    );
    expect(await page.locator('[data-testid=period-state]').innerText()).toContain('In raccolta');
    await page.click('[data-testid=confirm-close]');
    await page.waitForSelector('[data-testid=closing-dialog]', { state: 'detached' });
    await expect.poll(() => page.locator('[data-testid=period-state]').innerText()).toContain('Chiuso');
    const trail = (await apiAs(page.context(), 'GET', `/api/audit?planId=${encodeURIComponent(world.planId)}&limit=1000`)).body as {
      entity: string;
      user: string;
      after: { state?: string; unreviewed?: number };
    }[];
    expect(trail.find((a) => a.entity === 'period' && a.after.state === 'closed')).toMatchObject({ action: 'transition', after: { state: 'closed', unreviewed: toReview } });
  });

  it('after a transition the focus is on its message; a reopening without a reason is said at the reason field', async () => {
    const { page } = await loggedIn('controller');
    await openPlan(page);
    const focused = () => page.evaluate(() => (document.activeElement === document.body ? 'body' : ((document.activeElement as HTMLElement | null)?.innerText ?? '')));
    // Reopened with a reason: the form goes with the locked state, the focus goes to what happened (before, to the page body).
    await page.fill('#reopen-reason', 'Correzione di A.2.1');
    await page.click('button:has-text("Riapri il periodo")');
    await expect.poll(() => page.locator('[data-testid=period-state]').innerText()).toContain('In raccolta');
    await expect.poll(focused).toBe('Stato del periodo aggiornato.');
    // Closed through the dialog: the close button is gone too, the focus is on the message again.
    await page.click('[data-testid=close-period]');
    await page.click('[data-testid=confirm-close]');
    await expect.poll(() => page.locator('[data-testid=period-state]').innerText()).toContain('Chiuso');
    await expect.poll(focused).toBe('Stato del periodo aggiornato.');
    // No reason: the last transition's success goes, the field says what is missing and takes the focus.
    await page.click('button:has-text("Riapri il periodo")');
    await expect.poll(() => page.getAttribute('#reopen-reason', 'aria-invalid')).toBe('true');
    expect(await page.locator('[data-testid=reopen-reason-error]').innerText()).toBe('Indicare il motivo della riapertura.');
    expect(await page.getAttribute('#reopen-reason', 'aria-describedby')).toContain('reopen-reason-error');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('reopen-reason');
    expect(await page.locator('.alert-success').count()).toBe(0);
    expect(await page.locator('.alert-danger').count()).toBe(0);
    await expectAccessible(page, 'period bar: a reopening without a reason');
    // Typing a reason takes the complaint away; the reopening goes through.
    await page.fill('#reopen-reason', 'Correzione di A.2.1');
    expect(await page.getAttribute('#reopen-reason', 'aria-invalid')).toBeNull();
    await page.click('button:has-text("Riapri il periodo")');
    await expect.poll(() => page.locator('[data-testid=period-state]').innerText()).toContain('In raccolta');
  });
});
