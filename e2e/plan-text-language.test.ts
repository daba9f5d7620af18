/**
 * On an English screen the plan's own texts are marked Italian (WCAG 2.1 SC 3.1.2, language of
 * parts: core's PLAN_TEXT_LANGUAGE): the tree's objectives and indicators, the detail's heading and
 * the indicator's objective, each text's language as Chromium resolves it (its nearest `lang`); the
 * app's own words stay English; axe finds nothing serious there. On an Italian screen nothing is
 * marked, the page being Italian throughout. Against the real server and a fresh SQLite file.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { seriousViolations } from './axe.js';
import { e2eWorld, pages, pickPeriod } from './pages.js';

const world = e2eWorld({ fixture: true });
const { newPage, login, openPlan, search, chooseLanguage, apiAs, importFixture, signedInPage, staffForm, openAppraisal } = pages(world);
const YEAR_END = '2024-12-31';

/** The language the browser resolves for the element: its nearest `lang`. */
const languageOf = (page: Page, selector: string): Promise<string | null> =>
  page
    .locator(selector)
    .first()
    .evaluate((e) => e.closest('[lang]')?.getAttribute('lang') ?? null);

describe("the plan's texts on an English screen", { timeout: 120_000 }, () => {
  it('are Italian in the tree and the detail, the screen English, axe clean', async () => {
    const { context, page } = await newPage();
    await login(page, 'controller');
    await openPlan(page);
    await chooseLanguage(page, 'en');
    await search(page, 'A.3');
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('en');

    expect(await languageOf(page, '[data-code="A.3"] .tree-link .title')).toBe('it');
    expect(await languageOf(page, '[data-indicator="A.3:1"] .tree-link .title')).toBe('it');
    // The tree's own words (its column heads, a state's word) are the screen's.
    expect(await languageOf(page, '[data-testid=tree] [role=columnheader]')).toBe('en');

    await page.click('[data-indicator="A.3:1"] .tree-link');
    await expect.poll(() => languageOf(page, '#detail-title')).toBe('it');
    expect(await languageOf(page, '.indicator-facts dt')).toBe('en');
    expect(await languageOf(page, '.indicator-facts dd')).toBe('it');
    expect(await seriousViolations(page)).toEqual([]);

    await page.click('[data-code="A.3"] .tree-link');
    await expect.poll(() => page.locator('#detail-title').innerText()).toContain('A.3');
    expect(await languageOf(page, '#detail-title')).toBe('it');
    expect(await seriousViolations(page)).toEqual([]);

    // In Italian the page's own language holds: no text marked apart.
    await chooseLanguage(page, 'it');
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('it');
    expect(await page.locator('main [lang], aside [lang]').count()).toBe(0);
    await context.close();
  });

  it("are Italian in the plans' list, the plan's heading and body, and the indicator's audit trail", async () => {
    const { context, page } = await newPage();
    await login(page, 'controller');
    const plan = `/api/plans/${encodeURIComponent(world.planId)}`;
    // A value saved: the trail has an entry naming the indicator.
    const tree = (await apiAs(context, 'GET', `${plan}/tree?period=${YEAR_END}`)).body as { objectives: Array<{ indicators: Array<{ id: string; version: number }> }> };
    const { version } = tree.objectives.flatMap((o) => o.indicators).find((i) => i.id === 'A.3:1')!;
    expect((await apiAs(context, 'PUT', `${plan}/indicators/${encodeURIComponent('A.3:1')}/measurements/${YEAR_END}?tree=false`, { state: 'measured', actual: 207, version })).status).toBe(200);

    await page.goto(`${world.server.url}/`);
    await chooseLanguage(page, 'en');
    const item = '.plan-list [data-plan-title]';
    await page.waitForSelector(item);
    expect(await languageOf(page, `${item} a.fw-semibold`)).toBe('it');
    expect(await languageOf(page, `${item} .text-muted > span`)).toBe('it');
    // The list's own words: the year's heading, the version and state beside the body.
    expect(await languageOf(page, `${item} .text-muted`)).toBe('en');
    expect(await languageOf(page, 'h2[id^=year-]')).toBe('en');
    expect(await seriousViolations(page)).toEqual([]);

    await openPlan(page);
    await pickPeriod(page, YEAR_END);
    expect(await languageOf(page, 'main h1')).toBe('it');
    expect(await languageOf(page, '[data-testid=plan-body] span')).toBe('it');
    expect(await languageOf(page, '[data-testid=plan-body]')).toBe('en');
    await search(page, 'A.3');
    await page.click('[data-indicator="A.3:1"] .tree-link');
    const entry = page.locator('[data-testid=audit] li').first();
    await expect.poll(() => entry.innerText()).toContain('Soggetti coinvolti');
    expect(await entry.locator('span[lang]').innerText()).toMatch(/^Soggetti coinvolti/);
    expect(await languageOf(page, '[data-testid=audit] li span[lang]')).toBe('it');
    expect(await languageOf(page, '[data-testid=audit] li time')).toBe('en');
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });

  // Before the revisions' test, which imports a second plan of another body: HR's SMVP is the file's body's.
  it("are Italian in the Relazione's editor and on the appraisal form", async () => {
    const { context, page } = await newPage();
    await login(page, 'controller');
    await page.goto(`${world.server.url}/#/plans/${encodeURIComponent(world.planId)}/relazione`);
    await page.waitForSelector('[data-testid=relazione-page]');
    await chooseLanguage(page, 'en');
    expect(await languageOf(page, '[data-testid=relazione-page] > p.text-muted')).toBe('it');
    expect(await languageOf(page, '#relazione-text-contesto-esterno')).toBe('it');
    expect(await languageOf(page, 'label[for=relazione-text-contesto-esterno]')).toBe('en');
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();

    const hr = await signedInPage('personale', null);
    const created = await staffForm(hr.context);
    await openAppraisal(hr.page, created.id);
    await chooseLanguage(hr.page, 'en');
    expect(await languageOf(hr.page, 'label[for=rating-C1] span')).toBe('it');
    expect(await languageOf(hr.page, 'label[for=rating-C1]')).toBe('en');
    expect(await seriousViolations(hr.page)).toEqual([]);
  });

  it("are Italian in the revisions' register, the variances and the worklist", async () => {
    const { context, page } = await newPage();
    await login(page, 'controller');
    const planId = await importFixture();
    const plan = `/api/plans/${encodeURIComponent(planId)}`;
    const ok = (r: { status: number; body: unknown }, status = 200) => expect(r.status, JSON.stringify(r.body)).toBe(status);
    ok(await apiAs(context, 'PATCH', `${plan}/nodes/B.2.2`, { unit: 'Ufficio Transizione' }));
    ok(await apiAs(context, 'POST', `${plan}/adopt`, { act: { kind: 'Delibera di Giunta', number: '12', date: '2024-01-30' } }));
    ok(await apiAs(context, 'POST', `${plan}/revisions`, { reason: 'Rimodulazione di metà anno', date: '2024-07-15' }), 201);
    ok(await apiAs(context, 'DELETE', `${plan}/indicators/${encodeURIComponent('B.2.2:3')}?removeValues=true`));
    ok(await apiAs(context, 'PUT', `${plan}/nodes/B.1/variances/${YEAR_END}`, { cause: 'external', explanation: 'Personale ridotto nel secondo semestre.', correctiveAction: '', version: 0 }));
    ok(await apiAs(context, 'POST', `${plan}/periods/${YEAR_END}/transition`, { to: 'collecting' }));

    await openPlan(page, planId);
    await chooseLanguage(page, 'en');
    await pickPeriod(page, YEAR_END);
    await page.click('[data-testid=revisions-toggle]');
    const register = page.locator('[data-testid=revisions-panel]');
    await expect.poll(() => register.innerText()).toContain('Rimodulazione di metà anno');
    expect(await register.locator('td span[lang]', { hasText: 'Rimodulazione di metà anno' }).getAttribute('lang')).toBe('it');
    // The change's sentence: the indicator's name alone marked, the catalogue's words around it English.
    const change = register.locator('li', { hasText: 'N. assessment' }).first();
    expect(await change.locator('span[lang=it]').innerText()).toMatch(/^N\. assessment/);
    expect(await change.evaluate((e) => e.closest('[lang]')?.getAttribute('lang'))).toBe('en');
    expect(await seriousViolations(page)).toEqual([]);

    await page.click('[data-testid=variances-toggle]');
    const variance = page.locator('[data-testid=variance]', { hasText: 'B.1 ' }).first();
    await variance.waitFor();
    expect(await variance.locator('h3 span[lang]').innerText()).toMatch(/^B\.1 \S/);
    expect(await variance.locator('h3 span[lang]').getAttribute('lang')).toBe('it');

    await page.click('[data-testid=worklist-toggle]');
    await page.waitForSelector('[data-testid=worklist-table] tbody tr');
    const row = page.locator('[data-testid=worklist-table] tbody tr').first();
    expect(await row.locator('td').first().getAttribute('lang')).toBe('it');
    expect(await row.locator('td:nth-child(2) button').getAttribute('lang')).toBe('it');
    expect(await languageOf(page, '[data-testid=worklist-table] th')).toBe('en');
    expect(await seriousViolations(page)).toEqual([]);

    // In Italian the page's own language holds: no text marked apart.
    await chooseLanguage(page, 'it');
    expect(await page.locator('main [lang]').count()).toBe(0);
    await context.close();
  });

  it('are Italian in the changes since the closing: the indicator and a source marked, the words around English', async () => {
    const { context, page } = await newPage();
    await login(page, 'controller');
    const planId = await importFixture();
    const plan = `/api/plans/${encodeURIComponent(planId)}`;
    const ok = (r: { status: number; body: unknown }) => expect(r.status, JSON.stringify(r.body)).toBe(200);
    const move = (to: string, extra: object) => apiAs(context, 'POST', `${plan}/periods/${YEAR_END}/transition`, { to, ...extra });
    const state = ((await apiAs(context, 'GET', `${plan}/tree?period=${YEAR_END}`)).body as { period: { state: string } }).period.state;
    if (state === 'open') ok(await move('collecting', {}));
    ok(await move('closed', { acknowledgeUnreviewed: true }));
    ok(await move('collecting', { reason: 'Correzione della fonte' }));
    // Only the source corrected since the closing: a measurement change naming the indicator, the new source the office typed.
    const tree = (await apiAs(context, 'GET', `${plan}/tree?period=${YEAR_END}`)).body as { objectives: Array<{ indicators: Array<{ id: string; version: number }> }> };
    const { version } = tree.objectives.flatMap((o) => o.indicators).find((i) => i.id === 'B.1.1:2')!;
    ok(await apiAs(context, 'PUT', `${plan}/indicators/${encodeURIComponent('B.1.1:2')}/measurements/${YEAR_END}`, { state: 'measured', actual: 17, source: 'Registro eventi camerale', version }));

    await openPlan(page, planId);
    await chooseLanguage(page, 'en');
    await pickPeriod(page, YEAR_END);
    await page.click('[data-testid=changes-toggle]');
    await page.click('[data-testid=changes-submit]');
    const row = page.locator('[data-testid=changes-panel] tr[data-kind=source]').first();
    await row.waitFor();
    expect(await row.locator('td').first().innerText()).toMatch(/^N\. eventi/);
    expect(await row.locator('td').first().getAttribute('lang')).toBe('it');
    // The kind of change, the headers and the closing's sentence are the app's words.
    expect(await row.locator('td:nth-child(3)').evaluate((e) => e.closest('[lang]')?.getAttribute('lang'))).toBe('en');
    expect(await languageOf(page, '[data-testid=changes-panel] th[scope=col]')).toBe('en');
    expect(await languageOf(page, '[data-testid=changes-closing]')).toBe('en');
    expect(await row.locator('td:nth-child(5) span[lang]').innerText()).toBe('Registro eventi camerale');
    expect(await row.locator('td:nth-child(5) span[lang]').getAttribute('lang')).toBe('it');
    expect(await seriousViolations(page)).toEqual([]);

    // In Italian the page's own language holds: no text marked apart.
    await chooseLanguage(page, 'it');
    await expect.poll(() => page.locator('[data-testid=changes-panel] tr[data-kind=source] td').first().innerText()).toMatch(/^N\. eventi/);
    expect(await page.locator('main [lang]').count()).toBe(0);
    await context.close();
  });
});
