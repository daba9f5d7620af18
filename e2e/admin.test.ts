/**
 * The screens that change who may do what and what the plan is: the administrator's users page
 * and tree editing by the controllo di gestione, against the real server and a fresh SQLite file.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../test/helpers.js';
import { e2eWorld, pages, planDrawn, planSettled } from './pages.js';

const SHOTS = join(ROOT, 'artifacts', 'screenshots');
const world = e2eWorld();
const { newPage, login, signedIn, apiAs, importFixture, openPlan, search, objectivePerformance, readsOf, sameDocument, expectAccessible, chooseLanguage } = pages(world);

describe('users page', { timeout: 120_000 }, () => {
  it('the admin creates a referente, who can then sign in; the password rule and a taken name are said next to the field', async () => {
    const { context, page } = await newPage();
    await login(page, 'admin');
    const reads = readsOf(page);
    const count = (path: string) => reads.filter((r) => r === path).length;
    await page.click('[data-testid=nav-users]');
    await page.waitForSelector('[data-testid=users-table] [data-username=referente]');
    await expect.poll(() => page.locator('[data-testid=users-table]').innerText()).toContain('Ufficio Transizione');
    // The accounts and the registry the pickers offer are read once each (the registry's read may
    // be recorded after the table shows: wait for the reads themselves).
    await expect.poll(() => [count('/api/users'), count('/api/units')]).toEqual([1, 1]);
    const same = await sameDocument(page);

    await page.fill('#new-username', 'mario.rossi');
    await page.fill('#new-displayName', 'Mario Rossi');
    // Each role offered with what it may do, the name the server's (its refusals, its audit lines).
    const offered = () => page.locator('#new-role option').allInnerTexts();
    expect(await offered()).toContain('OIV (organismo indipendente di valutazione: legge tutto, valida i periodi)');
    expect(await offered()).toContain('Ufficio del personale (le valutazioni individuali)');
    await chooseLanguage(page, 'en');
    await expect.poll(offered).toContain('OIV (evaluation body: reads everything, validates periods)');
    expect(await offered()).toContain('HR office (personale: individual appraisals)');
    await chooseLanguage(page, 'it');
    await page.selectOption('#new-role', 'referente');
    // Units are picked from the registry, not typed.
    await page.check('[data-testid=new-units] label:has-text("Ufficio Anagrafe")');
    await page.check('[data-testid=new-units] label:has-text("Ufficio Transizione")');
    await page.fill('#new-password', 'corta');
    await page.click('[data-testid=new-user-submit]');
    await expect.poll(() => page.locator('[data-testid=new-password-error]').innerText()).toContain('almeno 8 caratteri');
    await expect.poll(() => page.getAttribute('#new-password', 'aria-invalid')).toBe('true');
    await expect.poll(() => page.getAttribute('#new-password', 'aria-describedby')).toContain('new-password-error');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('new-password');

    await page.fill('#new-password', 'una-password-nuova-2024');
    await page.click('[data-testid=new-user-submit]');
    await page.waitForSelector('[data-testid=users-table] [data-username="mario.rossi"]');
    await expect.poll(() => page.locator('[data-username="mario.rossi"]').innerText()).toMatch(/Mario Rossi[\s\S]*Referente[\s\S]*Ufficio Anagrafe, Ufficio Transizione[\s\S]*Attivo/);
    // The new account shows without a reload: the list is read once more.
    expect(await same()).toBe(true);
    await expect.poll(() => count('/api/users')).toBe(2);
    await page.screenshot({ path: join(SHOTS, '12-users.png'), fullPage: true });
    await expectAccessible(page, 'users');

    // The server refuses a taken username (409): said next to the field, in the page's language.
    await page.selectOption('select[aria-label=Lingua]', 'en');
    await page.fill('#new-username', 'mario.rossi');
    await page.fill('#new-displayName', 'Mario Bis');
    await page.fill('#new-password', 'una-password-nuova-2024');
    await page.click('[data-testid=new-user-submit]');
    await expect.poll(() => page.locator('[data-testid=new-username-error]').innerText()).toContain('already taken');
    await page.selectOption('select[aria-label=Language]', 'it');

    // Role and units changed in a dialog that takes the focus and gives it back.
    await page.click('[data-username="mario.rossi"] button:has-text("Modifica")');
    await page.waitForSelector('[data-testid=edit-user][open]');
    await expect.poll(() => page.evaluate(() => document.activeElement?.closest('dialog') !== null)).toBe(true);
    await expectAccessible(page, 'users: edit dialog');
    await page.uncheck('[data-testid=edit-units] label:has-text("Ufficio Transizione")');
    await page.click('[data-testid=edit-user-submit]');
    await expect.poll(() => page.locator('[data-username="mario.rossi"]').innerText()).not.toContain('Ufficio Transizione');
    await context.close();

    const mario = await newPage();
    await login(mario.page, { username: 'mario.rossi' }, 'una-password-nuova-2024');
    await expect.poll(() => mario.page.locator('[data-testid=signed-in]').innerText()).toContain('Mario Rossi (Referente)');
    await mario.context.close();
  });

  it('a deactivated account cannot sign in until it is reactivated', async () => {
    const { context, page } = await newPage();
    await login(page, 'admin');
    const created = await apiAs(context, 'POST', '/api/users', { username: 'lucia.verdi', displayName: 'Lucia Verdi', role: 'referente', password: 'una-password-nuova-2024' });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    await page.goto(`${world.server.url}/#/users`);
    // The administrator cannot lock themselves out.
    await expect.poll(() => page.locator('[data-testid="toggle-admin"]').count()).toBe(0);
    // Deactivating asks first (issue 17 §7): cancelling leaves the account active.
    await page.click('[data-testid="toggle-lucia.verdi"]');
    await page.waitForSelector('[data-testid=deactivate-dialog][open]');
    await expect.poll(() => page.locator('[data-testid=deactivate-text]').innerText()).toContain('Lucia Verdi (lucia.verdi) non potrà più accedere');
    await expectAccessible(page, 'users: deactivation confirmation');
    await page.click('[data-testid=deactivate-cancel]');
    await page.waitForSelector('[data-testid=deactivate-dialog]', { state: 'detached' });
    await expect.poll(() => page.locator('[data-username="lucia.verdi"]').innerText()).not.toContain('Disattivato');
    await page.click('[data-testid="toggle-lucia.verdi"]');
    await page.click('[data-testid=deactivate-confirm]');
    await expect.poll(() => page.locator('[data-username="lucia.verdi"]').innerText()).toContain('Disattivato');
    const signIn = async (): Promise<number> =>
      (
        await fetch(`${world.server.url}/api/session`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ username: 'lucia.verdi', password: 'una-password-nuova-2024' }),
        })
      ).status;
    expect(await signIn()).toBe(401);
    await page.click('[data-testid="toggle-lucia.verdi"]');
    await expect.poll(() => page.locator('[data-username="lucia.verdi"]').innerText()).toContain('Disattiva Lucia Verdi');
    expect(await signIn()).toBe(200);
    await context.close();
  });

  it('a non-admin sees no users page and the API refuses them', async () => {
    const { context, page } = await newPage();
    await login(page, 'controller');
    await expect.poll(() => page.locator('[data-testid=nav-users]').count()).toBe(0);
    await page.goto(`${world.server.url}/#/users`);
    await page.waitForSelector('[data-testid=users-forbidden]');
    await expect.poll(() => page.locator('[data-testid=users-table]').count()).toBe(0);
    expect((await apiAs(context, 'GET', '/api/users')).status).toBe(403);
    expect((await apiAs(context, 'POST', '/api/users', { username: 'intruso', displayName: 'X', role: 'admin', password: 'una-password-lunga' })).status).toBe(403);
    await context.close();
  });
});

interface Doc {
  period: { id: string };
  objectives: Array<{ code: string; title: string; parent: string | null; version: number; performance: number | null; indicators: Array<{ id: string; name: string; definitionVersion: number }> }>;
}

describe('tree editing', { timeout: 120_000 }, () => {
  const tree = async (context: Parameters<typeof apiAs>[0], planId: string) => (await apiAs(context, 'GET', `/api/plans/${encodeURIComponent(planId)}/tree`)).body as Doc;

  /** The fixture with an objective C.9 added under area C through the API (and its indicator, when given): the plan's id. */
  async function planWithObjective(title: string, indicator?: string): Promise<string> {
    const planId = await importFixture();
    const controller = await signedIn('controller');
    const plan = `/api/plans/${encodeURIComponent(planId)}`;
    const node = await apiAs(controller, 'POST', `${plan}/nodes`, { code: 'C.9', title, parent: 'C' });
    expect(node.status, JSON.stringify(node.body)).toBe(201);
    if (indicator !== undefined) {
      const added = await apiAs(controller, 'POST', `${plan}/nodes/C.9/indicators`, { name: indicator, weight: 100, comparator: '>=', target: 800, unit: 'number' });
      expect(added.status, JSON.stringify(added.body)).toBe(201);
    }
    await controller.close();
    return planId;
  }

  it('the controller adds an objective with an indicator under an area, enters its actual and sees the performance change', async () => {
    const planId = await importFixture();
    const { context, page } = await newPage();
    await login(page, 'controller');
    await openPlan(page, planId);
    await page.selectOption('#f-area', 'C');
    await page.click('[data-code="C"] .tree-link');
    await page.click('[data-testid=open-child]');
    await page.waitForSelector('[data-testid=node-dialog][open]');
    const code = await page.inputValue('#node-code');
    expect(code).toMatch(/^C\.\d+$/);
    await page.fill('#node-title', 'Digitalizzazione degli sportelli');
    // A weight out of range: refused next to the field, in Italian, and focused.
    await page.fill('#node-weight', '130');
    await page.click('[data-testid=dialog-submit]');
    await expect.poll(() => page.locator('[data-testid=node-weight-error]').innerText()).toContain('da 0 a 100');
    // The field takes the focus on the next frame (focusFirstError): waited for, since a loaded machine draws late.
    await expect.poll(() => page.evaluate(() => document.activeElement?.id), { timeout: 15_000 }).toBe('node-weight');
    await page.fill('#node-weight', '');
    await page.click('[data-testid=dialog-submit]');
    await page.waitForSelector('[data-testid=node-dialog]', { state: 'detached' });
    await expect.poll(() => page.locator('[data-testid=edit-notice]').innerText()).toContain('ricalcolato');

    await search(page, code);
    await page.click(`[data-code="${code}"] .tree-link`);
    expect((await objectivePerformance(page, code)).text).toContain('n.d.');
    await page.click('[data-testid=open-indicator]');
    await page.waitForSelector('[data-testid=indicator-dialog][open]');
    await page.fill('#ind-name', 'Pratiche gestite online');
    await page.fill('#ind-weight', '100');
    await page.selectOption('#ind-comparator', '>=');
    await page.selectOption('#ind-unit', 'number');
    await page.fill('#ind-target', '1.000');
    await page.selectOption('#ind-scoring', 'proportional');
    await page.screenshot({ path: join(SHOTS, '13-tree-edit.png') });
    await expectAccessible(page, 'tree editing: indicator dialog');
    await page.click('[data-testid=dialog-submit]');
    await page.waitForSelector('[data-testid=indicator-dialog]', { state: 'detached' });

    const doc = await tree(context, planId);
    const added = doc.objectives.find((o) => o.code === code)!;
    expect(added.parent).toBe('C');
    const indicator = added.indicators[0]!;
    expect(indicator.name).toBe('Pratiche gestite online');
    await page.click(`[data-indicator="${indicator.id}"] .tree-link`);
    await page.selectOption('#entry-state', 'measured');
    await page.fill('#entry-actual', '800');
    await page.click('[data-testid=entry-save]');
    await expect.poll(() => page.locator('[data-testid=entry-message]').innerText()).toContain('Salvato');
    await expect.poll(async () => (await objectivePerformance(page, code)).text).toContain('80,00%');
    // A lower target, changed on the indicator's definition: the objective reaches 100%.
    await page.click('[data-testid=open-edit-indicator]');
    await page.waitForSelector('[data-testid=indicator-dialog][open]');
    await expect.poll(() => page.inputValue('#ind-target')).toBe('1000');
    await page.fill('#ind-target', '800');
    await page.click('[data-testid=dialog-submit]');
    await page.waitForSelector('[data-testid=indicator-dialog]', { state: 'detached' });
    await expect.poll(async () => (await objectivePerformance(page, code)).text).toContain('100,00%');
    await context.close();
  });

  it('a stale edit is refused and said, with a reload that shows what is stored now', async () => {
    const planId = await planWithObjective('Digitalizzazione degli sportelli');
    const { context, page } = await newPage();
    await login(page, 'controller');
    await openPlan(page, planId);
    const before = await tree(context, planId);
    const node = before.objectives.find((o) => o.title === 'Digitalizzazione degli sportelli')!;
    await search(page, node.code);
    await page.click(`[data-code="${node.code}"] .tree-link`);
    await page.click('[data-testid=open-node]');
    await page.waitForSelector('[data-testid=node-dialog][open]');
    await expectAccessible(page, 'tree editing: objective dialog');
    // Someone else renames it meanwhile.
    const other = await newPage();
    await login(other.page, 'admin');
    const first = await apiAs(other.context, 'PATCH', `/api/plans/${encodeURIComponent(planId)}/nodes/${encodeURIComponent(node.code)}`, { title: 'Sportelli digitali', version: node.version });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    await other.context.close();

    await page.fill('#node-title', 'Sportelli telematici');
    await page.click('[data-testid=dialog-submit]');
    // Who saved it meanwhile and when, by name (it said «qualcun altro» whoever it was).
    await expect
      .poll(() => page.locator('[data-testid=form-alert]').innerText())
      .toMatch(/^Elemento modificato da Amministratrice il \d{2}\/\d{2}\/\d{4} alle \d{2}:\d{2}, dopo che lo hai aperto: le tue modifiche NON sono state salvate\./);
    expect((await tree(context, planId)).objectives.find((o) => o.code === node.code)!.title).toBe('Sportelli digitali');
    await page.click('[data-testid=form-reload]');
    await expect.poll(() => page.inputValue('#node-title')).toBe('Sportelli digitali');
    await page.fill('#node-title', 'Sportelli telematici');
    await page.click('[data-testid=dialog-submit]');
    await page.waitForSelector('[data-testid=node-dialog]', { state: 'detached' });
    expect((await tree(context, planId)).objectives.find((o) => o.code === node.code)!.title).toBe('Sportelli telematici');
    await context.close();
  });

  it('deleting says what goes with it: an area with children is refused, a leaf objective goes with its indicator', async () => {
    const planId = await planWithObjective('Sportelli telematici', 'Pratiche gestite online');
    const { context, page } = await newPage();
    await login(page, 'controller');
    await openPlan(page, planId);
    const node = (await tree(context, planId)).objectives.find((o) => o.title === 'Sportelli telematici')!;
    await page.selectOption('#f-area', 'C');
    await page.click('[data-code="C"] .tree-link');
    await page.click('[data-testid=open-delete-node]');
    await expect.poll(() => page.locator('[data-testid=confirm-text]').innerText()).toMatch(/eliminare prima i suoi \d+ obiettivi figli/);
    await expect.poll(() => page.locator('[data-testid=confirm-delete]').count()).toBe(0);
    await page.keyboard.press('Escape');
    await page.waitForSelector('[data-testid=confirm-dialog]', { state: 'detached' });

    await search(page, node.code);
    await page.click(`[data-code="${node.code}"] .tree-link`);
    await page.click('[data-testid=open-delete-node]');
    await expect.poll(() => page.locator('[data-testid=confirm-text]').innerText()).toContain('Con lui va il suo indicatore; se ha valori nei periodi ancora aperti');
    await page.click('[data-testid=confirm-delete]');
    await page.waitForSelector('[data-testid=confirm-dialog]', { state: 'detached' });
    await expect.poll(async () => (await tree(context, planId)).objectives.some((o) => o.code === node.code)).toBe(false);
    await expect.poll(() => page.locator(`[data-code="${node.code}"]`).count()).toBe(0);
    await context.close();
  });

  it('an empty plan gets its first strategic area from the plan view', async () => {
    const { context, page } = await newPage();
    await login(page, 'controller');
    const created = await apiAs(context, 'POST', '/api/plans', { title: 'Piano vuoto 2025', year: 2025 });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    await page.goto(`${world.server.url}/#/plans/${encodeURIComponent(String(created.body.id))}`);
    await planSettled(page);
    await page.click('[data-testid=open-area]');
    await page.waitForSelector('[data-testid=node-dialog][open]');
    await expect.poll(() => page.inputValue('#node-code')).toBe('A');
    await page.fill('#node-title', 'Competitività delle imprese');
    await page.click('[data-testid=dialog-submit]');
    await planDrawn(page);
    await context.close();
  });
});
