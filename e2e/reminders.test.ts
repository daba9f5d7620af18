/**
 * The reminders' outbox in the browser: the controller opens the completion dashboard, sees the
 * reminders panel (no mail server configured here: the panel says the messages go to the log),
 * sends the reminders now for a period past its deadline, and reads the message to the referente
 * in the list, as sent. Against the real server and a fresh SQLite file; axe on the panel.
 */
import { describe, expect, it } from 'vitest';
import { dateText } from '../web/src/ui/dates.js';
import { officeToday } from '../web/src/ui/format.js';
import { e2eWorld, pages } from './pages.js';

const world = e2eWorld({ fixture: true });
const { newPage, login, apiAs, openPlan, expectAccessible } = pages(world);
const PERIOD = '2024-09-30';

describe('the reminders of the deadlines', { timeout: 180_000 }, () => {
  it('the controller sends the reminders now and reads who was told', async () => {
    const adm = await newPage();
    await login(adm.page, 'admin');
    const users = (await apiAs(adm.context, 'GET', '/api/users')).body as Array<{ id: string; username: string }>;
    const referente = users.find((u) => u.username === 'referente')!;
    expect((await apiAs(adm.context, 'PATCH', `/api/users/${referente.id}`, { email: 'rita.referente@comune.example.it' })).status).toBe(200);

    const ctl = await newPage();
    await login(ctl.page, 'controller');
    const plan = `/api/plans/${encodeURIComponent(world.planId)}`;
    expect((await apiAs(ctl.context, 'PATCH', `${plan}/nodes/B.2.2`, { unit: 'Ufficio Transizione' })).status).toBe(200);
    // Adopted, in force: a draft plan's deadlines remind nobody.
    expect((await apiAs(ctl.context, 'POST', `${plan}/adopt`, { act: { kind: 'Delibera di Giunta', number: '12', date: '2024-01-30' } })).status).toBe(200);
    expect((await apiAs(ctl.context, 'PUT', `${plan}/periods/${PERIOD}/deadline`, { deadline: '2024-10-15' })).status).toBe(200);

    await openPlan(ctl.page);
    await ctl.page.click('[data-testid=dashboard-toggle]');
    const panel = ctl.page.locator('[data-testid=reminders]');
    await panel.waitFor();
    await expect.poll(() => panel.locator('[data-testid=reminders-settings]').innerText()).toContain('Nessun server di posta configurato');
    await ctl.page.click('[data-testid=reminders-send]');
    await ctl.page.waitForSelector('[data-testid=reminders-notice]');
    await expect.poll(() => ctl.page.locator('[data-testid=reminders-notice]').innerText()).toMatch(/^Promemoria: \d+ nuovi, \d+ inviati, 0 da ritentare, 0 rifiutati\.$/);
    const row = panel.locator('[data-testid=reminders-table] tr[data-user=referente]');
    await row.waitFor();
    await expect.poll(() => row.getAttribute('data-status')).toBe('sent');
    await expect.poll(() => row.innerText()).toMatch(/rita\.referente@comune\.example\.it[\s\S]*30\/09\/2024[\s\S]*dopo la scadenza[\s\S]*inviato/);
    // The deadline it was about, and the office day it was composed for (today's, in Italy), as dates are written.
    expect(await row.locator('[data-testid=reminder-deadline]').innerText()).toBe('15/10/2024');
    expect(await row.locator('[data-testid=reminder-day]').innerText()).toBe(dateText(officeToday()));
    expect(await panel.locator('[data-testid=reminders-table] thead').innerText()).toMatch(/Scadenza[\s\S]*Giorno del promemoria/);
    await expectAccessible(ctl.page, 'reminders panel');

    // A second click sends nothing again.
    await ctl.page.click('[data-testid=reminders-send]');
    await expect.poll(() => ctl.page.locator('[data-testid=reminders-notice]').innerText()).toMatch(/^Promemoria: 0 nuovi, 0 inviati/);
    await expect.poll(() => panel.locator('[data-testid=reminders-table] tr[data-user=referente]').count()).toBe(1);
  });
});
