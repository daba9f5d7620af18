/**
 * The controller's review list of a plan bigger than a page: 200 rows drawn at a time, the pager
 * above and below them saying which rows of how many, reached and worked by the keyboard alone; the
 * filters stay, and a filter changed starts again from its first page. Against the real server and
 * a fresh SQLite file holding a synthetic plan of 600 indicators; axe on the list.
 */
import { describe, expect, it } from 'vitest';
import { syntheticPlan } from '../bench/synthetic.js';
import { openStore, SYSTEM } from '../src/store/index.js';
import { e2eWorld, focused, pages, tabTo } from './pages.js';

const world = e2eWorld();
const { newPage, login, apiAs, expectAccessible } = pages(world);
const PERIOD = '2024-12-31';

describe('the review list a page at a time', { timeout: 180_000 }, () => {
  it('draws 200 rows, pages by the keyboard, keeps its filters', async () => {
    const store = await openStore(world.server.database);
    const made = await store.importPlan({ table: { plan: syntheticPlan(600, 7), stated: [] }, year: 2024, title: 'Piano grande' }, SYSTEM);
    await store.close();
    if (!made.ok) throw new Error(made.error.message);
    const planId = made.value.id;

    const ctl = await newPage();
    await login(ctl.page, 'controller');
    const all = (await apiAs(ctl.context, 'GET', `/api/plans/${encodeURIComponent(planId)}/worklist?period=${PERIOD}`)).body as { items: Array<{ indicatorId: string }> };
    const ids = all.items.map((i) => i.indicatorId);
    expect(ids.length).toBeGreaterThan(400);
    const total = ids.length.toLocaleString('it-IT');

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
    await ctl.page.keyboard.press('Tab');
    expect(await ctl.page.evaluate(() => document.activeElement?.closest('tr')?.getAttribute('data-indicator'))).toBe(ids[400]);
    // The page field: straight to the first page.
    await list.locator('#wl-pages-top-page').selectOption({ value: '0' });
    await expect.poll(drawn).toEqual(ids.slice(0, 200));

    // A filter changed: its own list, from its first page.
    await list.locator('#wl-pages-top-page').selectOption({ value: '1' });
    await expect.poll(drawn).toEqual(ids.slice(200, 400));
    const entered = ((await apiAs(ctl.context, 'GET', `/api/plans/${encodeURIComponent(planId)}/worklist?period=${PERIOD}&state=entered`)).body as { items: Array<{ indicatorId: string }> }).items.map(
      (i) => i.indicatorId,
    );
    expect(entered.length).toBeGreaterThan(200);
    expect(entered.length).toBeLessThan(ids.length);
    await list.locator('#wl-state').selectOption('entered');
    await expect.poll(drawn).toEqual(entered.slice(0, 200));
    expect(await list.locator('[data-testid=wl-pages-top-rows]').innerText()).toBe(`righe 1–200 di ${entered.length.toLocaleString('it-IT')}`);
    expect(await list.locator('[data-testid=wl-pages-top-previous]').isDisabled()).toBe(true);
  });
});
