/**
 * Data entry as a referente does it each quarter (issue 17 §1–2): from the keyboard alone, three
 * values in a row — the tree is one Tab stop, Enter goes into the entry form, Enter saves and the
 * form moves on to the next indicator to fill, Escape comes back to the same row — and the entry
 * form of a "non misurato" indicator, which asks for the value at once and takes a simulated
 * (what-if) value, none from a what-if field only passed through (an actual a double cannot hold),
 * and one typed longer than a double holds scored, carried and saved as typed;
 * and the warning on an implausible percentage (150 %, −5 %), which still saves; a refused value or a
 * missing N.V. reason takes the focus to its field, marked invalid and described by the message; the
 * history table writes actuals and targets in the indicator's unit (50,00%, 30/04/2024).
 * Against the real server and a fresh SQLite file; axe on the form.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { e2eWorld, pages, pickPeriod } from './pages.js';

const world = e2eWorld({ fixture: true });
const { newPage, login, apiAs, openPlan, objectivePerformance, expectAccessible, chooseLanguage } = pages(world);

const FIRST_QUARTER = '2024-06-30';
const enc = encodeURIComponent;

interface Doc {
  objectives: Array<{ code: string; performance: number | null; indicators: Array<{ id: string; name: string; actual: unknown; state: string }> }>;
}

/** Where the focus is: the element's id, the tree row it sits in, and whether it is inside the tree. */
function focus(page: Page) {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return {
      id: el?.id ?? '',
      indicator: el?.closest('[data-indicator]')?.getAttribute('data-indicator') ?? null,
      code: el?.closest('[data-code]')?.getAttribute('data-code') ?? null,
      inTree: el?.closest('[role=treegrid]') !== null,
    };
  });
}

describe('data entry from the keyboard', { timeout: 180_000 }, () => {
  it('a referente enters three values without the mouse, each save moving on to the next indicator to fill', async () => {
    // The controllo di gestione assigns B.2.2 to the referente's office.
    const setup = await newPage();
    await login(setup.page, 'controller');
    const assigned = await apiAs(setup.context, 'PATCH', `/api/plans/${enc(world.planId)}/nodes/B.2.2`, { unit: 'Ufficio Transizione' });
    expect(assigned.status, JSON.stringify(assigned.body)).toBe(200);
    await setup.context.close();

    const { context, page } = await newPage();
    await login(page, 'referente');
    await openPlan(page);
    await pickPeriod(page, FIRST_QUARTER);
    await expect.poll(() => page.locator('[data-testid=period-state]').innerText()).toBeTruthy();
    await page.focus('#f-search');
    await page.keyboard.type('B.2.2');
    await page.waitForSelector('[data-indicator="B.2.2:3"]');

    // From the search field to the tree: the filter bar's controls and the toolbar's buttons (about
    // a dozen), whatever the number of rows — before the tree was one Tab stop it took 169.
    let tabs = 0;
    while (!(await focus(page)).inTree && tabs < 40) {
      await page.keyboard.press('Tab');
      tabs++;
    }
    expect((await focus(page)).inTree).toBe(true);
    expect(tabs).toBeLessThanOrEqual(15);
    // The tree is one Tab stop: the next Tab leaves it, Shift+Tab comes back.
    await page.keyboard.press('Tab');
    expect((await focus(page)).inTree).toBe(false);
    await page.keyboard.press('Shift+Tab');
    expect((await focus(page)).inTree).toBe(true);

    // Arrow keys to the first indicator of B.2.2, Enter into its form.
    for (let n = 0; n < 10 && (await focus(page)).indicator !== 'B.2.2:1'; n++) await page.keyboard.press('ArrowDown');
    expect((await focus(page)).indicator).toBe('B.2.2:1');
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await focus(page)).id).toBe('entry-actual');
    // Not measured yet: the value is asked at once, and typing it means "measured".
    await expect.poll(() => page.inputValue('#entry-state')).toBe('not_measured');

    const doc = (await apiAs(context, 'GET', `/api/plans/${enc(world.planId)}/tree?period=${FIRST_QUARTER}`)).body as Doc;
    const names = new Map(doc.objectives.find((o) => o.code === 'B.2.2')!.indicators.map((i) => [i.id, i.name]));
    const values: Array<[string, string]> = [
      ['B.2.2:1', '2'],
      ['B.2.2:2', '10'],
      ['B.2.2:3', '20'],
    ];
    for (const [id, value] of values) {
      await expect.poll(() => page.locator('#detail-title').innerText()).toBe(names.get(id));
      await expect.poll(async () => (await focus(page)).id).toBe('entry-actual');
      await page.keyboard.type(value);
      await expect.poll(() => page.inputValue('#entry-state')).toBe('measured');
      await page.keyboard.press('Enter');
      await expect.poll(() => page.locator('[data-testid=entry-message]').innerText()).toContain(`Salvato`);
    }
    // After the first two, the form said what was saved and where it moved.
    // The last one has no indicator to fill after it: the form stays on it, saved.
    await expect
      .poll(async () => (await apiAs(context, 'GET', `/api/plans/${enc(world.planId)}/tree?period=${FIRST_QUARTER}`)).body.objectives.find((o: { code: string }) => o.code === 'B.2.2').performance)
      .toBe(100);
    const stored = (await apiAs(context, 'GET', `/api/plans/${enc(world.planId)}/tree?period=${FIRST_QUARTER}`)).body as Doc;
    expect(stored.objectives.find((o) => o.code === 'B.2.2')!.indicators.map((i) => [i.id, i.actual, i.state])).toEqual([
      ['B.2.2:1', 2, 'measured'],
      ['B.2.2:2', 10, 'measured'],
      ['B.2.2:3', 20, 'measured'],
    ]);
    // The tree on screen was updated in place from the saves' answers.
    expect((await objectivePerformance(page, 'B.2.2')).text).toContain('100,00%');
    await expectAccessible(page, 'entry form after keyboard saves');

    // Escape closes the detail and gives the focus back to the row of the indicator.
    await page.keyboard.press('Escape');
    await page.waitForSelector('[data-testid=detail]', { state: 'detached' });
    await expect.poll(async () => (await focus(page)).indicator).toBe('B.2.2:3');
    expect((await focus(page)).inTree).toBe(true);
    await context.close();
  });

  it('moves on to the next indicator without a value after a save, saying which', async () => {
    const { context, page } = await newPage();
    await login(page, 'controller');
    await openPlan(page);
    await pickPeriod(page, FIRST_QUARTER);
    await page.fill('#f-search', 'B.2.1');
    await page.waitForSelector('[data-indicator="B.2.1:2"]');
    await page.focus('[data-indicator="B.2.1:1"] .tree-link');
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await focus(page)).id).toBe('entry-actual');
    await page.keyboard.type('3');
    await page.keyboard.press('Enter');
    const doc = (await apiAs(context, 'GET', `/api/plans/${enc(world.planId)}/tree?period=${FIRST_QUARTER}`)).body as Doc;
    const second = doc.objectives.find((o) => o.code === 'B.2.1')!.indicators[1]!;
    await expect.poll(() => page.locator('#detail-title').innerText()).toBe(second.name);
    await expect.poll(() => page.locator('[data-testid=entry-message]').innerText()).toContain(`Ora: «${second.name}»`);
    await expect.poll(async () => (await focus(page)).id).toBe('entry-actual');
    await expect.poll(() => page.getAttribute('[data-indicator="B.2.1:2"]', 'aria-selected')).toBe('true');
    await context.close();
  });
});

describe('the entry form of an indicator not yet measured', { timeout: 180_000 }, () => {
  it("starts again from the new period's value when the period changes with the form open", async () => {
    const { context, page } = await newPage();
    await login(page, 'controller');
    await openPlan(page);
    await page.fill('#f-search', 'A.2.1');
    await page.click('[data-indicator="A.2.1:1"] .tree-link');
    await page.waitForSelector('#entry-actual');
    // The plan's latest period: measured.
    await expect.poll(() => page.inputValue('#entry-state')).toBe('measured');
    expect(await page.inputValue('#entry-actual')).not.toBe('');
    // The first quarter, the form still open: its own value, not the other period's.
    await pickPeriod(page, FIRST_QUARTER);
    await expect.poll(() => page.inputValue('#entry-state')).toBe('not_measured');
    expect(await page.inputValue('#entry-actual')).toBe('');
    await context.close();
  });

  it('shows the value field at once, typing means measured, and takes the simulated value', async () => {
    const { context, page } = await newPage();
    await login(page, 'controller');
    await openPlan(page);
    await pickPeriod(page, FIRST_QUARTER);
    await page.fill('#f-search', 'A.2.1');
    await page.click('[data-indicator="A.2.1:1"] .tree-link');
    await page.waitForSelector('#entry-actual');
    await expect.poll(() => page.inputValue('#entry-state')).toBe('not_measured');
    // The value field comes first, before the state and the evidence.
    const order = await page.evaluate(() => Array.from(document.querySelectorAll('.entry input, .entry select, .entry textarea'), (e) => e.id));
    expect(order.indexOf('entry-actual')).toBeLessThan(order.indexOf('entry-state'));
    expect(order.indexOf('entry-actual')).toBeLessThan(order.indexOf('entry-evidence'));
    await page.fill('#entry-actual', '7');
    await expect.poll(() => page.inputValue('#entry-state')).toBe('measured');
    // Emptied again: back to "non misurato", as it was.
    await page.fill('#entry-actual', '');
    await expect.poll(() => page.inputValue('#entry-state')).toBe('not_measured');
    await expectAccessible(page, 'entry form, not measured');

    // What-if: a simulated actual, carried into the form, saved only with "Salva".
    await page.click('[data-testid=whatif-toggle]');
    await page.waitForSelector('[data-testid=whatif-banner]');
    await page.fill('[data-testid="whatif-actual-A.2.1:1"]', '55,5');
    await page.keyboard.press('Enter');
    await page.click('[data-indicator="A.2.1:1"] .tree-link');
    await page.waitForSelector('[data-testid=use-simulated]');
    await expect.poll(() => page.locator('[data-testid=use-simulated]').innerText()).toBe('Usa il valore simulato');
    await expectAccessible(page, 'what-if with the simulated value');
    await page.click('[data-testid=use-simulated]');
    await page.waitForSelector('[data-testid=whatif-banner]', { state: 'detached' });
    await expect.poll(() => page.inputValue('#entry-actual')).toBe('55,5');
    await expect.poll(() => page.inputValue('#entry-state')).toBe('measured');
    await expect.poll(() => page.locator('[data-testid=entry-message]').innerText()).toContain('non è ancora salvato');
    await expect.poll(async () => (await focus(page)).id).toBe('entry-actual');
    // Nothing stored until saved.
    const before = (await apiAs(context, 'GET', `/api/plans/${enc(world.planId)}/tree?period=${FIRST_QUARTER}`)).body as Doc;
    expect(before.objectives.find((o) => o.code === 'A.2.1')!.indicators.find((i) => i.id === 'A.2.1:1')!.actual).toBeNull();
    await page.click('[data-testid=entry-save]');
    await expect
      .poll(
        async () =>
          ((await apiAs(context, 'GET', `/api/plans/${enc(world.planId)}/tree?period=${FIRST_QUARTER}`)).body as Doc).objectives
            .find((o) => o.code === 'A.2.1')!
            .indicators.find((i) => i.id === 'A.2.1:1')!.actual,
      )
      .toBe(55.5);

    // In English too.
    await chooseLanguage(page, 'en');
    await page.click('[data-testid=whatif-toggle]');
    await page.fill('[data-testid="whatif-actual-A.2.1:1"]', '8');
    await page.keyboard.press('Enter');
    await page.click('[data-indicator="A.2.1:1"] .tree-link');
    await expect.poll(() => page.locator('[data-testid=use-simulated]').innerText()).toBe('Use the simulated value');
    await context.close();
  });
});

describe('the entry form questions an implausible percentage (issue 14)', { timeout: 180_000 }, () => {
  it('warns at 150 % and −5 %, not at 93,5 %, and still saves 150 on purpose', async () => {
    const { context, page } = await newPage();
    await login(page, 'controller');
    await openPlan(page);
    await pickPeriod(page, FIRST_QUARTER);
    await page.fill('#f-search', 'A.2.1');
    // "Capacità di risposta dello sportello internazionalizzazione": a percentage, target 60%.
    await page.click('[data-indicator="A.2.1:2"] .tree-link');
    await page.waitForSelector('#entry-actual');
    const warning = page.locator('#entry-actual-warning');

    await page.fill('#entry-actual', '150');
    await expect.poll(() => warning.innerText()).toBe('Valore insolito per una percentuale: 150%. Controllarlo prima di salvare.');
    // Read with the field by a screen reader, and announced.
    expect(await page.getAttribute('#entry-actual', 'aria-describedby')).toContain('entry-actual-warning');
    expect(await warning.getAttribute('role')).toBe('status');
    await page.fill('#entry-actual', '-5');
    await expect.poll(() => warning.innerText()).toContain('Valore insolito per una percentuale: -5%.');
    await page.fill('#entry-actual', '93,5');
    await expect.poll(() => warning.count()).toBe(0);
    await page.fill('#entry-actual', '100');
    await expect.poll(() => warning.count()).toBe(0);

    // A warning, not a refusal: saved as typed when meant.
    await page.fill('#entry-actual', '150');
    await expect.poll(() => warning.count()).toBe(1);
    await page.click('[data-testid=entry-save]');
    await expect.poll(() => page.locator('[data-testid=entry-message]').innerText()).toContain('Salvato');
    const stored = async () =>
      ((await apiAs(context, 'GET', `/api/plans/${enc(world.planId)}/tree?period=${FIRST_QUARTER}`)).body as Doc).objectives
        .find((o) => o.code === 'A.2.1')!
        .indicators.find((i) => i.id === 'A.2.1:2')!;
    await expect.poll(async () => (await stored()).actual).toBe(150);
    expect((await stored()).state).toBe('measured');

    // On an English screen, in English and in its notation.
    // Switched before typing: a number typed on the Italian screen would be rewritten in English notation.
    await chooseLanguage(page, 'en');
    await page.click('[data-indicator="A.2.1:2"] .tree-link');
    await page.fill('#entry-actual', '100.5');
    await expect.poll(() => warning.innerText()).toBe('An unusual value for a percentage: 100.5%. Check it before saving.');
    await context.close();
  });

  it("writes each period's actual and target in the history as the tree does: 50,00% against 60,00%, a date target as a date", async () => {
    const { context, page } = await newPage();
    await login(page, 'controller');
    await openPlan(page);
    const yearEnd = async (indicator: string) => {
      await page.click(`[data-indicator="${indicator}"] .tree-link`);
      await expect.poll(() => page.locator('[data-testid=history] tbody tr').count()).toBe(3);
      // The year end's row: actual, target, performance.
      return (await page.locator('[data-testid=history] tbody tr').last().innerText())
        .split('\t')
        .map((c) => c.trim())
        .slice(1);
    };
    await page.fill('#f-search', 'A.2.1');
    expect(await yearEnd('A.2.1:2')).toEqual(['50,00%', '60,00%', '0,00%']);
    // A date target: with no completion date, not achieved.
    await page.fill('#f-search', 'A.5.1');
    expect(await yearEnd('A.5.1:3')).toEqual(['—', '30/04/2024', '0,00%']);
    await context.close();
  });

  it('puts the focus on the field a refusal is about, marked invalid and described by it', async () => {
    const { context, page } = await newPage();
    await login(page, 'controller');
    await openPlan(page);
    await pickPeriod(page, FIRST_QUARTER);
    await page.fill('#f-search', 'A.1.2');
    await page.click('[data-indicator="A.1.2:1"] .tree-link');
    await page.waitForSelector('#entry-actual');
    const field = async (id: string) => {
      const described = (await page.getAttribute(`#${id}`, 'aria-describedby')) ?? '';
      const words = await Promise.all(described.split(' ').map((d) => page.locator(`#${d}`).innerText()));
      return { focused: (await focus(page)).id === id, invalid: await page.getAttribute(`#${id}`, 'aria-invalid'), words: words.join(' ') };
    };
    await page.fill('#entry-actual', 'molti');
    await page.click('[data-testid=entry-save]');
    await expect.poll(() => field('entry-actual')).toEqual({ focused: true, invalid: 'true', words: expect.stringContaining('Scrivere un numero') });
    // Not evaluable without its reason: the reason field.
    await page.selectOption('#entry-state', 'not_evaluable');
    await page.click('[data-testid=entry-save]');
    await expect.poll(() => field('entry-reason')).toEqual({ focused: true, invalid: 'true', words: expect.stringContaining('motivo') });
    await page.fill('#entry-reason', 'Dato non disponibile per il primo semestre');
    await page.click('[data-testid=entry-save]');
    await expect.poll(() => page.locator('[data-testid=entry-message]').innerText()).toContain('Salvato');
    await context.close();
  });
});

describe('what-if and a value a double cannot hold', { timeout: 180_000 }, () => {
  it('records no override for a field only passed through, so there is no simulated value to use', async () => {
    const { context, page } = await newPage();
    await login(page, 'controller');
    // B.2.2:1's actual, stored exactly: twenty decimals, more than a double holds.
    const exact = '0.12345678901234567891';
    const tree = (await apiAs(context, 'GET', `/api/plans/${enc(world.planId)}/tree?period=${FIRST_QUARTER}`)).body as {
      objectives: Array<{ code: string; indicators: Array<{ id: string; version: number }> }>;
    };
    const indicator = tree.objectives.find((o) => o.code === 'B.2.2')!.indicators.find((i) => i.id === 'B.2.2:1')!;
    const put = await apiAs(context, 'PUT', `/api/plans/${enc(world.planId)}/indicators/${enc('B.2.2:1')}/measurements/${FIRST_QUARTER}`, {
      state: 'measured',
      actual: exact,
      version: indicator.version,
    });
    expect(put.status, JSON.stringify(put.body)).toBe(200);

    await openPlan(page);
    await pickPeriod(page, FIRST_QUARTER);
    await page.fill('#f-search', 'B.2.2');
    await page.click('[data-testid=whatif-toggle]');
    await page.waitForSelector('[data-testid=whatif-banner]');
    const field = '[data-testid="whatif-actual-B.2.2:1"]';
    await expect.poll(() => page.inputValue(field)).toBe('0,12345678901234567891');
    // Into the field and out of it, nothing typed.
    await page.focus(field);
    await page.keyboard.press('Enter');
    await page.click('[data-indicator="B.2.2:1"] .tree-link');
    await page.waitForSelector('#need-title');
    expect(await page.locator('[data-testid=use-simulated]').count()).toBe(0);
    expect(await page.locator('[data-testid=whatif-banner] button').count()).toBe(0);
    expect(await page.inputValue(field)).toBe('0,12345678901234567891');
    await context.close();
  });

  it('scores and carries the very decimal typed into a what-if field, then saves it as typed', async () => {
    const { context, page } = await newPage();
    await login(page, 'controller');
    await openPlan(page);
    await pickPeriod(page, FIRST_QUARTER);
    await page.fill('#f-search', 'A.1.1');
    await page.click('[data-testid=whatif-toggle]');
    await page.waitForSelector('[data-testid=whatif-banner]');
    // A.1.1:2 (30 of A.1.1's weight) met, and A.1.1:1 (≥, on/off, 70) given an actual 10^-20
    // short of its target: a double holds both as 0.12345678901234568, met, A.1.1 at 100 %.
    await page.fill('[data-testid="whatif-actual-A.1.1:2"]', '12');
    await page.press('[data-testid="whatif-actual-A.1.1:2"]', 'Enter');
    const target = '[data-testid="whatif-target-A.1.1:1"]';
    const actual = '[data-testid="whatif-actual-A.1.1:1"]';
    await page.fill(target, '0,12345678901234567891');
    await page.press(target, 'Enter');
    await page.fill(actual, '0,1234567890123456789');
    await page.press(actual, 'Enter');
    // The fields are drawn again from the overrides: every decimal typed, none rounded.
    await expect.poll(() => page.inputValue(target)).toBe('0,12345678901234567891');
    await expect.poll(() => page.inputValue(actual)).toBe('0,1234567890123456789');
    await expect.poll(async () => (await objectivePerformance(page, 'A.1.1')).text).toContain('30,00%');

    // "Use the simulated value" carries it into the entry form as typed, and the save stores it so.
    await page.click('[data-indicator="A.1.1:1"] .tree-link');
    await page.click('[data-testid=use-simulated]');
    await expect.poll(() => page.inputValue('#entry-actual')).toBe('0,1234567890123456789');
    await page.click('[data-testid=entry-save]');
    await expect.poll(() => page.locator('[data-testid=entry-message]').innerText()).toContain('Salvato');
    const stored = (await apiAs(context, 'GET', `/api/plans/${enc(world.planId)}/tree?period=${FIRST_QUARTER}`)).body as Doc;
    expect(stored.objectives.find((o) => o.code === 'A.1.1')!.indicators.find((i) => i.id === 'A.1.1:1')!.actual).toBe('0.1234567890123456789');
    await context.close();
  });
});
