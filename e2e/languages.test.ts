/**
 * The web app in the screen's language where the words are the app's own and not the server's
 * (issue 14): a reply that is not the server's JSON (a proxy's 502 page) said in Italian or in
 * English with its status, never the browser's English statusText; numbers typed in the entry form
 * read in the screen's notation (`1,234.5` on an English screen), the other notation refused
 * saying which is expected; targets and actuals written in the screen's notation (`25.59%`,
 * `1,587.10`), and the legend's ranges in English. The tree is asked in the screen's language (from
 * the first load, and again on a switch, an open form keeping what was typed): a reason the import
 * wrote is said in it, a person's reason as typed, the program's Italian sentence included. Against
 * the real server and a fresh SQLite file, in Chromium.
 */
import { describe, expect, it } from 'vitest';
import { e2eWorld, pages, planDrawn } from './pages.js';
import { ACCOUNTS } from './server.js';

const world = e2eWorld({ fixture: true });
const { newPage, login, signedIn, openPlan, search, apiAs, chooseLanguage, readsOf } = pages(world);

/** The queries of the plan's tree reads among a page's reads (`readsOf`): `period=…&lang=en`. */
const treeQueries = (reads: readonly string[]): string[] => reads.filter((r) => r.startsWith(`/api/plans/${encodeURIComponent(world.planId)}/tree?`)).map((r) => r.slice(r.indexOf('?') + 1));

interface Doc {
  objectives: Array<{ code: string; indicators: Array<{ id: string; actual: unknown; version: number }> }>;
}

describe("the web app's own words in the screen's language", { timeout: 120_000 }, () => {
  it("says a proxy's 502 page in the screen's language, with the status", async () => {
    const { context, page } = await newPage();
    // What a reverse proxy answers when the server behind it is down: HTML, not our JSON.
    await page.route('**/api/session', (route) =>
      route.request().method() === 'POST' ? route.fulfill({ status: 502, contentType: 'text/html', body: '<html><body><h1>502 Bad Gateway</h1></body></html>' }) : route.fallback(),
    );
    await page.goto(`${world.server.url}/`);
    await page.fill('#username', 'controllo');
    await page.fill('#password', 'una-password');
    await page.click('button[type=submit]');
    const alert = page.locator('[role=alert]');
    await expect.poll(() => alert.innerText()).toBe('Accesso non riuscito: Il server non ha risposto (502): riprovare tra poco.');

    await chooseLanguage(page, 'en');
    await page.click('button[type=submit]');
    await expect.poll(() => alert.innerText()).toBe('Sign-in failed: The server did not answer (502): try again shortly.');
    expect(await page.locator('body').innerText()).not.toContain('Bad Gateway');
    await context.close();
  });

  it('an English screen takes 1,234.5 in the entry form, refuses 1,5 saying so, and stores 1234.5', async () => {
    const { context, page } = await newPage();
    await login(page, 'controller');
    await openPlan(page);
    await chooseLanguage(page, 'en');
    const period = await page.inputValue('#period');
    await search(page, 'A.3');
    await page.click('[data-indicator="A.3:1"] .tree-link');
    // The field is filled in English notation and says which one it takes.
    await expect.poll(() => page.inputValue('#entry-actual')).toBe('206');
    expect(await page.locator('label[for=entry-actual]').innerText()).toContain('1,587.10');

    // The Italian notation on an English screen: refused, saying which notation is expected; nothing stored.
    await page.fill('#entry-actual', '1,5');
    await page.click('[data-testid=entry-save]');
    await expect.poll(() => page.locator('[data-testid=entry-message]').innerText()).toContain('Write the number in English notation');
    const stored = async () => {
      const doc = (await apiAs(context, 'GET', `/api/plans/${encodeURIComponent(world.planId)}/tree?period=${encodeURIComponent(period)}`)).body as Doc;
      return doc.objectives.find((o) => o.code === 'A.3')!.indicators.find((i) => i.id === 'A.3:1')!.actual;
    };
    expect(await stored()).toBe(206);

    await page.fill('#entry-actual', '1,234.5');
    await page.click('[data-testid=entry-save]');
    await expect.poll(() => page.locator('[data-testid=entry-message]').innerText()).toContain('Saved');
    await expect.poll(stored).toBe(1234.5);
    // Opened again after a reload (the language kept), the field shows it in English notation.
    await page.reload();
    await planDrawn(page);
    await search(page, 'A.3');
    await page.click('[data-indicator="A.3:1"] .tree-link');
    await expect.poll(() => page.inputValue('#entry-actual')).toBe('1234.5');

    // A number typed and not yet saved follows a change of language, the same digits in the new notation.
    await page.fill('#entry-actual', '2,000.25');
    await page.selectOption('select[aria-label=Language]', 'it');
    await expect.poll(() => page.inputValue('#entry-actual')).toBe('2.000,25');
    // And the Italian screen refuses the English notation, in Italian.
    await page.fill('#entry-actual', '1.5');
    await page.click('[data-testid=entry-save]');
    await expect.poll(() => page.locator('[data-testid=entry-message]').innerText()).toContain('Scrivere il numero in notazione italiana');
    expect(await stored()).toBe(1234.5);
    await context.close();
  });

  it("writes targets and actuals in the screen's notation: 25.59% and 1,587.10 on an English screen, 25,59% and 1.587,10 on an Italian one", async () => {
    const { context, page } = await newPage();
    await login(page, 'controller');
    await openPlan(page);
    const row = async (id: string) => ({
      target: (await page.locator(`[data-testid="target-${id}"]`).innerText()).trim(),
      actual: (await page.locator(`[data-testid="actual-${id}"]`).innerText()).trim(),
    });
    const detail = async () => ({
      target: (await page.locator('[data-testid=indicator-target]').innerText()).trim(),
      actual: (await page.locator('[data-testid=indicator-actual]').innerText()).trim(),
    });
    // Percentages, a grouped number with decimals, a date (the same on both screens).
    const rows = { percent: 'A.1:2', grouped: 'C.2:1', date: 'C.1.2:1' } as const;
    const expected = {
      it: {
        percent: { target: '5,00%', actual: '25,59%' },
        grouped: { target: '500', actual: '1.587,10' },
        detail: { target: '≥ 500', actual: '1.587,10' },
        legend: "Performance compresa tra il 60% e l'80% del target",
      },
      en: {
        percent: { target: '5.00%', actual: '25.59%' },
        grouped: { target: '500', actual: '1,587.10' },
        detail: { target: '≥ 500', actual: '1,587.10' },
        legend: 'Performance ≥ 60% and ≤ 80% of the target',
      },
    };
    const dateRow = { target: '≤ 30/09/2024', actual: '27/09/2024' };

    for (const lang of ['it', 'en'] as const) {
      if (lang === 'en') await chooseLanguage(page, 'en');
      await search(page, 'A.1');
      await expect.poll(() => row(rows.percent)).toEqual(expected[lang].percent);
      await search(page, 'C.2');
      await expect.poll(() => row(rows.grouped)).toEqual(expected[lang].grouped);
      await page.click(`[data-indicator="${rows.grouped}"] .tree-link`);
      await expect.poll(detail).toEqual(expected[lang].detail);
      await search(page, 'C.1.2');
      await expect.poll(() => row(rows.date)).toEqual(dateRow);
      // The legend: the plan's own Italian words, or each rule's range in English.
      await expect.poll(() => page.locator('[data-testid=legend-yellow]').innerText()).toContain(expected[lang].legend);
    }
    // The tree document's texts without `?lang` stay Italian, whatever Accept-Language says (the
    // office's table; the screens ask in their language); English when `?lang=en` asks.
    const actualText = async (query: string): Promise<string> => {
      const doc = (await apiAs(context, 'GET', `/api/plans/${encodeURIComponent(world.planId)}/tree${query}`)).body as {
        objectives: Array<{ code: string; indicators: Array<{ id: string; actualText: string }> }>;
      };
      return doc.objectives.find((o) => o.code === 'C.2')!.indicators.find((i) => i.id === rows.grouped)!.actualText;
    };
    expect(await actualText('')).toBe('1.587,10');
    expect(await actualText('?lang=en')).toBe('1,587.10');
    await context.close();
  });

  it('says a conflict on an English screen with the stored state in English words, not its code', async () => {
    const { context, page } = await newPage();
    await login(page, 'controller');
    await openPlan(page);
    await chooseLanguage(page, 'en');
    const period = await page.inputValue('#period');
    await search(page, 'A.2.1');
    await page.click('[data-indicator="A.2.1:1"] .tree-link');
    await page.waitForSelector('#entry-actual');
    // Someone else saves first: not evaluable, with a reason.
    const other = await signedIn('controller');
    const path = `/api/plans/${encodeURIComponent(world.planId)}`;
    const doc = (await apiAs(other, 'GET', `${path}/tree?period=${encodeURIComponent(period)}`)).body as Doc;
    const version = doc.objectives.find((o) => o.code === 'A.2.1')!.indicators.find((i) => i.id === 'A.2.1:1')!.version;
    const put = await apiAs(other, 'PUT', `${path}/indicators/${encodeURIComponent('A.2.1:1')}/measurements/${encodeURIComponent(period)}`, {
      state: 'not_evaluable',
      reason: 'dati assenti',
      version,
    });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    await other.close();
    await page.fill('#entry-actual', '9');
    await page.click('[data-testid=entry-save]');
    const message = page.locator('[data-testid=entry-message]');
    // Who saved first and when, in English words (the refusal names them).
    await expect
      .poll(() => message.innerText())
      .toMatch(new RegExp(`^This value was saved by ${ACCOUNTS.controller.displayName} on \\d{2}/\\d{2}/\\d{4} at \\d{2}:\\d{2}, before you: your value was NOT saved\\.`));
    expect(await message.innerText()).toContain('Current value: — [N.E. (not evaluable)]');
    expect(await message.innerText()).not.toContain('not_evaluable');
    // Read again, the detail says the mark the reports and the command line print: N.E. in English, N.V. in Italian.
    await page.reload();
    await planDrawn(page);
    await search(page, 'A.2.1');
    await page.click('[data-indicator="A.2.1:1"] .tree-link');
    await expect.poll(() => page.locator('[data-testid=indicator-actual]').innerText()).toBe('N.E.');
    await page.selectOption('select[aria-label=Language]', 'it');
    await expect.poll(() => page.locator('[data-testid=indicator-actual]').innerText()).toBe('N.V.');
    await context.close();
  });

  it('says the reason the import wrote in the screen’s language, from the first load, and keeps a reason typed across a switch', async () => {
    const { context, page } = await newPage();
    await login(page, 'controller');
    await openPlan(page);
    await chooseLanguage(page, 'en');
    const period = await page.inputValue('#period');
    const doc = (await apiAs(context, 'GET', `/api/plans/${encodeURIComponent(world.planId)}/tree?period=${encodeURIComponent(period)}`)).body as {
      objectives: Array<{ code: string; indicators: Array<{ id: string; reason: string | null }> }>;
    };
    // The table's N.V. cell: the import stored its own reason with it (said in Italian without ?lang).
    const [code, imported] = doc.objectives.flatMap((o) => o.indicators.filter((i) => i.reason === 'N.V. nella tabella pubblicata').map((i) => [o.code, i.id] as const))[0]!;
    // Opened again on an English screen (the address names no period): the first read of the tree, early.ts's, asks it in English.
    const reads = readsOf(page);
    await page.reload();
    await planDrawn(page);
    expect(treeQueries(reads)).toEqual(['lang=en']);
    await search(page, code);
    await page.click(`[data-indicator="${imported}"] .tree-link`);
    const state = page.locator('[data-testid=indicator-state]');
    await expect.poll(() => state.innerText()).toBe('N.E. (not evaluable) — N.E. in the published table');
    // The form starts from the reason as the server said it: in English (it held the Italian words).
    await expect.poll(() => page.inputValue('#entry-reason')).toBe('N.E. in the published table');
    // A reason typed and not saved stays in the open form while the tree is read again in Italian.
    await page.fill('#entry-reason', 'tabella rifatta');
    await page.selectOption('select[aria-label=Language]', 'it');
    await expect.poll(() => state.innerText()).toBe('N.V. (non valutabile) — N.V. nella tabella pubblicata');
    // The period shown read again in Italian (the detail's history reads the other periods' trees, `period=…`, besides).
    expect(treeQueries(reads).filter((q) => !q.includes('period='))).toEqual(['lang=en', 'lang=it']);
    expect(await page.inputValue('#entry-reason')).toBe('tabella rifatta');
    // The reason typed in the test before stays as typed in English.
    await chooseLanguage(page, 'en');
    await search(page, 'A.2.1');
    await page.click('[data-indicator="A.2.1:1"] .tree-link');
    await expect.poll(() => state.innerText()).toBe('N.E. (not evaluable) — dati assenti');
    await context.close();
  });

  it('shows a reason a person typed in the words of the program’s Italian sentence as typed, on an English screen', async () => {
    const { context, page } = await newPage();
    await login(page, 'controller');
    const path = `/api/plans/${encodeURIComponent(world.planId)}`;
    const doc = (await apiAs(context, 'GET', `${path}/tree`)).body as Doc & { period: { id: string } };
    // An indicator no other test of the file reads: a person marks it not evaluable with the program's very words.
    const indicator = doc.objectives.find((o) => o.code === 'B.1.1')!.indicators[0]!;
    const put = await apiAs(context, 'PUT', `${path}/indicators/${encodeURIComponent(indicator.id)}/measurements/${encodeURIComponent(doc.period.id)}`, {
      state: 'not_evaluable',
      reason: 'N.V. nella tabella pubblicata',
      version: indicator.version,
    });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    await chooseLanguage(page, 'en');
    await openPlan(page);
    await search(page, 'B.1.1');
    await page.click(`[data-indicator="${indicator.id}"] .tree-link`);
    const state = page.locator('[data-testid=indicator-state]');
    await expect.poll(() => state.innerText()).toBe('N.E. (not evaluable) — N.V. nella tabella pubblicata');
    expect(await page.inputValue('#entry-reason')).toBe('N.V. nella tabella pubblicata');
    await context.close();
  });
});
