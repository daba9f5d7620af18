/**
 * The plan's title, a period's label, an open revision's reason and date, corrected in the browser
 * where a reader looks for them (the plan's head, the periods panel's row, the register's row): a
 * save is taken and on the record; a refusal is said at its field in the server's words, what was
 * typed kept; a save made over another desk's (a second page, the administrator's) is refused with
 * who and when, the text typed kept, and taken once read again.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { e2eWorld, earlyFrames, focused, pages } from './pages.js';
import { ACCOUNTS } from './server.js';

/** The server's clause as a field says it: capitalised, with its full stop. */
const asSentence = (clause: string): string => `${clause.charAt(0).toUpperCase()}${clause.slice(1)}.`;
const world = e2eWorld({ fixture: true });
const { newPage, login, apiAs, openPlan, expectAccessible, planApi } = pages(world);
const STALE = /^Modificato da Amministratrice il \d{2}\/\d{2}\/\d{4} alle \d{2}:\d{2}, dopo che l’hai letto: non è stato salvato nulla\. Quanto hai scritto resta qui finché non ricarichi\.$/;
const PERIOD = '2024-06-30';
const CTL = ACCOUNTS.controller.username;

interface Desk {
  context: BrowserContext;
  page: Page;
}

describe('renaming a plan or a period, correcting a revision', { timeout: 180_000 }, () => {
  let ctl: Desk;
  let adm: Desk;
  /** The trail's entries of one record, newest first, as `action user`. */
  const trailOf = async (entity: string, entityId: string) =>
    ((await apiAs(ctl.context, 'GET', `/api/audit?planId=${encodeURIComponent(world.planId)}`)).body as Array<{ action: string; entity: string; entityId: string; user: string | null }>)
      .filter((e) => e.entity === entity && e.entityId === entityId)
      .map((e) => `${e.action} ${e.user}`);

  beforeAll(async () => {
    ctl = await newPage();
    // The controller's frames come before React draws a save's answer, as on a busy machine: the
    // focus a refusal gives ("Ricarica" beside a stale save) still lands (it was lost under load).
    await earlyFrames(ctl.context);
    await login(ctl.page, 'controller');
    adm = await newPage();
    await login(adm.page, 'admin');
  });
  afterAll(async () => {
    await ctl?.context.close();
    await adm?.context.close();
  });

  it("renames the plan from its head; an empty title and another desk's rename are said at the field", async () => {
    await openPlan(ctl.page);
    await ctl.page.click('[data-testid=rename-plan]');
    await ctl.page.fill('#plan-title', '   ');
    await ctl.page.click('[data-testid=plan-title-save]');
    const problem = ctl.page.locator('[data-testid=plan-title-error]');
    // The server's words, at the field.
    const said = (await apiAs(ctl.context, 'PATCH', planApi(), { title: '   ' })).body.error.issues[0].message as string;
    await expect.poll(() => problem.innerText()).toBe(asSentence(said.replace(/^title:\s*/, '')));
    expect(await ctl.page.getAttribute('#plan-title', 'aria-invalid')).toBe('true');
    await expect.poll(() => focused(ctl.page)).toBe('plan-title');

    await ctl.page.fill('#plan-title', 'Piano della performance 2024 – Ente');
    await ctl.page.click('[data-testid=plan-title-save]');
    await expect.poll(() => ctl.page.locator('h1').innerText()).toBe('Piano della performance 2024 – Ente');
    await expect.poll(() => ctl.page.locator('#plan-notice').innerText()).toBe('Piano rinominato «Piano della performance 2024 – Ente».');
    expect((await trailOf('plan', world.planId))[0]).toBe(`update ${CTL}`);

    // The controller starts another rename; meanwhile the administrator renames the plan on their own page.
    await ctl.page.click('[data-testid=rename-plan]');
    await ctl.page.fill('#plan-title', 'Piano 2024 del controller');
    await openPlan(adm.page);
    await adm.page.click('[data-testid=rename-plan]');
    await adm.page.fill('#plan-title', 'Piano 2024 dell’amministrazione');
    await adm.page.click('[data-testid=plan-title-save]');
    await expect.poll(() => adm.page.locator('h1').innerText()).toBe('Piano 2024 dell’amministrazione');

    await ctl.page.click('[data-testid=plan-title-save]');
    await expect.poll(() => problem.innerText()).toMatch(STALE);
    expect(await ctl.page.inputValue('#plan-title')).toBe('Piano 2024 del controller');
    expect((await apiAs(ctl.context, 'GET', planApi())).body.title).toBe('Piano 2024 dell’amministrazione');
    await expectAccessible(ctl.page, 'a plan renamed over another desk');

    // Read again: the administrator's title, and a rename made from it is taken.
    await ctl.page.click('#plan-title-reload');
    await expect.poll(() => ctl.page.inputValue('#plan-title')).toBe('Piano 2024 dell’amministrazione');
    await ctl.page.fill('#plan-title', 'Piano 2024 del controller');
    await ctl.page.click('[data-testid=plan-title-save]');
    await expect.poll(() => ctl.page.locator('h1').innerText()).toBe('Piano 2024 del controller');
    expect((await trailOf('plan', world.planId)).slice(0, 3)).toEqual([`update ${CTL}`, 'update admin', `update ${CTL}`]);
  });

  it("renames a period in its row; an empty label and another desk's rename are said at the field", async () => {
    const panel = async (desk: Desk) => {
      await openPlan(desk.page);
      await desk.page.click('[data-testid=periods-toggle]');
      await desk.page.waitForSelector('[data-testid=periods-panel]');
    };
    const row = (desk: Desk) => desk.page.locator(`[data-testid=periods-panel] tr[data-period="${PERIOD}"]`);
    await panel(ctl);
    const before = (await row(ctl).locator('td').first().innerText()).trim();
    await ctl.page.getByRole('button', { name: `Rinomina il periodo ${before}` }).click();
    await ctl.page.fill('#period-rename', '');
    await ctl.page.click('[data-testid=period-rename-save]');
    const problem = ctl.page.locator('[data-testid=period-rename-error]');
    const said = (await apiAs(ctl.context, 'PATCH', `${planApi()}/periods/${PERIOD}`, { label: '' })).body.error.issues[0].message as string;
    await expect.poll(() => problem.innerText()).toBe(asSentence(said.replace(/^label:\s*/, '')));
    expect(await ctl.page.getAttribute('#period-rename', 'aria-invalid')).toBe('true');

    await ctl.page.fill('#period-rename', 'Primo semestre');
    await ctl.page.click('[data-testid=period-rename-save]');
    await expect.poll(() => row(ctl).locator('td').first().innerText()).toBe('Primo semestre');
    await expect.poll(() => ctl.page.locator('#plan-notice').innerText()).toBe('Periodo rinominato «Primo semestre».');
    expect((await trailOf('period', PERIOD))[0]).toBe(`update ${CTL}`);

    await ctl.page.getByRole('button', { name: 'Rinomina il periodo Primo semestre' }).click();
    await ctl.page.fill('#period-rename', 'I semestre 2024');
    await panel(adm);
    await adm.page.getByRole('button', { name: 'Rinomina il periodo Primo semestre' }).click();
    await adm.page.fill('#period-rename', 'Monitoraggio semestrale');
    await adm.page.click('[data-testid=period-rename-save]');
    await expect.poll(() => row(adm).locator('td').first().innerText()).toBe('Monitoraggio semestrale');

    await ctl.page.click('[data-testid=period-rename-save]');
    await expect.poll(() => problem.innerText()).toMatch(STALE);
    expect(await ctl.page.inputValue('#period-rename')).toBe('I semestre 2024');
    await expect.poll(() => focused(ctl.page)).toBe('period-rename');
    await expectAccessible(ctl.page, 'a period renamed over another desk');

    await ctl.page.click('#period-rename-reload');
    await expect.poll(() => ctl.page.inputValue('#period-rename')).toBe('Monitoraggio semestrale');
    await ctl.page.fill('#period-rename', 'I semestre 2024');
    await ctl.page.click('[data-testid=period-rename-save]');
    await expect.poll(() => row(ctl).locator('td').first().innerText()).toBe('I semestre 2024');
    expect((await trailOf('period', PERIOD)).slice(0, 3)).toEqual([`update ${CTL}`, 'update admin', `update ${CTL}`]);
  });

  it("corrects an open revision's reason and date in its row; a date before the adoption and another desk's correction are said", async () => {
    expect((await apiAs(ctl.context, 'POST', `${planApi()}/adopt`, { act: { kind: 'Delibera di Giunta', number: '12', date: '2024-01-30' } })).status).toBe(200);
    expect((await apiAs(ctl.context, 'POST', `${planApi()}/revisions`, { reason: 'Nuove risorse', date: '2024-07-01' })).status).toBe(201);
    const register = async (desk: Desk) => {
      await openPlan(desk.page);
      await desk.page.click('[data-testid=revisions-toggle]');
      await desk.page.waitForSelector('[data-testid=revisions-register]');
      await desk.page.click('[data-revision="1"] [data-testid=revision-correct]');
    };
    await register(ctl);
    await ctl.page.fill('#revision-edit-date', '2024-01-10');
    await ctl.page.click('[data-testid=revision-edit-save]');
    const dateProblem = ctl.page.locator('[data-testid=revision-edit-date-error]');
    const said = (await apiAs(ctl.context, 'PATCH', `${planApi()}/revisions/1`, { date: '2024-01-10' })).body.error.message as string;
    // The server's clause, said at the field as a sentence.
    await expect.poll(() => dateProblem.innerText()).toBe(asSentence(said));
    expect(said).toContain('30/01/2024');
    await expect.poll(() => focused(ctl.page)).toBe('revision-edit-date');

    await ctl.page.fill('#revision-edit-reason', 'Nuove risorse assegnate dalla Regione');
    await ctl.page.fill('#revision-edit-date', '2024-07-02');
    await ctl.page.click('[data-testid=revision-edit-save]');
    const row = (desk: Desk) => desk.page.locator('[data-revision="1"]');
    await expect.poll(() => row(ctl).innerText()).toContain('Nuove risorse assegnate dalla Regione');
    await expect.poll(() => row(ctl).innerText()).toContain('02/07/2024');
    expect((await trailOf('revision', '1'))[0]).toBe(`update ${CTL}`);

    await ctl.page.click('[data-revision="1"] [data-testid=revision-correct]');
    await ctl.page.fill('#revision-edit-reason', 'Risorse della Regione');
    await register(adm);
    await adm.page.fill('#revision-edit-reason', 'Risorse regionali (delibera regionale)');
    await adm.page.click('[data-testid=revision-edit-save]');
    await expect.poll(() => row(adm).innerText()).toContain('Risorse regionali (delibera regionale)');

    await ctl.page.click('[data-testid=revision-edit-save]');
    await expect
      .poll(() => ctl.page.locator('[data-testid=revision-edit-problem]').innerText())
      .toMatch(/^Modificato da Amministratrice il \d{2}\/\d{2}\/\d{4} alle \d{2}:\d{2}, dopo che l’hai letto: non è stato salvato nulla\./);
    expect(await ctl.page.inputValue('#revision-edit-reason')).toBe('Risorse della Regione');
    await expect.poll(() => focused(ctl.page)).toBe('revision-edit-reload');
    await expectAccessible(ctl.page, 'a revision corrected over another desk');

    await ctl.page.click('#revision-edit-reload');
    await expect.poll(() => ctl.page.inputValue('#revision-edit-reason')).toBe('Risorse regionali (delibera regionale)');
    await ctl.page.fill('#revision-edit-reason', 'Risorse della Regione');
    await ctl.page.click('[data-testid=revision-edit-save]');
    await expect.poll(() => row(ctl).innerText()).toContain('Risorse della Regione');
    expect((await trailOf('revision', '1')).slice(0, 3)).toEqual([`update ${CTL}`, 'update admin', `update ${CTL}`]);
  });

  it("corrects the plan's body from its head, inside the open revision; adopted with none open, refused at the field", async () => {
    // The plan was adopted and revision 1 opened by the test before.
    const body = 'Camera di commercio di Prova';
    const stored = (await apiAs(ctl.context, 'GET', planApi())).body.organisation as string;
    await openPlan(ctl.page);
    await expect.poll(() => ctl.page.locator('[data-testid=plan-body]').innerText()).toBe(`Ente: ${stored}`);
    await ctl.page.click('[data-testid=correct-plan-body]');
    await ctl.page.fill('#plan-organisation', '  ');
    await ctl.page.click('[data-testid=plan-organisation-save]');
    const problem = ctl.page.locator('[data-testid=plan-organisation-error]');
    const said = (await apiAs(ctl.context, 'PATCH', planApi(), { organisation: '  ' })).body.error.issues[0].message as string;
    await expect.poll(() => problem.innerText()).toBe(asSentence(said.replace(/^organisation:\s*/, '')));
    await expect.poll(() => focused(ctl.page)).toBe('plan-organisation');

    await ctl.page.fill('#plan-organisation', body);
    await ctl.page.click('[data-testid=plan-organisation-save]');
    await expect.poll(() => ctl.page.locator('[data-testid=plan-body]').innerText()).toBe(`Ente: ${body}`);
    await expect.poll(() => ctl.page.locator('#plan-notice').innerText()).toBe(`Ente del piano corretto: «${body}».`);
    expect((await apiAs(ctl.context, 'GET', planApi())).body.organisation).toBe(body);
    expect((await trailOf('plan', world.planId))[0]).toBe(`update ${CTL}`);
    // On the record of the open revision, as the body it was and is.
    const revision = (await apiAs(ctl.context, 'GET', `${planApi()}/revisions/1`)).body;
    expect(JSON.stringify(revision)).toContain(body);
    expect(JSON.stringify(revision)).toContain(stored);

    // The revision approved, the adopted plan's body is not changed outside one: said at the field, what was typed kept.
    expect((await apiAs(ctl.context, 'POST', `${planApi()}/revisions/1/approve`, {})).status).toBe(200);
    await openPlan(ctl.page);
    await ctl.page.click('[data-testid=correct-plan-body]');
    await ctl.page.fill('#plan-organisation', 'Altro ente');
    await ctl.page.click('[data-testid=plan-organisation-save]');
    await expect
      .poll(() => problem.innerText())
      .toBe(`Il piano è adottato: l'ente («${body}») si corregge in «Altro ente» all'interno di una variazione; aprila indicandone il motivo, poi correggi di nuovo l'ente.`);
    expect(await ctl.page.inputValue('#plan-organisation')).toBe('Altro ente');
    expect((await apiAs(ctl.context, 'GET', planApi())).body.organisation).toBe(body);
    await expectAccessible(ctl.page, "a plan's body refused outside a revision");
  });
});
