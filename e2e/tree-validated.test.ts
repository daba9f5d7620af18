/**
 * The plan's screen states what the OIV validated: B.1 validated at 50% (reported 56%) with a note,
 * the Relazione validated with reservations. The office reads it at once, told the Relazione is not
 * published yet; the public reads it once published: the validated figure and its band over the
 * reported one in the tree's row (B following at 78,75%), the section above the tree with the
 * objectives, the OIV's note and the body's figure, the detail of B.1; in Italian and English, on a
 * desktop and at 390 px without scrolling sideways, axe clean. Before, the screen showed 56,00% alone.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { e2eWorld, pages, planDrawn } from './pages.js';

const world = e2eWorld({ fixture: true });
const { planApi, performanceCell, newPage, apiAs, chooseLanguage, expectAccessible, relazioneWithTheOiv, search } = pages(world);
const NOTE = 'Il trend dei partecipanti al PID non è documentato.';

/** How far the page reaches past the viewport's right edge, in CSS pixels (0: it fits). */
function sideways(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

describe("the OIV's validated figures on the plan's screen", { timeout: 240_000 }, () => {
  it('shows them to the office at once and to the public once published, in both languages, on a desktop and a phone', async () => {
    const { office, oiv } = await relazioneWithTheOiv('Esito della verifica.');
    expect((await apiAs(office.context, 'PATCH', planApi(), { published: true })).status).toBe(200);
    const current = (await apiAs(oiv.context, 'GET', `${planApi()}/relazione`)).body;
    const review = {
      note: 'Esito della verifica.',
      reservations: 'Dati del PID da documentare.',
      checklist: current.checklist,
      values: [{ code: 'B.1', validated: 50, note: NOTE }],
      version: current.version,
    };
    expect((await apiAs(oiv.context, 'PUT', `${planApi()}/relazione/review`, review)).status).toBe(200);
    expect((await apiAs(oiv.context, 'POST', `${planApi()}/relazione/transition`, { to: 'validated_with_reservations' })).status).toBe(200);

    // The office: the figures, and that the public does not read them yet.
    const { page: desk } = office;
    await desk.goto(`${world.server.url}/#/plans/${encodeURIComponent(world.planId)}`);
    await desk.waitForSelector('[data-testid=oiv-validation]');
    expect(await desk.locator('[data-testid=oiv-validation-unpublished]').innerText()).toBe('La Relazione validata non è ancora pubblicata: il pubblico legge solo i valori rendicontati.');
    await search(desk, 'B.1');
    await expect.poll(() => performanceCell(desk, 'B.1')).toBe("50,00% ■ Rosso validato dall'OIV 56,00% rendicontato");
    // The year end's word follows the Relazione's decision: validated with reservations (the stored state is `validated` either way).
    expect(await desk.locator('[data-testid=period-state]').innerText()).toBe('Stato: Validato dall’OIV con riserve');
    expect(await desk.locator('[data-testid=locked-banner]').innerText()).toMatch(/^Periodo validato dall’OIV con riserve: i dati sono in sola lettura\.[\s\S]*Validato dall’OIV con riserve il /);
    expect(await desk.locator('#period option[value="2024-12-31"]').innerText()).toMatch(/ — Validato dall’OIV con riserve$/);
    await expectAccessible(desk, 'the office’s tree with the OIV’s validated figures');

    // The public, before the publication: the reported figures alone.
    const reader = await newPage();
    const { page } = reader;
    // Rows are virtualised: B and B.1 drawn by searching B.1 (its ancestors show with it).
    const atB1 = async (): Promise<void> => {
      await planDrawn(page);
      await search(page, 'B.1');
      await page.waitForSelector('[data-testid=tree] [data-code="B"]');
    };
    await page.goto(`${world.server.url}/#/plans/${encodeURIComponent(world.planId)}`);
    await atB1();
    expect(await page.locator('[data-testid=oiv-validation]').count()).toBe(0);
    expect(await performanceCell(page, 'B')).toBe('80,25% ● Verde');
    expect(await page.locator('[data-testid=period-state]').innerText()).toBe('Stato: Validato dall’OIV');

    expect((await apiAs(office.context, 'POST', `${planApi()}/relazione/publication`, { published: true })).status).toBe(200);
    await page.reload();
    await atB1();
    const notice = page.locator('[data-testid=oiv-validation]');
    await notice.waitFor();
    const words = (await notice.innerText()).replace(/\s+/g, ' ');
    expect(words).toMatch(/^Validazione dell'OIV L’OIV ha validato la Relazione sulla performance con riserve il \d\d\/\d\d\/\d{4}\./);
    expect(words).toMatch(/Performance complessiva dell'ente: \d+,\d\d% rendicontata, \d+,\d\d% validata dall'OIV \((verde|giallo|rosso)\)\./);
    expect(await page.locator('[data-testid=oiv-validated-B\\.1]').innerText()).toBe(
      `B.1 Transizione digitale e innovazione: 50,00% rosso validato dall'OIV, 56,00% rendicontato. Nota dell'OIV: ${NOTE}`,
    );
    expect(await page.locator('[data-testid=oiv-validated-B]').innerText()).toMatch(
      /^B .+: 78,75% giallo validato dall'OIV, 80,25% rendicontato\. Segue i valori validati dall'OIV dei suoi obiettivi$/,
    );
    expect(await page.locator('[data-testid=oiv-validation-unpublished]').count()).toBe(0);
    expect(await page.locator('[data-testid=period-state]').innerText()).toBe('Stato: Validato dall’OIV con riserve');
    // The row: the validated figure gives its band; the reported one under it.
    expect(await performanceCell(page, 'B')).toBe("78,75% ▲ Giallo validato dall'OIV 80,25% rendicontato");
    expect(await page.locator('[data-code="B"]').getAttribute('data-band')).toBe('yellow');
    expect(await page.locator('[data-testid=oiv-validated-A]').count()).toBe(0);
    // B.1's detail: the figures and the OIV's note.
    await page.click('[data-code="B.1"] .tree-link');
    await expect
      .poll(async () => (await page.locator('[data-testid=detail-validated]').innerText()).replace(/\s+/g, ' '))
      .toBe(`50,00% ■ Rosso validato dall'OIV 56,00% rendicontato Nota dell'OIV: ${NOTE}`);
    await expectAccessible(page, 'the public tree with the OIV’s validated figures (it)');

    await chooseLanguage(page, 'en');
    await expect.poll(() => performanceCell(page, 'B.1')).toBe('50.00% ■ Red validated by the OIV 56.00% reported');
    expect(await page.locator('[data-testid=period-state]').innerText()).toBe('State: Validated by the OIV with reservations');
    expect((await notice.innerText()).replace(/\s+/g, ' ')).toMatch(/^The OIV's validation The OIV validated the performance report \(Relazione\) with reservations on \d\d\/\d\d\/\d{4}\./);
    expect(await page.locator('[data-testid=oiv-validated-B\\.1]').innerText()).toBe(
      `B.1 Transizione digitale e innovazione: 50.00% red validated by the OIV, 56.00% reported. The OIV's note: ${NOTE}`,
    );
    expect((await page.locator('[data-testid=detail-validated]').innerText()).replace(/\s+/g, ' ')).toContain("The OIV's note:");
    await expectAccessible(page, 'the public tree with the OIV’s validated figures (en)');

    // A phone: nothing wider than the screen, in English and in Italian.
    await page.click('[data-testid=detail] button[aria-label="Close details"]');
    await page.setViewportSize({ width: 390, height: 844 });
    await expect.poll(() => sideways(page)).toBe(0);
    expect(await performanceCell(page, 'B.1')).toBe('50.00% ■ Red validated by the OIV 56.00% reported');
    await expectAccessible(page, 'the public tree with the OIV’s validated figures at 390 px (en)');
    await chooseLanguage(page, 'it');
    await expect.poll(() => performanceCell(page, 'B.1')).toBe("50,00% ■ Rosso validato dall'OIV 56,00% rendicontato");
    expect(await sideways(page)).toBe(0);
    await expectAccessible(page, 'the public tree with the OIV’s validated figures at 390 px (it)');
    expect(world.consoleErrors).toEqual([]);
  });
});
