/**
 * Two reviewers with the same worklist open, in two browsers: the administrator approves a value
 * the controller's list still shows «compilato»; the controller's own decision on it is refused
 * (409: reviewed meanwhile, test/api/review-race.test.ts) and the list is read again, so the row
 * shows the value approved while the message saying who reviewed it stays on the screen. Before,
 * the message came over the stale row, still offering to approve or send back; then the send-back
 * form stayed open, its note on a row now approved: it is closed, the note kept under the refusal.
 */
import { describe, expect, it } from 'vitest';
import { e2eWorld, pages } from './pages.js';

const world = e2eWorld({ fixture: true });
const { newPage, login, apiAs, openPlan } = pages(world);
const PERIOD = '2024-09-30';
const INDICATOR = 'B.2.2:2';

describe('a review refused as stale', { timeout: 180_000 }, () => {
  it('reads the worklist again: the row shows the state now, the message stays', async () => {
    const ctl = await newPage();
    await login(ctl.page, 'controller');
    const plan = `/api/plans/${encodeURIComponent(world.planId)}`;
    const value = `${plan}/indicators/${encodeURIComponent(INDICATOR)}/measurements/${PERIOD}`;
    // Adopted, in force: a draft's worklist has no value to collect.
    expect((await apiAs(ctl.context, 'POST', `${plan}/adopt`, { act: { kind: 'Delibera di Giunta', number: '12', date: '2024-01-30' } })).status).toBe(200);
    expect((await apiAs(ctl.context, 'POST', `${plan}/periods/${PERIOD}/transition`, { to: 'collecting' })).status).toBe(200);
    expect((await apiAs(ctl.context, 'PUT', value, { state: 'measured', actual: 12, version: 0 })).status).toBe(200);

    // Both reviewers read the list with the value «compilato».
    const admin = await newPage();
    await login(admin.page, 'admin');
    const rowOf = (page: typeof ctl.page) => page.locator(`[data-testid=worklist-table] tr[data-indicator="${INDICATOR}"]`);
    for (const page of [ctl.page, admin.page]) {
      await openPlan(page);
      await page.click('[data-testid=worklist-toggle]');
      await expect.poll(() => rowOf(page).getAttribute('data-state')).toBe('entered');
    }
    const row = rowOf(ctl.page);

    // The administrator approves it first.
    await rowOf(admin.page).locator('[data-testid=approve]').click();
    await expect.poll(() => rowOf(admin.page).getAttribute('data-state')).toBe('approved');

    // The controller, on the list read before, sends it back: refused, said, and the row is the value as it is now.
    await row.locator('[data-testid=send-back]').click();
    await row.locator('[data-testid=review-note]').fill('Manca la fonte');
    await row.locator('button[type=submit]').click();
    const alert = ctl.page.locator('[data-testid=worklist] [role=alert]');
    await expect.poll(() => alert.innerText()).toContain('è stata cambiata da');
    await expect.poll(() => row.getAttribute('data-state')).toBe('approved');
    expect(await row.locator('.badge').first().innerText()).toBe('Approvato');
    // The message stays once the list is read again.
    expect(await alert.innerText()).toContain('ora è «approvato»');
    // The send-back form is closed on the row now approved, which offers nothing to decide; the note
    // typed is not lost: it is shown under the refusal, to copy.
    await expect.poll(() => row.locator('[data-testid=review-note]').count()).toBe(0);
    expect(await row.locator('[data-testid=send-back], [data-testid=approve]').count()).toBe(0);
    const unsent = ctl.page.locator('[data-testid=worklist] [data-testid=unsent-note]');
    expect(await unsent.locator('[data-testid=unsent-note-text]').innerText()).toBe('Manca la fonte');
    expect(await unsent.innerText()).toContain('non è stata inviata');
    // Nothing of the refused request was stored: the one approval.
    expect(((await apiAs(ctl.context, 'GET', `${value}/reviews`)).body.steps as { action: string }[]).map((s) => s.action)).toEqual(['approve']);
  });
});
