/**
 * The organisation registry and assignments in the browser (issue 11 §1): the administrator keeps
 * the units (tree, add, change, delete, import, export), assigns objectives and indicators to a
 * unit and a person in the tree dialogs, filters the tree by them, and reassigns in bulk.
 */
import { writeFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { e2eWorld, pages, planDrawn } from './pages.js';

const world = e2eWorld({ fixture: true });
const { newPage, login, apiAs, readsOf, sameDocument, expectAccessible } = pages(world);

interface UnitBody {
  id: string;
  code: string;
  name: string;
  parentId: string | null;
  headId: string | null;
  members: string[];
}

describe('the units registry', { timeout: 150_000 }, () => {
  it('the admin adds units in a tree, changes one, imports and exports the registry; a unit still in use is not deleted', async () => {
    const { context, page } = await newPage();
    await login(page, 'admin');
    const reads = readsOf(page);
    const count = (path: string) => reads.filter((r) => r === path).length;
    await page.click('[data-testid=nav-units]');
    await page.waitForSelector('[data-testid=units-table] [data-unit=UA]');
    await expectAccessible(page, 'units registry');
    // The units and the people are read once each.
    await expect.poll(() => [count('/api/units'), count('/api/people')]).toEqual([1, 1]);
    const same = await sameDocument(page);

    // A new area, with the referente as its head and a member.
    await page.click('[data-testid=unit-add]');
    await page.waitForSelector('[data-testid=unit-dialog][open]');
    await expectAccessible(page, 'units: new unit dialog');
    // An empty code is asked for, not called invalid.
    await page.fill('#unit-code', '');
    await page.fill('#unit-name', '');
    await page.click('[data-testid=unit-submit]');
    await expect.poll(() => page.locator('[data-testid=unit-code-error]').innerText()).toBe('Indicare il codice (es. UI o 2.1).');
    await expect.poll(() => page.locator('[data-testid=unit-name-error]').innerText()).toContain('Indicare il nome');
    // Another unit's code, or its name: said at the field that clashes.
    const ua = ((await apiAs(context, 'GET', '/api/units')).body as UnitBody[]).find((u) => u.code === 'UA')!;
    await page.fill('#unit-code', 'UA');
    await page.fill('#unit-name', 'Area Servizi al Cittadino');
    await page.click('[data-testid=unit-submit]');
    await expect.poll(() => page.locator('[data-testid=unit-code-error]').innerText()).toBe('Esiste già una struttura con questo codice.');
    await page.fill('#unit-code', 'ASC');
    await page.fill('#unit-name', ua.name);
    await page.click('[data-testid=unit-submit]');
    await expect.poll(() => page.locator('[data-testid=unit-name-error]').innerText()).toBe('Esiste già una struttura con questo nome.');
    expect(await page.getAttribute('#unit-code', 'aria-invalid')).not.toBe('true');
    await page.fill('#unit-name', 'Area Servizi al Cittadino');
    await page.fill('#unit-kind', 'Area');
    await page.selectOption('#unit-headId', { label: 'Rita Referente (referente)' });
    await page.click('[data-testid=unit-members] label:has-text("Rita Referente (referente)")');
    await expect.poll(() => page.isChecked('[data-testid=unit-members] input[data-username=referente]')).toBe(true);
    await page.click('[data-testid=unit-submit]');
    await page.waitForSelector('[data-testid=unit-dialog]', { state: 'detached' });
    await expect.poll(() => page.locator('[data-testid=units-notice]').innerText()).toContain('Area Servizi al Cittadino');
    // The new unit shows without a reload: the registry is read once more.
    await page.waitForSelector('[data-testid=units-table] [data-unit=ASC]');
    expect(await same()).toBe(true);
    await expect.poll(() => count('/api/units')).toBe(2);

    // The existing office moves under the new area: the table shows it below its parent.
    await page.click('[data-testid=unit-edit-UA]');
    await page.waitForSelector('[data-testid=unit-dialog][open]');
    await page.selectOption('#unit-parentId', { label: 'ASC — Area Servizi al Cittadino' });
    await page.click('[data-testid=unit-submit]');
    await page.waitForSelector('[data-testid=unit-dialog]', { state: 'detached' });
    await expect.poll(() => page.locator('[data-unit=UA]').innerText()).toContain('Area Servizi al Cittadino');
    const order = await page.locator('[data-testid=units-table] tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-unit')));
    expect(order.indexOf('UA')).toBe(order.indexOf('ASC') + 1);
    // A unit cannot go under itself: the dialog does not offer it nor its units.
    await page.click('[data-testid=unit-edit-ASC]');
    await page.waitForSelector('[data-testid=unit-dialog][open]');
    const parents = await page.locator('#unit-parentId option').allInnerTexts();
    expect(parents.some((p) => p.includes('ASC —') || p.includes('UA —'))).toBe(false);
    await page.keyboard.press('Escape');
    await page.waitForSelector('[data-testid=unit-dialog]', { state: 'detached' });

    const units = (await apiAs(context, 'GET', '/api/units')).body as UnitBody[];
    const asc = units.find((u) => u.code === 'ASC')!;
    const people = (await apiAs(context, 'GET', '/api/people')).body as Array<{ id: string; username: string }>;
    const rita = people.find((p) => p.username === 'referente')!;
    expect([asc.name, asc.headId, asc.members]).toEqual(['Area Servizi al Cittadino', rita.id, [rita.id]]);
    expect(units.find((u) => u.code === 'UA')!.parentId).toBe(asc.id);

    // Import: an unknown parent is an error at its row, and nothing is stored.
    const dir = mkdtempSync(join(tmpdir(), 'albero-units-'));
    const bad = join(dir, 'strutture-errate.csv');
    writeFileSync(bad, 'codice;nome;tipo;padre;responsabile;membri\nUTR;Ufficio Tributi;Ufficio;ASC;;\nUX;Ufficio X;Ufficio;NESSUNO;;\n');
    await page.setInputFiles('#units-file', bad);
    await page.click('[data-testid=units-check]');
    await expect.poll(() => page.locator('[data-testid=units-import-issues]').innerText()).toMatch(/Riga 3, padre: /);
    // The server's words, located once (not "Riga 3, padre: riga 3, padre: …").
    expect((await page.locator('[data-testid=units-import-issues] li').allInnerTexts()).join('\n')).not.toMatch(/riga 3/);
    expect(((await apiAs(context, 'GET', '/api/units')).body as UnitBody[]).some((u) => u.code === 'UTR')).toBe(false);
    await expectAccessible(page, 'units: import issues');

    const good = join(dir, 'strutture.csv');
    writeFileSync(good, 'codice;nome;tipo;padre;responsabile;membri\nUTR;Ufficio Tributi;Ufficio;ASC;;referente\n');
    await page.setInputFiles('#units-file', good);
    await page.click('[data-testid=units-check]');
    await expect.poll(() => page.locator('[data-testid=units-checked]').innerText()).toContain('1 nuove');
    expect(((await apiAs(context, 'GET', '/api/units')).body as UnitBody[]).some((u) => u.code === 'UTR')).toBe(false);
    await page.click('[data-testid=units-import-submit]');
    await expect.poll(() => page.locator('[data-testid=units-notice]').innerText()).toContain('Importate: 1 nuove');
    await page.waitForSelector('[data-testid=units-table] [data-unit=UTR]');
    await expect.poll(() => page.locator('[data-unit=UTR]').innerText()).toContain('Rita Referente');

    // Export: the file the link downloads is the registry, parents before children.
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=units-export-csv]')]);
    const csv = readFileSync((await download.path())!, 'utf8');
    // A BOM first, so that Excel reads the accents as UTF-8.
    expect(csv.split(/\r?\n/)[0]).toBe('\ufeffcodice;nome;tipo;padre;responsabile;membri');
    expect(csv).toContain('UTR;Ufficio Tributi;Ufficio;ASC;;referente');
    expect(csv.indexOf('\nASC;')).toBeLessThan(csv.indexOf('\nUTR;'));

    // A unit that owns an objective is not deleted: the dialog says what holds it, with a link to the plan.
    const assigned = await apiAs(context, 'PATCH', `/api/plans/${encodeURIComponent(world.planId)}/nodes/B.1`, { unitId: units.find((u) => u.code === 'UA')!.id });
    expect(assigned.status, JSON.stringify(assigned.body)).toBe(200);
    await page.click('[data-testid=unit-delete-UA]');
    await page.waitForSelector('[data-testid=unit-delete-dialog][open]');
    await page.click('[data-testid=unit-delete-confirm]');
    await expect.poll(() => page.locator('[data-testid=unit-in-use]').innerText()).toContain('1 obiettivi');
    await expect.poll(() => page.locator('[data-testid=unit-in-use]').innerText()).toContain('B.1');
    await expect.poll(() => page.locator('[data-testid=unit-delete-confirm]').count()).toBe(0);
    await expectAccessible(page, 'units: unit in use');
    await page.keyboard.press('Escape');
    await page.waitForSelector('[data-unit=UA]');

    // A unit nothing holds is deleted after the confirmation.
    await page.click('[data-testid=unit-delete-UTR]');
    await page.click('[data-testid=unit-delete-confirm]');
    await page.waitForSelector('[data-unit=UTR]', { state: 'detached' });
    await expect.poll(() => page.locator('[data-testid=units-notice]').innerText()).toContain('Struttura eliminata');
    await context.close();
  });

  it('only the administrator sees the registry screen', async () => {
    const { context, page } = await newPage();
    await login(page, 'controller');
    await expect.poll(() => page.locator('[data-testid=nav-units]').count()).toBe(0);
    await page.goto(`${world.server.url}/units`);
    await page.waitForSelector('[data-testid=units-forbidden]');
    await expect.poll(() => page.locator('[data-testid=units-forbidden]').innerText()).toContain('Solo l’amministratore gestisce le strutture');
    await context.close();
  });
});

interface TreeBody {
  objectives: Array<{ code: string; unitId: string | null; personId: string | null; indicators: Array<{ id: string; unitId: string | null; personId: string | null; editable: boolean }> }>;
}

describe('assignments in the tree', { timeout: 180_000 }, () => {
  const treeOf = async (context: Parameters<typeof apiAs>[0]) => (await apiAs(context, 'GET', `/api/plans/${encodeURIComponent(world.planId)}/tree`)).body as TreeBody;
  const shownIndicators = (page: Awaited<ReturnType<typeof newPage>>['page']) =>
    page.locator('[data-testid=tree] [data-indicator]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-indicator')));

  it('the admin creates a unit, assigns an indicator and an objective to it in the dialogs, filters by unit and person, reassigns in bulk', async () => {
    const { context, page } = await newPage();
    await login(page, 'admin');
    await page.goto(`${world.server.url}/units`);
    await page.click('[data-testid=unit-add]');
    await page.fill('#unit-code', 'UQ');
    await page.fill('#unit-name', 'Ufficio Qualità');
    await page.click('[data-testid=unit-submit]');
    await page.waitForSelector('[data-testid=units-table] [data-unit=UQ]');
    const units = (await apiAs(context, 'GET', '/api/units')).body as UnitBody[];
    const uq = units.find((u) => u.code === 'UQ')!;
    const ua = units.find((u) => u.code === 'UA')!;
    const rita = ((await apiAs(context, 'GET', '/api/people')).body as Array<{ id: string; username: string }>).find((p) => p.username === 'referente')!;

    // The indicator dialog: Struttura and Responsabile from the registry and the accounts.
    await page.goto(`${world.server.url}/plans/${encodeURIComponent(world.planId)}`);
    await planDrawn(page);
    const indicator = (await treeOf(context)).objectives.find((o) => o.code === 'A.1.1')!.indicators[0]!.id;
    await page.fill('#f-search', 'A.1.1');
    await page.click(`[data-indicator="${indicator}"] .tree-link`);
    await page.click('[data-testid=open-edit-indicator]');
    await page.waitForSelector('[data-testid=indicator-dialog][open]');
    await page.waitForSelector('#ind-unitId:not([disabled])');
    await expect.poll(() => page.locator('label[for=ind-unitId]').innerText()).toBe('Struttura');
    await expect.poll(() => page.locator('label[for=ind-personId]').innerText()).toBe('Responsabile');
    // Only those the plan's import accepts as its Referente: who enters values (not the OIV, not HR).
    const offered = await page.locator('#ind-personId option').allInnerTexts();
    expect(offered).toEqual(expect.arrayContaining(['Amministratrice (admin)', 'Carla Controllo (controllo)', 'Rita Referente (referente)']));
    expect(offered.filter((o) => /Oscar OIV|Paola Personale/.test(o))).toEqual([]);
    await page.selectOption('#ind-unitId', { label: 'UQ — Ufficio Qualità' });
    await page.selectOption('#ind-personId', { label: 'Rita Referente (referente)' });
    await expectAccessible(page, 'indicator dialog with unit and person');
    await page.click('[data-testid=dialog-submit]');
    await page.waitForSelector('[data-testid=indicator-dialog]', { state: 'detached' });
    let stored = (await treeOf(context)).objectives.flatMap((o) => o.indicators).find((i) => i.id === indicator)!;
    expect([stored.unitId, stored.personId]).toEqual([uq.id, rita.id]);

    // The objective dialog: B.1 goes to the same unit.
    await page.fill('#f-search', 'B.1');
    await page.click('[data-code="B.1"] .tree-link');
    await page.click('[data-testid=open-node]');
    await page.waitForSelector('[data-testid=node-dialog][open]');
    await page.waitForSelector('#node-unitId:not([disabled])');
    await page.selectOption('#node-unitId', { label: 'UQ — Ufficio Qualità' });
    await expectAccessible(page, 'objective dialog with unit and person');
    await page.click('[data-testid=dialog-submit]');
    await page.waitForSelector('[data-testid=node-dialog]', { state: 'detached' });
    const b1 = (await treeOf(context)).objectives.find((o) => o.code === 'B.1')!;
    expect(b1.unitId).toBe(uq.id);

    // Filter by unit: the indicator and B.1's indicators (which take B.1's unit), nothing else.
    await page.fill('#f-search', '');
    await page.selectOption('#f-unit', { label: 'Ufficio Qualità' });
    // B.1's indicators, and those of the objectives under it, which take B.1's unit.
    const underB1 = (await treeOf(context)).objectives.filter((o) => o.code === 'B.1' || o.code.startsWith('B.1.')).flatMap((o) => o.indicators.map((i) => i.id));
    const inUq = [indicator, ...underB1].sort();
    await expect.poll(async () => (await shownIndicators(page)).sort()).toEqual(inUq);
    // Filter by person: Rita is named on the one indicator only.
    await page.selectOption('#f-unit', '');
    await page.selectOption('#f-owner', { label: 'Rita Referente' });
    await expect.poll(() => shownIndicators(page)).toEqual([indicator]);
    await expectAccessible(page, 'tree filtered by person');
    await page.selectOption('#f-owner', '');

    // Bulk: everything Ufficio Qualità holds moves to Ufficio Anagrafe.
    await page.click('[data-testid=open-reassign]');
    await page.waitForSelector('[data-testid=reassign-dialog][open]');
    await page.waitForSelector('#reassign-from option:has-text("UQ")', { state: 'attached' });
    await page.selectOption('#reassign-from', { label: 'UQ — Ufficio Qualità' });
    await expect.poll(() => page.locator('[data-testid=reassign-count]').innerText()).toBe('2 elementi selezionati');
    await page.selectOption('#reassign-unit', { label: 'UA — Ufficio Anagrafe' });
    // The same people as the dialogs offer, by the same rule.
    expect((await page.locator('#reassign-person option').allInnerTexts()).filter((o) => /Oscar OIV|Paola Personale/.test(o))).toEqual([]);
    expect(await page.locator('#reassign-person option').allInnerTexts()).toContain('Carla Controllo (controllo)');
    await expectAccessible(page, 'bulk reassignment dialog');
    await page.click('[data-testid=reassign-submit]');
    await page.waitForSelector('[data-testid=reassign-dialog]', { state: 'detached' });
    await expect.poll(() => page.locator('[data-testid=reassign-notice]').innerText()).toContain('Riassegnati 1 obiettivi e 1 indicatori');
    const after = await treeOf(context);
    stored = after.objectives.flatMap((o) => o.indicators).find((i) => i.id === indicator)!;
    expect([after.objectives.find((o) => o.code === 'B.1')!.unitId, stored.unitId, stored.personId]).toEqual([ua.id, ua.id, rita.id]);
    // The unit filter follows: Ufficio Qualità holds nothing now.
    await page.selectOption('#f-unit', { label: 'Ufficio Anagrafe' });
    await expect.poll(async () => (await shownIndicators(page)).sort()).toEqual(inUq);
    await context.close();
  });

  it('a referente sees only their indicators with "Solo i miei indicatori"', async () => {
    const { context, page } = await newPage();
    await login(page, 'referente');
    await page.goto(`${world.server.url}/plans/${encodeURIComponent(world.planId)}`);
    await planDrawn(page);
    await page.click('label[for=f-mine]');
    const editable = (await treeOf(context)).objectives
      .flatMap((o) => o.indicators)
      .filter((i) => i.editable)
      .map((i) => i.id);
    expect(editable.length).toBeGreaterThan(0);
    await expect.poll(async () => (await shownIndicators(page)).sort()).toEqual([...editable].sort());
    await expectAccessible(page, 'tree: my indicators');
    await context.close();
  });

  it('on an adopted plan a reassignment outside a revision is refused and said', async () => {
    const { context, page } = await newPage();
    await login(page, 'admin');
    const adopted = await apiAs(context, 'POST', `/api/plans/${encodeURIComponent(world.planId)}/adopt`, { act: { kind: 'Delibera di Giunta', number: '12', date: '2024-01-30' } });
    expect(adopted.status, JSON.stringify(adopted.body)).toBe(200);
    const before = await treeOf(context);
    await page.goto(`${world.server.url}/plans/${encodeURIComponent(world.planId)}`);
    await planDrawn(page);
    await page.click('[data-testid=open-reassign]');
    await page.waitForSelector('#reassign-from option:has-text("UA")', { state: 'attached' });
    await page.selectOption('#reassign-from', { label: 'UA — Ufficio Anagrafe' });
    await expect.poll(() => page.locator('[data-testid=reassign-count]').innerText()).toBe('2 elementi selezionati');
    await page.selectOption('#reassign-unit', { label: 'UQ — Ufficio Qualità' });
    await page.click('[data-testid=reassign-submit]');
    await expect.poll(() => page.locator('[data-testid=reassign-dialog] [data-testid=form-alert]').innerText()).toContain('Apri una variazione');
    // Nothing moved.
    const units = (doc: TreeBody) => doc.objectives.map((o) => [o.code, o.unitId, o.indicators.map((i) => i.unitId)]);
    expect(units(await treeOf(context))).toEqual(units(before));
    await context.close();
  });
});
