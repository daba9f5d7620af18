/**
 * What is typed in the tree's dialogs (an objective's, an indicator's) survives a newer version of
 * the record read with a change of language: another desk saved the objective or the indicator while
 * the dialog was open, and the dialog's own language selector reads the tree again, bringing it.
 * Before, the dialog replaced what was typed with the other desk's version without a word. Now the
 * typed values stay (in the new notation); the save names the version they were typed on, so it is
 * refused naming who saved meanwhile, the other desk's change kept; the reload shows what is stored,
 * and a save made on it goes over it. A dialog with nothing typed shows the newer version and saves
 * on it. Real server, fresh SQLite file, axe on the refusal.
 */
import type { BrowserContext, Page, Route } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { english, renderMessage } from '../src/messages/index.js';
import { dialogLanguage, e2eWorld, pages } from './pages.js';

const world = e2eWorld({ fixture: true });
const { newPage, login, apiAs, signedIn, openPlan, search, expectAccessible, chooseLanguage } = pages(world);

interface Doc {
  objectives: Array<{ code: string; title: string; weight: number | null; version: number; indicators: Array<{ id: string; name: string; target: unknown; definitionVersion: number }> }>;
}

const plan = () => `/api/plans/${encodeURIComponent(world.planId)}`;
const treeOf = async (context: BrowserContext): Promise<Doc> => (await apiAs(context, 'GET', `${plan()}/tree`)).body as Doc;
const objectiveOf = async (context: BrowserContext, code: string) => (await treeOf(context)).objectives.find((o) => o.code === code)!;
const indicatorOf = async (context: BrowserContext, id: string) => (await treeOf(context)).objectives.flatMap((o) => o.indicators).find((i) => i.id === id)!;

/** The language picked in the open dialog's own selector, and the plan's screen settled in it (the tree read again). */
async function dialogLanguageSettled(page: Page, lang: 'it' | 'en'): Promise<void> {
  await dialogLanguage(page, lang);
  await page.waitForSelector(`[data-testid=plan-screen][data-ready=true][data-lang=${lang}]`);
}

/** The refusal said in the dialog `dialog`, once it is there. */
async function refusalIn(page: Page, dialog: string): Promise<string> {
  const alert = page.locator(`[data-testid=${dialog}] [data-testid=form-alert]`);
  await alert.waitFor();
  return alert.innerText();
}

const STALE_EN = /^Item changed by Amministratrice on \d{2}\/\d{2}\/\d{4} at \d{2}:\d{2}, after you opened it: your changes were NOT saved\./;

describe('what is typed in the tree’s dialogs survives a newer version read with a change of language', { timeout: 180_000 }, () => {
  it('the objective’s dialog keeps the title and weight typed, and saves nothing over the other desk’s change', async () => {
    const { context, page } = await newPage();
    await login(page, 'controller');
    const admin = await signedIn('admin');
    await openPlan(page);
    await search(page, 'B.4.1');
    await page.click('[data-code="B.4.1"] .tree-link');
    await page.click('[data-testid=open-node]');
    await page.waitForSelector('[data-testid=node-dialog][open]');
    await page.fill('#node-title', 'Soddisfazione degli utenti dello sportello');
    await page.fill('#node-weight', '45,5');

    // Another desk renames the objective meanwhile: the newer version comes with the change of language.
    const read = await objectiveOf(admin, 'B.4.1');
    const theirs = await apiAs(admin, 'PATCH', `${plan()}/nodes/B.4.1`, { title: 'Customer satisfaction degli utenti', version: read.version });
    expect(theirs.status, JSON.stringify(theirs.body)).toBe(200);
    await dialogLanguageSettled(page, 'en');
    expect(await page.locator('[data-testid=node-dialog] h2').innerText()).toBe('Edit the objective B.4.1');
    expect(await page.inputValue('#node-title')).toBe('Soddisfazione degli utenti dello sportello');
    expect(await page.inputValue('#node-weight')).toBe('45.5');

    // Saved, it is refused naming who saved: their title stays stored, what was typed on the screen.
    await page.click('[data-testid=node-dialog] [data-testid=dialog-submit]');
    expect(await refusalIn(page, 'node-dialog')).toMatch(STALE_EN);
    expect(await objectiveOf(context, 'B.4.1')).toMatchObject({ title: 'Customer satisfaction degli utenti', weight: 50 });
    expect(await page.inputValue('#node-title')).toBe('Soddisfazione degli utenti dello sportello');
    expect(await page.inputValue('#node-weight')).toBe('45.5');
    await expectAccessible(page, 'an objective’s stale save after a change of language');

    // Reloaded, the dialog shows what is stored; saved from there, the change goes over it.
    await page.click('[data-testid=node-dialog] [data-testid=form-reload]');
    await expect.poll(() => page.inputValue('#node-title')).toBe('Customer satisfaction degli utenti');
    expect(await page.inputValue('#node-weight')).toBe('50');
    expect(await page.locator('[data-testid=node-dialog] [data-testid=form-alert]').count()).toBe(0);
    await page.fill('#node-title', 'Soddisfazione degli utenti dello sportello');
    await page.click('[data-testid=node-dialog] [data-testid=dialog-submit]');
    await page.waitForSelector('[data-testid=node-dialog]', { state: 'detached' });
    expect(await objectiveOf(context, 'B.4.1')).toMatchObject({ title: 'Soddisfazione degli utenti dello sportello', weight: 50 });
  });

  it('the indicator’s dialog keeps the target typed, in the new notation, and saves nothing over the other desk’s change', async () => {
    const { context, page } = await newPage();
    await login(page, 'controller');
    const admin = await signedIn('admin');
    await openPlan(page);
    await search(page, 'B.4.2');
    const id = (await objectiveOf(context, 'B.4.2')).indicators[0]!.id;
    await page.click(`[data-indicator="${id}"] .tree-link`);
    await page.click('[data-testid=open-edit-indicator]');
    await page.waitForSelector('[data-testid=indicator-dialog][open]');
    await expect.poll(() => page.inputValue('#ind-target')).toBe('11');
    await page.fill('#ind-target', '12,5');

    const read = await indicatorOf(admin, id);
    const theirs = await apiAs(admin, 'PATCH', `${plan()}/indicators/${encodeURIComponent(id)}`, { target: 15, version: read.definitionVersion });
    expect(theirs.status, JSON.stringify(theirs.body)).toBe(200);
    await dialogLanguageSettled(page, 'en');
    expect(await page.locator('[data-testid=indicator-dialog] h2').innerText()).toBe('Edit the indicator');
    expect(await page.inputValue('#ind-target')).toBe('12.5');

    await page.click('[data-testid=indicator-dialog] [data-testid=dialog-submit]');
    expect(await refusalIn(page, 'indicator-dialog')).toMatch(STALE_EN);
    expect((await indicatorOf(context, id)).target).toBe(15);
    expect(await page.inputValue('#ind-target')).toBe('12.5');
    await expectAccessible(page, 'an indicator’s stale save after a change of language');

    await page.click('[data-testid=indicator-dialog] [data-testid=form-reload]');
    await expect.poll(() => page.inputValue('#ind-target')).toBe('15');
    await page.fill('#ind-target', '12.5');
    await page.click('[data-testid=indicator-dialog] [data-testid=dialog-submit]');
    await page.waitForSelector('[data-testid=indicator-dialog]', { state: 'detached' });
    expect((await indicatorOf(context, id)).target).toBe(12.5);
  });

  it('a dialog with nothing typed shows the newer version and saves on it', async () => {
    const { context, page } = await newPage();
    await login(page, 'controller');
    const admin = await signedIn('admin');
    await openPlan(page);
    await search(page, 'B.4.3');
    await page.click('[data-code="B.4.3"] .tree-link');
    await page.click('[data-testid=open-node]');
    await page.waitForSelector('[data-testid=node-dialog][open]');
    await expect.poll(() => page.inputValue('#node-weight')).toBe('20');

    const read = await objectiveOf(admin, 'B.4.3');
    const theirs = await apiAs(admin, 'PATCH', `${plan()}/nodes/B.4.3`, { weight: 22.5, version: read.version });
    expect(theirs.status, JSON.stringify(theirs.body)).toBe(200);
    await dialogLanguageSettled(page, 'en');
    await expect.poll(() => page.inputValue('#node-weight')).toBe('22.5');

    await page.fill('#node-title', 'Presenza sui media');
    await page.click('[data-testid=node-dialog] [data-testid=dialog-submit]');
    await page.waitForSelector('[data-testid=node-dialog]', { state: 'detached' });
    expect(await objectiveOf(context, 'B.4.3')).toMatchObject({ title: 'Presenza sui media', weight: 22.5 });
  });

  /**
   * The save's answer made the server's refusal of a clash in the database (another request changed or
   * deleted, at the same moment, the unit the change refers to: 409 `conflict`, not about the version),
   * which cannot be timed from a browser: the page's next write to `path` is answered with it, unsent.
   */
  async function clashOnce(page: Page, path: string): Promise<void> {
    let answered = false;
    await page.route(
      (url) => url.pathname === path,
      async (route: Route) => {
        if (route.request().method() !== 'PATCH' || answered) return route.continue();
        answered = true;
        const params = { constraint: 'foreign-key' as const, subject: 'unit' as const };
        await route.fulfill({
          status: 409,
          contentType: 'application/json',
          headers: { 'Content-Language': 'it' },
          body: JSON.stringify({ error: { code: 'conflict', message: renderMessage('conflict', params, 'it', english('conflict', params)), params } }),
        });
      },
    );
  }

  it('a reload after a refusal not about the version ends, says it found the same version, and keeps what was typed', async () => {
    const { context, page } = await newPage();
    await login(page, 'controller');
    const admin = await signedIn('admin');
    await openPlan(page);
    await search(page, 'B.4.4');
    await page.click('[data-code="B.4.4"] .tree-link');
    await page.click('[data-testid=open-node]');
    await page.waitForSelector('[data-testid=node-dialog][open]');
    await page.fill('#node-title', 'Comunicazione istituzionale');
    await clashOnce(page, `${plan()}/nodes/B.4.4`);
    await page.click('[data-testid=node-dialog] [data-testid=dialog-submit]');
    expect(await refusalIn(page, 'node-dialog')).toContain('nulla è stato salvato; ricaricare e riprovare');

    // The reload reads the tree again, the same version: before, it kept waiting for a newer one, unsaid.
    await page.click('[data-testid=node-dialog] [data-testid=form-reload]');
    const found = page.locator('[data-testid=node-dialog] [data-testid=form-reloaded]');
    await expect
      .poll(() => found.innerText().catch(() => ''))
      .toBe('Riletto: l’obiettivo B.4.4 è come quando è stato aperto qui, nessuno lo ha cambiato. Quanto scritto è rimasto, non salvato: premere «Salva» per riprovare.');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('node-reloaded');
    expect(await page.locator('[data-testid=node-dialog] [data-testid=form-alert]').count()).toBe(0);
    expect(await page.inputValue('#node-title')).toBe('Comunicazione istituzionale');
    await expectAccessible(page, 'what a reload found, with nothing newer');

    // The reload over, a newer version read later (another desk's, with a change of language) leaves what
    // was typed (before, the reload still waiting took it over what was typed); the save is refused as stale.
    const read = await objectiveOf(admin, 'B.4.4');
    expect((await apiAs(admin, 'PATCH', `${plan()}/nodes/B.4.4`, { title: 'Comunicazione esterna', version: read.version })).status).toBe(200);
    await dialogLanguageSettled(page, 'en');
    expect(await page.inputValue('#node-title')).toBe('Comunicazione istituzionale');
    await page.click('[data-testid=node-dialog] [data-testid=dialog-submit]');
    expect(await refusalIn(page, 'node-dialog')).toMatch(STALE_EN);
    expect(await page.locator('[data-testid=node-dialog] [data-testid=form-reloaded]').count()).toBe(0);
    expect((await objectiveOf(context, 'B.4.4')).title).toBe('Comunicazione esterna');
  });

  it('so does the indicator’s dialog', async () => {
    const { context, page } = await newPage();
    await login(page, 'controller');
    await chooseLanguage(page, 'en');
    await openPlan(page);
    await search(page, 'A.2.1');
    const id = (await objectiveOf(context, 'A.2.1')).indicators[0]!.id;
    await page.click(`[data-indicator="${id}"] .tree-link`);
    await page.click('[data-testid=open-edit-indicator]');
    await page.waitForSelector('[data-testid=indicator-dialog][open]');
    await page.fill('#ind-name', 'Eventi organizzati');
    await clashOnce(page, `${plan()}/indicators/${encodeURIComponent(id)}`);
    await page.click('[data-testid=indicator-dialog] [data-testid=dialog-submit]');
    await refusalIn(page, 'indicator-dialog');
    await page.click('[data-testid=indicator-dialog] [data-testid=form-reload]');
    await expect
      .poll(() =>
        page
          .locator('[data-testid=indicator-dialog] [data-testid=form-reloaded]')
          .innerText()
          .catch(() => ''),
      )
      .toBe('Read again: the indicator is as it was when opened here; nobody changed it. What you typed is kept, not saved: press “Save” to try again.');
    expect(await page.inputValue('#ind-name')).toBe('Eventi organizzati');
    // Saved again, it goes (the clash was a moment's), and the dialog closes.
    await page.click('[data-testid=indicator-dialog] [data-testid=dialog-submit]');
    await page.waitForSelector('[data-testid=indicator-dialog]', { state: 'detached' });
    expect((await indicatorOf(context, id)).name).toBe('Eventi organizzati');
  });

  it('a refusal on screen is said again in the language chosen in the dialog', async () => {
    const { page } = await newPage();
    await login(page, 'controller');
    const admin = await signedIn('admin');
    await openPlan(page);
    await search(page, 'B.3');
    await page.click('[data-code="B.3"] .tree-link');
    await page.click('[data-testid=open-node]');
    await page.waitForSelector('[data-testid=node-dialog][open]');
    await page.fill('#node-title', 'Promozione del territorio');
    const read = await objectiveOf(admin, 'B.3');
    expect((await apiAs(admin, 'PATCH', `${plan()}/nodes/B.3`, { title: 'Promozione', version: read.version })).status).toBe(200);
    await page.click('[data-testid=node-dialog] [data-testid=dialog-submit]');
    expect(await refusalIn(page, 'node-dialog')).toMatch(/^Elemento modificato da Amministratrice il \d{2}\/\d{2}\/\d{4} alle \d{2}:\d{2}, dopo che lo hai aperto/);
    // Before, the 409 stayed in Italian in the English dialog.
    await dialogLanguageSettled(page, 'en');
    await expect.poll(() => refusalIn(page, 'node-dialog')).toMatch(STALE_EN);
    expect(await page.inputValue('#node-title')).toBe('Promozione del territorio');
  });
});
