/**
 * An archived plan (a past year put away) reads as archived on every screen the controller opens:
 * the plan screen says so above the tree and offers no period move and no periods panel; the worklist
 * says so and shows the period's deadline without its form (the API refuses a new one); the completion
 * dashboard says so above its counts, none of them late (no such column: what was never entered is
 * missing); a value is read with no entry form, its files with no upload or removal, its forecast with
 * no form, its comment thread with no box to write in, each with a sentence saying why; the variances
 * say why none is written; the Relazione is read and downloaded, with no editor and no move, saying why. On the plans screen an archived plan offers no deletion and says how
 * (bring it back first), and the deletion's reason takes no more than the server keeps, the server's
 * refusal of it said beside it, the plan kept. Against the real server and a fresh SQLite file; axe on
 * the screens.
 */
import { describe, expect, it } from 'vitest';
import { e2eWorld, focused, pages } from './pages.js';

const world = e2eWorld({ fixture: true });
const { newPage, login, apiAs, search, expectAccessible, attachPdf } = pages(world);
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
    const value = `${plan}/indicators/${encodeURIComponent(indicator.id)}/measurements/${PERIOD}`;
    await attachPdf(context, value, 'verbale.pdf', 'Verbale');
    expect((await apiAs(context, 'PUT', `${plan}/indicators/${encodeURIComponent(indicator.id)}/forecasts/${PERIOD}`, { reachable: 'at_risk', note: 'Bando in ritardo', version: 0 })).status).toBe(
      200,
    );
    expect((await apiAs(context, 'POST', `${plan}/archive`)).status).toBe(200);

    // The worklist: archived, the deadline read and not offered to change (before: its form, whose save was refused).
    await page.goto(`${world.server.url}/plans/${encodeURIComponent(world.planId)}?period=${PERIOD}&open=worklist`);
    const list = page.locator('[data-testid=worklist]');
    await list.waitFor();
    // The plan screen: why nothing is offered to change, no period move, no periods panel (before: «Avvia la raccolta», refused).
    expect(await page.locator('[data-testid=plan-archived]').innerText()).toBe(
      "Piano archiviato: si consulta e si esporta, ma non si modifica; periodi, valori, allegati, previsioni e scostamenti restano com'erano (ripristinalo prima dall'archivio).",
    );
    expect(await page.locator('[data-testid=period-state]').innerText()).toContain('Aperto');
    expect(await page.getByRole('button', { name: 'Avvia la raccolta' }).count()).toBe(0);
    expect(await page.locator('[data-testid=periods-toggle]').count()).toBe(0);
    await expect.poll(() => list.locator('[data-testid=worklist-archived]').innerText()).toBe('Il piano è archiviato: nessun valore da raccogliere.');
    await expect.poll(() => list.locator('[data-testid=worklist-deadline]').innerText()).toBe('Scadenza: 15/10/2024');
    expect(await list.locator('#wl-deadline').count()).toBe(0);
    await expectAccessible(page, "an archived plan's worklist, to the controller");

    // The dashboard: its counts, under a notice that the plan is archived (before: no word of it).
    await page.click('[data-testid=dashboard-toggle]');
    const board = page.locator('[data-testid=dashboard]');
    await board.locator('[data-testid=dashboard-table]').waitFor();
    await expect.poll(() => board.locator('[data-testid=dashboard-archived]').innerText()).toBe("Il piano è archiviato: il completamento resta com'era, nessun valore da raccogliere.");
    // Nothing late in a plan with no work due (before: an «In ritardo» column counting every value of the period past its deadline).
    const heads = await board.locator('[data-testid=dashboard-table] thead th').allInnerTexts();
    expect(heads).toContain('Mancanti');
    expect(heads).not.toContain('In ritardo');
    expect(await board.locator('[data-col=late]').count()).toBe(0);
    const missing = (await board.locator(`tr[data-period="${PERIOD}"] [data-col=missing]`).allInnerTexts()).map(Number);
    expect(missing.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    await expectAccessible(page, "an archived plan's dashboard");

    // A value's thread: read, no box to write in, and why (before: the box, whose comment the server now refuses).
    await search(page, objective.code);
    await page.click(`[data-indicator="${indicator.id}"] .tree-link`);
    const comments = page.locator('[data-testid=comments]');
    await comments.waitFor();
    await expect.poll(() => comments.locator('[data-testid=comment]').count()).toBe(1);
    // The value read, not entered (before: the entry form, whose save the server refuses).
    expect(await page.locator('[data-testid=entry-save]').count()).toBe(0);
    expect(await page.locator('[data-testid=value-archived]').innerText()).toBe("Il piano è archiviato: il valore resta da leggere e non si modifica (ripristinalo prima dall'archivio).");
    // Its file listed and downloadable, no upload or removal (before: both, refused).
    const files = page.locator('[data-testid=evidence-files]');
    await expect.poll(() => files.locator('[data-testid=evidence-file]').count()).toBe(1);
    expect(await files.locator('[data-testid=evidence-file] a').innerText()).toBe('verbale.pdf');
    expect(await files.locator('#evidence-file').count()).toBe(0);
    expect(await files.getByRole('button').count()).toBe(0);
    expect(await files.locator('[data-testid=evidence-archived]').innerText()).toBe(
      "Il piano è archiviato: gli allegati restano da leggere e scaricare, non se ne aggiungono né rimuovono (ripristinalo prima dall'archivio).",
    );
    // Its forecast read, no form (before: the form, refused).
    const forecast = page.locator('[data-testid=forecast]');
    await expect.poll(() => forecast.locator('[data-testid=forecast-read]').innerText()).toBe('A rischio — Bando in ritardo');
    expect(await forecast.locator('form').count()).toBe(0);
    expect(await forecast.locator('[data-testid=forecast-archived]').innerText()).toBe("Il piano è archiviato: la previsione resta com'era (ripristinalo prima dall'archivio).");
    expect(await comments.locator('[data-testid=comment]').innerText()).toContain('Fonte da verificare.');
    expect(await comments.locator('[data-testid=comments-read-only]').innerText()).toBe(
      "Il piano è archiviato: la discussione resta da leggere e non riceve nuovi commenti (ripristinalo prima dall'archivio).",
    );
    expect(await page.locator('#comment-text').count()).toBe(0);
    expect(await page.locator('[data-testid=comment-send]').count()).toBe(0);
    await expectAccessible(page, "an archived plan's comment thread");

    // What-if: simulated, but not offered to an entry form the plan does not show (before: «Usa il valore simulato», leading nowhere).
    await page.click('[data-testid=whatif-toggle]');
    await page.waitForSelector('[data-testid=whatif-banner]');
    await page.fill(`[data-testid="whatif-actual-${indicator.id}"]`, '1');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator(`[data-testid="whatif-actual-${indicator.id}"]`).inputValue()).toBe('1');
    // The button would come with the same drawing as the simulated value; a moment lets it come if it would.
    await page.waitForTimeout(500);
    expect(await page.locator('[data-testid=use-simulated]').count()).toBe(0);
    await page.click('[data-testid=whatif-toggle]');
    await page.waitForSelector('[data-testid=whatif-banner]', { state: 'detached' });

    // The variances: why none is written (the report offers none to write: before, each save refused).
    await page.click('[data-testid=variances-toggle]');
    const variances = page.locator('[data-testid=variances]');
    await expect
      .poll(() => variances.locator('[data-testid=variances-archived]').innerText())
      .toBe("Il piano è archiviato: gli scostamenti restano come sono stati scritti (ripristinalo prima dall'archivio).");
    expect(await variances.locator('form').count()).toBe(0);

    // The Relazione: read and downloaded, no text to write, no move, and why (before: its editor and «Trasmetti», refused).
    await page.click('[data-testid=open-relazione]');
    await page.waitForSelector('[data-testid=relazione-page]');
    await expect.poll(() => page.locator('[data-testid=relazione-state]').innerText()).toBe('Bozza');
    expect(await page.locator('[data-testid=relazione-archived]').innerText()).toBe(
      "Il piano è archiviato: la Relazione resta com'era e si legge, si scarica e si pubblica; per modificarla, ripristina prima il piano dall'archivio.",
    );
    expect(await page.locator('[data-testid=relazione-transmit]').count()).toBe(0);
    expect(await page.locator('[data-testid=relazione-save]').count()).toBe(0);
    expect(await page.locator('[data-testid=relazione-page] textarea').count()).toBe(0);
    expect(await page.locator('[data-testid=relazione-export-html]').count()).toBe(1);
    await expectAccessible(page, "an archived plan's Relazione");

    // The plans screen: the deletion's reason takes at most 5,000 characters (before: no limit, the server's 400 said above the form).
    expect((await apiAs(context, 'POST', '/api/plans', { title: 'Piano di Zeta', year: 2024, organisation: 'Comune di Zeta' })).status).toBe(201);
    await page.goto(`${world.server.url}/`);
    const zeta = page.locator('.plan-item[data-plan-title="Piano di Zeta"]');
    await zeta.waitFor();
    // The archived plan: brought back, not deleted, and the way said (the API refuses its deletion, 409 plan-archived).
    await page.click('[data-testid=archived-toggle]');
    const kept = page.locator('[data-testid=archived-plans]');
    const archivedItem = kept.locator('.plan-item');
    await expect.poll(() => archivedItem.count()).toBe(1);
    expect(await archivedItem.getByRole('button').allInnerTexts()).toEqual(['Ripristina']);
    expect(await kept.locator('[data-testid=archived-no-delete]').innerText()).toBe("Un piano archiviato non si elimina: ripristinalo prima dall'archivio, poi eliminalo.");
    await expectAccessible(page, 'the archived plans, none offered for deletion');
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
