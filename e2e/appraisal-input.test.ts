/**
 * Bad input on the appraisal screens, as HR and an evaluator type it: each refusal said at the
 * field it is about (in the screen's language, the field invalid and described by it, the focus on
 * it), nothing lost or created. A part-time of 150% and dates the wrong way round on HR's new form;
 * an objective with no title, a weight of 250 or a date target of 2099 in English; the interview
 * with no notes; a behaviour taken back to "not rated" (sent as 0 and refused as outside the scale
 * before).
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { exampleSmvpJson } from '../src/core/appraisal/index.js';
import { e2eWorld, pages } from './pages.js';
import { ACCOUNTS } from './server.js';

const world = e2eWorld({ fixture: true });
const { newPage, login, apiAs, chooseLanguage, expectAccessible } = pages(world);

/** The field's state as a screen reader meets it: invalid, its description, and whether it has the focus. */
async function fieldState(page: Page, selector: string) {
  return page.locator(selector).evaluate((el) => ({
    invalid: el.getAttribute('aria-invalid'),
    said: (el.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .map((id) => document.getElementById(id)?.textContent ?? '')
      .join(' '),
    focused: document.activeElement === el,
  }));
}

describe('bad input on the appraisal screens', { timeout: 240_000 }, () => {
  it('says each refusal at its field, in the screen language, and keeps what was typed', async () => {
    const hr = await newPage();
    await login(hr.page, 'personale');
    const plan = (await apiAs(hr.context, 'GET', `/api/plans/${encodeURIComponent(world.planId)}`)).body as { organisation: string };
    expect((await apiAs(hr.context, 'PUT', '/api/smvp/2024', { document: exampleSmvpJson(plan.organisation, 2024), reason: 'Delibera n. 5/2024' })).status).toBe(200);
    const people = (await apiAs(hr.context, 'GET', '/api/appraisals/people')).body as { id: string; username: string }[];
    const id = (username: string): string => people.find((p) => p.username === username)!.id;

    // HR's new form: the person's unit comes with them; a part-time of 150% is said at its field.
    await hr.page.click('[data-testid=nav-appraisals]');
    await hr.page.waitForSelector('[data-testid=new-appraisal]');
    await hr.page.selectOption('[data-testid=new-person]', id(ACCOUNTS.referente.username));
    await hr.page.selectOption('[data-testid=new-evaluator]', id(ACCOUNTS.dirigente.username));
    await expect.poll(() => hr.page.inputValue('[data-testid=new-unit]')).not.toBe('');
    await hr.page.fill('[data-testid=new-part-time]', '150');
    await hr.page.click('[data-testid=new-submit]');
    await expect
      .poll(() => fieldState(hr.page, '[data-testid=new-part-time]'))
      .toEqual({ invalid: 'true', said: 'Ufficio Transizione: la percentuale di part-time deve essere sopra 0 e al più 100.', focused: true });
    await expectAccessible(hr.page, 'new form, part-time refused');
    // The end before the start: said at "Al"; the part-time's message gone with its mistake.
    await hr.page.fill('[data-testid=new-part-time]', '50');
    await hr.page.fill('[data-testid=new-from]', '2024-10-01');
    await hr.page.fill('[data-testid=new-to]', '2024-03-01');
    await hr.page.click('[data-testid=new-submit]');
    await expect
      .poll(() => fieldState(hr.page, '[data-testid=new-to]'))
      .toEqual({ invalid: 'true', said: expect.stringMatching(/finisce \(01\/03\/2024\) prima di cominciare \(01\/10\/2024\)/), focused: true });
    expect(await hr.page.getAttribute('[data-testid=new-part-time]', 'aria-invalid')).toBeNull();
    // Nothing was created, and what was typed is still there.
    expect((await apiAs(hr.context, 'GET', '/api/appraisals?year=2024')).body).toEqual([]);
    expect(await hr.page.inputValue('[data-testid=new-part-time]')).toBe('50');
    await hr.page.fill('[data-testid=new-to]', '2024-12-31');
    await hr.page.click('[data-testid=new-submit]');
    await hr.page.waitForSelector('[data-testid=appraisal-form]');
    const formUrl = hr.page.url();
    await hr.context.close();

    // The evaluator, in English: an objective with no title, then a weight of 250.
    const ev = await newPage();
    await login(ev.page, 'dirigente');
    await chooseLanguage(ev.page, 'en');
    await ev.page.goto(formUrl);
    await ev.page.waitForSelector('[data-testid=add-objective]');
    await ev.page.click('[data-testid=add-objective]');
    await ev.page.getByLabel('Weight 1', { exact: true }).fill('100');
    await ev.page.getByLabel('Target 1', { exact: true }).fill('90');
    await ev.page.click('[data-testid=save-objectives]');
    await expect.poll(() => fieldState(ev.page, '#objective-0-title')).toEqual({ invalid: 'true', said: 'Cannot be empty.', focused: true });
    await expect.poll(() => ev.page.locator('[data-testid=form-error]').count()).toBe(0);
    await expectAccessible(ev.page, 'objectives, title refused');
    await ev.page.getByLabel('Objective 1', { exact: true }).fill('Files closed within 30 days');
    await ev.page.getByLabel('Weight 1', { exact: true }).fill('250');
    await ev.page.click('[data-testid=save-objectives]');
    await expect.poll(() => fieldState(ev.page, '#objective-0-weight')).toEqual({ invalid: 'true', said: 'A weight from 0 to 100.', focused: true });
    expect(await ev.page.getAttribute('#objective-0-title', 'aria-invalid')).toBeNull();
    expect(await ev.page.getByLabel('Objective 1', { exact: true }).inputValue()).toBe('Files closed within 30 days');
    await ev.page.getByLabel('Weight 1', { exact: true }).fill('100');
    // A yes/no objective wants its answer: choosing the unit makes the comparator "=", shown and not offered ("≥ no" would be met by any answer).
    await ev.page.getByLabel('Unit 1', { exact: true }).selectOption('boolean');
    await expect.poll(() => ev.page.getByLabel('Comparison 1', { exact: true }).count()).toBe(0);
    expect(await ev.page.locator('[data-testid=objective-0-comparator]').innerText()).toBe('=');
    // A date target far past the form's year (2024): said at the target.
    await ev.page.getByLabel('Unit 1', { exact: true }).selectOption('date');
    await ev.page.getByLabel('Target 1', { exact: true }).fill('30/09/2099');
    await ev.page.click('[data-testid=save-objectives]');
    await expect
      .poll(() => fieldState(ev.page, '#objective-0-target'))
      .toEqual({ invalid: 'true', said: 'The target date 30/09/2099 is not in 2024: the form appraises objectives due within its year.', focused: true });
    expect(await ev.page.getAttribute('#objective-0-weight', 'aria-invalid')).toBeNull();
    await ev.page.getByLabel('Target 1', { exact: true }).fill('30/09/2024');
    await ev.page.click('[data-testid=save-objectives]');
    await expect.poll(() => ev.page.locator('[data-testid=form-message]').innerText()).toBe('Saved.');
    await ev.page.click('[data-testid=action-acknowledge]');
    await expect.poll(() => ev.page.locator('[data-testid=form-message]').innerText()).toMatch(/Done/);

    const me = await newPage();
    await login(me.page, 'referente');
    await me.page.goto(formUrl);
    await me.page.click('[data-testid=action-acknowledge]');
    await expect.poll(() => me.page.locator('[data-testid=form-state]').innerText()).toBe('Obiettivi assegnati');
    await me.context.close();

    // The interview with no notes: said at the notes, which take the focus; the step not taken.
    await ev.page.reload();
    await ev.page.waitForSelector('[data-testid=action-interview]');
    await ev.page.click('[data-testid=action-interview]');
    await expect.poll(() => fieldState(ev.page, '[data-testid=action-text]')).toEqual({ invalid: 'true', said: expect.stringMatching(/interview/i), focused: true });
    expect(await ev.page.locator('[data-testid=form-state]').innerText()).toBe('Objectives assigned');
    await expectAccessible(ev.page, 'interview without notes');
    await ev.page.fill('[data-testid=action-text]', 'On track');
    await ev.page.click('[data-testid=action-interview]');
    await expect.poll(() => ev.page.locator('[data-testid=form-state]').innerText()).toBe('Mid-year interview held');

    // A behaviour rated, then taken back to "not rated": saved as not rated, not refused as a 0.
    await ev.page.selectOption('[data-testid=rating-C1]', '4');
    await ev.page.selectOption('[data-testid=rating-C2]', '5');
    await ev.page.selectOption('[data-testid=rating-C1]', '');
    await ev.page.click('[data-testid=save-ratings]');
    await expect.poll(() => ev.page.locator('[data-testid=form-message]').innerText()).toBe('Saved.');
    expect(await ev.page.locator('[data-testid=form-error]').count()).toBe(0);
    const saved = (await apiAs(ev.context, 'GET', `/api/appraisals/${formUrl.split('/').pop()}`)).body as { ratings: Record<string, number> };
    expect(saved.ratings).toEqual({ C2: 5 });
    await expect.poll(() => ev.page.inputValue('[data-testid=rating-C1]')).toBe('');
  });
});
