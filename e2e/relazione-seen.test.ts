/**
 * The OIV validates what its screen showed: the screen reads the transmitted Relazione, the office
 * then reopens the year end, corrects a value and closes it again, and the OIV's click on "validate"
 * is refused (the decision carries the Relazione's `seen` as the screen read it): the screen says the
 * year's figures changed after it showed them and that it shows them now, and reads the Relazione
 * again, nothing decided; a second click validates the figures now shown. Before, the click validated the corrected figures the OIV never saw. Real server, fresh
 * SQLite file, the fixture imported through the API.
 */
import { describe, expect, it } from 'vitest';
import { e2eWorld, pages } from './pages.js';

const world = e2eWorld({ fixture: true });
const { apiAs, relazioneWithTheOiv, planApi } = pages(world);
const YEAR_END = '2024-12-31';

describe('the OIV validating the Relazione its screen showed', { timeout: 240_000 }, () => {
  it('refuses a validation of a year end corrected after the screen read it, says so and reads it again', async () => {
    const { office, oiv } = await relazioneWithTheOiv('Verificato.');
    const { page } = oiv;
    const reads: string[] = [];
    const decisions: unknown[] = [];
    page.on('request', (r) => {
      const path = new URL(r.url()).pathname;
      if (r.method() === 'GET' && path === `${planApi()}/relazione`) reads.push(r.url());
      if (r.method() === 'POST' && path === `${planApi()}/relazione/transition`) decisions.push(r.postDataJSON());
    });
    await page.goto(`${world.server.url}/plans/${encodeURIComponent(world.planId)}/relazione`);
    await page.waitForSelector('[data-testid=relazione-decide-validated]');
    const shown = (await apiAs(oiv.context, 'GET', `${planApi()}/relazione`)).body.seen as string;

    // The office reopens the year end, corrects A.3 and closes it again while the OIV's screen is open.
    const transition = `${planApi()}/periods/${YEAR_END}/transition`;
    expect((await apiAs(office.context, 'POST', transition, { to: 'collecting', reason: 'Dato corretto' })).status).toBe(200);
    const tree = (await apiAs(office.context, 'GET', `${planApi()}/tree?period=${YEAR_END}`)).body as { objectives: { code: string; indicators: { id: string; version: number }[] }[] };
    const a3 = tree.objectives.find((o) => o.code === 'A.3')!.indicators[0]!;
    const corrected = await apiAs(office.context, 'PUT', `${planApi()}/indicators/${encodeURIComponent(a3.id)}/measurements/${YEAR_END}`, { state: 'measured', actual: 9, version: a3.version });
    expect(corrected.status).toBe(200);
    expect((await apiAs(office.context, 'POST', transition, { to: 'closed', acknowledgeUnreviewed: true })).status).toBe(200);

    const message = page.locator('[data-testid=relazione-message]');
    const before = reads.length;
    await page.click('[data-testid=relazione-decide-validated]');
    await expect.poll(() => message.innerText()).toBe('I dati dell’anno sono cambiati dopo che questa pagina è stata mostrata; ora la pagina li mostra: rileggerli e validare di nuovo.');
    // The decision carried what the screen had read; the screen read the Relazione again.
    expect(decisions).toEqual([{ to: 'validated', seen: shown }]);
    await expect.poll(() => reads.length).toBeGreaterThan(before);
    expect(await page.locator('[data-testid=relazione-state]').innerText()).toBe('Trasmessa all’OIV');
    expect((await apiAs(oiv.context, 'GET', `${planApi()}/relazione`)).body.state).toBe('transmitted');

    // Read again, the figures on screen are the corrected ones: validated.
    await page.click('[data-testid=relazione-decide-validated]');
    await expect.poll(() => page.locator('[data-testid=relazione-state]').innerText()).toBe('Validata');
    expect(decisions).toHaveLength(2);
    expect((decisions[1] as { seen: string }).seen).not.toBe(shown);
  });
});
