/**
 * The public pages fit their screen, with real data, on a desktop (1280 px) and on a phone (390 px):
 * the plan's page (piano.html), the Relazione and its validation, and the bonuses (premi.html, art. 20),
 * as /trasparenza serves them and as `albero site` and `albero relazione` write them. On each, no box's
 * content runs past it (a cell's, a heading's, a caption's: scrollWidth over clientWidth) but the named
 * regions that scroll sideways by design, the page itself never scrolls sideways, and axe finds no
 * WCAG 2.1 A/AA violation at all.
 * Before, on a desktop the Relazione's tree let «● 100,00% verde» run ≈7 px past its cell, and on a
 * phone the header «Performance» of its narrow tables ran ≈10 px past its cell.
 * Real server, fresh SQLite file: the fixture imported and published, its year end closed, the
 * Relazione validated by the OIV (a value of its own for B.1) and published, HR's SMVP and a
 * distribution of bonuses in two categories; the CLI's site and Relazione written from the fixture; Chromium.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleSmvpJson } from '../src/core/appraisal/index.js';
import { openStore } from '../src/store/index.js';
import { albero, FIXTURE } from '../test/helpers.js';
import { storeDistribution } from '../test/support/distributions.js';
import { wcagResults } from './axe.js';
import { e2eWorld, pages } from './pages.js';

const world = e2eWorld({ fixture: true });
const { newPage, apiAs, signedIn } = pages(world);
const YEAR_END = '2024-12-31';
const WIDTHS = { desktop: { width: 1280, height: 900 }, phone: { width: 390, height: 844 } } as const;
const dir = mkdtempSync(join(tmpdir(), 'albero-public-fit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** How far the page scrolls sideways (0: not at all). */
const sideways = (page: Page): Promise<number> => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

/**
 * Every box whose content runs past it, innermost first (a cell, not the section around it), said as
 * its tag, its text and by how many pixels. Left out: the named regions that scroll by design (what is
 * inside them is checked), and the words kept for screen readers only (one pixel wide on purpose) and
 * the skip link, off screen until focused. A region's table may be wider than the region, not its
 * caption, which says what the table is: a caption past the region's edge is said too.
 */
function spilling(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const said = (e: Element): string =>
      `${e.tagName.toLowerCase()}${e.className === '' ? '' : `.${e.className.replace(/ /g, '.')}`} «${(e.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 40)}»`;
    const over = Array.from(document.body.querySelectorAll<HTMLElement>('*')).filter((e) => {
      if (e.closest('.sr, .skip') !== null || e.matches('[role=region]')) return false;
      const display = getComputedStyle(e).display;
      if (display === 'inline' || display === 'none' || display.startsWith('table-column')) return false;
      return e.scrollWidth > e.clientWidth + 1;
    });
    const captions = Array.from(document.querySelectorAll('[role=region] caption')).flatMap((c) => {
      const past = c.getBoundingClientRect().right - c.closest('[role=region]')!.getBoundingClientRect().right;
      return past > 1 ? [`${said(c)} past its region's edge +${Math.round(past)}px`] : [];
    });
    return [...over.filter((e) => !over.some((o) => o !== e && e.contains(o))).map((e) => `${said(e)} +${e.scrollWidth - e.clientWidth}px`), ...captions];
  });
}

/**
 * The page at both widths: what runs past its box, how far the page scrolls sideways and axe's
 * findings, each said once with how many times, gathered in `found` under the page and the width
 * (every page is read before the test says what failed).
 */
async function fits(page: Page, address: string, what: string, found: Record<string, string[]>): Promise<void> {
  for (const [name, size] of Object.entries(WIDTHS)) {
    await page.setViewportSize(size);
    const answer = await page.goto(address);
    if (answer !== null && address.startsWith('http')) expect(answer.status(), `${what}: ${address}`).toBe(200);
    const problems = await spilling(page);
    const scroll = await sideways(page);
    if (scroll !== 0) problems.push(`the page scrolls ${scroll} px sideways`);
    const { violations } = await wcagResults(page);
    problems.push(...violations.map((v) => `axe ${v.id}: ${v.help} (${v.count}× e.g. ${v.targets[0] ?? ''})`));
    const counted = new Map<string, number>();
    for (const p of problems) counted.set(p, (counted.get(p) ?? 0) + 1);
    if (counted.size > 0) found[`${what} at ${size.width} px (${name})`] = [...counted].map(([p, n]) => (n === 1 ? p : `${p} (${n}×)`));
  }
}

describe('the public pages fit a desktop and a phone, with real data', { timeout: 300_000 }, () => {
  beforeAll(async () => {
    const controller = await signedIn('controller');
    const oiv = await signedIn('oiv');
    const hr = await signedIn('personale');
    const plan = `/api/plans/${encodeURIComponent(world.planId)}`;
    const ok = async (answer: Promise<{ status: number; body: unknown }>, step: string): Promise<void> => {
      const { status, body } = await answer;
      expect(status, `${step}: ${JSON.stringify(body)}`).toBe(200);
    };
    await ok(apiAs(controller, 'PATCH', plan, { published: true }), 'publish the plan');
    for (const to of ['collecting', 'closed']) await ok(apiAs(controller, 'POST', `${plan}/periods/${YEAR_END}/transition`, { to, acknowledgeUnreviewed: true }), `year end ${to}`);
    await ok(apiAs(controller, 'POST', `${plan}/relazione/transition`, { to: 'transmitted', confirmEmpty: true }), 'the Relazione to the OIV');
    const current = (await apiAs(oiv, 'GET', `${plan}/relazione`)).body as { version: number; checklist: Array<Record<string, unknown>> };
    await ok(
      apiAs(oiv, 'PUT', `${plan}/relazione/review`, {
        note: 'Relazione chiara e completa.',
        reservations: '',
        checklist: current.checklist.map((p) => ({ ...p, outcome: 'yes' })),
        values: [{ code: 'B.1', validated: '50,5', note: 'Il trend dei partecipanti non è documentato.' }],
        version: current.version,
      }),
      "the OIV's review",
    );
    await ok(apiAs(oiv, 'POST', `${plan}/relazione/transition`, { to: 'validated' }), 'validated');
    await ok(apiAs(controller, 'POST', `${plan}/relazione/publication`, { published: true }), 'the Relazione published');
    await ok(apiAs(hr, 'PUT', `/api/smvp/2024?organisation=Ente`, { document: exampleSmvpJson('Ente', 2024), reason: 'delibera n. 12' }), 'the SMVP');
    const store = await openStore(world.server.database);
    try {
      await storeDistribution(store, 'Ente', 2024, 'personale', [
        ['Eccellente', 150_017],
        ['Eccellente', 152_000],
        ['Eccellente', 149_500],
        ['Buono', 100_000],
        ['Buono', 120_000],
        ['Buono', 90_000],
        ['Buono', 95_050],
        ['Adeguato', 50_000],
        [null, 0],
      ]);
      await storeDistribution(store, 'Ente', 2024, 'dirigente', [
        ['Eccellente', 1_250_000],
        ['Buono', 980_000],
      ]);
    } finally {
      await store.close();
    }
  }, 120_000);

  it('serves /trasparenza: the index, the year, the plan, the Relazione, its validation and the bonuses', async () => {
    const { page } = await newPage();
    const found: Record<string, string[]> = {};
    const year = `${world.server.url}/trasparenza/${encodeURIComponent(world.planId)}`;
    await fits(page, `${world.server.url}/trasparenza`, 'the index', found);
    await fits(page, `${year}/index.html`, "the year's page", found);
    await fits(page, `${year}/piano.html`, "the plan's page", found);
    // The data are real: the plan's figures and the bonuses' amounts are on the pages checked.
    expect(await page.locator('main').innerText()).toMatch(/100,00%/);
    await fits(page, `${year}/relazione.html`, 'the Relazione', found);
    expect(await page.locator('body').innerText()).toContain('50,50%');
    await fits(page, `${year}/validazione.html`, 'the documento di validazione', found);
    await fits(page, `${year}/premi.html`, 'the bonuses', found);
    expect(await page.locator('tbody tr').count()).toBeGreaterThan(4);
    expect(await page.locator('main').innerText()).toContain('4.050,50');
    await fits(page, `${year}/premi.html?lang=en`, 'the bonuses in English', found);
    expect(found).toEqual({});
  });

  it('writes the same with `albero site` and `albero relazione`', async () => {
    const site = join(dir, 'sito');
    const written = albero(['site', FIXTURE, '--output', site, '--body', 'Camera di commercio', '--period', 'Periodo al 31/12/2024']);
    expect(written.status, written.stderr).toBe(0);
    const relazione = join(dir, 'relazione.html');
    const made = albero(['relazione', FIXTURE, '--output', relazione]);
    expect(made.status, made.stderr).toBe(0);
    const { page } = await newPage();
    const found: Record<string, string[]> = {};
    for (const file of ['index.html', '2024/index.html', '2024/piano.html', '2024/colonne.html']) await fits(page, pathToFileURL(join(site, file)).href, `the site's ${file}`, found);
    await fits(page, pathToFileURL(relazione).href, 'the Relazione of `albero relazione`', found);
    expect(found).toEqual({});
  });
});
