/**
 * Two desks and one period's state, in the browser: the controller presses a move on the state the
 * screen read while another desk has moved the period since. The move is refused where it was
 * pressed (who changed the period and when, nothing changed), the period stays as the other desk
 * left it, and after "Ricarica" the bar shows it as it is. A reopening refused so is said at its
 * reason, which stays typed. A revision discarded after another desk corrected it is refused at its
 * form, and stays.
 */
import { describe, expect, it } from 'vitest';
import { e2eWorld, focused, pages, pickPeriod } from './pages.js';

const world = e2eWorld({ fixture: true });
const { newPage, login, apiAs, signedIn, openPlan, expectAccessible } = pages(world);
const PERIOD = '2024-09-30';

describe('a move pressed on a period another desk moved since', { timeout: 180_000 }, () => {
  it('is refused at the bar, and at the reason for a reopening, which stays typed', async () => {
    const ctl = await newPage();
    await login(ctl.page, 'controller');
    const plan = `/api/plans/${encodeURIComponent(world.planId)}`;
    const stateOf = async () => ((await apiAs(ctl.context, 'GET', `${plan}/periods`)).body as Array<{ id: string; state: string }>).find((p) => p.id === PERIOD)?.state;
    await openPlan(ctl.page);
    await pickPeriod(ctl.page, PERIOD);
    await expect.poll(() => ctl.page.locator('[data-testid=period-state]').innerText()).toBe('Stato: Aperto');

    // Meanwhile the administrator starts the collection of the same period.
    const admin = await signedIn('admin');
    expect((await apiAs(admin, 'POST', `${plan}/periods/${PERIOD}/transition`, { to: 'collecting' })).status).toBe(200);

    await ctl.page.getByRole('button', { name: 'Avvia la raccolta' }).click();
    const clash = ctl.page.locator('[data-testid=period-clash]');
    await expect
      .poll(() => clash.innerText())
      .toMatch(/^Il periodo è stato modificato da Amministratrice il \d{2}\/\d{2}\/\d{4} alle \d{2}:\d{2}, dopo che l’hai letto: non è stato cambiato nulla\. Ricarica per vederlo com’è ora\./);
    await expect.poll(() => focused(ctl.page)).toBe('period-reload');
    expect(await stateOf()).toBe('collecting');
    await expectAccessible(ctl.page, 'a move refused as stale');

    // Read again: the bar shows the period as the administrator left it, and offers its next move.
    await ctl.page.click('#period-reload');
    await expect.poll(() => ctl.page.locator('[data-testid=period-state]').innerText()).toBe('Stato: In raccolta');
    expect(await clash.count()).toBe(0);
    await ctl.page.waitForSelector('[data-testid=close-period]');

    // Closed, the controller types the reason to reopen it, while the OIV validates it.
    expect((await apiAs(ctl.context, 'POST', `${plan}/periods/${PERIOD}/transition`, { to: 'closed', acknowledgeUnreviewed: true })).status).toBe(200);
    // The address names the period shown: the page opened again shows it closed.
    await ctl.page.reload();
    await expect.poll(() => ctl.page.locator('[data-testid=period-state]').innerText()).toBe('Stato: Chiuso');
    await ctl.page.fill('#reopen-reason', 'Valore errato dello sportello');
    const oiv = await signedIn('oiv');
    expect((await apiAs(oiv, 'POST', `${plan}/periods/${PERIOD}/transition`, { to: 'validated' })).status).toBe(200);

    await ctl.page.getByRole('button', { name: 'Riapri il periodo' }).click();
    const problem = ctl.page.locator('[data-testid=reopen-reason-error]');
    // Not "only the administrator reopens a validated period": the validation came after the controller read it.
    await expect.poll(() => problem.innerText()).toMatch(/^Modificato da Oscar OIV il \d{2}\/\d{2}\/\d{4} alle \d{2}:\d{2}, dopo che l’hai letto: non è stato salvato nulla\./);
    expect(await ctl.page.getAttribute('#reopen-reason', 'aria-invalid')).toBe('true');
    expect(await ctl.page.inputValue('#reopen-reason')).toBe('Valore errato dello sportello');
    await expect.poll(() => focused(ctl.page)).toBe('reopen-reason');
    expect(await stateOf()).toBe('validated');
    await expectAccessible(ctl.page, 'a reopening refused as stale');

    // Read again: validated, the reopening is the administrator's, so the controller is offered none.
    await ctl.page.click('#period-reload');
    await expect.poll(() => ctl.page.locator('[data-testid=period-state]').innerText()).toBe('Stato: Validato dall’OIV');
    await expect.poll(() => ctl.page.locator('#reopen-reason').count()).toBe(0);
    await ctl.context.close();
  });

  it('refuses a revision discarded after another desk corrected it, at its form', async () => {
    const ctl = await newPage();
    await login(ctl.page, 'controller');
    const plan = `/api/plans/${encodeURIComponent(world.planId)}`;
    expect((await apiAs(ctl.context, 'POST', `${plan}/adopt`, { act: { kind: 'Delibera di Giunta', number: '12', date: '2024-01-30' } })).status).toBe(200);
    const opened = await apiAs(ctl.context, 'POST', `${plan}/revisions`, { reason: 'Aperta per errore', date: '2024-08-01' });
    expect(opened.status).toBe(201);
    await openPlan(ctl.page);
    await ctl.page.click('[data-testid=revisions-toggle]');
    await ctl.page.waitForSelector('[data-testid=current-revision]');

    const admin = await signedIn('admin');
    expect((await apiAs(admin, 'PATCH', `${plan}/revisions/${opened.body.number}`, { reason: 'Da tenere: risorse in arrivo' })).status).toBe(200);

    await ctl.page.getByRole('button', { name: 'Annulla la variazione' }).click();
    await expect
      .poll(() => ctl.page.locator('[data-testid=approve-clash]').innerText())
      .toMatch(/^Modificato da Amministratrice il \d{2}\/\d{2}\/\d{4} alle \d{2}:\d{2}, dopo che l’hai letto: non è stato salvato nulla\./);
    expect((await apiAs(ctl.context, 'GET', `${plan}/revisions/${opened.body.number}`)).body).toMatchObject({ status: 'open', reason: 'Da tenere: risorse in arrivo' });
    await expectAccessible(ctl.page, 'a discard refused as stale');

    // Read again, the corrected reason shows; discarded now, it stays on the record as discarded.
    await ctl.page.click('#approve-reload');
    await expect.poll(() => ctl.page.locator('[data-testid=current-revision]').innerText()).toContain('Da tenere: risorse in arrivo');
    await ctl.page.getByRole('button', { name: 'Annulla la variazione' }).click();
    await expect.poll(() => ctl.page.locator('[data-testid=current-revision]').count()).toBe(0);
    expect((await apiAs(ctl.context, 'GET', `${plan}/revisions/${opened.body.number}`)).body).toMatchObject({ status: 'discarded', reason: 'Da tenere: risorse in arrivo' });
    await ctl.context.close();
  });
});
