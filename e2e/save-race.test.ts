/**
 * A value saved while the tree is still being read again: the read left before the save, so its
 * answer has the old value. Applied over the save's in-place changes, it put the old value back on
 * screen (the server had the new one) until the next read. The save now has that read made again.
 * The read is held with page.route, answered with what the server said before the save.
 */
import { describe, expect, it } from 'vitest';
import type { APIResponse, Request, Route } from 'playwright-core';
import { exampleSmvpJson } from '../src/core/appraisal/index.js';
import { e2eWorld, pages } from './pages.js';
import { ACCOUNTS } from './server.js';

const world = e2eWorld({ fixture: true });
const { newPage, login, openPlan, apiAs } = pages(world);

describe('a save during a read of the tree', { timeout: 180_000 }, () => {
  it('keeps the saved value on screen when a read that left before the save comes back', async () => {
    const { context, page } = await newPage();
    await login(page, 'controller');
    await openPlan(page);
    await page.fill('#f-search', 'A.2.1');
    const row = page.locator('[data-indicator="A.2.1:2"]');
    await expect.poll(() => row.innerText()).not.toContain('93,5');

    // The next read of the tree is answered only when released, with the server's answer of then.
    const treeReads: Request[] = [];
    let release: () => void = () => {};
    const released = new Promise<void>((resolve) => (release = resolve));
    let held: Promise<void> | null = null;
    await page.route(
      (url) => url.pathname.endsWith('/tree'),
      async (route: Route) => {
        treeReads.push(route.request());
        if (held !== null) return route.continue();
        held = (async () => {
          const before = await route.fetch();
          await released;
          await route.fulfill({ response: before });
        })();
        await held;
      },
    );

    // Away and back: the plan view shows the tree it has and reads it again (held).
    await page.evaluate(() => (location.hash = '#/'));
    await page.waitForSelector('[data-testid=tree]', { state: 'detached' });
    await page.evaluate((id) => (location.hash = `#/plans/${encodeURIComponent(id)}`), world.planId);
    await page.waitForSelector('[data-testid=tree] [data-code="A"]');
    await expect.poll(() => treeReads.length).toBe(1);
    await page.fill('#f-search', 'A.2.1');
    await page.click('[data-indicator="A.2.1:2"] .tree-link');
    await page.fill('#entry-actual', '93,5');
    await page.click('[data-testid=entry-save]');
    await expect.poll(() => page.locator('[data-testid=entry-message]').innerText()).toContain('Salvato');
    await expect.poll(() => row.innerText()).toContain('93,5');

    // The old read comes back; the shown tree is read again and shows the saved value. (The
    // save also has the other periods' trees read again: those are not this one.)
    release();
    await held;
    const shown = treeReads[0]!.url();
    const again = () => treeReads.filter((r) => r.url() === shown);
    await expect.poll(() => again().length).toBe(2);
    await again()[1]!.response();
    await expect.poll(() => row.innerText()).toContain('93,5');
    await context.close();
  });
});

/**
 * The same for the detail's reads, the audit trail first (a CI run on a loaded machine waited 30 s
 * for the trail of the indicator just saved): the trail's first read left when the indicator was
 * opened, and was still under way when the save came back. The save's invalidation did not cancel
 * a read with nothing read yet; it waited for it, and its answer from before the save was taken as
 * current. The form moved on and back while the read was still out: back, the screen waited for the
 * same read again, and showed the trail without the save until the indicator was opened once more.
 */
describe("a save during the first read of the indicator's audit trail", { timeout: 180_000 }, () => {
  const cases = [
    { lang: 'it', objective: 'A.2.1', indicator: 'A.2.1:1', typed: '7', saved: 'Salvato', entry: 'Valore di A.2.1:1 al 31/12/2024 (inserimento): consuntivo 6 → 7' },
    { lang: 'en', objective: 'A.2.2', indicator: 'A.2.2:1', typed: '50', saved: 'Saved', entry: 'Value of A.2.2:1 at 31/12/2024 (entry): actual 43 → 50' },
  ] as const;
  for (const c of cases) {
    it(`shows the save in the trail when the read that left before it comes back (${c.lang})`, async () => {
      const { context, page } = await newPage();
      if (c.lang === 'en') await page.addInitScript(() => window.localStorage.setItem('albero.lang', 'en'));
      await login(page, 'controller');
      await openPlan(page);
      await page.fill('#f-search', c.objective);

      // The trail's first read of the indicator: the server's answer taken at once (before the save),
      // given to the page only when released. Later reads go through.
      const first: { answer?: Promise<APIResponse>; given?: Promise<void> } = {};
      let release: () => void = () => {};
      const released = new Promise<void>((resolve) => (release = resolve));
      await page.route(
        (url) => url.pathname === '/api/audit' && url.searchParams.get('indicator') === c.indicator,
        async (route: Route) => {
          if (first.answer !== undefined) return route.continue();
          first.answer = route.fetch();
          first.given = (async () => {
            const response = await first.answer!;
            await released;
            await route.fulfill({ response });
          })();
          await first.given;
        },
      );

      const row = `[data-indicator="${c.indicator}"] .tree-link`;
      await page.click(row);
      await expect.poll(() => first.answer !== undefined).toBe(true);
      // Nothing in the trail yet: that is what the read that left before the save brings back.
      expect(await (await first.answer!).json()).toEqual([]);
      await page.fill('#entry-actual', c.typed);
      await page.click('[data-testid=entry-save]');
      await expect.poll(() => page.locator('[data-testid=entry-message]').innerText()).toContain(c.saved);
      // The form moved on to the next indicator; back to the one saved, the first read still out.
      await expect.poll(() => page.locator('[data-testid=indicator-actual]').innerText()).not.toBe(c.typed);
      await page.click(row);
      await expect.poll(() => page.locator('[data-testid=indicator-actual]').innerText()).toBe(c.typed);

      release();
      await first.given;
      // The trail names the save, whatever the old read said.
      await expect.poll(() => page.locator('[data-testid=audit]').innerText()).toContain(`${ACCOUNTS.controller.username}: ${c.entry}`);
      await context.close();
    });
  }
});

/**
 * The same for individual performance: HR's list of the year's forms is read for the first time
 * when the page opens, and HR creates a form while that read is still out. The creation marked the
 * lists stale without cancelling it, so the list waited for that read, from before the creation;
 * back at the list while it was still out, the screen waited for the same read again and said the
 * year had no forms, the one just created missing, until the page was opened once more.
 */
describe("a new form during the first read of the year's list", { timeout: 180_000 }, () => {
  it('lists the form just created when the read that left before it comes back', async () => {
    const { context, page } = await newPage();
    await login(page, 'personale');
    const plan = (await apiAs(context, 'GET', `/api/plans/${encodeURIComponent(world.planId)}`)).body as { organisation: string };
    expect((await apiAs(context, 'PUT', '/api/smvp/2024', { document: exampleSmvpJson(plan.organisation, 2024), reason: 'Delibera n. 5/2024' })).status).toBe(200);
    const people = (await apiAs(context, 'GET', '/api/appraisals/people')).body as { id: string; username: string }[];
    const id = (username: string): string => people.find((p) => p.username === username)!.id;

    // The list's first read: the server's answer taken at once (before the creation), given to the
    // page only when released. Later reads, and the creation itself, go through.
    const first: { answer?: Promise<APIResponse>; given?: Promise<void> } = {};
    let release: () => void = () => {};
    const released = new Promise<void>((resolve) => (release = resolve));
    await page.route(
      (url) => url.pathname === '/api/appraisals' && url.searchParams.get('year') === '2024',
      async (route: Route) => {
        if (route.request().method() !== 'GET' || first.answer !== undefined) return route.continue();
        first.answer = route.fetch();
        first.given = (async () => {
          const response = await first.answer!;
          await released;
          await route.fulfill({ response });
        })();
        await first.given;
      },
    );

    await page.click('[data-testid=nav-appraisals]');
    await expect.poll(() => first.answer !== undefined).toBe(true);
    // No form yet: that is what the read that left before the creation brings back.
    expect(await (await first.answer!).json()).toEqual([]);
    await page.selectOption('[data-testid=new-person]', id(ACCOUNTS.referente.username));
    await page.selectOption('[data-testid=new-evaluator]', id(ACCOUNTS.dirigente.username));
    await expect.poll(() => page.inputValue('[data-testid=new-unit]')).not.toBe('');
    await page.click('[data-testid=new-submit]');
    await page.waitForSelector('[data-testid=appraisal-form]');
    // Back to the list, the first read still out.
    await page.click('[data-testid=nav-appraisals]');
    await page.waitForSelector('[data-testid=new-appraisal]');

    release();
    await first.given;
    // The list names the form created, whatever the old read said.
    await expect.poll(() => page.locator(`[data-testid=appraisal-list] a[aria-label*="${ACCOUNTS.referente.displayName}"]`).count()).toBe(1);
    expect(await page.locator('[data-testid=appraisal-list] tbody tr').allInnerTexts()).toEqual([expect.stringContaining(ACCOUNTS.dirigente.displayName)]);
    await context.close();
  });
});
