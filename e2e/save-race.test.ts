/**
 * A value saved while the tree is still being read again: the read left before the save, so its
 * answer has the old value. Applied over the save's in-place changes, it put the old value back on
 * screen (the server had the new one) until the next read. The save now has that read made again.
 * The read is held with page.route, answered with what the server said before the save.
 */
import { describe, expect, it } from 'vitest';
import type { APIResponse, BrowserContext, Page, Request, Route } from 'playwright-core';
import { exampleSmvpJson } from '../src/core/appraisal/index.js';
import { e2eWorld, pages } from './pages.js';
import { ACCOUNTS } from './server.js';

const world = e2eWorld({ fixture: true });
const { newPage, login, openPlan, apiAs } = pages(world);

/**
 * Holds the page's next read (a GET) of an address `matches`: the server's answer is taken at once,
 * before what the test does next, and given to the page only on `release()`. Later reads, and the
 * writes to the same address, go through.
 */
async function holdNextRead(page: Page, matches: (url: URL) => boolean) {
  const held: { answer?: Promise<APIResponse>; given?: Promise<void> } = {};
  let give: () => void = () => {};
  const released = new Promise<void>((resolve) => (give = resolve));
  await page.route(matches, async (route: Route) => {
    if (route.request().method() !== 'GET' || held.answer !== undefined) return route.continue();
    held.answer = route.fetch();
    held.given = (async () => {
      const response = await held.answer!;
      await released;
      await route.fulfill({ response });
    })();
    await held.given;
  });
  return {
    /** What the server answered the held read (waits for the read to leave). */
    answer: async (): Promise<APIResponse> => {
      await expect.poll(() => held.answer !== undefined).toBe(true);
      return held.answer!;
    },
    /** Gives the page the held answer; resolves once it is given. */
    release: async (): Promise<void> => {
      give();
      await held.given;
    },
  };
}

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
    // The tree it has, drawn while its read is held on purpose: the screen is not settled, and the save is made meanwhile.
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
    {
      lang: 'it',
      objective: 'A.2.1',
      indicator: 'A.2.1:1',
      typed: '7',
      saved: 'Salvato',
      entry: 'Valore di «Attività di informazione e orientamento ai mercati» (A.2.1) al 31/12/2024 (inserimento): consuntivo 6 → 7',
    },
    {
      lang: 'en',
      objective: 'A.2.2',
      indicator: 'A.2.2:1',
      typed: '50',
      saved: 'Saved',
      entry: "Value of «Sostegno alla promozione diretta verso l'estero» (A.2.2) at 31/12/2024 (entry): actual 43 → 50",
    },
  ] as const;
  for (const c of cases) {
    it(`shows the save in the trail when the read that left before it comes back (${c.lang})`, async () => {
      const { context, page } = await newPage();
      if (c.lang === 'en') await page.addInitScript(() => window.localStorage.setItem('albero.lang', 'en'));
      await login(page, 'controller');
      await openPlan(page);
      await page.fill('#f-search', c.objective);

      // The trail's first read of the indicator, held.
      const first = await holdNextRead(page, (url) => url.pathname === '/api/audit' && url.searchParams.get('indicator') === c.indicator);

      const row = `[data-indicator="${c.indicator}"] .tree-link`;
      await page.click(row);
      // Nothing in the trail yet: that is what the read that left before the save brings back.
      expect(await (await first.answer()).json()).toEqual([]);
      await page.fill('#entry-actual', c.typed);
      await page.click('[data-testid=entry-save]');
      await expect.poll(() => page.locator('[data-testid=entry-message]').innerText()).toContain(c.saved);
      // The form moved on to the next indicator; back to the one saved, the first read still out.
      await expect.poll(() => page.locator('[data-testid=indicator-actual]').innerText()).not.toBe(c.typed);
      await page.click(row);
      await expect.poll(() => page.locator('[data-testid=indicator-actual]').innerText()).toBe(c.typed);

      await first.release();
      // The trail names the save, whatever the old read said.
      await expect.poll(() => page.locator('[data-testid=audit]').innerText()).toContain(`${ACCOUNTS.controller.displayName}: ${c.entry}`);
      await context.close();
    });
  }
});

/** HR (signed in on `context`) saves the plan year's SMVP, so forms may be created; gives a person's id by username. */
async function appraisalsReady(context: BrowserContext): Promise<(username: string) => string> {
  const plan = (await apiAs(context, 'GET', `/api/plans/${encodeURIComponent(world.planId)}`)).body as { organisation: string };
  expect((await apiAs(context, 'PUT', '/api/smvp/2024', { document: exampleSmvpJson(plan.organisation, 2024), reason: 'Delibera n. 5/2024' })).status).toBe(200);
  const people = (await apiAs(context, 'GET', '/api/appraisals/people')).body as { id: string; username: string }[];
  return (username) => people.find((p) => p.username === username)!.id;
}

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
    const id = await appraisalsReady(context);

    // The list's first read, held (the creation, at the same address, goes through).
    const first = await holdNextRead(page, (url) => url.pathname === '/api/appraisals' && url.searchParams.get('year') === '2024');
    await page.click('[data-testid=nav-appraisals]');
    // No form yet: that is what the read that left before the creation brings back.
    expect(await (await first.answer()).json()).toEqual([]);
    await page.selectOption('[data-testid=new-person]', id(ACCOUNTS.referente.username));
    await page.selectOption('[data-testid=new-evaluator]', id(ACCOUNTS.dirigente.username));
    await expect.poll(() => page.inputValue('[data-testid=new-unit]')).not.toBe('');
    await page.click('[data-testid=new-submit]');
    await page.waitForSelector('[data-testid=appraisal-form]');
    // Back to the list, the first read still out.
    await page.click('[data-testid=nav-appraisals]');
    await page.waitForSelector('[data-testid=new-appraisal]');

    await first.release();
    // The list names the form created, whatever the old read said.
    await expect.poll(() => page.locator(`[data-testid=appraisal-list] a[aria-label*="${ACCOUNTS.referente.displayName}"]`).count()).toBe(1);
    expect(await page.locator('[data-testid=appraisal-list] tbody tr').allInnerTexts()).toEqual([expect.stringContaining(ACCOUNTS.dirigente.displayName)]);
    await context.close();
  });
});

/**
 * A write whose answer is put in the cache as it is (a form's objectives saved): a read of the same
 * form still under way left before the save (the form opened again, shown from the cache while read
 * again). Its answer came back after the save's and put the form from before it back on screen: the
 * objectives just saved were gone from it, though the server had them.
 */
describe("a form's objectives saved while the form is read again", { timeout: 180_000 }, () => {
  it('keeps the objectives saved on screen when the read that left before the save comes back', async () => {
    const hr = await newPage();
    await login(hr.page, 'personale');
    const id = await appraisalsReady(hr.context);
    const created = await apiAs(hr.context, 'POST', '/api/appraisals', {
      year: 2024,
      personId: id(ACCOUNTS.oiv.username),
      evaluatorId: id(ACCOUNTS.dirigente.username),
      category: 'personale',
      planId: null,
      assignments: [],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const formPath = `/api/appraisals/${(created.body as { id: string }).id}`;
    await hr.context.close();

    const { context, page } = await newPage();
    await login(page, 'dirigente');
    await page.goto(`${world.server.url}/#${formPath.replace('/api', '')}`);
    await page.waitForSelector('[data-testid=add-objective]');

    // The form's next read, held (the save, at the same address, goes through).
    const held = await holdNextRead(page, (url) => url.pathname === formPath);
    // Away to the list and back: the form is shown from the cache and read again (held).
    await page.click('[data-testid=nav-appraisals]');
    await page.waitForSelector('[data-testid=new-appraisal], [data-testid=appraisals-page]');
    await page.goBack();
    await page.waitForSelector('[data-testid=add-objective]');
    expect(((await (await held.answer()).json()) as { objectives: unknown[] }).objectives).toEqual([]);

    await page.click('[data-testid=add-objective]');
    await page.getByLabel('Obiettivo 1', { exact: true }).fill('Pratiche evase entro 30 giorni');
    await page.getByLabel('Peso 1', { exact: true }).fill('100');
    await page.getByLabel('Target 1', { exact: true }).fill('90');
    await page.click('[data-testid=save-objectives]');
    await page.waitForSelector('[data-testid=form-message]');

    const finished = page.waitForEvent('requestfinished', (request) => new URL(request.url()).pathname === formPath && request.method() === 'GET');
    await held.release();
    await finished;
    // A moment for the old answer to reach the screen, had it been taken; the saved objective stays.
    await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 300)));
    const title = page.getByLabel('Obiettivo 1', { exact: true });
    expect(await title.count()).toBe(1);
    expect(await title.inputValue()).toBe('Pratiche evase entro 30 giorni');
    await context.close();
  });
});
