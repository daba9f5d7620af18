/**
 * Three things said where the office and the OIV look, in the browser, Italian and English, axe:
 * the plan's status (draft, adopted by its act) at the head of the plan's screen, not only inside
 * the Variazioni panel; next year's figures in «Anno per anno» at its latest closed period
 * («8 al 30/06/2025») while its year end still takes values, where they were «—»; and, on the OIV's
 * review, that a revision still open stops the validation, with the server's refusal said up top.
 * Real server, fresh SQLite file, the fixture imported through the API.
 */
import { describe, expect, it } from 'vitest';
import { e2eWorld, pages } from './pages.js';

const world = e2eWorld({ fixture: true });
const { planApi, loggedIn, apiAs, openPlan, search, chooseLanguage, expectAccessible } = pages(world);
const YEAR_END = '2024-12-31';
const SOGGETTI = 'A.3:1';
const enc = encodeURIComponent;
const squeeze = (rows: string[]): string[] => rows.map((r) => r.replace(/\s+/g, ' ').trim());

describe('the plan’s status, next year at its closed period, and an open revision at validation', { timeout: 240_000 }, () => {
  it('says them on the plan’s screen and on the OIV’s review', async () => {
    const office = await loggedIn('controller');
    const oiv = await loggedIn('oiv');
    const { page } = office;

    // A draft, at the head of the screen.
    await openPlan(page);
    // As a screen reader says it: the hidden label, then the badge and the act.
    const status = async () => ((await page.locator('[data-testid=plan-status-head]').textContent()) ?? '').replace(/\s+/g, ' ').trim();
    await expect.poll(status).toBe('Stato del piano: Bozza');
    expect((await apiAs(office.context, 'POST', `${planApi()}/adopt`, { act: { kind: 'Delibera di Giunta', number: '12', date: '2024-01-30' } })).status).toBe(200);
    await page.reload();
    await expect.poll(status).toBe('Stato del piano: Adottato con Delibera di Giunta n. 12 del 30/01/2024');
    await expectAccessible(page, 'plan head with its status');
    await chooseLanguage(page, 'en');
    await expect.poll(status).toBe('Plan status: Adopted by Delibera di Giunta no. 12 of 30/01/2024');
    await chooseLanguage(page, 'it');

    // 2025: its 30/06 closed with 8, its year end open with nothing: the 2024 plan's years say the 30/06 figures.
    const next = (await apiAs(office.context, 'POST', `${planApi()}/next-year`, { year: 2025 })).body.id as string;
    const put = await apiAs(office.context, 'PUT', `/api/plans/${enc(next)}/indicators/${enc(SOGGETTI)}/measurements/2025-06-30`, { state: 'measured', actual: 8, version: 0 });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    for (const to of ['collecting', 'closed'])
      expect((await apiAs(office.context, 'POST', `/api/plans/${enc(next)}/periods/2025-06-30/transition`, { to, acknowledgeUnreviewed: true })).status).toBe(200);
    await openPlan(page);
    await search(page, 'Soggetti coinvolti');
    await page.click(`[data-indicator="${SOGGETTI}"] .tree-link`);
    await page.waitForSelector('[data-testid=years-table]');
    const years = async () => squeeze(await page.locator('[data-testid=years-table] tbody tr').allInnerTexts());
    await expect.poll(years).toEqual(['2024 (questo piano) 10 206 100,00%', '2025 (Albero performance 2025) 10 8 al 30/06/2025 0,00% al 30/06/2025']);
    await expectAccessible(page, 'years at a closed period');
    await chooseLanguage(page, 'en');
    await expect.poll(years).toEqual(['2024 (this plan) 10 206 100.00%', '2025 (Albero performance 2025) 10 8 at 30/06/2025 0.00% at 30/06/2025']);
    await chooseLanguage(page, 'it');

    // The Relazione with the OIV, and a revision opened meanwhile that changes the plan.
    for (const to of ['collecting', 'closed']) expect((await apiAs(office.context, 'POST', `${planApi()}/periods/${YEAR_END}/transition`, { to, acknowledgeUnreviewed: true })).status).toBe(200);
    expect((await apiAs(office.context, 'POST', `${planApi()}/relazione/transition`, { to: 'transmitted', confirmEmpty: true })).status).toBe(200);
    const current = (await apiAs(oiv.context, 'GET', `${planApi()}/relazione`)).body;
    const checklist = current.checklist.map((p: { label: string }) => ({ ...p, outcome: 'yes' }));
    expect((await apiAs(oiv.context, 'PUT', `${planApi()}/relazione/review`, { note: 'Verificato.', reservations: '', checklist, values: [], version: current.version })).status).toBe(200);
    const reviewer = oiv.page;
    await reviewer.goto(`${world.server.url}/plans/${enc(world.planId)}/relazione`);
    await reviewer.waitForSelector('[data-testid=relazione-decide-validated]');
    expect(await reviewer.locator('[data-testid=relazione-revision-open]').count()).toBe(0);

    expect((await apiAs(office.context, 'POST', `${planApi()}/revisions`, { reason: 'Target corretto' })).status).toBe(201);
    expect((await apiAs(office.context, 'PATCH', planApi(), { title: 'Albero performance 2024 rivisto' })).status).toBe(200);
    // The screen read the plan before the revision: the refusal is said, and the review says which revision.
    await reviewer.click('[data-testid=relazione-decide-validated]');
    const sentence = 'La variazione n. 1 del piano è aperta: la Relazione si valida dopo che il controllo di gestione l’ha approvata o annullata';
    await expect.poll(() => reviewer.locator('[role=alert]').first().innerText()).toContain(sentence);
    const notice = reviewer.locator('[data-testid=relazione-revision-open]');
    await expect.poll(() => notice.innerText()).toContain(sentence);
    expect(await reviewer.locator('[data-testid=relazione-decide-validated]').getAttribute('aria-describedby')).toBe('relazione-revision-open');
    expect(await reviewer.locator('[data-testid=relazione-state]').innerText()).toBe('Trasmessa all’OIV');
    await expectAccessible(reviewer, 'OIV review with a revision open');
    await chooseLanguage(reviewer, 'en');
    await expect.poll(() => notice.innerText()).toContain('Revision no. 1 of the plan is open: the report is validated once management control has approved or discarded it');
  });
});
