/**
 * What the evaluator typed on an appraisal form and did not save goes with the step pressed next:
 * a behaviour rated and an objective's actual entered, then «Registra il colloquio intermedio»
 * records the interview with them saved, on the screen and on the server (before, the step's answer
 * put the saved form back and the rating and the actual were gone without a word). An actual that
 * cannot be read stops the step at its field, nothing recorded. Real server, fresh SQLite file.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import { exampleSmvpJson } from '../src/core/appraisal/index.js';
import { e2eWorld, focused, pages } from './pages.js';
import { ACCOUNTS } from './server.js';

const world = e2eWorld({ fixture: true });
const { newPage, login, apiAs, signedIn, expectAccessible } = pages(world);
const UNIT = ACCOUNTS.referente.units[0]!;

describe('an appraisal step takes what was typed with it', { timeout: 240_000 }, () => {
  const contexts: BrowserContext[] = [];
  afterAll(async () => {
    for (const c of contexts) await c.close();
  });

  it("records the interview with the evaluator's unsaved rating and actual", async () => {
    const [controller, hr, evaluator, person] = [await signedIn('controller'), await signedIn('personale'), await signedIn('dirigente'), await signedIn('referente')];
    contexts.push(controller, hr, evaluator, person);
    const organisation = (await apiAs(controller, 'GET', `/api/plans/${encodeURIComponent(world.planId)}`)).body.organisation as string;
    expect((await apiAs(hr, 'PUT', '/api/smvp/2024', { document: exampleSmvpJson(organisation, 2024), reason: 'Delibera n. 5/2024' })).status).toBe(200);
    const people = (await apiAs(hr, 'GET', '/api/appraisals/people')).body as { id: string; username: string }[];
    const id = (username: string): string => people.find((p) => p.username === username)!.id;
    const unitId = ((await apiAs(hr, 'GET', '/api/units')).body as { id: string; name: string }[]).find((u) => u.name === UNIT)!.id;
    const created = await apiAs(hr, 'POST', '/api/appraisals', {
      year: 2024,
      personId: id(ACCOUNTS.referente.username),
      evaluatorId: id(ACCOUNTS.dirigente.username),
      category: 'personale',
      planId: world.planId,
      assignments: [{ unitId, from: '2024-01-01', to: '2024-12-31', partTime: 100 }],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const form = `/api/appraisals/${encodeURIComponent(created.body.id)}`;
    const objectives = [{ title: 'Ridurre i tempi di risposta', weight: 100, comparator: '>=', target: 10, unit: 'number', scoring: null, state: 'not_measured', actual: null, reason: null }];
    const set = await apiAs(evaluator, 'PATCH', form, { version: created.body.version, objectives });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    for (const who of [evaluator, person]) {
      const { version } = (await apiAs(who, 'GET', form)).body;
      expect((await apiAs(who, 'POST', `${form}/actions`, { action: 'acknowledge', version })).status).toBe(200);
    }

    const { context, page } = await newPage();
    contexts.push(context);
    await login(page, 'dirigente');
    await page.goto(`${world.server.url}/appraisals/${encodeURIComponent(created.body.id)}`);
    await page.waitForSelector('[data-testid=action-interview]');
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
