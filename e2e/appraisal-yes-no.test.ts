/**
 * A yes/no individual objective on the appraisal form's screen, and the score of a form not yet
 * evaluated. The evaluator chooses the unit "sì/no": no comparator is offered (it is always "="),
 * the target is chosen as "sì" or "no" ("yes"/"no" in English), and the form is saved with "=".
 * Before the evaluation the score is said provisional with no band, on the form and in the list;
 * the evaluation gives the band. Before, a comparator select let "≥ no" be chosen (met by any
 * answer) and a draft showed its band as if final. A save refused because HR changed the form
 * meanwhile says when, keeps what was typed until the form is reloaded, and its 409 carries the
 * clash (version, state, time), not the form (before: the whole stored form, and "reloaded" said of
 * a form that was not).
 */
import { describe, expect, it } from 'vitest';
import { exampleSmvpJson } from '../src/core/appraisal/index.js';
import { e2eWorld, pages } from './pages.js';
import { ACCOUNTS } from './server.js';

const world = e2eWorld({ fixture: true });
const { newPage, login, apiAs, chooseLanguage, expectAccessible } = pages(world);

describe('a yes/no objective and a provisional score on the appraisal screen', { timeout: 240_000 }, () => {
  it('offers no comparator for yes/no, takes the answer wanted, and shows no band before the evaluation', async () => {
    const hr = await newPage();
    await login(hr.page, 'personale');
    const plan = (await apiAs(hr.context, 'GET', `/api/plans/${encodeURIComponent(world.planId)}`)).body as { organisation: string };
    expect((await apiAs(hr.context, 'PUT', '/api/smvp/2024', { document: exampleSmvpJson(plan.organisation, 2024) })).status).toBe(200);
    const people = (await apiAs(hr.context, 'GET', '/api/appraisals/people')).body as { id: string; username: string; unitIds: string[] }[];
    const who = (username: string) => people.find((p) => p.username === username)!;
    const created = await apiAs(hr.context, 'POST', '/api/appraisals', {
      year: 2024,
      personId: who(ACCOUNTS.referente.username).id,
      evaluatorId: who(ACCOUNTS.dirigente.username).id,
      category: 'personale',
      planId: world.planId,
      assignments: [{ unitId: who(ACCOUNTS.referente.username).unitIds[0], from: '2024-01-01', to: '2024-12-31' }],
    });
    expect(created.status).toBe(201);
    const id = (created.body as { id: string }).id;

    const ev = await newPage();
    await login(ev.page, 'dirigente');
    await ev.page.goto(`${world.server.url}/#/appraisals/${id}`);
    await ev.page.waitForSelector('[data-testid=add-objective]');
    await ev.page.click('[data-testid=add-objective]');
    await ev.page.getByLabel('Obiettivo 1', { exact: true }).fill('Nessun reclamo fondato');
    await ev.page.getByLabel('Peso 1', { exact: true }).fill('100');
    // A number's comparator is chosen; a yes/no one is "=", shown, not offered.
    expect(await ev.page.getByLabel('Confronto 1', { exact: true }).count()).toBe(1);
    await ev.page.getByLabel('Unità 1', { exact: true }).selectOption('boolean');
    await expect.poll(() => ev.page.getByLabel('Confronto 1', { exact: true }).count()).toBe(0);
    expect(await ev.page.locator('[data-testid=objective-0-comparator]').innerText()).toBe('=');
    const target = ev.page.getByLabel('Target 1', { exact: true });
    expect(await target.evaluate((el) => el.tagName)).toBe('SELECT');
    expect(await target.locator('option').allInnerTexts()).toEqual(['—', 'sì', 'no']);
    await target.selectOption('no');
    await ev.page.getByLabel('Stato 1', { exact: true }).selectOption('measured');
    await ev.page.getByLabel('Consuntivo 1', { exact: true }).fill('no');
    await ev.page.click('[data-testid=save-objectives]');
    await expect.poll(() => ev.page.locator('[data-testid=form-message]').innerText()).toBe('Salvato.');
    const saved = (await apiAs(ev.context, 'GET', `/api/appraisals/${id}`)).body as { objectives: { comparator: string; target: unknown }[] };
    expect(saved.objectives).toEqual([expect.objectContaining({ comparator: '=', target: false })]);
    await expect.poll(() => target.inputValue()).toBe('no');
    await expectAccessible(ev.page, 'yes/no objective');

    // Not evaluated yet: the score is provisional, no band, and the screen says the band comes with the evaluation.
    await expect.poll(() => ev.page.locator('#score-title').innerText()).toMatch(/^Punteggio: \d+,\d\d% \(provvisorio\)$/);
    expect(await ev.page.locator('[data-testid=form-band]').count()).toBe(0);
    expect(await ev.page.locator('[data-testid=form-band-pending]').innerText()).toBe('La fascia si attribuisce con la valutazione: fino ad allora il punteggio è provvisorio.');
    await ev.page.click('text=Tutte le schede');
    const row = ev.page.locator('[data-testid=appraisal-list] tbody tr').first();
    await expect.poll(() => row.innerText()).toMatch(/\d+,\d\d%\s+provvisorio\s+—$/);

    // In English the answer wanted is "yes" or "no", the same objective.
    await chooseLanguage(ev.page, 'en');
    await ev.page.goto(`${world.server.url}/#/appraisals/${id}`);
    await ev.page.waitForSelector('[data-testid=objectives]');
    await expect.poll(() => ev.page.getByLabel('Target 1', { exact: true }).locator('option').allInnerTexts()).toEqual(['yes', 'no']);
    expect(await ev.page.getByLabel('Target 1', { exact: true }).inputValue()).toBe('no');
    expect(await ev.page.locator('[data-testid=form-band-pending]').innerText()).toBe('The band is given with the evaluation: until then the score is provisional.');
    // Back to a number: its comparator is offered again, the yes/no target gone.
    await ev.page.getByLabel('Unit 1', { exact: true }).selectOption('number');
    expect(await ev.page.getByLabel('Comparison 1', { exact: true }).inputValue()).toBe('>=');
    expect(await ev.page.getByLabel('Target 1', { exact: true }).inputValue()).toBe('');

    // HR changes the objective meanwhile: the evaluator's save is refused, said with when, and what was typed stays;
    // the refusal carries the clash, not the form.
    const current = (await apiAs(hr.context, 'GET', `/api/appraisals/${id}`)).body as { version: number; objectives: Record<string, unknown>[] };
    const renamed = await apiAs(hr.context, 'PATCH', `/api/appraisals/${id}`, { version: current.version, objectives: [{ ...current.objectives[0], title: 'Nessun reclamo fondato nel 2024' }] });
    expect(renamed.status).toBe(200);
    await ev.page.getByLabel('Unit 1', { exact: true }).selectOption('boolean');
    await ev.page.getByLabel('Target 1', { exact: true }).selectOption('yes');
    const refused = ev.page.waitForResponse((r) => r.request().method() === 'PATCH' && r.url().includes(`/api/appraisals/${id}`));
    await ev.page.click('[data-testid=save-objectives]');
    const answer = await refused;
    expect(answer.status()).toBe(409);
    const body = (await answer.json()) as { error: { details: Record<string, unknown> } };
    expect(Object.keys(body.error.details).sort()).toEqual(['state', 'updatedAt', 'version']);
    expect(JSON.stringify(body)).not.toContain('reclamo');
    await expect
      .poll(() => ev.page.locator('[data-testid=form-clash]').innerText())
      .toMatch(/^The form was changed on \d\d\/\d\d\/2\d{3} at \d\d:\d\d, after you opened it \(the form does not record who changes it\): nothing was saved\./);
    expect(await ev.page.getByLabel('Target 1', { exact: true }).inputValue()).toBe('yes');
    expect(await ev.page.getByLabel('Objective 1', { exact: true }).inputValue()).toBe('Nessun reclamo fondato');
    await expectAccessible(ev.page, 'a save refused: the form changed meanwhile');
    await ev.page.click('[data-testid=form-reload]');
    await expect.poll(() => ev.page.getByLabel('Objective 1', { exact: true }).inputValue()).toBe('Nessun reclamo fondato nel 2024');
    expect(await ev.page.getByLabel('Target 1', { exact: true }).inputValue()).toBe('no');
    expect(await ev.page.locator('[data-testid=form-clash]').count()).toBe(0);
  });
});
