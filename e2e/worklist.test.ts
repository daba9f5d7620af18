/**
 * The monitoring campaign in the browser: a referente works through "Le mie misurazioni" (enters a
 * value, sees a request for more and answers it); the controller sends a value back, approves it,
 * sees the completion dashboard move, and closes the period after the list of what is missing.
 * Against the real server and a fresh SQLite file; axe on the worklist, the dashboard and the dialog.
 * A request for more and its answer written from the keyboard: the text field takes the focus, an
 * empty text is said at it, and the text stays with its own period's value.
 */
import { describe, expect, it } from 'vitest';
import { e2eWorld, pages, pickPeriod } from './pages.js';

const world = e2eWorld({ fixture: true });
const { newPage, login, apiAs, openPlan, search, readsOf, sameDocument, expectAccessible } = pages(world);
const PERIOD = '2024-09-30';
const UNIT = 'Ufficio Transizione';

describe('the monitoring campaign', { timeout: 180_000 }, () => {
  it('a referente works through the worklist; the controller reviews, watches the dashboard and closes the period after the missing-values list', async () => {
    const ctl = await newPage();
    await login(ctl.page, 'controller');
    const plan = `/api/plans/${encodeURIComponent(world.planId)}`;
    expect((await apiAs(ctl.context, 'PATCH', `${plan}/nodes/B.2.2`, { unit: UNIT })).status).toBe(200);
    // Adopted, in force: a draft's worklist has no value to collect.
    expect((await apiAs(ctl.context, 'POST', `${plan}/adopt`, { act: { kind: 'Delibera di Giunta', number: '12', date: '2024-01-30' } })).status).toBe(200);
    expect((await apiAs(ctl.context, 'POST', `${plan}/periods/${PERIOD}/transition`, { to: 'collecting' })).status).toBe(200);
    expect((await apiAs(ctl.context, 'PUT', `${plan}/periods/${PERIOD}/deadline`, { deadline: '2024-10-15' })).status).toBe(200);

    // The referente: their values of the collecting period, all to enter and late.
    const ref = await newPage();
    await login(ref.page, 'referente');
    await openPlan(ref.page);
    await ref.page.click('[data-testid=worklist-toggle]');
    await ref.page.waitForSelector('[data-testid=worklist-table]');
    await expect.poll(() => ref.page.locator('[data-testid=worklist-deadline]').innerText()).toContain('15/10/2024');
    // On an English screen the deadline is written as the app writes dates there (dd/mm/yyyy), with its English label.
    await ref.page.selectOption('select[aria-label=Lingua]', 'en');
    await expect.poll(() => ref.page.locator('[data-testid=worklist-deadline]').innerText()).toBe('Deadline: 15/10/2024');
    await ref.page.selectOption('select[aria-label=Language]', 'it');
    await expect.poll(() => ref.page.locator('[data-testid=worklist-deadline]').innerText()).toBe('Scadenza: 15/10/2024');
    const rows = ref.page.locator('[data-testid=worklist-table] tbody tr');
    const count = await rows.count();
    expect(count).toBeGreaterThan(1);
    await expect.poll(() => ref.page.locator('[data-testid=worklist-table] tbody tr[data-state=to_enter]').count()).toBe(count);
    await expect.poll(() => rows.first().innerText()).toMatch(/B\.2\.2[\s\S]*Ufficio Transizione[\s\S]*Da compilare[\s\S]*in ritardo/);
    await expectAccessible(ref.page, 'worklist');

    // Enter the first value from the list: its detail opens on the worklist's period.
    const first = (await rows.first().getAttribute('data-indicator'))!;
    await rows.first().locator('button').first().click();
    await ref.page.waitForSelector('#entry-state');
    await ref.page.selectOption('#entry-state', 'measured');
    await ref.page.fill('#entry-actual', '3');
    await ref.page.click('[data-testid=entry-save]');
    await ref.page.waitForSelector('[data-testid=entry-message]');
    await expect.poll(() => ref.page.getAttribute(`[data-testid=worklist-table] tr[data-indicator="${first}"]`, 'data-state')).toBe('entered');

    // The controller: the dashboard shows one value entered for the unit; the value goes back with a request.
    await openPlan(ctl.page);
    await ctl.page.click('[data-testid=dashboard-toggle]');
    const unitRow = ctl.page.locator(`[data-testid=dashboard-table] tr[data-period="${PERIOD}"][data-unit="${UNIT}"]`);
    await unitRow.waitFor();
    await expect.poll(() => unitRow.locator('[data-col=entered]').innerText()).toBe('1');
    await expect.poll(() => unitRow.locator('[data-col=missing]').innerText()).toBe(String(count - 1));
    await expectAccessible(ctl.page, 'completion dashboard');
    // A click on the unit opens its list.
    await unitRow.locator('button').click();
    await ctl.page.waitForSelector('[data-testid=worklist-table]');
    await expect.poll(() => ctl.page.locator('[data-testid=worklist-table] tbody tr').count()).toBe(count);
    // A deadline outside the plan's year and the next is refused at its field, in the screen's words; the stored one stays.
    await ctl.page.fill('#wl-deadline', '2031-06-30');
    await ctl.page.locator('form:has(#wl-deadline) button[type=submit]').click();
    await expect
      .poll(() => ctl.page.locator('[data-testid=wl-deadline-error]').innerText())
      .toBe("La scadenza 30/06/2031 non è nel 2024 né nel 2025: i valori si inseriscono entro l'anno del piano o il successivo.");
    expect(await ctl.page.getAttribute('#wl-deadline', 'aria-invalid')).toBe('true');
    expect(await ctl.page.locator('[data-testid=worklist] [role=alert]').count()).toBe(0);
    expect(await ctl.page.locator('[data-testid=worklist-deadline]').innerText()).toBe('Scadenza: 15/10/2024');
    // So is one before the period ends, with the period's end date.
    await ctl.page.fill('#wl-deadline', '2024-09-15');
    await ctl.page.locator('form:has(#wl-deadline) button[type=submit]').click();
    await expect
      .poll(() => ctl.page.locator('[data-testid=wl-deadline-error]').innerText())
      .toBe('La scadenza 15/09/2024 è prima della fine del periodo (30/09/2024): i suoi valori si misurano dopo la fine.');
    expect(await ctl.page.getAttribute('#wl-deadline', 'aria-invalid')).toBe('true');
    expect(await ctl.page.locator('[data-testid=worklist-deadline]').innerText()).toBe('Scadenza: 15/10/2024');
    const item = ctl.page.locator(`[data-testid=worklist-table] tr[data-indicator="${first}"]`);
    await item.locator('[data-testid=send-back]').click();
    await item.locator('[data-testid=review-note]').fill('Indicare la fonte del dato');
    await item.locator('button[type=submit]').click();
    await expect.poll(() => item.getAttribute('data-state')).toBe('returned');
    await expect.poll(() => unitRow.locator('[data-col=returned]').innerText()).toBe('1');

    // The referente sees the request and answers it.
    await ref.page.reload();
    await ref.page.click('[data-testid=worklist-toggle]');
    const mine = ref.page.locator(`[data-testid=worklist-table] tr[data-indicator="${first}"]`);
    await expect.poll(() => mine.getAttribute('data-state')).toBe('returned');
    await expect.poll(() => mine.locator('[data-testid=request-note]').innerText()).toContain('Indicare la fonte del dato');
    await mine.locator('[data-testid=answer]').click();
    await mine.locator('[data-testid=review-note]').fill('Fonte: protocollo informatico');
    await mine.locator('button[type=submit]').click();
    await expect.poll(() => mine.getAttribute('data-state')).toBe('entered');

    // The controller approves; the dashboard moves.
    await ctl.page.reload();
    await ctl.page.click('[data-testid=dashboard-toggle]');
    await unitRow.waitFor();
    await unitRow.locator('button').click();
    await expect.poll(() => item.getAttribute('data-state')).toBe('entered');
    await item.locator('[data-testid=approve]').click();
    await expect.poll(() => item.getAttribute('data-state')).toBe('approved');
    await expect.poll(() => unitRow.locator('[data-col=approved]').innerText()).toBe('1');

    // Closing the period lists what is missing and asks for confirmation.
    await pickPeriod(ctl.page, PERIOD);
    await ctl.page.click('[data-testid=close-period]');
    await ctl.page.waitForSelector('[data-testid=closing-missing]');
    await expect.poll(() => ctl.page.locator('[data-testid=closing-summary]').innerText()).toMatch(/valori mancanti/);
    await expect.poll(() => ctl.page.locator('[data-testid=closing-missing] li').count()).toBeGreaterThanOrEqual(count - 1);
    await expectAccessible(ctl.page, 'closing confirmation');
    await ctl.page.click('[data-testid=confirm-close]');
    await expect.poll(() => ctl.page.locator('[data-testid=period-state]').innerText()).toContain('Chiuso');
    const periods = (await apiAs(ctl.context, 'GET', `${plan}/periods`)).body as Array<{ id: string; state: string }>;
    expect(periods.find((p) => p.id === PERIOD)?.state).toBe('closed');

    // The closed period stays on screen; its tree keeps the data version of its closing. A review of
    // the year end's value still shows at once in the worklist, the dashboard and the indicator's
    // audit trail, each read once more, without a reload.
    const YEAR_END = '2024-12-31';
    const yearEnd = (await apiAs(ref.context, 'GET', `${plan}/tree?period=${YEAR_END}`)).body as { objectives: Array<{ indicators: Array<{ id: string; version: number }> }> };
    const version = yearEnd.objectives.flatMap((o) => o.indicators).find((i) => i.id === first)!.version;
    const entered = await apiAs(ref.context, 'PUT', `${plan}/indicators/${encodeURIComponent(first)}/measurements/${YEAR_END}`, { state: 'measured', actual: 5, version });
    expect(entered.status, JSON.stringify(entered.body)).toBe(200);
    await search(ctl.page, first.split(':')[0]!);
    await ctl.page.click(`[data-indicator="${first}"] .tree-link`);
    const trail = ctl.page.locator('[data-testid=audit] li');
    await trail.first().waitFor();
    const before = await trail.count();
    await ctl.page.selectOption('#wl-period', YEAR_END);
    await expect.poll(() => item.getAttribute('data-state')).toBe('entered');
    const reads = readsOf(ctl.page);
    const same = await sameDocument(ctl.page);
    await item.locator('[data-testid=approve]').click();
    await expect.poll(() => item.getAttribute('data-state')).toBe('approved');
    const yearEndRow = ctl.page.locator(`[data-testid=dashboard-table] tr[data-period="${YEAR_END}"][data-unit="${UNIT}"]`);
    await expect.poll(() => yearEndRow.locator('[data-col=approved]').innerText()).toBe('1');
    await expect.poll(() => trail.count()).toBe(before + 1);
    await expect.poll(() => ctl.page.locator('[data-testid=period-state]').innerText()).toContain('Chiuso');
    expect(await same()).toBe(true);
    // The worklist's read is not what the polls above waited for: wait for each read itself.
    await expect.poll(() => reads.filter((r) => r === `${plan}/dashboard`)).toHaveLength(1);
    await expect.poll(() => reads.filter((r) => r.startsWith(`${plan}/worklist`))).toHaveLength(1);
  });

  it('a request for more and its answer from the keyboard: the focus in the text, an empty one said at it, the text kept to its period', async () => {
    const MID_YEAR = '2024-06-30';
    const YEAR_END = '2024-12-31';
    const indicator = 'B.1.1:1';
    const plan = `/api/plans/${encodeURIComponent(world.planId)}`;
    const value = (period: string) => `${plan}/indicators/${encodeURIComponent(indicator)}/measurements/${period}`;
    const ctl = await newPage();
    await login(ctl.page, 'controller');
    // The plan adopted by the test before: its unit changed inside a revision.
    expect((await apiAs(ctl.context, 'POST', `${plan}/revisions`, { reason: 'Cambio di struttura' })).status).toBe(201);
    expect((await apiAs(ctl.context, 'PATCH', `${plan}/nodes/B.1.1`, { unit: UNIT })).status).toBe(200);
    expect((await apiAs(ctl.context, 'POST', `${plan}/periods/${MID_YEAR}/transition`, { to: 'collecting' })).status).toBe(200);
    const ref = await newPage();
    await login(ref.page, 'referente');
    expect((await apiAs(ref.context, 'PUT', value(MID_YEAR), { state: 'measured', actual: '0,02', source: 'CRM camerale', version: 0 })).status).toBe(200);

    await openPlan(ctl.page);
    await ctl.page.click('[data-testid=worklist-toggle]');
    await ctl.page.selectOption('#wl-period', MID_YEAR);
    const row = ctl.page.locator(`[data-testid=worklist-table] tr[data-indicator="${indicator}"]`);
    await expect.poll(() => row.getAttribute('data-state')).toBe('entered');
    await row.locator('[data-testid=send-back]').focus();
    await ctl.page.keyboard.press('Enter');
    const note = `note-${indicator}`;
    await expect.poll(() => ctl.page.evaluate(() => document.activeElement?.id)).toBe(note);
    // Sent empty: said at the field, which keeps the focus; nothing is sent.
    await ctl.page.keyboard.press('Enter');
    await expect.poll(() => row.locator(`[id="${note}-error"]`).innerText()).toBe('Scrivi che cosa serve: la richiesta di integrazione è vuota.');
    expect(await row.locator('[data-testid=review-note]').getAttribute('aria-invalid')).toBe('true');
    expect(await row.locator('[data-testid=review-note]').getAttribute('aria-describedby')).toBe(`${note}-error`);
    await expect.poll(() => ctl.page.evaluate(() => document.activeElement?.id)).toBe(note);
    expect((await apiAs(ctl.context, 'GET', `${value(MID_YEAR)}/reviews`)).body.steps).toEqual([]);
    await ctl.page.keyboard.type('Allegare la estrazione dal CRM');

    // The same indicator in another period: its row has no request being written.
    await ctl.page.selectOption('#wl-period', YEAR_END);
    await expect.poll(() => ctl.page.locator('[data-testid=worklist-deadline]').innerText()).toContain('Scadenza');
    await expect.poll(() => row.count()).toBe(1);
    await expect.poll(() => ctl.page.locator('[data-testid=review-note]').count()).toBe(0);
    // Back to its period, the text is still there; Enter sends it to that value alone.
    await ctl.page.selectOption('#wl-period', MID_YEAR);
    await expect.poll(() => row.locator('[data-testid=review-note]').inputValue()).toBe('Allegare la estrazione dal CRM');
    await row.locator('[data-testid=review-note]').focus();
    await ctl.page.keyboard.press('Enter');
    await expect.poll(() => row.getAttribute('data-state')).toBe('returned');
    expect((await apiAs(ctl.context, 'GET', `${value(MID_YEAR)}/reviews`)).body.steps.map((s: { action: string; note: string }) => `${s.action}: ${s.note}`)).toEqual([
      'return: Allegare la estrazione dal CRM',
    ]);
    expect((await apiAs(ctl.context, 'GET', `${value(YEAR_END)}/reviews`)).body.steps).toEqual([]);

    // The referente answers from the keyboard, in English.
    await openPlan(ref.page);
    await ref.page.selectOption('select[aria-label=Lingua]', 'en');
    await ref.page.click('[data-testid=worklist-toggle]');
    await ref.page.selectOption('#wl-period', MID_YEAR);
    const mine = ref.page.locator(`[data-testid=worklist-table] tr[data-indicator="${indicator}"]`);
    await expect.poll(() => mine.getAttribute('data-state')).toBe('returned');
    await mine.locator('[data-testid=answer]').focus();
    await ref.page.keyboard.press('Enter');
    await expect.poll(() => ref.page.evaluate(() => document.activeElement?.id)).toBe(note);
    await ref.page.keyboard.press('Enter');
    await expect.poll(() => mine.locator(`[id="${note}-error"]`).innerText()).toBe('Write the answer: it is empty.');
    await ref.page.keyboard.type('Extraction attached to the value.');
    await ref.page.keyboard.press('Enter');
    await expect.poll(() => mine.getAttribute('data-state')).toBe('entered');
    expect((await apiAs(ref.context, 'GET', `${value(MID_YEAR)}/reviews`)).body.steps.map((s: { action: string }) => s.action)).toEqual(['return', 'answer']);
  });
});
