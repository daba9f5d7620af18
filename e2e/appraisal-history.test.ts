/**
 * An appraisal form as the person reads it on its screen: while a component has no score, the
 * weight applied to the others beside the SMVP's; the steps the form went through: the interview's
 * notes, the contest and its reason, the conciliation's outcome in words with its note, the
 * administrator's reopening with its reason, the acceptance and the final state, in the order
 * taken, in Italian and in English. Real server, fresh SQLite file, axe on the form.
 */
import { describe, expect, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import { exampleSmvpJson } from '../src/core/appraisal/index.js';
import { e2eWorld, pages } from './pages.js';
import { ACCOUNTS } from './server.js';

const world = e2eWorld({ fixture: true });
const { loggedIn, apiAs, signedIn, chooseLanguage, expectAccessible, openAppraisal } = pages(world);
const UNIT = ACCOUNTS.referente.units[0]!;

/** HR's 2024 form of `who`, evaluated by the dirigente, in the referente's unit; `step` and `patch` take it on from its current version. */
async function newForm(hr: BrowserContext, who: keyof typeof ACCOUNTS, objective: Record<string, unknown>) {
  const people = (await apiAs(hr, 'GET', '/api/appraisals/people')).body as { id: string; username: string }[];
  const id = (username: string): string => people.find((p) => p.username === username)!.id;
  const unitId = ((await apiAs(hr, 'GET', '/api/units')).body as { id: string; name: string }[]).find((u) => u.name === UNIT)!.id;
  let form = await apiAs(hr, 'POST', '/api/appraisals', {
    year: 2024,
    personId: id(ACCOUNTS[who].username),
    evaluatorId: id(ACCOUNTS.dirigente.username),
    category: 'personale',
    planId: world.planId,
    assignments: [{ unitId, from: '2024-01-01', to: '2024-12-31' }],
    objectives: [objective],
  });
  expect(form.status, JSON.stringify(form.body)).toBe(201);
  const url = `/api/appraisals/${encodeURIComponent(form.body.id)}`;
  const take = async (by: BrowserContext, method: 'POST' | 'PATCH', path: string, body: Record<string, unknown>) => {
    form = await apiAs(by, method, path, { ...body, version: form.body.version });
    expect(form.status, JSON.stringify(form.body)).toBe(200);
  };
  return {
    id: form.body.id as string,
    step: (by: BrowserContext, body: Record<string, unknown>) => take(by, 'POST', `${url}/actions`, body),
    patch: (by: BrowserContext, body: Record<string, unknown>) => take(by, 'PATCH', url, body),
  };
}

describe('the steps of an appraisal form on its screen', { timeout: 240_000 }, () => {
  it('lists what was done and said at each step, the reopening too, in the order taken', async () => {
    const [hr, boss, person, admin, controller] = [await signedIn('personale'), await signedIn('dirigente'), await signedIn('referente'), await signedIn('admin'), await signedIn('controller')];
    // The person's unit owns an objective of the plan: its result is the unit's component.
    expect((await apiAs(controller, 'PATCH', `/api/plans/${encodeURIComponent(world.planId)}/nodes/B.2.2`, { unit: UNIT })).status).toBe(200);
    const organisation = (await apiAs(hr, 'GET', `/api/plans/${encodeURIComponent(world.planId)}`)).body.organisation as string;
    expect((await apiAs(hr, 'PUT', '/api/smvp/2024', { document: exampleSmvpJson(organisation, 2024) })).status).toBe(200);
    const form = await newForm(hr, 'referente', { title: 'Pratiche evase', weight: 100, target: 100, state: 'measured', actual: 120 });
    // Not rated yet: the behaviours are left out and the other weights re-normalised, the weight applied shown beside the SMVP's.
    const { page } = await loggedIn('referente');
    await openAppraisal(page, form.id);
    const components = page.locator('[data-testid=appraisal-form] table').first();
    await expect.poll(() => components.locator('thead th').allInnerTexts()).toEqual(['Componente', 'Peso', 'Peso applicato', 'Punteggio', 'Punti']);
    const cells = (await components.locator('tbody tr').allInnerTexts()).map((r) => r.split('\t').map((c) => c.trim()));
    expect(cells.map((r) => r.slice(1, 3))).toEqual([
      ['30,00%', '60,00%'],
      ['20,00%', '40,00%'],
      ['50,00%', '—'],
    ]);
    expect(cells[1]!.slice(3)).toEqual(['100,00%', '40,00']);
    await form.step(person, { action: 'acknowledge' });
    await form.step(boss, { action: 'acknowledge' });
    await form.step(boss, { action: 'interview', note: 'Obiettivo in linea a metà anno' });
    await form.patch(boss, { ratings: { C1: 2, C2: 2, C3: 2 } });
    await form.step(boss, { action: 'evaluate' });
    await form.step(person, { action: 'contest', reason: 'La collaborazione con le altre strutture non è stata considerata' });
    await form.patch(hr, { ratings: { C1: 3, C2: 4, C3: 3 } });
    await form.step(hr, { action: 'conciliate', outcome: 'revised', note: 'Verbale di conciliazione n. 7' });

    await page.reload();
    const history = page.locator('[data-testid=form-history] li');
    const day = '\\d\\d/\\d\\d/\\d{4}';
    const said = (texts: string[]) => texts.map((t) => expect.stringMatching(new RegExp(`^${t.replace(/[()]/g, '\\$&').replaceAll('DAY', day)}$`)));
    await expect
      .poll(() => history.allInnerTexts())
      .toEqual(
        said([
          'Colloquio intermedio (DAY): Obiettivo in linea a metà anno',
          'Valutazione: DAY',
          'Contestazione (DAY): La collaborazione con le altre strutture non è stata considerata',
          'Conciliazione (DAY): Valutazione rivista — Verbale di conciliazione n. 7',
          'Definitiva: DAY',
        ]),
      );
    expect(await page.getByRole('heading', { name: 'Fasi svolte' }).count()).toBe(1);
    // Every component scored: the weights are the SMVP's, said once.
    expect(await components.locator('thead th').allInnerTexts()).toEqual(['Componente', 'Peso', 'Punteggio', 'Punti']);
    await expectAccessible(page, 'appraisal form with its steps');
    await chooseLanguage(page, 'en');
    await expect.poll(() => history.nth(3).innerText()).toMatch(new RegExp(`^Conciliation \\(${day}\\): Appraisal revised — Verbale di conciliazione n. 7$`));

    // Reopened by the administrator: the person reads why, before the acceptance given again.
    await form.step(admin, { action: 'reopen', reason: 'Ricorso accolto dal giudice del lavoro' });
    await form.step(person, { action: 'accept' });
    await form.step(hr, { action: 'finalise' });
    await page.reload();
    await expect
      .poll(() => history.allInnerTexts())
      .toEqual(said(['Mid-year interview (DAY): Obiettivo in linea a metà anno', 'Evaluation: DAY', 'Reopened (DAY): Ricorso accolto dal giudice del lavoro', 'Acceptance: DAY', 'Final: DAY']));
  });

  it('says at the outcome, by keyboard, that a conciliation which moved the score is not a confirmation', async () => {
    const [hr, boss, person] = [await signedIn('personale'), await signedIn('dirigente'), await signedIn('controller')];
    const form = await newForm(hr, 'controller', { title: 'Controlli di gestione', weight: 100, target: 4, state: 'measured', actual: 4 });
    await form.step(person, { action: 'acknowledge' });
    await form.step(boss, { action: 'acknowledge' });
    await form.step(boss, { action: 'interview', note: 'In linea' });
    await form.patch(boss, { ratings: { C1: 2, C2: 2, C3: 2 } });
    await form.step(boss, { action: 'evaluate' });
    await form.step(person, { action: 'contest', reason: 'Giudizi troppo bassi' });
    // HR revises a rating in the conciliation: the score moves.
    await form.patch(hr, { ratings: { C1: 4, C2: 2, C3: 2 } });

    const { page } = await loggedIn('personale');
    await openAppraisal(page, form.id);
    await page.locator('[data-testid=action-text]').focus();
    await page.keyboard.type('Verbale n. 9');
    // "Confirmed" is the first choice: sent as it is, it is refused at the outcome, which takes the focus.
    await page.locator('[data-testid=action-conciliate]').focus();
    await page.keyboard.press('Enter');
    const outcome = page.locator('[data-testid=action-outcome]');
    await expect.poll(() => outcome.getAttribute('aria-invalid')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('action-outcome');
    const said = await page.locator(`#${await outcome.getAttribute('aria-describedby')}`).innerText();
    expect(said).toMatch(/^La valutazione non è confermata: con i giudizi e i consuntivi cambiati in conciliazione il punteggio è \d+,\d\d%, non \d+,\d\d% come alla valutazione/);
    expect(await page.locator('[data-testid=form-state]').innerText()).toBe('Contestata (in conciliazione)');
    await page.keyboard.press('ArrowDown');
    expect(await outcome.inputValue()).toBe('revised');
    await page.locator('[data-testid=action-conciliate]').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('[data-testid=form-state]').innerText()).toBe('Definitiva');
    await expect.poll(() => page.locator('[data-testid=form-history] li').nth(3).innerText()).toMatch(/^Conciliazione \(\d\d\/\d\d\/\d{4}\): Valutazione rivista — Verbale n\. 9$/);
  });
});
