/**
 * The web app in headless Chromium against the real server and a real SQLite file: what the
 * office, a referente and the OIV do every day. Screenshots of the main screens go to
 * artifacts/screenshots/; axe-core checks each main screen for serious or critical violations.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURE, ROOT } from '../test/helpers.js';
import { e2eWorld, pages, planDrawn, pickPeriod } from './pages.js';

const SHOTS = join(ROOT, 'artifacts', 'screenshots');
mkdirSync(SHOTS, { recursive: true });

// One server and browser for the file; each test imports the plan it works on, so none depends on another.
const world = e2eWorld();
const { newPage, login, signedIn, apiAs, importFixture, openPlan, search, objectivePerformance, readsOf, sameDocument, expectAccessible, chooseLanguage } = pages(world);

/** A value entered through the API as `context`'s account: B.2.2's indicator `id` measured at `actual`. */
async function enter(context: Awaited<ReturnType<typeof signedIn>>, planId: string, id: string, actual: number): Promise<void> {
  const tree = (await apiAs(context, 'GET', `/api/plans/${encodeURIComponent(planId)}/tree`)).body;
  const indicator = tree.objectives.find((o: { code: string }) => o.code === 'B.2.2').indicators.find((i: { id: string }) => i.id === id);
  const put = await apiAs(context, 'PUT', `/api/plans/${encodeURIComponent(planId)}/indicators/${encodeURIComponent(id)}/measurements/${encodeURIComponent(tree.period.id)}`, {
    state: 'measured',
    actual,
    version: indicator.version,
  });
  expect(put.status, JSON.stringify(put.body)).toBe(200);
}

/** The fixture with B.2.2 assigned to the referente's office ("Ufficio Transizione"): the plan's id. */
async function planOfReferente(): Promise<string> {
  const planId = await importFixture();
  const controller = await signedIn('controller');
  const assigned = await apiAs(controller, 'PATCH', `/api/plans/${encodeURIComponent(planId)}/nodes/B.2.2`, { unit: 'Ufficio Transizione' });
  expect(assigned.status, JSON.stringify(assigned.body)).toBe(200);
  await controller.close();
  return planId;
}

/** The fixture with the period the tree opens on (the year end) closed by the controller and validated by the OIV: the plan's id. */
async function planValidated(): Promise<string> {
  const planId = await importFixture();
  const plan = `/api/plans/${encodeURIComponent(planId)}`;
  const controller = await signedIn('controller');
  const period = (await apiAs(controller, 'GET', `${plan}/tree`)).body.period as { id: string; state: string };
  const steps = [...(period.state === 'open' ? ['collecting'] : []), 'closed'];
  for (const to of steps) {
    const moved = await apiAs(controller, 'POST', `${plan}/periods/${encodeURIComponent(period.id)}/transition`, { to, acknowledgeUnreviewed: true });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
  }
  await controller.close();
  const oiv = await signedIn('oiv');
  const validated = await apiAs(oiv, 'POST', `${plan}/periods/${encodeURIComponent(period.id)}/transition`, { to: 'validated' });
  expect(validated.status, JSON.stringify(validated.body)).toBe(200);
  await oiv.close();
  return planId;
}

describe('the web app in Chromium', { timeout: 120_000 }, () => {
  it('refuses a broken file: every problem located by line, confirmation impossible, nothing stored', async () => {
    const lines = readFileSync(FIXTURE, 'utf8').split('\n');
    lines[7] = lines[7]!.replace('50% >=', 'cinquanta% >=');
    const dir = mkdtempSync(join(tmpdir(), 'albero-e2e-file-'));
    const broken = join(dir, 'piano-rotto.txt');
    writeFileSync(broken, lines.join('\n'));
    const { context, page } = await newPage();
    await login(page, 'controller');
    const plans = (await apiAs(context, 'GET', '/api/plans')).body;
    await page.setInputFiles('#import-file', broken);
    // The body the plan belongs to: asked on a database without plans (the next plans are offered it).
    await page.fill('#import-organisation', 'Ente');
    await page.click('text=Controlla il file');
    const preview = page.locator('[data-testid=import-preview]');
    await preview.waitFor();
    const text = await preview.innerText();
    expect(text).toContain('piano-rotto.txt · riga 8 · Peso');
    expect(text).toContain('cinquanta% >=');
    // The problem itself in the screen's language, from the catalogue: no English in an Italian screen.
    expect(text).toContain('il Peso «cinquanta% >=» non è un peso come «50% >=»');
    expect(text).toContain('non può essere importato');
    await expect.poll(() => page.locator('button:has-text("Conferma l’importazione")').isDisabled()).toBe(true);
    expect((await apiAs(context, 'GET', '/api/plans')).body).toEqual(plans);
    await page.screenshot({ path: join(SHOTS, '02b-import-refused.png'), fullPage: true });
    await context.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('logs in as the controllo di gestione, imports the fixture after a preview, and shows the tree', async () => {
    const { context, page } = await newPage();
    await page.goto(`${world.server.url}/`);
    await page.waitForSelector('#username');
    await page.screenshot({ path: join(SHOTS, '01-login.png') });
    await expectAccessible(page, 'login');
    await login(page, 'controller');
    await page.waitForSelector('#import-file');
    await expectAccessible(page, 'plans');
    const plans = (await apiAs(context, 'GET', '/api/plans')).body;

    await page.setInputFiles('#import-file', FIXTURE);
    await page.fill('#import-year', '2024');
    await page.fill('#import-organisation', 'Ente');
    await page.click('text=Controlla il file');
    const preview = page.locator('[data-testid=import-preview]');
    await preview.waitFor();
    // The fixture's one bare percentage is reported by line before anything is stored.
    await expect.poll(() => preview.innerText()).toContain('bare-percent-actual');
    await expect.poll(() => preview.innerText()).toMatch(/riga 84/);
    await expect.poll(() => preview.innerText()).toContain('non ha il segno % ma il target');
    expect((await apiAs(context, 'GET', '/api/plans')).body).toEqual(plans);
    await page.screenshot({ path: join(SHOTS, '02-import-preview.png'), fullPage: true });

    await page.click('text=Conferma l’importazione');
    // The app writes real paths: the address of a plan is /plans/<id>.
    await page.waitForURL(/\/plans\/[^/?#]+$/);
    const planId = decodeURIComponent(/\/plans\/([^/?#]+)/.exec(page.url())![1]!);
    expect((await apiAs(context, 'GET', '/api/plans')).body.map((p: { id: string }) => String(p.id))).toContain(planId);
    await planDrawn(page);
    await page.screenshot({ path: join(SHOTS, '03-tree.png') });
    await expectAccessible(page, 'tree');

    await search(page, 'A.2');
    await expect.poll(() => objectivePerformance(page, 'A.2')).toEqual({ text: expect.stringContaining('93,00% ● Verde'), band: 'green' });
    await search(page, 'B.1');
    await expect.poll(() => objectivePerformance(page, 'B.1')).toEqual({ text: expect.stringContaining('56,00% ■ Rosso'), band: 'red' });
    await context.close();
  });

  it("opens A.2's explanation: contributions and the rule in words", async () => {
    const planId = await importFixture();
    const { context, page } = await newPage();
    await login(page, 'controller');
    await openPlan(page, planId);
    await search(page, 'A.2');
    await page.click('[data-code="A.2"] .tree-link');
    const explanation = page.locator('[data-testid=explanation]');
    await explanation.waitFor();
    const text = await explanation.innerText();
    expect(text).toContain('A.2 = 30% × 100 + 70% × 90');
    expect(text).toContain('93,00%');
    // The sentences come in the app's language (Italian here), not the API's English.
    expect(text).toContain('media di');
    expect(text).not.toContain('mean of');
    expect(text).toMatch(/Trend numero d'impres/);
    await page.click('[data-indicator="A.2:1"] .tree-link');
    await expect.poll(() => page.locator('[data-testid=detail]').innerText()).toContain('Raggiunto/non raggiunto');
    await page.click('[data-code="A.2"] .tree-link');
    await explanation.waitFor();
    await page.screenshot({ path: join(SHOTS, '04-explanation.png') });
    await expectAccessible(page, 'explanation');
    await context.close();
  });

  it('lets a referente enter an actual for their indicator, and the parents recompute at once', async () => {
    // The controllo di gestione has assigned B.2.2 to the referente's office.
    const planId = await planOfReferente();

    const { context, page } = await newPage();
    await login(page, 'referente');
    await openPlan(page, planId);
    await search(page, 'B.2');
    await expect.poll(() => objectivePerformance(page, 'B.2.2')).toMatchObject({ text: expect.stringContaining('50,00%'), band: 'red' });
    await expect.poll(() => objectivePerformance(page, 'B.2')).toMatchObject({ text: expect.stringContaining('65,00%'), band: 'yellow' });
    // Not theirs: B.2's own indicator is read-only for them.
    await page.click('[data-indicator="B.2:2"] .tree-link');
    await page.waitForSelector('[data-testid=read-only]');
    await expect.poll(() => page.locator('#entry-actual').count()).toBe(0);

    await page.click('[data-indicator="B.2.2:3"] .tree-link');
    await page.fill('#entry-actual', '20');
    await page.fill('#entry-evidence', 'Verbale n. 12 del 15/12/2024');
    await page.click('[data-testid=entry-save]');
    await expect.poll(() => page.locator('[data-testid=entry-message]').innerText()).toContain('Salvato');
    await expect.poll(async () => (await objectivePerformance(page, 'B.2.2')).text).toContain('80,00%');
    await expect.poll(() => objectivePerformance(page, 'B.2.2')).toMatchObject({ band: 'yellow' });
    await expect.poll(() => objectivePerformance(page, 'B.2')).toMatchObject({ text: expect.stringContaining('75,50%'), band: 'yellow' });
    // The form moved on after the save (e2e/entry.test.ts): back to the indicator saved.
    await page.click('[data-indicator="B.2.2:3"] .tree-link');
    await expect.poll(() => page.locator('[data-testid=evidence]').innerText()).toContain('Verbale n. 12');
    // The audit trail of the indicator names who changed it, by name as the worklist does (not the username).
    await expect.poll(() => page.locator('[data-testid=audit]').innerText()).toContain('Rita Referente: ');
    await page.screenshot({ path: join(SHOTS, '05-data-entry.png') });
    await expectAccessible(page, 'data entry');

    // Someone else saves B.2.2:2 first: the referente's stale save is refused and shown, never applied.
    await page.click('[data-indicator="B.2.2:2"] .tree-link');
    await page.waitForSelector('#entry-actual');
    const other = await signedIn('controller');
    await enter(other, planId, 'B.2.2:2', 4);
    await other.close();
    await page.fill('#entry-actual', '9');
    await page.click('[data-testid=entry-save]');
    await expect.poll(() => page.locator('[data-testid=entry-message]').innerText()).toContain('NON è stato salvato');
    const after = (await apiAs(context, 'GET', `/api/plans/${encodeURIComponent(planId)}/tree`)).body;
    expect(after.objectives.find((o: { code: string }) => o.code === 'B.2.2').indicators.find((i: { id: string }) => i.id === 'B.2.2:2').actual).toBe(4);
    await page.screenshot({ path: join(SHOTS, '06-conflict.png') });
    await context.close();
  });

  it('what-if changes the numbers on screen and nothing stored', async () => {
    // As the referente's entry leaves it: B.2.2:3 at 20 (B.2.2 80%, B.2 75,50%) and B.2.2:2 at 4.
    const planId = await planOfReferente();
    const controller = await signedIn('controller');
    await enter(controller, planId, 'B.2.2:3', 20);
    await enter(controller, planId, 'B.2.2:2', 4);
    await controller.close();
    const { context, page } = await newPage();
    await login(page, 'referente');
    await openPlan(page, planId);
    const before = (await apiAs(context, 'GET', `/api/plans/${encodeURIComponent(planId)}/tree`)).body;
    await search(page, 'B.2');
    await page.click('[data-testid=whatif-toggle]');
    await page.waitForSelector('[data-testid=whatif-banner]');
    // B.2.2:2 (≥ 10) met as well: B.2.2 reaches 100 and B.2 turns green (0,7 × 75 + 30 = 82,50).
    await page.fill('[data-testid="whatif-actual-B.2.2:2"]', '10');
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await objectivePerformance(page, 'B.2.2')).text).toContain('100,00%');
    await expect.poll(() => objectivePerformance(page, 'B.2')).toMatchObject({ text: expect.stringContaining('82,50%'), band: 'green' });
    // "What does B.2.2:1 need…": asked of the engine in the browser.
    await page.click('[data-indicator="B.2.2:3"] .tree-link');
    await page.selectOption('#need-node', 'B.2');
    await page.click('text=Calcola');
    await expect.poll(() => page.locator('[data-testid=requirement]').innerText()).toMatch(/già in fascia Verde|Serve un consuntivo/);
    await page.screenshot({ path: join(SHOTS, '07-whatif.png') });
    await expectAccessible(page, 'what-if');

    await page.click('[data-testid=whatif-toggle]');
    await expect.poll(async () => (await objectivePerformance(page, 'B.2')).text).toContain('75,50%');
    const after = (await apiAs(context, 'GET', `/api/plans/${encodeURIComponent(planId)}/tree`)).body;
    expect(after.objectives).toEqual(before.objectives);
    const audit = (await apiAs(context, 'GET', `/api/audit?planId=${encodeURIComponent(planId)}&limit=500`)).body as unknown[];
    const auditAfterReload = (await apiAs(context, 'GET', `/api/audit?planId=${encodeURIComponent(planId)}&limit=500`)).body as unknown[];
    expect(auditAfterReload.length).toBe(audit.length);
    await context.close();
  });

  it('shows charts of the plan', async () => {
    const planId = await importFixture();
    const { context, page } = await newPage();
    await login(page, 'controller');
    await openPlan(page, planId);
    await page.click('text=Mostra i grafici');
    await page.waitForSelector('[data-testid=chart-bars] svg');
    await page.waitForSelector('[data-testid=chart-bands] svg');
    // The legend's thresholds are drawn across the bars.
    await expect.poll(() => page.locator('[data-testid=chart-bars] svg').textContent()).toMatch(/soglia del verde 80,00%.*soglia del giallo 60,00%|soglia del giallo 60,00%.*soglia del verde 80,00%/);
    await page.selectOption('[data-testid=chart-level]', 'areas');
    await expect.poll(() => page.locator('[data-testid=chart-bars]').getAttribute('aria-label')).toMatch(/A 90,38% Verde/);
    // The reader chooses the level and the area; many bars lie sideways in a scrolling box.
    await page.selectOption('[data-testid=chart-level]', 'operational');
    await expect.poll(() => page.locator('.chart-scroll [data-testid=chart-bars]').count()).toBe(1);
    await page.selectOption('[data-testid=chart-area]', 'B');
    await expect.poll(() => page.locator('[data-testid=chart-bars]').getAttribute('aria-label')).toMatch(/^Performance per obiettivi operativi: B\.1\.1 /);
    await expect.poll(() => page.locator('[data-testid=chart-bars]').getAttribute('aria-label')).not.toMatch(/A\.\d/);
    await page.screenshot({ path: join(SHOTS, '08-charts.png') });
    await expectAccessible(page, 'charts');
    await context.close();
  });

  it("opens a plan's address with one read each of the session, plan and tree, asked before the app ran", async () => {
    const planId = await importFixture();
    const { context, page } = await newPage();
    await login(page, 'controller');
    const reads: string[] = [];
    page.on('request', (r) => {
      const path = new URL(r.url()).pathname;
      if (path.startsWith('/api/')) reads.push(path);
    });
    await page.goto(`${world.server.url}/plans/${encodeURIComponent(planId)}`);
    await planDrawn(page);
    const plan = `/api/plans/${encodeURIComponent(planId)}`;
    // The app took early.ts's reads instead of asking again (twice each if it had not).
    await expect.poll(() => reads.filter((p) => p === '/api/session' || p === plan || p === `${plan}/tree`).sort()).toEqual(['/api/session', plan, `${plan}/tree`].sort());
    // The early reads' entry is named before the app's script, and runs as soon as it arrives.
    const html = await (await context.request.get(`${world.server.url}/`)).text();
    expect(html).toMatch(/<script type="module" async crossorigin src="\/assets\/early-[\w-]+\.js"><\/script>[\s\S]*<script type="module" crossorigin src="\/assets\/index-/);
    // The scripts the page names (the app and what it imports at once) carry no decimal.js: the
    // engine's arithmetic comes with the parts that compute (issue 15 §4; a word list once brought it back).
    const named = [...html.matchAll(/(?:src|href)="(\/assets\/[\w.-]+\.js)"/g)].map((m) => m[1]!);
    expect(named.length).toBeGreaterThan(2);
    const withDecimal: string[] = [];
    for (const path of named) if ((await (await context.request.get(`${world.server.url}${path}`)).text()).includes('[DecimalError]')) withDecimal.push(path);
    expect(withDecimal).toEqual([]);
    await context.close();
  });

  it('still reads each once when the tree is slow: the first render waits only so long, then the screen takes the read under way', async () => {
    const planId = await importFixture();
    const { context, page } = await newPage();
    await login(page, 'controller');
    const reads: string[] = [];
    page.on('request', (r) => {
      const path = new URL(r.url()).pathname;
      if (path.startsWith('/api/')) reads.push(path);
    });
    const plan = `/api/plans/${encodeURIComponent(planId)}`;
    // The tree answers a second late: the app renders first ("Caricamento…"), then the tree.
    await page.route(
      (url) => url.pathname === `${plan}/tree`,
      async (route) => {
        await new Promise((resolve) => setTimeout(resolve, 1000));
        await route.continue();
      },
    );
    await page.goto(`${world.server.url}/plans/${encodeURIComponent(planId)}`);
    await planDrawn(page);
    await expect.poll(() => reads.filter((p) => p === '/api/session' || p === plan || p === `${plan}/tree`).sort()).toEqual(['/api/session', plan, `${plan}/tree`].sort());
    await context.close();
  });

  it("writes decimals in the screen's language: 90,38% on an Italian screen, 90.38% on an English one (issue 14)", async () => {
    const planId = await importFixture();
    const { context, page } = await newPage();
    await login(page, 'controller');
    await openPlan(page, planId);
    const tree = (await apiAs(context, 'GET', `/api/plans/${encodeURIComponent(planId)}/tree`)).body as {
      objectives: Array<{ code: string; performance: number | null; indicators: Array<{ id: string; performance: number | null }> }>;
    };
    const area = tree.objectives.find((o) => o.code === 'A')!;
    const indicator = tree.objectives.find((o) => o.code === 'A.1')!.indicators.find((i) => i.performance !== null)!;
    const english = (n: number) => `${n.toFixed(2)}%`;
    const italian = (n: number) => english(n).replace('.', ',');
    expect(italian(area.performance!)).toMatch(/^\d+,\d\d%$/);
    const kpi = () => page.locator(`[data-testid="kpi-${indicator.id}"]`).innerText();
    expect((await objectivePerformance(page, 'A')).text).toContain(italian(area.performance!));
    expect(await kpi()).toBe(italian(indicator.performance!));
    // The tree says its reasons and amount texts in the language asked: a switch reads it again, once, in English.
    const reads = readsOf(page);
    await page.selectOption('select[aria-label=Lingua]', 'en');
    await expect.poll(async () => (await objectivePerformance(page, 'A')).text).toContain(english(area.performance!));
    expect(await kpi()).toBe(english(indicator.performance!));
    await expect.poll(() => reads.filter((r) => r.startsWith(`/api/plans/${encodeURIComponent(planId)}/tree`))).toEqual([`/api/plans/${encodeURIComponent(planId)}/tree?lang=en`]);
    // The indicator's detail says its weight and performance the English way too.
    await page.click(`[data-indicator="${indicator.id}"] .tree-link`);
    await expect.poll(() => page.locator('[data-testid=detail]').innerText()).toContain(english(indicator.performance!));
    // Opened again in English (the stored choice), the first render already writes English decimals.
    await page.reload();
    await planDrawn(page);
    expect((await objectivePerformance(page, 'A')).text).toContain(english(area.performance!));
    expect((await objectivePerformance(page, 'A')).text).not.toContain(italian(area.performance!));
    await context.close();
  });

  it('fits a phone: 390 px wide, the band in view, the detail as a full-screen panel', async () => {
    const planId = await importFixture();
    const { context, page } = await newPage();
    await login(page, 'controller');
    await page.setViewportSize({ width: 390, height: 844 });
    await openPlan(page, planId);
    // The header's words are all there (a key such as "account.nav" is a word file not loaded).
    await expect.poll(() => page.locator('header').innerText()).not.toMatch(/\b[a-z]+\.[a-z]+\b/);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const band = page.locator('[data-code="A"] [data-band]');
    await band.scrollIntoViewIfNeeded();
    const box = (await band.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    await expect.poll(() => band.innerText()).toContain('Verde');
    await search(page, 'A.2');
    await page.click('[data-indicator="A.2:1"] .tree-link');
    const detail = page.locator('[data-testid=detail]');
    await detail.waitFor();
    await expect.poll(() => detail.boundingBox()).toEqual({ x: 0, y: 0, width: 390, height: 844 });
    await page.screenshot({ path: join(SHOTS, '12-phone-detail.png') });
    await context.close();
  });

  it('prints the whole tree, not only the rows in view', async () => {
    const planId = await importFixture();
    const { context, page } = await newPage();
    await login(page, 'controller');
    await openPlan(page, planId);
    const onScreen = await page.locator('[data-testid=tree] [role=row]').count();
    // What Ctrl+P does: the browser says it is about to print, then prints with print media.
    await page.emulateMedia({ media: 'print' });
    await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
    const printed = page.locator('[data-testid=print-tree] tbody tr');
    await expect.poll(() => printed.count()).toBe(137);
    expect(onScreen).toBeLessThan(137);
    await expect.poll(() => page.locator('[data-testid=print-tree]').innerText()).toMatch(/Periodo 31\/12\/2024 — Stato: /);
    const file = join(SHOTS, '..', 'printed-tree.pdf');
    writeFileSync(file, await page.pdf({ format: 'A4' }));
    // Read back by poppler, as a person's PDF viewer would: 137 rows take several pages.
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1]);
    expect(pages).toBeGreaterThanOrEqual(4);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toContain('B.1 Transizione digitale e innovazione');
    expect(text).toContain('C.1.3');
    await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
    await expect.poll(() => page.locator('[data-testid=print-tree]').count()).toBe(0);
    await context.close();
  });

  it('switches periods, works from the keyboard and speaks English on request', async () => {
    const planId = await importFixture();
    const { context, page } = await newPage();
    await login(page, 'controller');
    await openPlan(page, planId);
    const periods = (await apiAs(context, 'GET', `/api/plans/${encodeURIComponent(planId)}/periods`)).body as Array<{ id: string; label: string }>;
    expect(periods.length).toBeGreaterThan(1);
    const first = periods[0]!;
    await pickPeriod(page, first.id);
    await expect.poll(() => page.locator('#period').inputValue()).toBe(first.id);
    // Nothing was entered for the first quarter: no performance, said in words, not left blank.
    await search(page, 'A.2');
    await expect.poll(async () => (await objectivePerformance(page, 'A.2')).text).toContain('n.d.');
    expect((await objectivePerformance(page, 'A.2')).band).toBe('none');
    await page.fill('#f-search', '');

    // Keyboard: the expander is a real button; Enter collapses the area.
    await page.focus('[data-code="A"] .tree-toggle');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('[data-code="A.1"]').count()).toBe(0);
    await expect.poll(() => page.locator('[data-code="A"] ').getAttribute('aria-expanded')).toBe('false');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-code="A.1"]');
    // Arrow keys walk the rows; ← collapses the objective in focus, → expands it again.
    await page.focus('[data-code="A"] .tree-link');
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => page.evaluate(() => document.activeElement?.closest('[data-code]')?.getAttribute('data-code'))).toBe('A.1');
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => page.locator('[data-indicator="A.1:1"]').count()).toBe(0);
    await page.keyboard.press('ArrowRight');
    await page.waitForSelector('[data-indicator="A.1:1"]');
    await page.keyboard.press('End');
    await expect.poll(() => page.evaluate(() => document.activeElement?.closest('[data-index]')?.getAttribute('data-index'))).toBe('136');

    await page.selectOption('select[aria-label=Lingua]', 'en');
    await page.waitForSelector('[role=columnheader]:has-text("Objective performance")');
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en');
    await page.screenshot({ path: join(SHOTS, '10-english-first-period.png') });
    await context.close();
  });

  it('the OIV reads everything but cannot edit', async () => {
    const planId = await importFixture();
    const { context, page } = await newPage();
    await login(page, 'oiv');
    await openPlan(page, planId);
    await search(page, 'B.2.2');
    await page.click('[data-indicator="B.2.2:3"] .tree-link');
    await page.waitForSelector('[data-testid=read-only]');
    await expect.poll(() => page.locator('#entry-actual').count()).toBe(0);
    const tree = (await apiAs(context, 'GET', `/api/plans/${encodeURIComponent(planId)}/tree`)).body;
    const ind = tree.objectives.find((o: { code: string }) => o.code === 'B.2.2').indicators.find((i: { id: string }) => i.id === 'B.2.2:3');
    expect(ind.editable).toBe(false);
    const refused = await apiAs(context, 'PUT', `/api/plans/${encodeURIComponent(planId)}/indicators/${encodeURIComponent('B.2.2:3')}/measurements/${encodeURIComponent(tree.period.id)}`, {
      state: 'measured',
      actual: 1,
      version: ind.version,
    });
    expect(refused.status).toBe(403);
    await context.close();
  });

  it('a closed period refuses entry; the OIV validates it; everyone sees its state', async () => {
    const planId = await planOfReferente();
    const ctl = await newPage();
    await login(ctl.page, 'controller');
    await openPlan(ctl.page, planId);
    // Whatever state the import left it in, walk it forward to closed through the UI.
    for (const label of ['Avvia la raccolta', 'Chiudi il periodo']) {
      const button = ctl.page.locator(`button:has-text("${label}")`);
      if ((await button.count()) > 0) {
        await button.first().click();
        // Closing first lists what is missing or not reviewed, and asks for confirmation.
        if (label === 'Chiudi il periodo') await ctl.page.click('[data-testid=confirm-close]');
        await ctl.page.waitForSelector(`button:has-text("${label}")`, { state: 'detached' });
      }
    }
    await expect.poll(() => ctl.page.locator('[data-testid=period-state]').innerText()).toContain('Chiuso');
    await ctl.context.close();

    const { context, page } = await newPage();
    await login(page, 'referente');
    await openPlan(page, planId);
    await page.waitForSelector('[data-testid=locked-banner]');
    await expect.poll(() => page.locator('[data-testid=locked-banner]').innerText()).toMatch(/sola lettura/);
    // Who closed it and when, from the period's closing (not read back from the audit trail).
    await expect.poll(() => page.locator('[data-testid=locked-by]').innerText()).toMatch(/^Chiuso da Carla Controllo il \d/);
    await search(page, 'B.2.2');
    await page.click('[data-indicator="B.2.2:3"] .tree-link');
    await page.waitForSelector('[data-testid=read-only]');
    await expect.poll(() => page.locator('#entry-actual').count()).toBe(0);
    const tree = (await apiAs(context, 'GET', `/api/plans/${encodeURIComponent(planId)}/tree`)).body;
    const ind = tree.objectives.find((o: { code: string }) => o.code === 'B.2.2').indicators.find((i: { id: string }) => i.id === 'B.2.2:3');
    const refused = await apiAs(context, 'PUT', `/api/plans/${encodeURIComponent(planId)}/indicators/${encodeURIComponent('B.2.2:3')}/measurements/${encodeURIComponent(tree.period.id)}`, {
      state: 'measured',
      actual: 1,
      version: ind.version,
    });
    expect(refused.status).toBe(423);
    expect(refused.body.error.code).toBe('period-locked');
    await page.screenshot({ path: join(SHOTS, '09-locked.png') });
    await context.close();

    const oiv = await newPage();
    await login(oiv.page, 'oiv');
    await openPlan(oiv.page, planId);
    // Asked first, in the app's dialog (before, one click validated it, which only the administrator undoes); declined, the period stays closed.
    await oiv.page.click('button:has-text("Valida il periodo")');
    await expect.poll(() => oiv.page.getByTestId('period-validate-dialog-text').innerText()).toContain('solo l’amministratore potrà riaprirlo');
    await oiv.page.click('[data-testid=period-validate-dialog-cancel]');
    await oiv.page.waitForSelector('[data-testid=period-validate-dialog]', { state: 'detached' });
    expect(await oiv.page.locator('[data-testid=period-state]').innerText()).toContain('Chiuso');
    await oiv.page.click('button:has-text("Valida il periodo")');
    await oiv.page.click('[data-testid=period-validate-dialog-confirm]');
    await expect.poll(() => oiv.page.locator('[data-testid=period-state]').innerText()).toContain('Validato');
    await oiv.context.close();
  });

  it('publishes the plan; an anonymous reader sees it read-only', async () => {
    // Its year-end period closed and validated: the public reads its values.
    const planId = await planValidated();
    const ctl = await newPage();
    const reads = readsOf(ctl.page);
    const listReads = () => reads.filter((r) => r === '/api/plans').length;
    await login(ctl.page, 'controller');
    const item = `.plan-item:has(a[href="#/plans/${encodeURIComponent(planId)}"])`;
    await ctl.page.waitForSelector(item);
    // The list is read once; publishing shows without a reload, the list read once more.
    await expect.poll(listReads).toBe(1);
    const same = await sameDocument(ctl.page);
    await ctl.page.click(`${item} button:has-text("Pubblica")`);
    await ctl.page.waitForSelector(`${item} button:has-text("Ritira la pubblicazione")`);
    expect(await same()).toBe(true);
    await expect.poll(listReads).toBe(2);
    // The archived plans are read when shown, not before.
    expect(reads.filter((r) => r === '/api/plans?archived=true')).toHaveLength(0);
    await ctl.page.click('[data-testid=archived-toggle]');
    await ctl.page.waitForSelector('[data-testid=archived-plans]');
    await expect.poll(() => reads.filter((r) => r === '/api/plans?archived=true')).toHaveLength(1);
    await ctl.context.close();

    const { context, page } = await newPage();
    await page.goto(`${world.server.url}/`);
    await page.click('text=Consulta i piani pubblicati senza accedere');
    await page.click(`.plan-item a[href="#/plans/${encodeURIComponent(planId)}"]`);
    await planDrawn(page);
    await search(page, 'A.2');
    await expect.poll(() => objectivePerformance(page, 'A.2')).toMatchObject({ text: expect.stringContaining('93,00%'), band: 'green' });
    // No session: no simulation, no data entry, no period transitions, no import.
    await expect.poll(() => page.locator('[data-testid=whatif-toggle]').count()).toBe(0);
    await expect.poll(() => page.locator('button:has-text("Valida il periodo")').count()).toBe(0);
    await page.click('[data-indicator="A.2:1"] .tree-link');
    await page.waitForSelector('[data-testid=detail]');
    await expect.poll(() => page.locator('#entry-actual').count()).toBe(0);
    await expectAccessible(page, 'public tree');
    await context.close();

    // A shared link, opened in a fresh browser with no session, shows the published plan; a reload
    // keeps it; the back button returns to the page before.
    const fresh = await newPage();
    await fresh.page.goto(`${world.server.url}/plans/${encodeURIComponent(planId)}`);
    await planDrawn(fresh.page);
    await expect.poll(() => fresh.page.locator('#username').count()).toBe(0);
    await fresh.page.reload();
    await planDrawn(fresh.page);
    // The old hash address still lands on the plan, under its real path.
    await fresh.page.goto(`${world.server.url}/#/plans/${encodeURIComponent(planId)}`);
    await planDrawn(fresh.page);
    await expect.poll(() => new URL(fresh.page.url()).pathname).toBe(`/plans/${encodeURIComponent(planId)}`);
    await fresh.page.click('a.albero-brand');
    await fresh.page.waitForSelector('.plan-item a');
    await fresh.page.goBack();
    await planDrawn(fresh.page);
    // From public reading, "Accedi" leads to the sign-in form.
    await fresh.page.click('[data-testid=sign-in]');
    await fresh.page.waitForSelector('#username');
    await fresh.context.close();
  });

  it('creates an empty plan, listed by year', async () => {
    // A 2024 plan to list beside it.
    await importFixture();
    const { context, page } = await newPage();
    await login(page, 'controller');
    // The body's field takes the latest plan's name once the list is read: before it, the form
    // rightly refuses an empty body (the CI run that clicked first saw no navigation).
    await page.waitForSelector('#year-2024');
    expect(await page.inputValue('#plan-organisation')).not.toBe('');
    await page.fill('#plan-title', 'Piano della performance 2025');
    await page.fill('#plan-year', '2025');
    await page.click('button:has-text("Nuovo piano")');
    await page.waitForURL(/\/plans\/[^/?#]+$/);
    await expect.poll(() => page.locator('h1').innerText()).toContain('Piano della performance 2025');
    await page.click('text=Tutti i piani');
    await page.waitForSelector('#year-2025');
    await expect.poll(() => page.locator('section[aria-labelledby=year-2025] .plan-item').innerText()).toContain('Piano della performance 2025');
    await expect.poll(() => page.locator('section[aria-labelledby=year-2024]').innerText()).toContain('Albero performance 2024');
    await page.screenshot({ path: join(SHOTS, '11-plans.png') });
    await expectAccessible(page, 'plans list');
    await context.close();
  });

  it("exports the plan as a PDF, and says why an export failed in the reader's words", async () => {
    const planId = await importFixture();
    const { context, page } = await newPage();
    await login(page, 'controller');
    await openPlan(page, planId);
    // Drawn on the server as a job (its progress shown meanwhile), then downloaded.
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=export-pdf]')]);
    expect(download.suggestedFilename()).toBe('albero-performance-2024-12-31.pdf');
    const path = await download.path();
    const bytes = readFileSync(path);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(bytes.length).toBeGreaterThan(2000);
    // The button is back, with no progress left on screen.
    await page.waitForSelector('[data-testid=export-pdf-progress]', { state: 'detached' });
    await expect.poll(() => page.locator('[data-testid=export-pdf]').isEnabled()).toBe(true);

    // A job that fails says why from its code, in the reader's language, never the server's own
    // English. The server's failures are made over HTTP in test/api/export-jobs.test.ts; here the
    // job's answers say it failed, as this server's exports do not.
    await page.route(/\/api\/exports\/[^/]+$/, async (route) => {
      const response = await route.fetch();
      await route.fulfill({ response, json: { ...((await response.json()) as object), state: 'failed', failure: 'out-of-memory' } });
    });
    const error = page.locator('[data-testid=export-xlsx] ~ [role=alert]');
    await page.click('[data-testid=export-xlsx]');
    await expect.poll(() => error.innerText()).toBe("Il file non è stato preparato: è troppo grande per la memoria del server. Avvisare l'amministratore.");
    // The job is over: the button is offered again, no progress left.
    await page.waitForSelector('[data-testid=export-xlsx-progress]', { state: 'detached' });
    await chooseLanguage(page, 'en');
    await page.click('[data-testid=export-xlsx]');
    await expect.poll(() => error.innerText()).toBe("The file was not prepared: it is too big for the server's memory. Tell the administrator.");
    await expect.poll(() => page.locator('[data-testid=export-xlsx]').isEnabled()).toBe(true);
    await context.close();
  });
});
