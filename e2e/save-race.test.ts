/**
 * A value saved while the tree is still being read again: the read left before the save, so its
 * answer has the old value. Applied over the save's in-place changes, it put the old value back on
 * screen (the server had the new one) until the next read. The save now has that read made again.
 * The read is held with page.route, answered with what the server said before the save.
 */
import { describe, expect, it } from 'vitest';
import type { Request, Route } from 'playwright-core';
import { e2eWorld, pages } from './pages.js';

const world = e2eWorld({ fixture: true });
const { newPage, login, openPlan } = pages(world);

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
