/**
 * Forms that leaned on the browser's own checks (`required`, `min`/`max`) said an empty or
 * out-of-range field with a bubble in the browser's language ("Please fill out this field."),
 * not the screen's, and not at the field. Here the browser speaks English (context locale
 * `en-US`) and the screen Italian: each form, sent empty or out of range, says the app's Italian
 * words at the field (`aria-invalid`, `aria-describedby`), the field takes the focus, and nothing
 * is made (checked through the API). A plan of 1995 (a year plans may have, 1990–2100, that the
 * year input refused with its `min` of 2000) is made. A date half typed is said as such, not
 * taken for an empty one (a campaign deadline half typed is not saved as no deadline).
 */
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { FIXTURE } from '../test/helpers.js';
import { e2eWorld, field, pages } from './pages.js';
import { ACCOUNTS } from './server.js';

const world = e2eWorld({ fixture: true });
const { login, apiAs, openPlan, expectAccessible } = pages(world);

/** A page whose browser speaks English; the app's screen stays in Italian (its default). */
async function englishBrowser(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await world.browser.newContext({ viewport: { width: 1440, height: 1000 }, locale: 'en-US', reducedMotion: 'reduce' });
  const page = await context.newPage();
  page.on('dialog', (d) => void d.accept());
  return { context, page };
}

const at = (said: string, focused = true) => ({ invalid: 'true', said, focused });

describe('forms say their problems in the screen’s language, at the field', { timeout: 240_000 }, () => {
  /** The plans as the API lists them, by title and year. */
  const plans = async (context: BrowserContext) => ((await apiAs(context, 'GET', '/api/plans')).body as { title: string; year: number }[]).map((p) => `${p.title} ${p.year}`).sort();

  it('sign-in', async () => {
    const { context, page } = await englishBrowser();
    await page.goto(`${world.server.url}/`);
    await page.click('button[type=submit]');
    await expect.poll(() => field(page, 'username')).toEqual(at('Scrivere il nome utente.'));
    expect(await field(page, 'password')).toEqual(at('Scrivere la password.', false));
    await page.fill('#username', ACCOUNTS.controller.username);
    await page.click('button[type=submit]');
    await expect.poll(() => field(page, 'password')).toEqual(at('Scrivere la password.'));
    expect(await page.locator('[data-testid=signed-in]').count()).toBe(0);
    await context.close();
  });

  it('a new plan', async () => {
    const { context, page } = await englishBrowser();
    await login(page, 'controller');
    const before = await plans(context);
    await page.waitForSelector('#plan-title');
    await page.fill('#plan-year', '');
    await page.click('form:has(#plan-title) button[type=submit]');
    await expect.poll(() => field(page, 'plan-title')).toEqual(at('Scrivere il titolo del piano.'));
    expect(await field(page, 'plan-year')).toEqual(at('Scrivere un anno come 2023.', false));
    await expectAccessible(page, 'new plan, empty');
    await page.fill('#plan-title', 'Piano fuori scala');
    await page.fill('#plan-year', '2200');
    await page.click('form:has(#plan-title) button[type=submit]');
    await expect.poll(() => field(page, 'plan-year')).toEqual(at('Scrivere un anno dal 1990 al 2100.'));
    expect((await field(page, 'plan-title')).invalid).toBeNull();
    expect(await plans(context)).toEqual(before);

    // A year plans may have, below the input's old minimum of 2000: the plan is made.
    await page.fill('#plan-year', '1995');
    await page.click('form:has(#plan-title) button[type=submit]');
    await expect.poll(() => plans(context)).toEqual([...before, 'Piano fuori scala 1995'].sort());
    await context.close();
  });

  it('a plan import', async () => {
    const { context, page } = await englishBrowser();
    await login(page, 'controller');
    const before = await plans(context);
    // The year out of range: said there, the file not even checked, no plan.
    await page.setInputFiles('#import-file', FIXTURE);
    await page.fill('#import-year', '1980');
    await page.click('form:has(#import-file) button[type=submit]');
    await expect.poll(() => field(page, 'import-year')).toEqual(at('Scrivere un anno dal 1990 al 2100.'));
    expect(await page.locator('[data-testid=import-preview]').count()).toBe(0);
    await page.setInputFiles('#import-file', []);
    await page.fill('#import-year', '');
    await page.click('form:has(#import-file) button[type=submit]');
    await expect.poll(() => field(page, 'import-file')).toEqual(at('Scegliere il file da importare. Nessun file scelto'));
    expect(await plans(context)).toEqual(before);
    await context.close();
  });

  it('a monitoring period', async () => {
    const { context, page } = await englishBrowser();
    await login(page, 'controller');
    const periods = async () => ((await apiAs(context, 'GET', `/api/plans/${encodeURIComponent(world.planId)}/periods`)).body as unknown[]).length;
    const before = await periods();
    await openPlan(page);
    await page.click('[data-testid=periods-toggle]');
    await page.waitForSelector('[data-testid=periods-panel]');
    await page.click('text=Aggiungi il periodo');
    await expect.poll(() => field(page, 'period-ends-on')).toEqual(at('Indicare una data dell’anno 2024.'));
    expect(await periods()).toBe(before);
    await context.close();
  });

  it('a campaign deadline half typed', async () => {
    const { context, page } = await englishBrowser();
    await login(page, 'controller');
    const plan = `/api/plans/${encodeURIComponent(world.planId)}`;
    const PERIOD = '2024-09-30';
    expect((await apiAs(context, 'PUT', `${plan}/periods/${PERIOD}/deadline`, { deadline: '2024-10-15' })).status).toBe(200);
    const deadline = async () => ((await apiAs(context, 'GET', `${plan}/worklist?period=${PERIOD}`)).body as { period: { deadline: string | null } }).period.deadline;
    await openPlan(page);
    await page.click('[data-testid=worklist-toggle]');
    await page.selectOption('#wl-period', PERIOD);
    await expect.poll(() => page.inputValue('#wl-deadline')).toBe('15/10/2024');
    // Only the first part of the date typed again (the field hands it over as '', as an empty one).
    await page.fill('#wl-deadline', '');
    await page.focus('#wl-deadline');
    await page.keyboard.type('12');
    await page.locator('form:has(#wl-deadline) button[type=submit]').click();
    await expect.poll(() => field(page, 'wl-deadline')).toEqual(at('Data incompleta: scrivere giorno, mese e anno (gg/mm/aaaa), oppure cancellarla.'));
    await expectAccessible(page, 'campaign deadline, half typed');
    // Not taken for "no deadline": the stored one stays.
    expect(await deadline()).toBe('2024-10-15');
    await context.close();
  });

  it('the adoption of the plan', async () => {
    const { context, page } = await englishBrowser();
    await login(page, 'controller');
    await openPlan(page);
    await page.click('[data-testid=revisions-toggle]');
    await page.waitForSelector('[data-testid=revisions-panel]');
    await page.fill('#adopt-number', '12');
    await page.click('[data-testid=adopt]');
    await expect.poll(() => field(page, 'adopt-kind')).toEqual(at('Indicare il tipo di atto.'));
    expect(await field(page, 'adopt-number')).toEqual({ invalid: null, said: '', focused: false });
    expect(await field(page, 'adopt-date')).toEqual(at('Indicare la data dell’atto.', false));
    await expectAccessible(page, 'adoption, act incomplete');
    expect((await apiAs(context, 'GET', `/api/plans/${encodeURIComponent(world.planId)}`)).body.status).toBe('draft');
    await context.close();
  });

  it("a revision's date and its approving act's date half typed", async () => {
    const { context, page } = await englishBrowser();
    await login(page, 'controller');
    const plan = `/api/plans/${encodeURIComponent(world.planId)}`;
    const typeHalf = async (id: string) => {
      await page.fill(`#${id}`, '');
      await page.focus(`#${id}`);
      await page.keyboard.type('12');
    };
    const INCOMPLETE = 'Data incompleta: scrivere giorno, mese e anno (gg/mm/aaaa), oppure cancellarla.';
    await openPlan(page);
    await page.click('[data-testid=revisions-toggle]');
    await page.waitForSelector('[data-testid=revisions-panel]');
    // The adoption's act with its date half typed: incomplete, as the other dates say it, not missing.
    await page.fill('#adopt-kind', 'Delibera di Giunta');
    await page.fill('#adopt-number', '12');
    await typeHalf('adopt-date');
    await page.click('[data-testid=adopt]');
    await expect.poll(() => field(page, 'adopt-date')).toEqual(at(INCOMPLETE));
    expect((await apiAs(context, 'GET', plan)).body.status).toBe('draft');
    await page.fill('#adopt-date', '2024-01-30');
    await page.click('[data-testid=adopt]');
    await expect.poll(async () => (await apiAs(context, 'GET', plan)).body.status).toBe('adopted');

    // Opening a revision with its date half typed: said there, nothing opened.
    const revisions = async () => (await apiAs(context, 'GET', `${plan}/revisions`)).body as Array<{ status: string; act: unknown }>;
    await page.fill('#revision-reason', 'Nuovo obiettivo di legge');
    await typeHalf('revision-date');
    await page.click('[data-testid=open-revision]');
    await expect.poll(() => field(page, 'revision-date')).toEqual(at(INCOMPLETE));
    expect(await revisions()).toEqual([]);
    await page.fill('#revision-date', '2024-06-01');
    await page.click('[data-testid=open-revision]');
    await page.waitForSelector('#approve-kind');

    // Its approving act: the date alone half typed is a part of an act, not "no act"; nothing approved.
    await typeHalf('approve-date');
    await page.locator('form:has(#approve-kind) button[type=submit]').click();
    await expect.poll(() => field(page, 'approve-date')).toEqual(at(INCOMPLETE, false));
    expect((await field(page, 'approve-kind')).said).toBe('Indicare il tipo di atto.');
    await page.fill('#approve-kind', 'Delibera di Giunta');
    await page.fill('#approve-number', '40');
    await page.locator('form:has(#approve-kind) button[type=submit]').click();
    await expect.poll(() => field(page, 'approve-date')).toEqual(at(INCOMPLETE));
    await expectAccessible(page, 'revision, act date half typed');
    expect((await revisions()).map((r) => [r.status, r.act])).toEqual([['open', null]]);
    await context.close();
  });

  it('a new appraisal form', async () => {
    const { context, page } = await englishBrowser();
    await login(page, 'personale');
    const forms = async () => ((await apiAs(context, 'GET', '/api/appraisals')).body as unknown[]).length;
    const before = await forms();
    await page.click('[data-testid=nav-appraisals]');
    await page.waitForSelector('[data-testid=new-appraisal]');
    await page.click('[data-testid=new-submit]');
    await expect.poll(() => field(page, 'new-person')).toEqual(at('Scegliere la persona valutata.'));
    expect(await field(page, 'new-evaluator')).toEqual(at('Scegliere il valutatore.', false));
    await expectAccessible(page, 'new appraisal, empty');
    expect(await forms()).toBe(before);
    // The assignment's start half typed: said at its field, not sent as no date.
    await page.selectOption('#new-person', { index: 1 });
    await page.selectOption('#new-evaluator', { index: 2 });
    await page.selectOption('#new-unit', { index: 1 });
    await page.fill('#new-from', '');
    await page.focus('#new-from');
    await page.keyboard.type('12');
    await page.click('[data-testid=new-submit]');
    await expect.poll(() => field(page, 'new-from')).toEqual(at('Data incompleta: scrivere giorno, mese e anno (gg/mm/aaaa), oppure cancellarla.'));
    expect(await forms()).toBe(before);
    await context.close();
  });

  it('the bonus fund', async () => {
    const { context, page } = await englishBrowser();
    await login(page, 'personale');
    await page.click('[data-testid=nav-appraisals]');
    await page.waitForSelector('[data-testid=rewards]');
    await page.click('[data-testid=reward-distribute]');
    await expect.poll(() => field(page, 'reward-fund')).toEqual(at('Scrivere un numero (es. 1.587,10).'));
    expect(await page.locator('[data-testid=reward-table]').count()).toBe(0);
    await context.close();
  });
});
