/**
 * The build keeps only the Bootstrap Italia rules the app's sources name (web/vite.config.ts,
 * issue 15 §4). A rule whose class is put together at run time would be dropped without a word, so
 * this test opens the screens as users do, reads every element's computed style, then adds the
 * whole library's stylesheet in front of the app's and reads them again: any element that looks
 * different is named with the properties that changed.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { e2eWorld, pages } from './pages.js';

const world = e2eWorld({ fixture: true });
const app = pages(world);
const FULL = readFileSync(createRequire(import.meta.url).resolve('bootstrap-italia/dist/css/bootstrap-italia.min.css'), 'utf8');
const FULL_PATH = '/__albero-test/bootstrap-italia-whole.css';

/** Every element's computed style, keyed by its place in the document. */
async function styles(page: Page): Promise<Record<string, Record<string, string>>> {
  return page.evaluate(() => {
    const out: Record<string, Record<string, string>> = {};
    const walk = (el: Element, path: string) => {
      const cs = getComputedStyle(el);
      const props: Record<string, string> = {};
      for (let i = 0; i < cs.length; i++) {
        const name = cs[i]!;
        // Transitions run while the test reads: the values in flight are not the styles.
        if (!name.startsWith('transition') && !name.startsWith('animation')) props[name] = cs.getPropertyValue(name);
      }
      const cls = typeof el.className === 'string' && el.className !== '' ? `.${el.className.trim().split(/\s+/).join('.')}` : '';
      out[`${path} ${el.tagName.toLowerCase()}${cls}`] = props;
      Array.from(el.children).forEach((child, i) => walk(child, `${path}/${i}`));
    };
    walk(document.documentElement, '');
    return out;
  });
}

/** The styles once the screen has stopped changing (panels fill in as their data arrive). */
async function settled(page: Page): Promise<Record<string, Record<string, string>>> {
  const shape = () => page.evaluate(() => `${document.body.innerHTML.length}:${document.documentElement.scrollHeight}`);
  let before = await shape();
  for (let tries = 0; tries < 40; tries++) {
    await page.waitForTimeout(300);
    const now = await shape();
    if (now === before) return styles(page);
    before = now;
  }
  throw new Error('the screen kept changing for 12 s');
}

/**
 * What differs between the trimmed build and the whole library on the screen now open. A panel
 * that fills in between the two reads is a change of content, not of style: then it reads again.
 */
async function differences(page: Page): Promise<string[]> {
  for (let attempt = 0; ; attempt++) {
    const trimmed = await settled(page);
    await page.evaluate((href) => {
      const link = document.createElement('link');
      link.rel = 'stylesheet';
      link.href = href;
      link.id = 'whole-library';
      document.head.prepend(link);
      return new Promise((resolve) => link.addEventListener('load', resolve));
    }, FULL_PATH);
    const whole = await styles(page);
    await page.evaluate(() => document.getElementById('whole-library')?.remove());
    const again = await styles(page);
    if (JSON.stringify(again) !== JSON.stringify(trimmed) && attempt < 3) continue;
    const out: string[] = [];
    for (const [where, props] of Object.entries(whole)) {
      if (where.includes('link#whole-library') || trimmed[where] === undefined) continue;
      const changed = Object.keys(props).filter((p) => props[p] !== trimmed[where]![p]);
      if (changed.length > 0) out.push(`${where}: ${changed.map((p) => `${p} ${trimmed[where]![p]} → ${props[p]}`).join('; ')}`);
    }
    return out;
  }
}

async function openPage() {
  const { context, page } = await app.newPage();
  await context.route(`**${FULL_PATH}`, (route) => route.fulfill({ contentType: 'text/css', body: FULL }));
  return { context, page };
}

describe('the trimmed Bootstrap Italia styles', () => {
  it('the library is trimmed', async () => {
    const { context, page } = await openPage();
    const sizes = await page.goto(`${world.server.url}/`).then(() => page.evaluate(() => Array.from(document.styleSheets).map((s) => s.cssRules.length)));
    // The whole library has about 6,000 rules; the app names a small part of them.
    expect(Math.max(...sizes)).toBeLessThan(2500);
    await context.close();
  });

  it('leave the sign-in page, the tree, an indicator and the dialogs as the whole library draws them', async () => {
    const { context, page } = await openPage();
    await page.goto(`${world.server.url}/`);
    await page.waitForSelector('#username');
    expect(await differences(page)).toEqual([]);
    await app.login(page, 'controller');
    expect(await differences(page)).toEqual([]);
    await app.openPlan(page);
    expect(await differences(page)).toEqual([]);
    await app.search(page, 'Soggetti coinvolti');
    await page.click('[data-indicator="A.3:1"] .tree-link');
    await page.waitForSelector('[data-testid=entry-save]');
    expect(await differences(page)).toEqual([]);
    await page.fill('#f-search', '');
    await page.click('[data-code="A.2"] .tree-link');
    expect(await differences(page)).toEqual([]);
    await context.close();
  }, 300_000);

  it('leave the objective dialog and the charts as the whole library draws them', async () => {
    const { context, page } = await openPage();
    await app.login(page, 'controller');
    await app.openPlan(page);
    await page.click('[data-code="A.2"] .tree-link');
    await page.click('[data-testid=open-child]');
    await page.waitForSelector('[data-testid=node-dialog][open]');
    expect(await differences(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await page.click('text=Mostra i grafici');
    await page.waitForSelector('[data-testid=chart-bars] svg');
    expect(await differences(page)).toEqual([]);
    await context.close();
  }, 300_000);

  it('leave the administration, registry, Relazione and appraisal screens as the whole library draws them', async () => {
    const { context, page } = await openPage();
    await app.login(page, 'admin');
    for (const screen of ['#/users', '#/units', `#/plans/${encodeURIComponent(world.planId)}/relazione`, '#/appraisals', '#/password']) {
      await page.goto(`${world.server.url}/${screen}`);
      await page.waitForLoadState('networkidle');
      expect({ screen, differences: await differences(page) }).toEqual({ screen, differences: [] });
    }
    await context.close();
  }, 300_000);

  // Last: it closes the year and sends the Relazione to the OIV. The decision's buttons are
  // design-react-kit's <Button color="success">, whose class (btn-outline-success) is made at run
  // time: trimmed away, "Valida" showed as plain text beside a red "Non validare".
  it("leave the OIV's review of a Relazione sent to it as the whole library draws it", async () => {
    const plan = `/api/plans/${encodeURIComponent(world.planId)}`;
    const controller = await app.signedIn('controller');
    for (const to of ['collecting', 'closed']) expect((await app.apiAs(controller, 'POST', `${plan}/periods/2024-12-31/transition`, { to, acknowledgeUnreviewed: true })).status).toBe(200);
    expect((await app.apiAs(controller, 'POST', `${plan}/relazione/transition`, { to: 'transmitted', confirmEmpty: true })).status).toBe(200);
    await controller.close();
    const { context, page } = await openPage();
    await app.login(page, 'oiv');
    await page.goto(`${world.server.url}/#/plans/${encodeURIComponent(world.planId)}/relazione`);
    await page.waitForSelector('[data-testid=relazione-decide-validated]');
    expect(await differences(page)).toEqual([]);
    await context.close();
  }, 300_000);
});
