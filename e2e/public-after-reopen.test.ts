/**
 * The public plan screen of a year end the administrator reopened after the OIV validated the
 * Relazione, which stays published: the figures as the OIV validated them (A.3 at 100%, not the 0%
 * of the value entered since; B.1 validated at 50%), the year end said validated, and the sentence
 * that the office reopened it on that day and the figures shown are those the OIV validated, in
 * Italian and English, axe clean. Before, the screen said the results were not available yet.
 * Closed again with the Relazione withdrawn, the screen shows the values closed again and says they
 * are not those the OIV validated; validated again by the OIV, its figures, nothing said of the
 * reopening (before: as any closed period, then the old validated figures). An objective's
 * explanation says the same (before: nothing). The office's plan screen of the year end closed again
 * shows its values without the OIV's old figures beside them, its summary not following them, and
 * says it was reopened and closed again, the OIV's figures staying in the Relazione (before: the old
 * figures beside the values closed again, the summary «secondo i valori validati dall'OIV»); an
 * objective's explanation there says the same (before: nothing). While the year end reopened takes
 * values, the office's screen and an objective's explanation say when, by whom and why it was
 * reopened, the validated figures not holding for the values changed since (before: nothing).
 */
import { describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { e2eWorld, pages, planDrawn } from './pages.js';

const world = e2eWorld({ fixture: true });
const { planApi, openPlan, performanceCell, loggedIn, newPage, apiAs, chooseLanguage, expectAccessible, relazioneWithTheOiv, search } = pages(world);
const words = async (page: Page, selector: string): Promise<string> => (await page.locator(selector).innerText()).replace(/\s+/g, ' ').trim();
const CLOSED_AGAIN_IT =
  /^Chiuso, in attesa di validazione: l'ente ha riaperto il periodo il \d\d\/\d\d\/\d{4}, dopo la validazione dell'OIV del (\d\d\/\d\d\/\d{4}), e lo ha chiuso di nuovo; i valori mostrati non sono quelli validati dall'OIV il \1\.$/;
const CLOSED_AGAIN_EN =
  /^Closed, awaiting validation: the office reopened the period on \d\d\/\d\d\/\d{4}, after the OIV validated it on (\d\d\/\d\d\/\d{4}), and closed it again; the figures shown are not those the OIV validated on \1\.$/;

const REOPENED_IT =
  /^Riaperto il \d\d\/\d\d\/\d{4} da Amministratrice perché «errore su A\.3», dopo la validazione dell'OIV del (\d\d\/\d\d\/\d{4}): il periodo raccoglie di nuovo valori, e le cifre della Relazione validate dall'OIV il \1 non valgono per i valori cambiati da allora\.$/;
const REOPENED_EN =
  /^Reopened on \d\d\/\d\d\/\d{4} by Amministratrice because “errore su A\.3”, after the OIV validated it on (\d\d\/\d\d\/\d{4}): the period takes values again, and the Relazione's figures the OIV validated on \1 do not hold for the values changed since\.$/;

/** Opens objective `code`'s detail from the tree (filtered to it) and gives its explanation. */
async function explanationOf(page: Page, code: string) {
  await search(page, code);
  await page.locator(`[data-code="${code}"] .tree-link`).first().click();
  const explanation = page.locator('[data-testid=explanation]');
  await explanation.waitFor();
  return explanation;
}

describe('the public plan screen after a validated year end is reopened', { timeout: 240_000 }, () => {
  // The office, the OIV and the public reader of the first test, which the next ones go on with.
  let office: { context: BrowserContext; page: Page };
  let oiv: { context: BrowserContext };
  let page: Page;
  const ok = async (reply: Promise<{ status: number; body: unknown }>): Promise<void> => {
    const r = await reply;
    expect(r.status, JSON.stringify(r.body)).toBe(200);
  };

  it('shows the figures the OIV validated and says the office reopened the period', async () => {
    ({ office, oiv } = await relazioneWithTheOiv('Esito della verifica.'));
    await ok(apiAs(office.context, 'PATCH', planApi(), { published: true }));
    const current = (await apiAs(oiv.context, 'GET', `${planApi()}/relazione`)).body;
    await ok(
      apiAs(oiv.context, 'PUT', `${planApi()}/relazione/review`, {
        note: 'Esito della verifica.',
        reservations: '',
        checklist: current.checklist,
        values: [{ code: 'B.1', validated: 50, note: 'Da documentare.' }],
        version: current.version,
      }),
    );
    await ok(apiAs(oiv.context, 'POST', `${planApi()}/relazione/transition`, { to: 'validated' }));
    await ok(apiAs(office.context, 'POST', `${planApi()}/relazione/publication`, { published: true }));
    const admin = await loggedIn('admin');
    await ok(apiAs(admin.context, 'POST', `${planApi()}/periods/2024-12-31/transition`, { to: 'collecting', reason: 'errore su A.3' }));
    const tree = (await apiAs(office.context, 'GET', `${planApi()}/tree`)).body;
    const a3 = tree.objectives.find((o: { code: string }) => o.code === 'A.3').indicators[0];
    await ok(apiAs(office.context, 'PUT', `${planApi()}/indicators/${encodeURIComponent(a3.id)}/measurements/2024-12-31`, { state: 'measured', actual: 5, version: a3.version }));

    const reader = await newPage();
    page = reader.page;
    await page.goto(`${world.server.url}/#/plans/${encodeURIComponent(world.planId)}`);
    await planDrawn(page);
    const reopened = page.locator('[data-testid=oiv-validation-reopened]');
    await reopened.waitFor();
    expect(await reopened.innerText()).toMatch(
      /^L’ente ha riaperto il periodo il \d\d\/\d\d\/\d{4}: i valori mostrati sono quelli validati dall’OIV il \d\d\/\d\d\/\d{4}, non quelli del periodo riaperto\.$/,
    );
    expect(await page.locator('[data-testid=targets-only]').count()).toBe(0);
    expect(await page.locator('[data-testid=period-state]').innerText()).toBe('Stato: Validato dall’OIV');
    await search(page, 'A.3');
    await expect.poll(() => performanceCell(page, 'A.3')).toBe('100,00% ● Verde');
    await search(page, 'B.1');
    await expect.poll(() => performanceCell(page, 'B.1')).toBe("50,00% ■ Rosso validato dall'OIV 56,00% rendicontato");
    await expectAccessible(page, 'the public tree of a reopened year end, as validated (it)');

    await chooseLanguage(page, 'en');
    await expect
      .poll(() => reopened.innerText())
      .toMatch(/^The office reopened the period on \d\d\/\d\d\/\d{4}: the figures shown are those the OIV validated on \d\d\/\d\d\/\d{4}, not the reopened period’s\.$/);
    await expectAccessible(page, 'the public tree of a reopened year end, as validated (en)');
    expect(world.consoleErrors ?? []).toEqual([]);
  });

  it("the office's screen of the year end reopened and taking values: when, by whom and why, the validated figures not holding for values changed since", async () => {
    const screen = office.page;
    await openPlan(screen);
    await chooseLanguage(screen, 'it');
    // Before: nothing, as if the OIV's figures still held for the values being changed.
    const said = screen.locator('[data-testid=oiv-validation-reopened-collecting]');
    await said.waitFor();
    expect(await said.innerText()).toMatch(REOPENED_IT);
    expect(await screen.locator('[data-testid=oiv-validation-reopened]').count()).toBe(0);
    await search(screen, 'A.3');
    await expect.poll(() => performanceCell(screen, 'A.3')).toMatch(/^0,00% /);
    await expectAccessible(screen, "the office's tree of a reopened year end taking values (it)");
    await chooseLanguage(screen, 'en');
    await expect.poll(() => said.innerText()).toMatch(REOPENED_EN);
    await expectAccessible(screen, "the office's tree of a reopened year end taking values (en)");
    // An objective's explanation says the same.
    const explanation = await explanationOf(screen, 'A.3');
    const notice = explanation.locator('[data-testid=explanation-notice]');
    await expect.poll(() => notice.innerText()).toMatch(REOPENED_EN);
    await chooseLanguage(screen, 'it');
    await expect.poll(() => notice.innerText()).toMatch(REOPENED_IT);
    expect(world.consoleErrors ?? []).toEqual([]);
  });

  it('closed again with the Relazione withdrawn: the values closed again, said not to be those the OIV validated', async () => {
    await ok(apiAs(office.context, 'POST', `${planApi()}/periods/2024-12-31/transition`, { to: 'closed', acknowledgeUnreviewed: true }));
    await ok(apiAs(office.context, 'POST', `${planApi()}/relazione/publication`, { published: false }));
    await chooseLanguage(page, 'it');
    await page.reload();
    await planDrawn(page);
    const said = page.locator('[data-testid=oiv-validation-closed-again]');
    await said.waitFor();
    expect(await said.innerText()).toMatch(CLOSED_AGAIN_IT);
    expect(await page.locator('[data-testid=oiv-validation-reopened]').count()).toBe(0);
    expect(await page.locator('[data-testid=period-state]').innerText()).toBe('Stato: Chiuso');
    await search(page, 'A.3');
    await expect.poll(() => performanceCell(page, 'A.3')).toMatch(/^0,00% /);
    await search(page, 'B.1');
    await expect.poll(() => performanceCell(page, 'B.1')).not.toContain('validato');
    await expectAccessible(page, 'the public tree of a reopened year end closed again, the Relazione withdrawn (it)');

    await chooseLanguage(page, 'en');
    await expect.poll(() => said.innerText()).toMatch(CLOSED_AGAIN_EN);
    await expectAccessible(page, 'the public tree of a reopened year end closed again, the Relazione withdrawn (en)');
    // An objective's explanation says so too, in the screen's language.
    const explanation = await explanationOf(page, 'A.3');
    const notice = explanation.locator('[data-testid=explanation-notice]');
    await expect.poll(() => notice.innerText()).toMatch(CLOSED_AGAIN_EN);
    await expectAccessible(page, 'the public explanation of an objective of a year end closed again (en)');
    await chooseLanguage(page, 'it');
    await expect.poll(() => notice.innerText()).toMatch(CLOSED_AGAIN_IT);
    await expectAccessible(page, 'the public explanation of an objective of a year end closed again (it)');
    expect(world.consoleErrors ?? []).toEqual([]);
  });

  it("the office's screen of the year end closed again: its values, not beside the OIV's old figures, said so", async () => {
    const screen = office.page;
    await openPlan(screen);
    await chooseLanguage(screen, 'it');
    const said = screen.locator('[data-testid=oiv-validation-closed-again]');
    await said.waitFor();
    expect(await said.innerText()).toMatch(CLOSED_AGAIN_IT);
    expect(await screen.locator('[data-testid=oiv-validation-closed-again-office]').innerText()).toMatch(
      /^Le cifre validate dall’OIV restano nella Relazione che ha validato il \d\d\/\d\d\/\d{4}: valgono per i valori com’erano alla sua validazione, non per quelli mostrati\.$/,
    );
    // The summary counts the values shown, not the OIV's old figures.
    expect(await words(screen, '[data-testid=summary]')).not.toContain("secondo i valori validati dall'OIV");
    await search(screen, 'B.1');
    await expect.poll(() => performanceCell(screen, 'B.1')).toMatch(/^56,00% /);
    expect(await performanceCell(screen, 'B.1')).not.toContain('validato');
    await search(screen, 'A.3');
    await expect.poll(() => performanceCell(screen, 'A.3')).toMatch(/^0,00% /);
    await expectAccessible(screen, "the office's tree of a reopened year end closed again (it)");

    await chooseLanguage(screen, 'en');
    await expect.poll(() => said.innerText()).toMatch(CLOSED_AGAIN_EN);
    expect(await screen.locator('[data-testid=oiv-validation-closed-again-office]').innerText()).toMatch(
      /^The figures the OIV validated stay in the report it validated on \d\d\/\d\d\/\d{4}: they hold for the values as they stood at its validation, not for those shown\.$/,
    );
    expect(await words(screen, '[data-testid=summary]')).not.toContain("following the OIV's validated values");
    await expectAccessible(screen, "the office's tree of a reopened year end closed again (en)");
    // An objective's explanation of the office's values says the same (before: nothing).
    const explanation = await explanationOf(screen, 'A.3');
    const notice = explanation.locator('[data-testid=explanation-notice]');
    await expect.poll(() => notice.innerText()).toMatch(CLOSED_AGAIN_EN);
    await expectAccessible(screen, "the office's explanation of an objective of a year end closed again (en)");
    await chooseLanguage(screen, 'it');
    await expect.poll(() => notice.innerText()).toMatch(CLOSED_AGAIN_IT);
    expect(world.consoleErrors ?? []).toEqual([]);
  });

  it('validated again by the OIV: its figures, nothing said of the reopening', async () => {
    await ok(apiAs(office.context, 'POST', `${planApi()}/relazione/publication`, { published: true }));
    await ok(apiAs(oiv.context, 'POST', `${planApi()}/periods/2024-12-31/transition`, { to: 'validated' }));
    await chooseLanguage(page, 'it');
    await page.reload();
    await planDrawn(page);
    await expect.poll(() => page.locator('[data-testid=period-state]').innerText()).toBe('Stato: Validato dall’OIV');
    expect(await page.locator('[data-testid=oiv-validation-reopened]').count()).toBe(0);
    expect(await page.locator('[data-testid=oiv-validation-closed-again]').count()).toBe(0);
    await search(page, 'A.3');
    await expect.poll(() => performanceCell(page, 'A.3')).toMatch(/^0,00% /);
    await search(page, 'B.1');
    await expect.poll(() => performanceCell(page, 'B.1')).toMatch(/^56,00% /);
    expect(await performanceCell(page, 'B.1')).not.toContain('validato');
    await expectAccessible(page, 'the public tree of a year end validated again (it)');
    await chooseLanguage(page, 'en');
    await expect.poll(() => page.locator('[data-testid=period-state]').innerText()).toBe('State: Validated by the OIV');
    await expectAccessible(page, 'the public tree of a year end validated again (en)');
    // The office: the newer validation holds, nothing said of the reopening, no old figure.
    await office.page.reload();
    await planDrawn(office.page);
    await expect.poll(() => office.page.locator('[data-testid=period-state]').innerText()).toMatch(/^Stato: Validato dall’OIV/);
    expect(await office.page.locator('[data-testid=oiv-validation-closed-again]').count()).toBe(0);
    await search(office.page, 'B.1');
    await expect.poll(() => performanceCell(office.page, 'B.1')).toMatch(/^56,00% /);
    expect(await performanceCell(office.page, 'B.1')).not.toContain('validato');
    expect(world.consoleErrors ?? []).toEqual([]);
  });
});
