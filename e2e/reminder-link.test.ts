/**
 * A reminder's link, followed as its referente would from the e-mail: not signed in, the link asks
 * to sign in (not the public's plan), and once signed in it opens «Le mie misurazioni» filtered to
 * the plan and the period the reminder is about and to what is to do: their values to enter and to
 * correct, not the one waiting for review. Against the real
 * server (ALBERO_PUBLIC_URL set, as in production) and a fresh SQLite file.
 */
import { describe, expect, it } from 'vitest';
import { PASSWORD } from './server.js';
import { e2eWorld, pages } from './pages.js';

const APP = 'https://albero.comune.example.it';
const world = e2eWorld({ fixture: true, env: { ALBERO_PUBLIC_URL: APP } });
const { newPage, login, apiAs } = pages(world);
const PERIOD = '2024-09-30';

describe("the reminder's link", { timeout: 180_000 }, () => {
  it('opens the referente’s values due for the period, after the sign-in', async () => {
    const ctl = await newPage();
    await login(ctl.page, 'controller');
    const plan = `/api/plans/${encodeURIComponent(world.planId)}`;
    // An objective of the referente's unit, so that their worklist has values to enter.
    expect((await apiAs(ctl.context, 'PATCH', `${plan}/nodes/B.2.2`, { unit: 'Ufficio Transizione' })).status).toBe(200);
    // Adopted, in force: a draft plan's deadlines remind nobody.
    expect((await apiAs(ctl.context, 'POST', `${plan}/adopt`, { act: { kind: 'Delibera di Giunta', number: '12', date: '2024-01-30' } })).status).toBe(200);
    expect((await apiAs(ctl.context, 'PUT', `${plan}/periods/${PERIOD}/deadline`, { deadline: '2024-10-15' })).status).toBe(200);
    // One of the referente's values entered, waiting for review: in their worklist, not among the values to do.
    const refApi = await newPage();
    await login(refApi.page, 'referente');
    const theirs = (await apiAs(refApi.context, 'GET', `${plan}/worklist?period=${PERIOD}`)).body as { items: Array<{ indicatorId: string }> };
    const entered = theirs.items[0]!.indicatorId;
    expect((await apiAs(refApi.context, 'PUT', `${plan}/indicators/${encodeURIComponent(entered)}/measurements/${PERIOD}`, { state: 'measured', actual: 0.5, version: 0 })).status).toBe(200);
    await refApi.context.close();
    expect((await apiAs(ctl.context, 'POST', '/api/reminders/send', {})).status).toBe(200);
    const outbox = (await apiAs(ctl.context, 'GET', `/api/reminders?planId=${encodeURIComponent(world.planId)}`)).body as { reminders: Array<{ username: string; body: string }> };
    const message = outbox.reminders.find((r) => r.username === 'referente')!;
    const link = new RegExp(`«Le mie misurazioni»: ${APP.replace(/\./g, '\\.')}(\\S+)`).exec(message.body)?.[1];
    expect(link, message.body).toBe(`/plans/${encodeURIComponent(world.planId)}?period=${PERIOD}&open=worklist&state=todo`);

    // The referente, not signed in, follows the link (the same path on this server).
    const ref = await newPage();
    await ref.page.goto(`${world.server.url}${link}`);
    await ref.page.waitForSelector('#username');
    expect(await ref.page.locator('[data-testid=tree]').count()).toBe(0);
    await ref.page.fill('#username', 'referente');
    await ref.page.fill('#password', PASSWORD);
    await ref.page.click('button[type=submit]');

    const worklist = ref.page.locator('[data-testid=worklist]');
    await worklist.waitFor();
    expect(await worklist.locator('#worklist-title').innerText()).toBe('Le mie misurazioni');
    await expect.poll(() => worklist.locator('#wl-period').inputValue()).toBe(PERIOD);
    await expect.poll(() => worklist.locator('#wl-state').inputValue()).toBe('todo');
    // Exactly the values the reminder listed, each a row of the list (not the one waiting for review).
    const listed = message.body
      .split('\n')
      .filter((l) => l.startsWith('- '))
      .map((l) => l.slice(2).split(' ')[0]!);
    expect(listed.length).toBeGreaterThan(0);
    expect(listed).not.toContain(entered);
    const rows = worklist.locator('[data-testid=worklist-table] tbody tr');
    await expect.poll(() => rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-indicator')).sort())).toEqual([...listed].sort());
    // The address stays the link's: a reload opens the same list.
    expect(new URL(ref.page.url()).searchParams.get('open')).toBe('worklist');
  });
});
