/**
 * Small words of the plan screen, in Italian and English: people named by their display name (the
 * closed period's notice, the change log), as the worklist's «Richiesta di …» does, not by the
 * username they sign in with; the «Fonte del dato» hint's example dated today, not a fixed
 * 05/07/2024; the periods chart's axis in the table's notation, with «%» for a percentage
 * (before: 0–10 bare beside 10,00%, and 1,000 on an Italian screen); what no person did (the demo
 * data: stored as the login `system`) said as Albero's, not «Chiuso da system»; what a person did at
 * the command line (stored as `cli:mario`) said as «riga di comando (utente mario)».
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { amountFromJson } from '../src/store/codec.js';
import { openStore, SYSTEM } from '../src/store/index.js';
import { ACCOUNTS } from './server.js';
import { e2eWorld, pages, pickPeriod } from './pages.js';

const world = e2eWorld({ fixture: true });
const { newPage, login, apiAs, openPlan, openEntryForm, search, chooseLanguage } = pages(world);

const FIRST_QUARTER = '2024-06-30';
const enc = encodeURIComponent;

/** Today in the office's time zone, as dd/mm/yyyy (the screens' notation in both languages). */
function today(): string {
  return new Intl.DateTimeFormat('it-IT', { timeZone: 'Europe/Rome', day: '2-digit', month: '2-digit', year: 'numeric' }).format(new Date());
}

/** The ticks of four digits or more (the axis's scale follows the chart's width: 1.200 or 1.500). */
const thousands = (ticks: string[]) => ticks.filter((t) => t.replace(/\D/g, '').length >= 4);

/** The numbers on the history chart's value axis (its other texts are the periods and the legend). */
async function axisTicks(page: Page): Promise<string[]> {
  const texts = await page.locator('[data-testid=history] ~ div.chart-small svg text').allTextContents();
  return texts.map((t) => t.trim()).filter((t) => /^-?\d[\d.,]*%?$/.test(t));
}

describe('names and words on the plan screen', { timeout: 180_000 }, () => {
  it('names who closed the period and who changed a value by their display name, in Italian and English', async () => {
    const { context, page } = await newPage();
    await login(page, 'controller');
    const plan = `/api/plans/${enc(world.planId)}`;
    // A value saved by the controller in the first quarter, which they then close.
    const tree = (await apiAs(context, 'GET', `${plan}/tree?period=${FIRST_QUARTER}`)).body as { objectives: Array<{ code: string; indicators: Array<{ id: string; version: number }> }> };
    const indicator = tree.objectives.find((o) => o.code === 'A.1')!.indicators.find((i) => i.id === 'A.1:2')!;
    const saved = await apiAs(context, 'PUT', `${plan}/indicators/${enc(indicator.id)}/measurements/${FIRST_QUARTER}`, { state: 'measured', actual: 10, version: indicator.version });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    for (const to of ['collecting', 'closed']) {
      const moved = await apiAs(context, 'POST', `${plan}/periods/${FIRST_QUARTER}/transition`, { to, acknowledgeUnreviewed: true });
      expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    }

    await openPlan(page);
    await pickPeriod(page, FIRST_QUARTER);
    const notice = page.locator('[data-testid=locked-by]');
    await expect.poll(() => notice.innerText()).toMatch(new RegExp(`^Chiuso da ${ACCOUNTS.controller.displayName} il \\d`));
    await search(page, 'A.1');
    await page.click('[data-indicator="A.1:2"] .tree-link');
    const trail = page.locator('[data-testid=audit]');
    await expect.poll(() => trail.innerText()).toContain(`${ACCOUNTS.controller.displayName}: `);
    expect(await trail.innerText()).not.toContain(`${ACCOUNTS.controller.username}: `);

    await chooseLanguage(page, 'en');
    await expect.poll(() => notice.innerText()).toMatch(new RegExp(`^Closed by ${ACCOUNTS.controller.displayName} on \\d`));
    await expect.poll(() => trail.innerText()).toContain(`${ACCOUNTS.controller.displayName}: `);
    await context.close();
  });

  it("dates the data source's example extraction today, not in 2024", async () => {
    const { context, page } = await newPage();
    await login(page, 'controller');
    await openEntryForm(page, 'B.2.2', 'B.2.2:3', '2024-09-30');
    const hint = page.locator('#entry-source-hint');
    await expect.poll(() => hint.innerText()).toBe(`Da dove viene il valore (es. gestionale protocollo, estrazione del ${today()}).`);
    await chooseLanguage(page, 'en');
    await expect.poll(() => hint.innerText()).toBe(`Where the value comes from (e.g. records system, extraction of ${today()}).`);
    await context.close();
  });

  it("writes the periods chart's axis in the table's notation, with % for a percentage", async () => {
    const { context, page } = await newPage();
    await login(page, 'controller');
    await openPlan(page);
    const chartOf = async (code: string, indicator: string) => {
      await search(page, code);
      await page.click(`[data-indicator="${indicator}"] .tree-link`);
      await page.locator('[data-testid=history] ~ div.chart-small svg').waitFor();
    };
    // A percentage: every tick says its unit.
    await chartOf('A.1', 'A.1:2');
    await expect.poll(async () => (await axisTicks(page)).length).toBeGreaterThan(2);
    const percent = await axisTicks(page);
    expect(
      percent.filter((t) => !t.endsWith('%')),
      percent.join(' '),
    ).toEqual([]);
    // A count in the thousands (1.587,10 at the year end): grouped as the table writes it.
    await chartOf('C.2', 'C.2:1');
    await expect.poll(async () => thousands(await axisTicks(page)).length).toBeGreaterThan(0);
    const count = await axisTicks(page);
    expect(
      thousands(count).filter((t) => !/^\d{1,3}(\.\d{3})+$/.test(t)),
      count.join(' '),
    ).toEqual([]);
    expect(count.filter((t) => t.endsWith('%'))).toEqual([]);

    await chooseLanguage(page, 'en');
    // One poll for both conditions: while the chart redraws in the new language it has no ticks,
    // and an empty axis has no wrongly written tick either.
    const englishThousands = async () => {
      const ticks = thousands(await axisTicks(page));
      return ticks.length > 0 && ticks.every((t) => /^\d{1,3}(,\d{3})+$/.test(t)) ? 'ok' : ticks.join(' ');
    };
    await expect.poll(englishThousands).toBe('ok');
    await chartOf('A.1', 'A.1:2');
    const englishPercent = async () => {
      const ticks = await axisTicks(page);
      return ticks.length > 2 && ticks.every((t) => t.endsWith('%')) ? 'ok' : ticks.join(' ');
    };
    await expect.poll(englishPercent).toBe('ok');
    await context.close();
  });

  // Last: it closes the 30/09 period the tests above enter values in.
  it('says a closing and a value no person made as Albero’s, in Italian and English', async () => {
    const { context, page } = await newPage();
    await login(page, 'controller');
    const period = '2024-09-30';
    const tree = (await apiAs(context, 'GET', `/api/plans/${enc(world.planId)}/tree?period=${period}`)).body as {
      objectives: Array<{ code: string; indicators: Array<{ id: string; version: number }> }>;
    };
    const indicator = tree.objectives.find((o) => o.code === 'A.1')!.indicators.find((i) => i.id === 'A.1:2')!;
    // As the demo data loaded at the first start (server/seed.ts) records them.
    const store = await openStore(world.server.database);
    try {
      const saved = await store.putMeasurement(world.planId, indicator.id, period, { state: 'measured', actual: amountFromJson({ kind: 'number', value: '12' }) }, indicator.version, SYSTEM);
      expect(saved.ok, JSON.stringify(saved)).toBe(true);
      // Corrected at the command line by the operating system's account `mario` (as `albero …` records it: cli/actor.ts).
      const corrected = await store.putMeasurement(world.planId, indicator.id, period, { state: 'measured', actual: amountFromJson({ kind: 'number', value: '13' }) }, indicator.version + 1, {
        id: null,
        username: 'cli:mario',
      });
      expect(corrected.ok, JSON.stringify(corrected)).toBe(true);
      for (const to of ['collecting', 'closed'] as const) expect((await store.transitionPeriod(world.planId, period, to, null, SYSTEM, { acknowledgeUnreviewed: true })).ok).toBe(true);
    } finally {
      await store.close();
    }

    await openPlan(page);
    await pickPeriod(page, period);
    const notice = page.locator('[data-testid=locked-by]');
    await expect.poll(() => notice.innerText()).toMatch(/^Chiuso da Albero \(procedura automatica\) il \d/);
    await search(page, 'A.1');
    await page.click('[data-indicator="A.1:2"] .tree-link');
    const trail = page.locator('[data-testid=audit]');
    await expect.poll(() => trail.innerText()).toContain('Albero (procedura automatica): ');
    expect(await trail.innerText()).toContain('riga di comando (utente mario): ');
    expect(await trail.innerText()).not.toContain('system');
    expect(await trail.innerText()).not.toContain('cli:');

    await chooseLanguage(page, 'en');
    await expect.poll(() => notice.innerText()).toMatch(/^Closed by Albero \(automatic procedure\) on \d/);
    await expect.poll(() => trail.innerText()).toContain('Albero (automatic procedure): ');
    expect(await trail.innerText()).toContain('command line (user mario): ');
    await context.close();
  });
});
