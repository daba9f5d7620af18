/**
 * The controller's review list of a plan bigger than a page: 200 rows drawn at a time, each page
 * read from the server (which sends that page alone, with the numbers of the whole list), the pager
 * above and below them saying which rows of how many, reached and worked by the keyboard alone; the
 * filters stay, and a filter changed starts again from its first page; a last page emptied by the
 * reviewer's own approvals gives way to the page before. Against the real server and a fresh SQLite
 * file holding a synthetic plan of 600 indicators; axe on the list.
 */
import { describe, expect, it } from 'vitest';
import { syntheticPlan } from '../bench/synthetic.js';
import { openStore, SYSTEM } from '../src/store/index.js';
import { e2eWorld, focused, pages, tabTo } from './pages.js';

const world = e2eWorld();
const { newPage, login, apiAs, expectAccessible } = pages(world);
const PERIOD = '2024-12-31';
/** The rows the server sends in one answer, at most: the whole synthetic list in one read. */
const ALL = 'limit=1000';

interface Listed {
  items: Array<{ indicatorId: string; version: number }>;
  total: number;
}

describe('the review list a page at a time', { timeout: 180_000 }, () => {
  it('draws 200 rows, pages by the keyboard, keeps its filters', async () => {
    const store = await openStore(world.server.database);
    const made = await store.importPlan({ table: { plan: syntheticPlan(600, 7), stated: [] }, year: 2024, title: 'Piano grande' }, SYSTEM);
    await store.close();
    if (!made.ok) throw new Error(made.error.message);
    const planId = made.value.id;

    const ctl = await newPage();
    await login(ctl.page, 'controller');
    // Adopted, in force: a draft's worklist has no value to collect.
    expect((await apiAs(ctl.context, 'POST', `/api/plans/${encodeURIComponent(planId)}/adopt`, { act: { kind: 'Delibera di Giunta', number: '12', date: '2024-01-30' } })).status).toBe(200);
    const all = (await apiAs(ctl.context, 'GET', `/api/plans/${encodeURIComponent(planId)}/worklist?period=${PERIOD}&${ALL}`)).body as Listed;
    const ids = all.items.map((i) => i.indicatorId);
    expect(ids.length).toBeGreaterThan(400);
    const total = ids.length.toLocaleString('it-IT');

    // What the browser reads of the list: each page alone, never the whole list.
    const read: Array<{ offset: string | null; rows: number; total: number }> = [];
    ctl.page.on('response', (response) => {
      const url = new URL(response.url());
      if (!url.pathname.endsWith('/worklist')) return;
      void response.json().then((body: Listed) => read.push({ offset: url.searchParams.get('offset'), rows: body.items.length, total: body.total }));
    });
    await ctl.page.goto(`${world.server.url}/plans/${encodeURIComponent(planId)}?period=${PERIOD}&open=worklist`);
    const list = ctl.page.locator('[data-testid=worklist]');
    const rows = list.locator('[data-testid=worklist-table] tbody tr');
    const drawn = () => rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-indicator')));
    await expect.poll(drawn).toEqual(ids.slice(0, 200));
    expect(await list.locator('[data-testid=wl-pages-top-rows]').innerText()).toBe(`righe 1–200 di ${total}`);
    await expectAccessible(ctl.page, 'review list, first page');

    // By the keyboard: Tab to the pager above the rows, the next page.
    await list.locator('#wl-state').focus();
    await tabTo(ctl.page, 'wl-pages-top-next');
    await ctl.page.keyboard.press('Enter');
    await expect.poll(drawn).toEqual(ids.slice(200, 400));
    expect(await list.locator('[data-testid=wl-pages-top-rows]').innerText()).toBe(`righe 201–400 di ${total}`);
    // The pager below the rows: the next page, and the focus at the top of the new rows.
    await list.locator('[data-testid=wl-pages-bottom-next]').focus();
    await ctl.page.keyboard.press('Enter');
    await expect.poll(drawn).toEqual(ids.slice(400, 600));
    await expect.poll(() => focused(ctl.page)).toBe('wl-table');
    await expect.poll(() => read.map((r) => r.offset)).toEqual(expect.arrayContaining(['0', '200', '400']));
    expect(read.every((r) => r.rows <= 200 && r.total === ids.length)).toBe(true);
    await ctl.page.keyboard.press('Tab');
    expect(await ctl.page.evaluate(() => document.activeElement?.closest('tr')?.getAttribute('data-indicator'))).toBe(ids[400]);
    // The page field: straight to the first page.
    await list.locator('#wl-pages-top-page').selectOption({ value: '0' });
    await expect.poll(drawn).toEqual(ids.slice(0, 200));

    // A filter changed: its own list, from its first page.
    await list.locator('#wl-pages-top-page').selectOption({ value: '1' });
    await expect.poll(drawn).toEqual(ids.slice(200, 400));
    const listed = (await apiAs(ctl.context, 'GET', `/api/plans/${encodeURIComponent(planId)}/worklist?period=${PERIOD}&state=entered&${ALL}`)).body as Listed;
    const entered = listed.items.map((i) => i.indicatorId);
    expect(entered.length).toBeGreaterThan(200);
    expect(entered.length).toBeLessThan(ids.length);
    await list.locator('#wl-state').selectOption('entered');
    await expect.poll(drawn).toEqual(entered.slice(0, 200));
    expect(await list.locator('[data-testid=wl-pages-top-rows]').innerText()).toBe(`righe 1–200 di ${entered.length.toLocaleString('it-IT')}`);
    expect(await list.locator('[data-testid=wl-pages-top-previous]').isDisabled()).toBe(true);

    // The last page of «compilato» left with one row (the others approved elsewhere): approving it
    // here empties that page of the list, and the page before is shown, not an empty table.
    const keep = 200 + 1;
    for (const item of listed.items.slice(keep)) {
      const approved = await apiAs(ctl.context, 'POST', `/api/plans/${encodeURIComponent(planId)}/indicators/${encodeURIComponent(item.indicatorId)}/measurements/${PERIOD}/reviews`, {
        action: 'approve',
        version: item.version,
      });
      expect(approved.status).toBe(201);
    }
    await list.locator('#wl-state').selectOption('');
    await list.locator('#wl-state').selectOption('entered');
    await expect.poll(() => list.locator('[data-testid=wl-pages-top-rows]').innerText()).toBe(`righe 1–200 di ${keep}`);
    await list.locator('[data-testid=wl-pages-top-next]').click();
    await expect.poll(drawn).toEqual([entered[200]]);
    await rows.first().locator('[data-testid=approve]').click();
    await expect.poll(drawn).toEqual(entered.slice(0, 200));
    // The numbers are the filtered list's: «compilato» alone.
    await expect.poll(() => list.locator('[data-testid=worklist-counts]').innerText()).toBe('0 da compilare, 200 compilati, 0 da integrare, 0 approvati; 0 in ritardo');
    expect(await list.locator('[data-testid=wl-pages-top]').count()).toBe(0);
  });
});
