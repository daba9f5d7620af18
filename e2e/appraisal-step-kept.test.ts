/**
 * What the evaluator typed on an appraisal form and did not save goes with the step pressed next:
 * a behaviour rated and an objective's actual entered, then «Registra il colloquio intermedio»
 * records the interview with them saved, on the screen and on the server (before, the step's answer
 * put the saved form back and the rating and the actual were gone without a word). An actual that
 * cannot be read stops the step at its field, nothing recorded. Real server, fresh SQLite file.
 */
import { describe, expect, it } from 'vitest';
import { e2eWorld, focused, pages } from './pages.js';

const world = e2eWorld({ fixture: true });
const { loggedIn, apiAs, signedIn, staffForm, expectAccessible, openAppraisal } = pages(world);

describe('an appraisal step takes what was typed with it', { timeout: 240_000 }, () => {
  it("records the interview with the evaluator's unsaved rating and actual", async () => {
    const [hr, evaluator, person] = [await signedIn('personale'), await signedIn('dirigente'), await signedIn('referente')];
    const created = await staffForm(hr);
    const form = `/api/appraisals/${encodeURIComponent(created.id)}`;
    const objectives = [{ title: 'Ridurre i tempi di risposta', weight: 100, comparator: '>=', target: 10, unit: 'number', scoring: null, state: 'not_measured', actual: null, reason: null }];
    const set = await apiAs(evaluator, 'PATCH', form, { version: created.version, objectives });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    for (const who of [evaluator, person]) {
      const { version } = (await apiAs(who, 'GET', form)).body;
      expect((await apiAs(who, 'POST', `${form}/actions`, { action: 'acknowledge', version })).status).toBe(200);
    }

    const { page } = await loggedIn('dirigente');
    await openAppraisal(page, created.id);
    await page.selectOption('[data-testid=rating-C1]', '4');
    await page.getByLabel('Stato 1', { exact: true }).selectOption('measured');
    // Not in the screen's notation: the step stops at the field, nothing recorded.
    await page.getByLabel('Consuntivo 1', { exact: true }).fill('12.5');
    await page.fill('[data-testid=action-text]', 'Colloquio svolto il 10/07/2024');
    await page.click('[data-testid=action-interview]');
    await expect.poll(() => focused(page)).toBe('objective-0-actual');
    expect((await apiAs(evaluator, 'GET', form)).body.state).toBe('assigned');
    await expectAccessible(page, 'the step stopped at an actual it cannot read');

    await page.getByLabel('Consuntivo 1', { exact: true }).fill('12');
    await page.click('[data-testid=action-interview]');
    await expect.poll(() => page.getByTestId('form-message').textContent()).toBe('Fatto: Colloquio intermedio svolto.');
    // On the screen as typed, and on the server.
    expect(await page.inputValue('[data-testid=rating-C1]')).toBe('4');
    expect(await page.getByLabel('Consuntivo 1', { exact: true }).inputValue()).toBe('12');
    const stored = (await apiAs(evaluator, 'GET', form)).body;
    expect({ state: stored.state, ratings: stored.ratings, actual: stored.objectives[0].actual, objectiveState: stored.objectives[0].state }).toEqual({
      state: 'interview',
      ratings: { C1: 4 },
      actual: 12,
      objectiveState: 'measured',
    });
  });
});
