/**
 * The public reader of a published plan, by keyboard, in Italian and English: the act that adopted
 * the plan above the table, and a period the office published while still collecting its values
 * read as the adopted plan, its targets without any value, performance or band, and said so (before,
 * the screen showed the values entered so far, labelled provisional, as the demo's year end). Once
 * the period is closed its values show, and the closing is dated without the login name of who
 * closed it (which the public is not given).
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { e2eWorld, pages, tabTo, planDrawn, pickPeriod } from './pages.js';

const world = e2eWorld({ fixture: true });
const { newPage, loggedIn, login, apiAs, chooseLanguage, expectAccessible } = pages(world);

/** Tabs to the first element whose text matches, and presses Enter on it. */
async function enterOn(page: Page, text: RegExp): Promise<void> {
  await tabTo(page, text);
  await page.keyboard.press('Enter');
}

describe('the public reader of a published plan', { timeout: 180_000 }, () => {
  it('reads the adopting act and the targets of a period in progress, without a value until it closes', async () => {
    const controller = await loggedIn('controller');
    const plan = `/api/plans/${encodeURIComponent(world.planId)}`;
    const ok = async (r: Promise<{ status: number; body: unknown }>): Promise<void> => expect((await r).status, JSON.stringify((await r).body)).toBe(200);
    await ok(apiAs(controller.context, 'POST', `${plan}/adopt`, { act: { kind: 'Delibera di Giunta', number: '12', date: '2024-01-30' } }));
    await ok(apiAs(controller.context, 'PATCH', plan, { published: true }));
    // As the demo: the year end collecting, its values published.
    await ok(apiAs(controller.context, 'POST', `${plan}/periods/2024-12-31/transition`, { to: 'collecting' }));
    await ok(apiAs(controller.context, 'POST', `${plan}/periods/2024-12-31/publication`, { published: true }));

    const { page } = await newPage();
    await page.goto(`${world.server.url}/`);
    await enterOn(page, /Consulta i piani pubblicati senza accedere/);
    await page.waitForSelector('.plan-item a');
    await enterOn(page, /Albero performance 2024/);
    await planDrawn(page);
    await expect.poll(() => page.locator('[data-testid=public-act]').innerText()).toBe('Adottato con Delibera di Giunta n. 12 del 30/01/2024.');
    await expect
      .poll(() => page.locator('[data-testid=targets-only]').innerText())
      .toBe(
        'Risultati non ancora disponibili: il periodo al 31/12/2024 è in corso. Qui il piano adottato, con obiettivi, indicatori, pesi, target e baseline; ogni indicatore è «in corso di misurazione» e i risultati saranno pubblicati alla chiusura del periodo.',
      );
    // A.2's performance (93,00%) and A.2.1's (80,00%) were on the screen, as entered so far.
    const tree = page.locator('[data-testid=tree]');
    expect(await tree.innerText()).not.toMatch(/93,00|80,00/);
    await expectAccessible(page, 'public tree of a period in progress');
    // An indicator's detail, by keyboard (the tree is one tab stop, arrows move in it): its figures,
    // no "—" rows for the evidence, source and notes the public is not given, no audit trail asked for.
    const audit: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/api/audit')) audit.push(r.url());
    });
    await page.fill('#f-search', 'A.2.1');
    await page.focus('[data-testid=tree] .tree-link');
    for (let i = 0; i < 12 && !/Capacità di risposta/.test(await page.evaluate(() => document.activeElement?.textContent ?? '')); i++) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('[data-testid=detail]').innerText()).toContain('Capacità di risposta dello sportello internazionalizzazione');
    // Its target, not the 50,00% entered so far, nor its score.
    expect(await page.locator('[data-testid=detail]').innerText()).toContain('60,00%');
    const detail = await page.locator('[data-testid=detail]').innerText();
    expect(detail).not.toMatch(/(^|[^\d])(50,00|0,00 ?%)/);
    // Nor is it said "not measured", nor the plan "0 green, …, 46 without performance": it was measured, and not published.
    // Its state is said in words: in progress, in the detail and on every indicator's row.
    expect(detail).not.toContain('Non misurato');
    expect(await page.locator('[data-testid=indicator-state]').innerText()).toBe('In corso di misurazione');
    expect(await tree.innerText()).not.toMatch(/Non misurato|Senza performance|n\.d\.|pending/);
    const rowStates = await tree.locator('.tree-indicator .state').allInnerTexts();
    expect(rowStates.length).toBeGreaterThan(0);
    expect(new Set(rowStates)).toEqual(new Set(['In corso di misurazione']));
    // Its objective's explanation says the period is in progress, indicator by indicator, not "non ancora misurato".
    await page.focus('[data-testid=tree] .tree-link');
    for (let i = 0; i < 12 && !/^A\.2\.1 /.test(await page.evaluate(() => document.activeElement?.textContent ?? '')); i++) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    const explanation = page.locator('[data-testid=explanation]');
    await expect.poll(() => explanation.innerText()).toContain('A.2.1: risultati non ancora disponibili: il periodo è in corso');
    /** Each indicator's line of the explanation, after its name. */
    const said = async (): Promise<string[]> => [...new Set((await explanation.locator('li').allInnerTexts()).map((l) => l.slice(l.indexOf(' — ') + 3)))];
    expect(await explanation.locator('li').allInnerTexts()).toContain(
      'Capacità di risposta dello sportello internazionalizzazione — In corso di misurazione: risultati non ancora disponibili: il periodo è in corso',
    );
    expect(await said()).toEqual(['In corso di misurazione: risultati non ancora disponibili: il periodo è in corso']);
    expect(await explanation.innerText()).not.toMatch(/non ancora misurato|pending/);
    // Its table of terms says the same of each indicator: its result is not published yet, not "escluso".
    const terms = await explanation.locator('table tbody tr td:first-child').allInnerTexts();
    expect(terms.length).toBeGreaterThan(0);
    for (const term of terms) expect(term).toMatch(/\n\(risultati non ancora disponibili: il periodo è in corso\)$/);
    expect(await explanation.innerText()).not.toMatch(/escluso/i);
    expect(await page.locator('[data-testid=summary]').count()).toBe(0);
    expect(await page.locator('[data-testid=detail] [data-testid=evidence], [data-testid=detail] [data-testid=source]').count()).toBe(0);
    expect(await page.locator('[data-testid=detail]').innerText()).not.toMatch(/Fonte del dato|Note\n/);
    expect(audit).toEqual([]);
    await chooseLanguage(page, 'en');
    await expect.poll(() => page.locator('[data-testid=public-act]').innerText()).toBe('Adopted by Delibera di Giunta no. 12 of 30/01/2024.');
    await expect.poll(() => page.locator('[data-testid=targets-only]').innerText()).toContain('Results not available yet: the period ending 31/12/2024 is in progress.');
    expect(await page.locator('[data-testid=targets-only]').innerText()).toContain('every indicator is “measurement in progress”');
    expect(await tree.innerText()).not.toMatch(/93[.,]00|80[.,]00|Not measured/);
    expect(new Set(await tree.locator('.tree-indicator .state').allInnerTexts())).toEqual(new Set(['Measurement in progress']));
    await expect.poll(said).toEqual(['Measurement in progress: results not available yet: the period is in progress']);

    // Closed: final figures, dated, without who closed them.
    await ok(apiAs(controller.context, 'POST', `${plan}/periods/2024-12-31/transition`, { to: 'closed', acknowledgeUnreviewed: true }));
    await page.reload();
    await planDrawn(page);
    await expect.poll(() => page.locator('[data-testid=locked-by]').innerText()).toMatch(/^Closed on \d\d\/\d\d\/2\d{3}/);
    expect(await page.locator('[data-testid=targets-only]').count()).toBe(0);
    // The values entered while it was collecting, now final: nothing was lost.
    await expect.poll(() => tree.innerText()).toMatch(/93[.,]00/);
    expect(await page.locator('[data-testid=public-act]').innerText()).toBe('Adopted by Delibera di Giunta no. 12 of 30/01/2024.');
  });

  it('opens a shared link to a period not published: said by its label, with the published period to open instead', async () => {
    // The year end closed by the test above; the mid-year never published.
    const { page } = await newPage();
    const link = `${world.server.url}/plans/${encodeURIComponent(world.planId)}?period=2024-06-30`;
    await page.goto(link);
    // It said "i valori del periodo 2024-06-30 non sono ancora pubblicati", and nothing else to do.
    const alert = page.locator('[role=alert]');
    await expect.poll(() => alert.innerText()).toContain('i valori del periodo «30/06/2024» non sono ancora pubblicati; è pubblicato il periodo «31/12/2024»');
    expect(await alert.innerText()).not.toContain('2024-06-30');
    await expectAccessible(page, 'public: a shared link to an unpublished period');
    await page.click('[data-testid=published-periods] button:has-text("Apri il periodo «31/12/2024»")');
    await planDrawn(page);
    expect(await page.locator('#period').inputValue()).toBe('2024-12-31');
    expect(new URL(page.url()).search).toBe('?period=2024-12-31');
    // The same in English.
    await chooseLanguage(page, 'en');
    await page.goto(link);
    await expect.poll(() => alert.innerText()).toContain('the values of the period “30/06/2024” are not published yet; the published period is “31/12/2024”');
    await page.click('[data-testid=published-periods] button:has-text("Open the period “31/12/2024”")');
    await planDrawn(page);
    expect(await page.locator('#period').inputValue()).toBe('2024-12-31');
  });

  it("follows the period chosen in the address, and reads only the linked period's tree", async () => {
    // Two periods the public reads: the year end (closed above) and the mid-year, published now.
    const controller = await newPage();
    await login(controller.page, 'controller');
    const plan = `/api/plans/${encodeURIComponent(world.planId)}`;
    expect((await apiAs(controller.context, 'POST', `${plan}/periods/2024-06-30/transition`, { to: 'collecting' })).status).toBe(200);
    expect((await apiAs(controller.context, 'POST', `${plan}/periods/2024-06-30/publication`, { published: true })).status).toBe(200);

    const { page } = await newPage();
    const trees: string[] = [];
    page.on('request', (r) => {
      const url = new URL(r.url());
      if (url.pathname.endsWith('/tree')) trees.push(url.search);
    });
    await page.goto(`${world.server.url}/`);
    const link = `${world.server.url}/plans/${encodeURIComponent(world.planId)}?period=2024-06-30`;
    await page.goto(link);
    await planDrawn(page);
    expect(await page.locator('#period').inputValue()).toBe('2024-06-30');
    // The default period (the year end, the latest published) was read first, then the one linked.
    expect(trees).toEqual(['?period=2024-06-30&lang=it']);

    // Chosen in the selector, the period goes in the address: a reload, or the link copied, opens it.
    await pickPeriod(page, '2024-12-31');
    await expect.poll(() => new URL(page.url()).search).toBe('?period=2024-12-31');
    await expect.poll(() => page.locator('[data-testid=locked-by]').count()).toBe(1);
    trees.length = 0;
    await page.reload();
    await planDrawn(page);
    expect(await page.locator('#period').inputValue()).toBe('2024-12-31');
    expect(trees).toEqual(['?period=2024-12-31&lang=it']);
    // The choice replaced the address rather than adding one: back leaves the plan for the page before it.
    await page.goBack();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/');
  });
});
