/**
 * A refusal on screen is said again in the language the reader switches to, on the screens that
 * said it once, in the language shown at the moment: the units' dialog (its own problem and the
 * server's refusal), the periods panel, the revisions panel and HR's new appraisal form (the
 * server's problem at its field, said again by its code and parameters). Before, each stayed in
 * Italian on an English screen. Real server, fresh SQLite file, Chromium.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { exampleSmvpJson } from '../src/core/appraisal/index.js';
import { dialogLanguage, e2eWorld, pages } from './pages.js';
import { ACCOUNTS } from './server.js';

const world = e2eWorld({ fixture: true });
const { newPage, login, apiAs, signedIn, openPlan, search, importFixture, chooseLanguage } = pages(world);

const planPath = (planId: string) => `/api/plans/${encodeURIComponent(planId)}`;
const textOf = (page: Page, testId: string) => page.locator(`[data-testid=${testId}]`).innerText();

describe('a refusal said again in the language the reader switches to', { timeout: 180_000 }, () => {
  it('the unit dialog: an empty code and a code taken, in the dialog’s new language', async () => {
    const { context, page } = await newPage();
    await login(page, 'admin');
    await page.click('[data-testid=nav-units]');
    await page.waitForSelector('[data-testid=units-table] [data-unit=UA]');
    await page.click('[data-testid=unit-add]');
    await page.waitForSelector('[data-testid=unit-dialog][open]');
    // The dialog's own problem, found before sending.
    await page.fill('#unit-code', '');
    await page.fill('#unit-name', 'Area Servizi al Cittadino');
    await page.click('[data-testid=unit-submit]');
    await expect.poll(() => textOf(page, 'unit-code-error')).toBe('Indicare il codice (es. UI o 2.1).');
    await dialogLanguage(page, 'en');
    await expect.poll(() => textOf(page, 'unit-code-error')).toBe('Give the code (e.g. UI or 2.1).');
    // The server's refusal: another unit's code, asked in English, said again in Italian.
    await page.fill('#unit-code', 'UA');
    await page.click('[data-testid=unit-submit]');
    await expect.poll(() => textOf(page, 'unit-code-error')).toBe('Another unit has this code.');
    await dialogLanguage(page, 'it');
    await expect.poll(() => textOf(page, 'unit-code-error')).toBe('Esiste già una struttura con questo codice.');
    await context.close();
  });

  it('the periods panel: a date another period has, in the page’s new language', async () => {
    const { context, page } = await newPage();
    await login(page, 'controller');
    await openPlan(page);
    const periods = (await apiAs(context, 'GET', `${planPath(world.planId)}/periods`)).body as Array<{ endsOn: string | null }>;
    const taken = periods.find((p) => p.endsOn !== null)!.endsOn!;
    await page.click('[data-testid=periods-toggle]');
    await page.waitForSelector('[data-testid=periods-panel]');
    await page.fill('#period-ends-on', taken);
    await page.click('text=Aggiungi il periodo');
    await expect.poll(() => textOf(page, 'periods-error')).toBe('Esiste già un periodo con questa data.');
    await chooseLanguage(page, 'en');
    await expect.poll(() => textOf(page, 'periods-error')).toBe('There is already a period with this date.');
    await context.close();
  });

  it('a period’s rename refused as stale, and a weight the tree’s dialog cannot read, in the new language', async () => {
    const { context, page } = await newPage();
    await login(page, 'controller');
    const admin = await signedIn('admin');
    await openPlan(page);
    await page.click('[data-testid=periods-toggle]');
    await page.waitForSelector('[data-testid=periods-panel]');
    const period = ((await apiAs(context, 'GET', `${planPath(world.planId)}/periods`)).body as Array<{ id: string; label: string; version: number }>)[0]!;
    await page.getByRole('button', { name: `Rinomina il periodo ${period.label}` }).click();
    await page.fill('#period-rename', 'Primo semestre');
    // Another desk renames it meanwhile: the save is refused as stale, said at the field with who and when.
    const theirs = await apiAs(admin, 'PATCH', `${planPath(world.planId)}/periods/${encodeURIComponent(period.id)}`, { label: 'Semestre', version: period.version });
    expect(theirs.status, JSON.stringify(theirs.body)).toBe(200);
    await page.click('[data-testid=period-rename-save]');
    await expect.poll(() => textOf(page, 'period-rename-error')).toMatch(/^Modificato da Amministratrice il \d{2}\/\d{2}\/\d{4} alle \d{2}:\d{2}, dopo che l’hai letto/);
    await chooseLanguage(page, 'en');
    await expect.poll(() => textOf(page, 'period-rename-error')).toMatch(/^Changed by Amministratrice on \d{2}\/\d{2}\/\d{4} at \d{2}:\d{2}, after you read it/);
    expect(await page.inputValue('#period-rename')).toBe('Primo semestre');

    // A weight the objective's dialog cannot read: said before sending, and again in the dialog's new language.
    await search(page, 'B.3');
    await page.click('[data-code="B.3"] .tree-link');
    await page.click('[data-testid=open-node]');
    await page.waitForSelector('[data-testid=node-dialog][open]');
    await page.fill('#node-weight', 'molto');
    await page.click('[data-testid=node-dialog] [data-testid=dialog-submit]');
    await expect.poll(() => textOf(page, 'node-weight-error')).toBe('The weight is a number from 0 to 100 (e.g. 30 or 33.33).');
    await dialogLanguage(page, 'it');
    await expect.poll(() => textOf(page, 'node-weight-error')).toBe('Il peso è un numero da 0 a 100 (es. 30 o 33,33).');
    await context.close();
  });

  it('the entry form: a value not evaluable without its reason, in the page’s new language', async () => {
    const { context, page } = await newPage();
    await login(page, 'controller');
    await openPlan(page);
    await search(page, 'A.3');
    await page.click('[data-indicator="A.3:1"] .tree-link');
    await page.selectOption('#entry-state', 'not_evaluable');
    await page.fill('#entry-reason', '');
    await page.click('[data-testid=entry-save]');
    await expect.poll(() => textOf(page, 'entry-message')).toBe('Per N.V. indicare il motivo.');
    await chooseLanguage(page, 'en');
    await expect.poll(() => textOf(page, 'entry-message')).toBe('For N.E. give the reason.');
    await context.close();
  });

  it('HR’s new appraisal form: a person not chosen, and the server’s refusal of the part-time, in the page’s new language', async () => {
    const { context, page } = await newPage();
    await login(page, 'personale');
    const plan = (await apiAs(context, 'GET', planPath(world.planId))).body as { organisation: string };
    const smvp = await apiAs(context, 'PUT', '/api/smvp/2024', { document: exampleSmvpJson(plan.organisation, 2024), reason: 'Delibera n. 5/2024' });
    expect(smvp.status, JSON.stringify(smvp.body)).toBe(200);
    const people = (await apiAs(context, 'GET', '/api/appraisals/people')).body as { id: string; username: string }[];
    const id = (username: string): string => people.find((p) => p.username === username)!.id;
    await page.click('[data-testid=nav-appraisals]');
    await page.waitForSelector('[data-testid=new-appraisal]');
    // The form's own problem, found before sending.
    await page.click('[data-testid=new-submit]');
    await expect.poll(() => textOf(page, 'new-person-error')).toBe('Scegliere la persona valutata.');
    await chooseLanguage(page, 'en');
    await expect.poll(() => textOf(page, 'new-person-error')).toBe('Choose the person appraised.');
    await chooseLanguage(page, 'it');
    // The server's refusal at the part-time, said by its code and parameters in the other language.
    await page.selectOption('[data-testid=new-person]', id(ACCOUNTS.referente.username));
    await page.selectOption('[data-testid=new-evaluator]', id(ACCOUNTS.dirigente.username));
    await expect.poll(() => page.inputValue('[data-testid=new-unit]')).not.toBe('');
    await page.fill('[data-testid=new-part-time]', '150');
    await page.click('[data-testid=new-submit]');
    await expect.poll(() => textOf(page, 'new-part-time-error')).toBe('Ufficio Transizione: la percentuale di part-time deve essere sopra 0 e al più 100.');
    await chooseLanguage(page, 'en');
    await expect.poll(() => textOf(page, 'new-part-time-error')).toBe('Ufficio Transizione: the part-time percentage must be above 0 and at most 100.');
    await context.close();
  });

  // Last: the plan it imports is of another body, whose SMVP the appraisal's test would then be asked for.
  it('the revisions panel: a revision asked for without its reason, and dated before the adoption, in the page’s new language', async () => {
    const { context, page } = await newPage();
    await login(page, 'controller');
    const planId = await importFixture();
    const adopted = await apiAs(context, 'POST', `${planPath(planId)}/adopt`, { act: { kind: 'Delibera di Giunta', number: '12', date: '2024-01-30' } });
    expect(adopted.status, JSON.stringify(adopted.body)).toBe(200);
    await openPlan(page, planId);
    await page.click('[data-testid=revisions-toggle]');
    await page.waitForSelector('[data-testid=revisions-panel]');
    await page.click('[data-testid=open-revision]');
    await expect.poll(() => textOf(page, 'revision-reason-error')).toBe('Indicare il motivo della variazione.');
    await chooseLanguage(page, 'en');
    await expect.poll(() => textOf(page, 'revision-reason-error')).toBe('Give the reason for the revision.');
    // The server's refusal of a date before the adoption, asked in English, said again in Italian by its code and parameters.
    await page.fill('#revision-reason', 'Target rivisti a luglio');
    await page.fill('#revision-date', '2023-07-15');
    await page.click('[data-testid=open-revision]');
    await expect
      .poll(() => textOf(page, 'revision-date-error'))
      .toBe("The revision's date is 15/07/2023, before the plan's adoption (30/01/2024): a revision changes the adopted plan, so it comes after it.");
    await chooseLanguage(page, 'it');
    await expect
      .poll(() => textOf(page, 'revision-date-error'))
      .toBe("La data della variazione è il 15/07/2023, prima dell'adozione del piano (30/01/2024): una variazione modifica il piano adottato, quindi viene dopo.");
    await context.close();
  });
});
