/**
 * Two desks and one period's deadline, in the browser: the controller types a deadline while the
 * administrator saves another; the controller's save is refused at the field (who changed it and
 * when, nothing saved), the date typed stays, the administrator's is the one stored; after "Ricarica"
 * the field shows the stored one and a save made from it is taken.
 */
import { describe, expect, it } from 'vitest';
import { e2eWorld, pages } from './pages.js';

const world = e2eWorld({ fixture: true });
const { newPage, login, apiAs, signedIn, openPlan, expectAccessible } = pages(world);
const PERIOD = '2024-09-30';

describe("a period's deadline saved over another desk's", { timeout: 120_000 }, () => {
  it('is refused at the field, keeps what was typed, and is taken once read again', async () => {
    const ctl = await newPage();
    await login(ctl.page, 'controller');
    const plan = `/api/plans/${encodeURIComponent(world.planId)}`;
    expect((await apiAs(ctl.context, 'POST', `${plan}/periods/${PERIOD}/transition`, { to: 'collecting' })).status).toBe(200);
    await openPlan(ctl.page);
    await ctl.page.click('[data-testid=worklist-toggle]');
    await ctl.page.waitForSelector('#wl-deadline');
    await ctl.page.fill('#wl-deadline', '2024-10-20');

    // Meanwhile the administrator sets another deadline on the same period.
    const admin = await signedIn('admin');
    expect((await apiAs(admin, 'PUT', `${plan}/periods/${PERIOD}/deadline`, { deadline: '2024-10-25' })).status).toBe(200);

    await ctl.page.locator('form:has(#wl-deadline) button[type=submit]').click();
    const problem = ctl.page.locator('[data-testid=wl-deadline-error]');
    await expect.poll(() => problem.innerText()).toMatch(/^Modificato da Amministratrice il \d{2}\/\d{2}\/\d{4} alle \d{2}:\d{2}, dopo che l’hai letto: non è stato salvato nulla\./);
    expect(await ctl.page.getAttribute('#wl-deadline', 'aria-invalid')).toBe('true');
    expect(await ctl.page.inputValue('#wl-deadline')).toBe('20/10/2024');
    await expect.poll(() => ctl.page.evaluate(() => document.activeElement?.id)).toBe('wl-deadline');
    const stored = (await apiAs(ctl.context, 'GET', `${plan}/periods`)).body as Array<{ id: string; deadline: string | null }>;
    expect(stored.find((p) => p.id === PERIOD)?.deadline).toBe('2024-10-25');
    await expectAccessible(ctl.page, 'the deadline refused as stale');

    // Read again: the administrator's deadline is shown, and a save made from it is taken.
    await ctl.page.click('[data-testid=deadline-reload]');
    await expect.poll(() => ctl.page.inputValue('#wl-deadline')).toBe('25/10/2024');
    await expect.poll(() => ctl.page.locator('[data-testid=worklist-deadline]').innerText()).toBe('Scadenza: 25/10/2024');
    expect(await problem.count()).toBe(0);
    await ctl.page.fill('#wl-deadline', '2024-10-20');
    await ctl.page.locator('form:has(#wl-deadline) button[type=submit]').click();
    await expect.poll(() => ctl.page.locator('[data-testid=worklist-deadline]').innerText()).toBe('Scadenza: 20/10/2024');
    expect(((await apiAs(ctl.context, 'GET', `${plan}/periods`)).body as Array<{ id: string; deadline: string | null }>).find((p) => p.id === PERIOD)?.deadline).toBe('2024-10-20');
  });
});
