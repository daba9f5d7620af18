/**
 * The home page tells a signed-in person what waits for them: the referente their values to enter
 * by the deadline (and those sent back to correct), the controller the values to review, a unit head
 * with the controller role both, each kind a link straight to the worklist filtered to it (to do: to
 * enter and sent back together); the public reads the plans with nothing of it. A plan not adopted (a
 * draft, not in force: no reminder goes out for it) has no work due, and its worklist says it has no
 * value to collect; nor has an archived one, whose worklist says it is archived. Against the real server
 * and a fresh SQLite file; axe on the page.
 */
import { describe, expect, it } from 'vitest';
import { e2eWorld, pages } from './pages.js';
import { PASSWORD } from './server.js';

const world = e2eWorld({ fixture: true });
const { newPage, login, apiAs, expectAccessible, importFixture } = pages(world);
const PERIOD = '2024-09-30';

describe('the values due on the home page', { timeout: 180_000 }, () => {
  it('the referente reads what to enter by when and opens it; the controller what to review; the public nothing', async () => {
    const ctl = await newPage();
    await login(ctl.page, 'controller');
    const plan = `/api/plans/${encodeURIComponent(world.planId)}`;
    expect((await apiAs(ctl.context, 'PATCH', `${plan}/nodes/B.2.2`, { unit: 'Ufficio Transizione' })).status).toBe(200);
    expect((await apiAs(ctl.context, 'PUT', `${plan}/periods/${PERIOD}/deadline`, { deadline: '2024-10-15' })).status).toBe(200);
    // Adopted, in force; another body's plan left a draft, its period given the same deadline: nothing of it is due.
    expect((await apiAs(ctl.context, 'POST', `${plan}/adopt`, { act: { kind: 'Delibera di Giunta', number: '12', date: '2024-01-30' } })).status).toBe(200);
    const draft = await importFixture();
    expect((await apiAs(ctl.context, 'PUT', `/api/plans/${encodeURIComponent(draft)}/periods/${PERIOD}/deadline`, { deadline: '2024-10-15' })).status).toBe(200);

    const ref = await newPage();
    await login(ref.page, 'referente');
    const work = (await apiAs(ref.context, 'GET', `${plan}/worklist?period=${PERIOD}`)).body as { items: Array<{ indicatorId: string; state: string }> };
    const toEnter = work.items.filter((i) => i.state === 'to_enter');
    expect(toEnter.length).toBeGreaterThan(1);
    // One value entered and sent back by the controller: to correct, not to enter.
    const first = toEnter[0]!.indicatorId;
    const saved = await apiAs(ref.context, 'PUT', `${plan}/indicators/${encodeURIComponent(first)}/measurements/${PERIOD}`, { state: 'measured', actual: 0.5, version: 0 });
    expect(saved.status).toBe(200);
    const versionOf = async (): Promise<number> =>
      ((await apiAs(ref.context, 'GET', `${plan}/worklist?period=${PERIOD}`)).body as { items: Array<{ indicatorId: string; version: number }> }).items.find((i) => i.indicatorId === first)!.version;
    const returned = await apiAs(ctl.context, 'POST', `${plan}/indicators/${encodeURIComponent(first)}/measurements/${PERIOD}/reviews`, {
      action: 'return',
      note: 'Manca la fonte',
      version: await versionOf(),
    });
    expect(returned.status, JSON.stringify(returned.body)).toBe(201);

    // The referente's home page: the period's values to enter, the deadline passed, one to correct.
    await ref.page.goto(`${world.server.url}/`);
    const due = ref.page.locator(`[data-testid=work-due-item][data-plan="${world.planId}"][data-period="${PERIOD}"]`);
    await due.waitFor();
    // Before: the draft's values listed too, late.
    expect(await ref.page.locator(`[data-testid=work-due-item][data-plan="${draft}"]`).count()).toBe(0);
    expect(await due.innerText()).toMatch(new RegExp(`: ${toEnter.length - 1} valori da inserire entro il 15/10/2024, scadenza passata · 1 valore rimandato da correggere$`));
    await expectAccessible(ref.page, 'home page with values due');
    await due.locator('a').click();
    const worklist = ref.page.locator('[data-testid=worklist]');
    await worklist.waitFor();
    await expect.poll(() => worklist.locator('#wl-period').inputValue()).toBe(PERIOD);
    // The list to do: the values to enter and the one sent back, together.
    await expect.poll(() => worklist.locator('#wl-state').inputValue()).toBe('todo');
    await expect.poll(() => worklist.locator(`tr[data-indicator="${first}"]`).getAttribute('data-state')).toBe('returned');
    await expect.poll(() => worklist.locator('[data-testid=worklist-table] tbody tr').count()).toBe(toEnter.length);

    // The draft's worklist agrees: no value to collect, said instead of a list (before: every value to enter, late).
    await ref.page.goto(`${world.server.url}/plans/${encodeURIComponent(draft)}?period=${PERIOD}&open=worklist&state=todo`);
    const draftList = ref.page.locator('[data-testid=worklist]');
    await draftList.waitFor();
    await expect.poll(() => draftList.locator('[data-testid=worklist-not-adopted]').innerText()).toBe('Il piano non è ancora adottato: nessun valore da raccogliere.');
    expect(await draftList.locator('[data-testid=worklist-table]').count()).toBe(0);
    expect(await draftList.locator('[data-testid=worklist-counts]').count()).toBe(0);
    await expect.poll(() => draftList.locator('#wl-period').inputValue()).toBe(PERIOD);
    await expectAccessible(ref.page, "a draft plan's worklist");

    // Adopted and then archived, a plan's worklist says it is put away, with nothing to collect (before: every value to enter, late).
    expect((await apiAs(ctl.context, 'POST', `/api/plans/${encodeURIComponent(draft)}/adopt`, { act: { kind: 'Delibera di Giunta', number: '13', date: '2024-01-30' } })).status).toBe(200);
    expect((await apiAs(ctl.context, 'POST', `/api/plans/${encodeURIComponent(draft)}/archive`)).status).toBe(200);
    await ref.page.reload();
    const archivedList = ref.page.locator('[data-testid=worklist]');
    await archivedList.waitFor();
    await expect.poll(() => archivedList.locator('[data-testid=worklist-archived]').innerText()).toBe('Il piano è archiviato: nessun valore da raccogliere.');
    expect(await archivedList.locator('[data-testid=worklist-not-adopted]').count()).toBe(0);
    expect(await archivedList.locator('[data-testid=worklist-table]').count()).toBe(0);
    expect(await archivedList.locator('[data-testid=worklist-counts]').count()).toBe(0);
    expect(await archivedList.locator('#wl-state').count()).toBe(0);
    await expectAccessible(ref.page, "an archived plan's worklist");
    await ref.page.goto(`${world.server.url}/`);
    await ref.page.locator(`[data-testid=work-due-item][data-plan="${world.planId}"]`).first().waitFor();
    expect(await ref.page.locator(`[data-testid=work-due-item][data-plan="${draft}"]`).count()).toBe(0);

    // The controller: nothing to review yet (the value was sent back); once answered, one.
    await ctl.page.goto(`${world.server.url}/`);
    await ctl.page.locator('[data-testid=work-due]').waitFor();
    expect(await ctl.page.locator('[data-testid=work-due-item]').count()).toBe(0);
    const answered = await apiAs(ref.context, 'POST', `${plan}/indicators/${encodeURIComponent(first)}/measurements/${PERIOD}/reviews`, {
      action: 'answer',
      note: 'Fonte aggiunta',
      version: await versionOf(),
    });
    expect(answered.status, JSON.stringify(answered.body)).toBe(201);
    await ctl.page.reload();
    const review = ctl.page.locator(`[data-testid=work-due-item][data-period="${PERIOD}"]`);
    await review.waitFor();
    expect(await review.innerText()).toMatch(/: 1 valore da rivedere$/);
    await review.locator('a').click();
    const list = ctl.page.locator('[data-testid=worklist]');
    await list.waitFor();
    await expect.poll(() => list.locator('#wl-state').inputValue()).toBe('entered');
    await expect.poll(() => list.locator('[data-testid=worklist-table] tbody tr').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-indicator')))).toEqual([first]);

    // The head of the referente's unit, whose role is the controller's: both kinds of work, each its link.
    const admin = await newPage();
    await login(admin.page, 'admin');
    const created = await apiAs(admin.context, 'POST', '/api/users', { username: 'capoufficio', displayName: 'Dott.ssa Anna Rossi', role: 'controller', password: PASSWORD });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const unit = ((await apiAs(admin.context, 'GET', '/api/units')).body as Array<{ id: string; name: string }>).find((u) => u.name === 'Ufficio Transizione')!;
    expect((await apiAs(admin.context, 'PATCH', `/api/units/${unit.id}`, { headId: (created.body as { id: string }).id })).status).toBe(200);
    const unitToDo = ((await apiAs(ref.context, 'GET', `${plan}/worklist?period=${PERIOD}&state=todo`)).body as { items: Array<{ indicatorId: string }> }).items.map((i) => i.indicatorId);
    expect(unitToDo.length).toBe(toEnter.length - 1);
    const head = await newPage();
    await login(head.page, { username: 'capoufficio' });
    const headDue = head.page.locator(`[data-testid=work-due-item][data-plan="${world.planId}"][data-period="${PERIOD}"]`);
    await headDue.waitFor();
    expect(await headDue.innerText()).toMatch(new RegExp(`: ${unitToDo.length} valori da inserire entro il 15/10/2024, scadenza passata · 1 valore da rivedere$`));
    await expectAccessible(head.page, 'home page with work of two kinds');
    await headDue.locator('a[data-kind=todo]').click();
    const headList = head.page.locator('[data-testid=worklist]');
    await headList.waitFor();
    await expect.poll(() => headList.locator('#wl-state').inputValue()).toBe('todo');
    expect(await headList.locator('#wl-mine').isChecked()).toBe(true);
    await expect.poll(() => headList.locator('[data-testid=worklist-table] tbody tr').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-indicator')))).toEqual(unitToDo);
    // Every value of the plan still to do, once the filter "only mine" is taken off.
    await headList.locator('label[for=wl-mine]').click();
    await expect.poll(() => headList.locator('#wl-mine').isChecked()).toBe(false);
    await expect.poll(() => headList.locator('[data-testid=worklist-table] tbody tr').count()).toBeGreaterThan(unitToDo.length);

    // The public: the plans, nothing of anyone's work.
    const pub = await newPage();
    await pub.page.goto(`${world.server.url}/`);
    await pub.page.click('text=Consulta i piani pubblicati senza accedere');
    await pub.page.waitForSelector('h1');
    expect(await pub.page.locator('[data-testid=work-due]').count()).toBe(0);
  });

  it('values sent back alone say their deadline too, passed, in Italian and English (not the red alone); values to review alone are not red', async () => {
    const ctl = await newPage();
    await login(ctl.page, 'controller');
    // Another body's plan, its one value of the referente's unit entered and sent back: nothing left to enter.
    const other = await importFixture();
    const plan = `/api/plans/${encodeURIComponent(other)}`;
    const unit = ((await apiAs(ctl.context, 'GET', '/api/units')).body as Array<{ id: string; name: string }>).find((u) => u.name === 'Ufficio Transizione')!;
    expect((await apiAs(ctl.context, 'POST', `${plan}/reassign`, { indicators: ['B.2.2:1'], unitId: unit.id })).status).toBe(200);
    expect((await apiAs(ctl.context, 'POST', `${plan}/adopt`, { act: { kind: 'Delibera di Giunta', number: '14', date: '2024-01-30' } })).status).toBe(200);
    const early = '2024-06-30';
    expect((await apiAs(ctl.context, 'PUT', `${plan}/periods/${early}/deadline`, { deadline: '2024-07-15' })).status).toBe(200);
    const ref = await newPage();
    await login(ref.page, 'referente');
    const value = `${plan}/indicators/${encodeURIComponent('B.2.2:1')}/measurements/${early}`;
    expect((await apiAs(ref.context, 'PUT', value, { state: 'measured', actual: 3, version: 0 })).status).toBe(200);
    const returned = await apiAs(ctl.context, 'POST', `${value}/reviews`, { action: 'return', note: 'Manca la fonte', version: 1 });
    expect(returned.status, JSON.stringify(returned.body)).toBe(201);

    await ref.page.goto(`${world.server.url}/`);
    const due = ref.page.locator(`[data-testid=work-due-item][data-plan="${other}"][data-period="${early}"]`);
    await due.waitFor();
    // Before: «1 valore rimandato da correggere», late only by the line's colour.
    expect(await due.innerText()).toMatch(/: 1 valore rimandato da correggere entro il 15\/07\/2024, scadenza passata$/);
    await ref.page.selectOption('select[aria-label=Lingua]', 'en');
    await expect.poll(() => due.innerText()).toMatch(/: 1 value sent back to correct by 15\/07\/2024, deadline passed$/);
    expect(await due.getAttribute('class')).toContain('text-danger');

    // Answered, the value waits for the controller's review: their line is not red (before: red, as
    // if the controller were late, with no word saying so).
    const answered = await apiAs(ref.context, 'POST', `${value}/reviews`, { action: 'answer', note: 'Fonte aggiunta', version: 1 });
    expect(answered.status, JSON.stringify(answered.body)).toBe(201);
    await ctl.page.goto(`${world.server.url}/`);
    const review = ctl.page.locator(`[data-testid=work-due-item][data-plan="${other}"][data-period="${early}"]`);
    await review.waitFor();
    expect(await review.innerText()).toMatch(/: 1 valore da rivedere$/);
    expect(await review.getAttribute('class')).toBeNull();
  });
});
