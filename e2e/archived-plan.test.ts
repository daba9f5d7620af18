/**
 * An archived plan (a past year put away) reads as archived on every screen the controller opens:
 * the worklist says so and shows the period's deadline without its form (the API refuses a new
 * one); the completion dashboard says so above its counts; a value's comment thread is read, with
 * no box to write in and a sentence saying why. And on the plans screen the deletion's reason takes
 * no more than the server keeps, the server's refusal of it said beside it, the plan kept. Against
 * the real server and a fresh SQLite file; axe on the screens.
 */
import { describe, expect, it } from 'vitest';
import { e2eWorld, focused, pages } from './pages.js';

const world = e2eWorld({ fixture: true });
const { newPage, login, apiAs, search, expectAccessible } = pages(world);
const PERIOD = '2024-09-30';

describe('an archived plan on its screens', { timeout: 180_000 }, () => {
  it('reads as archived in the worklist, the dashboard and a value’s comments; the deletion’s reason is kept to what the server takes', async () => {
    const { context, page } = await newPage();
    await login(page, 'controller');
    const plan = `/api/plans/${encodeURIComponent(world.planId)}`;
    expect((await apiAs(context, 'POST', `${plan}/adopt`, { act: { kind: 'Delibera di Giunta', number: '12', date: '2024-01-30' } })).status).toBe(200);
    expect((await apiAs(context, 'PUT', `${plan}/periods/${PERIOD}/deadline`, { deadline: '2024-10-15' })).status).toBe(200);
    const tree = (await apiAs(context, 'GET', `${plan}/tree?period=${PERIOD}`)).body as {
      objectives: Array<{ code: string; indicators: Array<{ id: string; name: string; editable: boolean; formula: unknown }> }>;
    };
    const objective = tree.objectives.find((o) => o.indicators.some((i) => i.editable && i.formula === null))!;
    const indicator = objective.indicators.find((i) => i.editable && i.formula === null)!;
    const thread = `${plan}/indicators/${encodeURIComponent(indicator.id)}/measurements/${PERIOD}/comments`;
    expect((await apiAs(context, 'POST', thread, { body: 'Fonte da verificare.' })).status).toBe(201);
    expect((await apiAs(context, 'POST', `${plan}/archive`)).status).toBe(200);

    // The worklist: archived, the deadline read and not offered to change (before: its form, whose save was refused).
    await page.goto(`${world.server.url}/plans/${encodeURIComponent(world.planId)}?period=${PERIOD}&open=worklist`);
    const list = page.locator('[data-testid=worklist]');
    await list.waitFor();
    await expect.poll(() => list.locator('[data-testid=worklist-archived]').innerText()).toBe('Il piano è archiviato: nessun valore da raccogliere.');
    await expect.poll(() => list.locator('[data-testid=worklist-deadline]').innerText()).toBe('Scadenza: 15/10/2024');
    expect(await list.locator('#wl-deadline').count()).toBe(0);
    await expectAccessible(page, "an archived plan's worklist, to the controller");

    // The dashboard: its counts, under a notice that the plan is archived (before: no word of it).
    await page.click('[data-testid=dashboard-toggle]');
    const board = page.locator('[data-testid=dashboard]');
    await board.locator('[data-testid=dashboard-table]').waitFor();
    await expect.poll(() => board.locator('[data-testid=dashboard-archived]').innerText()).toBe("Il piano è archiviato: il completamento resta com'era, nessun valore da raccogliere.");
    await expectAccessible(page, "an archived plan's dashboard");

    // A value's thread: read, no box to write in, and why (before: the box, whose comment the server now refuses).
    await search(page, objective.code);
    await page.click(`[data-indicator="${indicator.id}"] .tree-link`);
    const comments = page.locator('[data-testid=comments]');
    await comments.waitFor();
    await expect.poll(() => comments.locator('[data-testid=comment]').count()).toBe(1);
    expect(await comments.locator('[data-testid=comment]').innerText()).toContain('Fonte da verificare.');
    expect(await comments.locator('[data-testid=comments-read-only]').innerText()).toBe(
      "Il piano è archiviato: la discussione resta da leggere e non riceve nuovi commenti (ripristinalo prima dall'archivio).",
    );
    expect(await page.locator('#comment-text').count()).toBe(0);
    expect(await page.locator('[data-testid=comment-send]').count()).toBe(0);
    await expectAccessible(page, "an archived plan's comment thread");

    // The plans screen: the deletion's reason takes at most 5,000 characters (before: no limit, the server's 400 said above the form).
    expect((await apiAs(context, 'POST', '/api/plans', { title: 'Piano di Zeta', year: 2024, organisation: 'Comune di Zeta' })).status).toBe(201);
    await page.goto(`${world.server.url}/`);
    const zeta = page.locator('.plan-item[data-plan-title="Piano di Zeta"]');
    await zeta.waitFor();
    await page.click('button[aria-label="Elimina: Piano di Zeta"]');
    const dialog = page.locator('[data-testid=delete-plan-dialog][open]');
    await dialog.waitFor();
    const reason = dialog.locator('#delete-plan-reason');
    expect(await reason.getAttribute('maxlength')).toBe('5000');
    await reason.fill('x'.repeat(5001));
    expect((await reason.inputValue()).length).toBe(5000);
    // Should a longer one come anyway (the limit taken off), the server's refusal is said at the reason, which takes the focus.
    await reason.evaluate((el) => el.removeAttribute('maxlength'));
    await reason.fill('y'.repeat(5001));
    await dialog.getByTestId('delete-plan-confirm').click();
    await expect.poll(() => dialog.getByTestId('delete-plan-reason-error').innerText()).toBe('Al massimo 5000 caratteri.');
    expect(await reason.getAttribute('aria-invalid')).toBe('true');
    await expect.poll(() => focused(page)).toBe('delete-plan-reason');
    expect(await dialog.getByTestId('delete-plan-refusal').count()).toBe(0);
    await expectAccessible(page, 'the deletion dialog with its reason refused');
    // Shortened, the plan goes.
    await reason.fill('Creato per errore');
    expect(await dialog.getByTestId('delete-plan-reason-error').innerText()).toBe('');
    await dialog.getByTestId('delete-plan-confirm').click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => zeta.count()).toBe(0);
  });
});
