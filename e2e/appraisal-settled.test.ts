/**
 * The appraisal screens say when they are settled (`data-ready` on the list's and the form's root),
 * as the plan's screen does: not while anything of the page is still being read. A form's trail and
 * HR's records under corrected bodies are read after the screen is drawn; a test (or a script) that
 * acted on the first drawing acted on a screen still filling in. Here each of those reads is held
 * back on purpose (`page.route`): the screen is drawn but not settled; let go, it settles, with what
 * was held on it. The marker names the screen's language (`data-lang`): a change of language reads
 * the form again, and the screen is settled only once it is in, in the new language, which
 * `chooseLanguage` waits for. Real server, fresh SQLite file.
 */
import type { Page, Route } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { appraisalPlans } from './appraisal-plans.js';
import { appraisalSettled, e2eWorld, pages } from './pages.js';

const world = e2eWorld({ fixture: true });
const { loggedIn, chooseLanguage, openAppraisal } = pages(world);
const { hrAndAdmin, formOf } = appraisalPlans(world);

/** Requests of `page` whose path ends with `path` held until the returned function is called. */
async function hold(page: Page, path: string): Promise<{ asked: () => boolean; release: () => void }> {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  let asked = false;
  await page.route(
    (url) => url.pathname.endsWith(path),
    async (route: Route) => {
      asked = true;
      await held;
      await route.continue();
    },
  );
  return { asked: () => asked, release };
}

describe('the appraisal screens settled', { timeout: 180_000 }, () => {
  it('a form: not while its trail is read, then with the trail on it', async () => {
    const { hr } = await hrAndAdmin();
    const id = (await formOf(hr, 'controller', 'dirigente')).body.id as string;
    const { page } = await loggedIn('personale');
    const trail = await hold(page, `/api/appraisals/${encodeURIComponent(id)}/trail`);
    await page.goto(`${world.server.url}/#/appraisals/${encodeURIComponent(id)}`);
    await page.waitForSelector('[data-testid=appraisal-form] #form-title');
    await expect.poll(() => trail.asked()).toBe(true);
    expect(await page.getAttribute('[data-testid=appraisal-form]', 'data-ready')).toBe('false');
    trail.release();
    await appraisalSettled(page);
    // Settled means the trail is there: no waiting for it.
    expect(await page.locator('[data-testid=trail-entry]').count()).toBeGreaterThan(0);
  });

  it("the list: not while HR's records under corrected bodies are read, then settled", async () => {
    const { page } = await loggedIn('personale');
    const stranded = await hold(page, '/api/appraisals/stranded-bodies');
    await page.goto(`${world.server.url}/#/appraisals`);
    await page.waitForSelector('[data-testid=appraisal-list]');
    await expect.poll(() => stranded.asked()).toBe(true);
    expect(await page.getAttribute('[data-testid=appraisals-page]', 'data-ready')).toBe('false');
    stranded.release();
    await appraisalSettled(page);
    expect(await page.getAttribute('[data-testid=appraisals-page]', 'data-ready')).toBe('true');
  });

  it('a form: a change of language settles once the form is read in the new one', async () => {
    const { hr } = await hrAndAdmin();
    const id = (await formOf(hr, 'referente', 'dirigente')).body.id as string;
    const { page } = await loggedIn('personale');
    await openAppraisal(page, id);
    expect(await page.getAttribute('[data-testid=appraisal-form]', 'data-lang')).toBe('it');

    // The form's read in English held: the screen speaks English, but is not settled in it.
    const english = await hold(page, `/api/appraisals/${encodeURIComponent(id)}`);
    await page.selectOption('select[aria-label=Lingua]', 'en');
    await expect.poll(() => english.asked()).toBe(true);
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.getAttribute('[data-testid=appraisal-form]', 'data-lang')).toBe('en');
    expect(await page.getAttribute('[data-testid=appraisal-form]', 'data-ready')).toBe('false');
    // Waiting for the screen in English waits for that read.
    let switched = false;
    const switching = chooseLanguage(page, 'en').then(() => (switched = true));
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)));
    expect(switched).toBe(false);
    english.release();
    await switching;
    expect(await page.getAttribute('[data-testid=appraisal-form]', 'data-ready')).toBe('true');

    // The list says its language too, and a change of language waits for it.
    await openAppraisal(page);
    expect(await page.getAttribute('[data-testid=appraisals-page]', 'data-lang')).toBe('en');
    await chooseLanguage(page, 'it');
    expect(await page.getAttribute('[data-testid=appraisals-page]', 'data-lang')).toBe('it');
    expect(await page.getAttribute('[data-testid=appraisals-page]', 'data-ready')).toBe('true');
  });
});
