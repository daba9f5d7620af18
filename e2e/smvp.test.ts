/**
 * HR edits the SMVP on its screen (issue 13): a year typed key by key is loaded once; HR starts
 * from the example, saves version 1; a component weight that makes 120% and two overlapping bands
 * are refused, each said next to its field (focus on the first); a row's own range is added and saved as version 2; version 1 stays
 * readable and read-only; the rating scale and the behaviours are edited as rows (version 3). In
 * Italian and in English, axe on the screen with errors and read-only. A save from a version the
 * administrator has saved over meanwhile is refused, the draft kept.
 * Against the real server and a fresh SQLite file.
 */
import { describe, expect, it } from 'vitest';
import { sentence } from '../web/src/ui/sentence.js';
import { e2eWorld, pages } from './pages.js';

const world = e2eWorld({ fixture: true });
const { newPage, login, apiAs, expectAccessible } = pages(world);

describe('the SMVP screen', { timeout: 120_000 }, () => {
  it('HR saves versions; weights and bands are refused at their field; an earlier version is read-only', async () => {
    const { context, page } = await newPage();
    await login(page, 'personale');
    await page.click('[data-testid=nav-smvp]');
    await page.waitForSelector('[data-testid=smvp-page]');
    await expect.poll(() => page.locator('[data-testid=smvp-start]').count()).toBe(1);

    // Typing a year key by key loads it once, not once per key (2, 20, 202, 2025); Enter loads at once.
    const loads: string[] = [];
    page.on('request', (r) => {
      const path = new URL(r.url()).pathname;
      if (path.startsWith('/api/smvp/')) loads.push(path);
    });
    // 2025's answer is held back until released, to see the screen while it is awaited.
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/api/smvp/2025', async (route) => {
      await held;
      await route.continue();
    });
    const year = page.locator('[data-testid=smvp-year]');
    await year.fill('');
    await year.pressSequentially('2025', { delay: 80 });
    // Until 2025's answer is in, the screen says neither 2024's state nor "none" under 2025.
    await expect.poll(() => loads).toEqual(['/api/smvp/2025']);
    await expect.poll(() => page.locator('[data-testid=smvp-loading]').count()).toBe(1);
    expect(await page.locator('[data-testid=smvp-page]').innerText()).not.toContain('Nessun SMVP salvato');
    expect(await page.locator('[data-testid=smvp-start]').count()).toBe(0);
    release();
    await expect.poll(() => page.locator('[data-testid=smvp-page]').innerText()).toContain('Nessun SMVP salvato per il 2025.');
    await expect.poll(() => loads).toEqual(['/api/smvp/2025']);
    await year.fill('');
    await year.pressSequentially('2024');
    await year.press('Enter');
    await expect.poll(() => page.locator('[data-testid=smvp-page]').innerText()).toContain('Nessun SMVP salvato per il 2024.');
    await expect.poll(() => loads).toEqual(['/api/smvp/2025', '/api/smvp/2024']);
    // Leaving the field, and the wait that a complete year starts, load nothing more.
    await year.blur();
    await page.waitForTimeout(1000);
    expect(loads).toEqual(['/api/smvp/2025', '/api/smvp/2024']);
    // An incomplete year goes back to the one shown, unloaded.
    await year.fill('20');
    await year.blur();
    await expect.poll(() => year.inputValue()).toBe('2024');
    expect(loads).toEqual(['/api/smvp/2025', '/api/smvp/2024']);

    await page.click('[data-testid=smvp-start]');
    await page.click('[data-testid=smvp-save]');
    await expect.poll(() => page.locator('[data-testid=smvp-saved]').innerText()).toBe('Salvata la versione 1.');

    // The manager's unit component 30 → 50: the live total says 120%, the server refuses it at the components.
    await page.fill('#smvp-schemes-0-components-unit', '50');
    await expect.poll(() => page.locator('[data-testid=smvp-total-dirigente]').innerText()).toBe('Totale: 120%');
    await page.click('[data-testid=smvp-save]');
    const weights = page.locator('[data-testid=smvp-schemes-0-components-error]');
    await expect.poll(() => weights.innerText()).toBe('I pesi delle componenti (dirigente) sommano a 120%, non a 100%.');
    await expect.poll(() => page.getAttribute('#smvp-schemes-0-components-unit', 'aria-invalid')).toBe('true');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('smvp-schemes-0-components-body');
    await expectAccessible(page, 'SMVP screen with a refused weight');
    await page.fill('#smvp-schemes-0-components-unit', '30');

    // Staff bands 75,01–90,5 and 90,01–100 overlap: said at the band's lower bound.
    await page.fill('#smvp-schemes-2-bands-1-max', '90,5');
    await page.click('[data-testid=smvp-save]');
    await expect.poll(() => page.locator('[data-testid=smvp-schemes-2-bands-0-min-error]').innerText()).toContain('si sovrappone alla fascia «Buono»');
    await expect.poll(() => page.locator('[data-testid=smvp-schemes-0-components-error]').count()).toBe(0);
    await page.fill('#smvp-schemes-2-bands-1-max', '90');

    // A row's own range, and the reason: version 2.
    const tree = (await apiAs(context, 'GET', `/api/plans/${world.planId}/tree`)).body;
    const row = tree.objectives.find((o: { code: string }) => o.code === 'B.1.1').indicators[0];
    await page.click('[data-testid=smvp-add-threshold]');
    await page.fill('#smvp-indicatorThresholds-0-code', 'B.1.1');
    await page.fill('#smvp-indicatorThresholds-0-indicator', row.name);
    await page.fill('#smvp-indicatorThresholds-0-green', '100');
    await page.fill('#smvp-indicatorThresholds-0-yellow', '85');
    await page.fill('#smvp-reason', 'delibera n. 12');
    await page.click('[data-testid=smvp-save]');
    await expect.poll(() => page.locator('[data-testid=smvp-saved]').innerText()).toBe('Salvata la versione 2.');
    const stored = (await apiAs(context, 'GET', '/api/smvp/2024')).body;
    expect(stored).toMatchObject({ version: 2, reason: 'delibera n. 12', document: { indicatorThresholds: [{ code: 'B.1.1', indicator: row.name, green: 100, yellow: 85 }] } });
    expect(stored.document.schemes[0].components.unit).toBe(30);
    expect(stored.document.schemes[2].bands[1].max).toBe(90);
    // The tree now bands the row by it.
    expect((await apiAs(context, 'GET', `/api/plans/${world.planId}/tree`)).body.objectives.find((o: { code: string }) => o.code === 'B.1.1').indicators[0].ownRange).toMatchObject({
      green: 100,
      yellow: 85,
    });

    // Version 1 is still there, read-only; nothing of it changes.
    await page.selectOption('[data-testid=smvp-version]', '1');
    await page.waitForSelector('[data-testid=smvp-read-only]');
    await expect.poll(() => page.locator('[data-testid=smvp-save]').count()).toBe(0);
    await expect.poll(() => page.inputValue('#smvp-schemes-0-components-unit')).toBe('30');
    await expect.poll(() => page.locator('[data-testid=smvp-threshold-0]').count()).toBe(0);
    await expectAccessible(page, 'SMVP screen, an earlier version');
    expect((await apiAs(context, 'GET', '/api/smvp/2024?version=1')).body.document.indicatorThresholds).toEqual([]);

    // In English: the words and the server's refusal.
    await page.selectOption('[data-testid=smvp-version]', '2');
    await page.waitForSelector('[data-testid=smvp-save]');
    await page.selectOption('select[aria-label=Lingua]', 'en');
    await expect.poll(() => page.locator('#smvp-title').innerText()).toBe('Performance measurement and evaluation system (SMVP)');
    await page.fill('#smvp-schemes-1-components-behaviours', '');
    await page.fill('#smvp-schemes-1-components-behaviours', 'trenta');
    await page.click('[data-testid=smvp-save]');
    await expect.poll(() => page.locator('[data-testid=smvp-schemes-1-components-behaviours-error]').innerText()).toBe('Expected a number.');
    await expect.poll(() => page.locator('[data-testid=smvp-error]').innerText()).toBe(sentence('the SMVP cannot be saved: one problem, shown at its field'));
    expect((await apiAs(context, 'GET', '/api/smvp/2024')).body.version).toBe(2);
    await page.fill('#smvp-schemes-1-components-behaviours', '30');

    // The rating scale and the behaviours on the screen: a level given twice and a rated behaviour
    // missing from the catalogue are refused at their fields; put right, they are version 3.
    await page.fill('#smvp-ratingScale-1-value', '1');
    await page.click('[data-testid=smvp-add-weight-personale]');
    await page.fill('#smvp-schemes-2-behaviours-3-code', 'C5');
    await page.fill('#smvp-schemes-2-behaviours-3-weight', '10');
    await page.fill('#smvp-schemes-2-behaviours-0-weight', '30');
    await page.click('[data-testid=smvp-save]');
    await expect.poll(() => page.locator('[data-testid=smvp-ratingScale-1-value-error]').innerText()).toBe('The rating 1 appears twice in the scale.');
    await expect.poll(() => page.locator('[data-testid=smvp-schemes-2-behaviours-3-code-error]').innerText()).toContain('rates C5, which is not in the catalogue of behaviours');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('smvp-ratingScale-1-value');
    await expectAccessible(page, 'SMVP screen, the scale and the behaviours refused');
    await page.fill('#smvp-ratingScale-1-value', '2');
    await page.fill('#smvp-ratingScale-4-label', 'Eccezionale');
    await page.click('[data-testid=smvp-add-behaviour]');
    await page.fill('#smvp-behaviours-4-code', 'C5');
    await page.fill('#smvp-behaviours-4-title', 'Innovazione');
    await page.fill('#smvp-behaviours-4-description', 'Propone e realizza miglioramenti');
    await page.click('[data-testid=smvp-save]');
    await expect.poll(() => page.locator('[data-testid=smvp-saved]').innerText()).toBe('Version 3 saved.');
    const third = (await apiAs(context, 'GET', '/api/smvp/2024')).body;
    expect(third.version).toBe(3);
    expect(third.document.ratingScale.map((l: { value: number; label: string }) => [l.value, l.label])).toEqual([
      [1, 'Inadeguato'],
      [2, 'Parzialmente adeguato'],
      [3, 'Adeguato'],
      [4, 'Buono'],
      [5, 'Eccezionale'],
    ]);
    expect(third.document.behaviours[4]).toEqual({ code: 'C5', title: 'Innovazione', description: 'Propone e realizza miglioramenti' });
    expect(third.document.schemes[2].behaviours).toEqual([
      { code: 'C1', weight: 30 },
      { code: 'C2', weight: 30 },
      { code: 'C3', weight: 30 },
      { code: 'C5', weight: 10 },
    ]);
    // Version 2 keeps its scale and behaviours.
    expect((await apiAs(context, 'GET', '/api/smvp/2024?version=2')).body.document.behaviours).toHaveLength(4);
    await context.close();
  });

  it("HR's save over a version the administrator saved meanwhile is refused, with the draft kept", async () => {
    const { context, page } = await newPage();
    await login(page, 'personale');
    await page.click('[data-testid=nav-smvp]');
    await page.waitForSelector('[data-testid=smvp-save]');
    const start = (await apiAs(context, 'GET', '/api/smvp/2024')).body;
    await page.fill('#smvp-schemes-0-components-unit', '25');
    await page.fill('#smvp-schemes-0-components-objectives', String(start.document.schemes[0].components.objectives + 5));
    await page.fill('#smvp-reason', 'delibera n. 30');
    // Meanwhile the administrator (Amministratrice) saves a version of their own: the refusal names her.
    const other = await newPage();
    await login(other.page, 'admin');
    const theirs = { ...start.document, notEvaluable: start.document.notEvaluable === 'exclude' ? 'achieved' : 'exclude' };
    expect((await apiAs(other.context, 'PUT', '/api/smvp/2024', { document: theirs, version: start.version })).status).toBe(200);
    await other.context.close();
    // HR saves by keyboard: refused, said, and nothing typed is lost.
    await page.press('#smvp-reason', 'Enter');
    await expect
      .poll(() => page.locator('[data-testid=smvp-error]').innerText())
      .toBe(sentence(`l'SMVP è stato salvato da Amministratrice nel frattempo (versione ${start.version + 1}, modificata a partire dalla ${start.version}): ricaricarlo e riportare le modifiche`));
    expect(await page.inputValue('#smvp-schemes-0-components-unit')).toBe('25');
    expect(await page.inputValue('#smvp-reason')).toBe('delibera n. 30');
    expect((await apiAs(context, 'GET', '/api/smvp/2024')).body).toMatchObject({ version: start.version + 1, document: { notEvaluable: theirs.notEvaluable } });
    await expectAccessible(page, 'SMVP screen, a save overtaken');
    await context.close();
  });
});
