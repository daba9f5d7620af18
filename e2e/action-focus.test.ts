/**
 * Actions whose button is disabled while the request runs, from the keyboard: the browser dropped the
 * focus to the page's body (before), so the next Tab started from the top of the page. Now the answer
 * takes it. Adding a period (its button pressed): the plan's message saying it was added. The bulk
 * reassignment refused on an adopted plan with no revision open: the refusal in the dialog (done, the
 * dialog gives the focus back to its opener, beside the message, as before). Sending the reminders
 * now: the message saying what was sent. Italian, then English; axe on each.
 */
import { describe, expect, it } from 'vitest';
import { e2eWorld, focused, pages, tabGoesOn, planDrawn } from './pages.js';

const world = e2eWorld({ fixture: true });
const { signedInPage, apiAs, chooseLanguage, expectAccessible } = pages(world);
const enc = encodeURIComponent;

describe('the focus after an action whose button waits', { timeout: 200_000 }, () => {
  it('adding a period gives it to the message saying so, in Italian and English', async () => {
    const { context, page } = await signedInPage('controller', `${world.server.url}/plans/${enc(world.planId)}`);
    await planDrawn(page);
    await page.focus('[data-testid=periods-toggle]');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid=periods-panel]');
    for (const [lang, date, label, said] of [
      ['it', '2024-04-30', 'Monitoraggio aprile', 'Periodo «Monitoraggio aprile» aggiunto.'],
      ['en', '2024-05-31', 'May check', 'Period “May check” added.'],
    ] as const) {
      if (lang === 'en') await chooseLanguage(page, 'en');
      await page.fill('#period-ends-on', date);
      await page.focus('#period-label');
      await page.keyboard.type(label);
      // On to «Aggiungi il periodo» and pressed: the button is disabled while the period is added.
      await page.keyboard.press('Tab');
      expect(await focused(page)).toBe(lang === 'it' ? 'button:Aggiungi il periodo' : 'button:Add the period');
      await page.keyboard.press('Enter');
      await expect.poll(() => focused(page)).toBe('plan-notice');
      expect(await page.locator('#plan-notice').innerText()).toBe(said);
      await expect.poll(() => page.locator(`[data-testid=periods-panel] [data-period="${date}"]`).count()).toBe(1);
      await expectAccessible(page, `period added (${lang})`);
      await tabGoesOn(page);
    }
    await context.close();
  });

  it('sending the reminders now gives it to the message saying what was sent, in Italian and English', async () => {
    const { context, page } = await signedInPage('controller', `${world.server.url}/plans/${enc(world.planId)}`);
    await planDrawn(page);
    await page.focus('[data-testid=dashboard-toggle]');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid=reminders-send]');
    for (const [lang, said] of [
      ['it', /^Promemoria: \d+ nuovi, \d+ inviati, 0 da ritentare, 0 rifiutati\.$/],
      ['en', /^Reminders: \d+ new, \d+ sent, 0 to retry, 0 refused\.$/],
    ] as const) {
      if (lang === 'en') await chooseLanguage(page, 'en');
      await page.focus('[data-testid=reminders-send]');
      await page.keyboard.press('Enter');
      await expect.poll(() => focused(page)).toBe('reminders-notice');
      expect(await page.locator('#reminders-notice').innerText()).toMatch(said);
      await expectAccessible(page, `reminders sent (${lang})`);
      await tabGoesOn(page);
    }
    await context.close();
  });

  it('the bulk reassignment refused gives it to the refusal in its dialog, in Italian and English', async () => {
    const { context, page } = await signedInPage('admin', null);
    const plan = `/api/plans/${enc(world.planId)}`;
    for (const [code, name] of [
      ['UFA', 'Ufficio Focus A'],
      ['UFB', 'Ufficio Focus B'],
    ])
      expect((await apiAs(context, 'POST', '/api/units', { code, name, kind: 'Ufficio' })).status).toBe(201);
    expect((await apiAs(context, 'PATCH', `${plan}/nodes/B.1`, { unit: 'Ufficio Focus A' })).status).toBe(200);

    const reassign = async (from: string, to: string) => {
      await page.focus('[data-testid=open-reassign]');
      await page.keyboard.press('Enter');
      await page.waitForSelector('[data-testid=reassign-dialog][open]');
      await page.waitForSelector(`#reassign-from option:has-text("${from}")`, { state: 'attached' });
      await page.selectOption('#reassign-from', { label: from });
      await page.selectOption('#reassign-unit', { label: to });
      await page.focus('[data-testid=reassign-submit]');
      await page.keyboard.press('Enter');
    };

    await page.goto(`${world.server.url}${plan.replace('/api', '')}`);
    await planDrawn(page);
    // Italian: done; the dialog closes and gives the focus back to its opener, the message beside it (as before).
    await reassign('UFA — Ufficio Focus A', 'UFB — Ufficio Focus B');
    await page.waitForSelector('[data-testid=reassign-dialog]', { state: 'detached' });
    await expect.poll(() => focused(page)).toBe('open-reassign');
    expect(await page.locator('[data-testid=reassign-notice]').innerText()).toContain('Riassegnati 1 obiettivi');
    await expectAccessible(page, 'bulk reassignment done (it)');
    await tabGoesOn(page);

    // English, on the plan adopted and no revision open: refused, the refusal in the dialog takes the focus.
    expect((await apiAs(context, 'POST', `${plan}/adopt`, { act: { kind: 'Delibera di Giunta', number: '12', date: '2024-01-30' } })).status).toBe(200);
    await chooseLanguage(page, 'en');
    await page.reload();
    await planDrawn(page);
    await reassign('UFB — Ufficio Focus B', 'UFA — Ufficio Focus A');
    await expect.poll(() => focused(page)).toBe('reassign-refused');
    expect(await page.locator('#reassign-refused').innerText()).toMatch(/revision/i);
    await expectAccessible(page, 'bulk reassignment refused (en)');
    await tabGoesOn(page);
    // Nothing moved.
    const tree = (await apiAs(context, 'GET', plan + '/tree')).body as { objectives: Array<{ code: string; unitId: string | null }> };
    const units = (await apiAs(context, 'GET', '/api/units')).body as Array<{ id: string; code: string }>;
    expect(tree.objectives.find((o) => o.code === 'B.1')!.unitId).toBe(units.find((u) => u.code === 'UFB')!.id);
    await context.close();
  });
});
