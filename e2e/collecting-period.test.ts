/**
 * A plan opened without a period shows the office the period whose values are being collected. In
 * a body's first year the 30/06 monitoring is collected while the year end is still open: the
 * screen opened on the year end (the server's default read), and a referente reminded of the 30/06
 * values clicked their indicator and entered them in the year end's form. Here the referente opens
 * the plan from the plans list and lands on 30/06 (the selector, the address, the entry form's
 * period), a value saved there is the 30/06 one; a period picked stays picked; the public, who
 * never reads a period still collecting, gets the server's default as before.
 */
import { describe, expect, it } from 'vitest';
import { e2eWorld, pages, planDrawn, pickPeriod } from './pages.js';

const world = e2eWorld({ fixture: true });
const { newPage, login, apiAs, search, storedIndicator } = pages(world);
const MID_YEAR = '2024-06-30';
const UNIT = 'Ufficio Transizione';

describe('the period a plan opens on', { timeout: 180_000 }, () => {
  it('is the one collecting values for the office, the year end for the public', async () => {
    const ctl = await newPage();
    await login(ctl.page, 'controller');
    const plan = `/api/plans/${encodeURIComponent(world.planId)}`;
    expect((await apiAs(ctl.context, 'PATCH', `${plan}/nodes/B.2.2`, { unit: UNIT })).status).toBe(200);
    expect((await apiAs(ctl.context, 'POST', `${plan}/periods/${MID_YEAR}/transition`, { to: 'collecting' })).status).toBe(200);
    expect((await apiAs(ctl.context, 'PATCH', plan, { published: true })).status).toBe(200);
    const indicator = ((await apiAs(ctl.context, 'GET', `${plan}/tree?period=${MID_YEAR}`)).body as { objectives: Array<{ code: string; indicators: Array<{ id: string }> }> }).objectives.find(
      (o) => o.code === 'B.2.2',
    )!.indicators[0]!.id;

    // The referente comes from the plans list, as the reminder's link brings them.
    const ref = await newPage();
    await login(ref.page, 'referente');
    await ref.page.click('.plan-item a');
    await planDrawn(ref.page);
    await expect.poll(() => ref.page.inputValue('#period')).toBe(MID_YEAR);
    expect(new URL(ref.page.url()).searchParams.get('period')).toBe(MID_YEAR);
    const yearEnd = await storedIndicator(ref.context, 'B.2.2', indicator, '2024-12-31');
    await search(ref.page, 'B.2.2');
    await ref.page.click(`[data-indicator="${indicator}"] .tree-link`);
    await ref.page.waitForSelector('#entry-actual');
    await expect.poll(() => ref.page.locator('#entry-title').innerText()).toBe('Inserimento del consuntivo — 30/06/2024');
    await ref.page.selectOption('#entry-state', 'measured');
    await ref.page.fill('#entry-actual', '7');
    await ref.page.click('[data-testid=entry-save]');
    await ref.page.waitForSelector('[data-testid=entry-message]');
    expect(await storedIndicator(ref.context, 'B.2.2', indicator, MID_YEAR)).toMatchObject({ state: 'measured', actual: 7 });
    // The year end keeps what the import gave it.
    expect(await storedIndicator(ref.context, 'B.2.2', indicator, '2024-12-31')).toEqual(yearEnd);

    // A period the reader picks stays, through a reload of its address too.
    await pickPeriod(ref.page, '2024-12-31');
    await expect.poll(() => new URL(ref.page.url()).searchParams.get('period')).toBe('2024-12-31');
    await ref.page.reload();
    // Settled: a switch to the period collecting would have been made by now (a pause only hoped so).
    await planDrawn(ref.page);
    expect(await ref.page.inputValue('#period')).toBe('2024-12-31');
    expect(await ref.page.getAttribute('[data-testid=plan-screen]', 'data-period')).toBe('2024-12-31');

    // The public reads the server's default, never the period still collecting.
    const reader = await newPage();
    await reader.page.goto(`${world.server.url}/plans/${encodeURIComponent(world.planId)}`);
    // The year end is not published to it (nor the mid-year period): the screen says so, and no period is asked for it.
    await reader.page.waitForLoadState('networkidle');
    await expect.poll(() => reader.page.locator('main').innerText()).not.toMatch(/Caricamento/);
    expect(new URL(reader.page.url()).searchParams.get('period')).toBeNull();
    await Promise.all([ctl.context.close(), ref.context.close(), reader.context.close()]);
  });
});
