/**
 * The form's trail on its screen: everyone who may read the form (HR, the evaluator) reads, newest
 * first, who did what and when, the reason given, and what changed before → after in words (the plan
 * by its title, the objectives as a person reads them; never JSON), in Italian and in English after a
 * change of language; on a phone 390 px wide the trail fits; axe on each. Real server, fresh SQLite file.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { appraisalPlans } from './appraisal-plans.js';
import { e2eWorld, pages } from './pages.js';
import { ACCOUNTS } from './server.js';

const world = e2eWorld({ fixture: true });
const { apiAs, chooseLanguage, expectAccessible } = pages(world);
const { formBesideSecondPlan, screenAs } = appraisalPlans(world);

/** The trail's entries as a reader sees them, newest first: each entry's words on one line. */
const entries = (page: Page) => page.locator('[data-testid=trail-entry]').evaluateAll((list) => list.map((li) => (li as HTMLElement).innerText.replace(/\s+/g, ' ').trim()));

describe("a form's trail on its screen", { timeout: 240_000 }, () => {
  it('says who, when, what, why and before → after in words, Italian and English, to HR and the evaluator; fits a phone', async () => {
    const { hr, main, secondId, form, id } = await formBesideSecondPlan('Piano bis 2024');
    const changed = await apiAs(hr, 'PATCH', `/api/appraisals/${encodeURIComponent(id)}`, { version: form.body.version, planId: secondId, reason: 'Adottato il piano bis' });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);

    const { page } = await screenAs('personale', `/appraisals/${encodeURIComponent(id)}`);
    await expect.poll(() => page.locator('#trail-title').innerText()).toBe('Registro delle modifiche');
    await expect.poll(() => page.locator('[data-testid=trail-entry]').count()).toBe(2);
    const [newest, first] = await entries(page);
    expect(newest).toMatch(
      new RegExp(
        `^Piano della scheda cambiato \\d{2}/\\d{2}/\\d{4} alle \\d{2}:\\d{2}, di ${ACCOUNTS.personale.displayName} Motivo: Adottato il piano bis Piano: «${main.title}» → diventa «Piano bis 2024»$`,
      ),
    );
    expect(first).toMatch(/^Scheda creata \d{2}\/\d{2}\/\d{4} alle \d{2}:\d{2}, di Paola Personale /);
    expect(first).toContain('Obiettivi individuali: — → diventa «Pratiche evase» (peso 100%, target ≥ 100, consuntivo 120)');
    expect(first).not.toMatch(/[{}]/);
    // The arrow is said as a word to a screen reader (the arrow itself is hidden from it).
    expect(await page.locator('[data-testid=trail-changes] [aria-hidden=true]').first().innerText()).toBe('→');
    expect(await page.locator('[data-testid=trail-changes]').first().getAttribute('aria-label')).toBe('Che cosa è cambiato');
    await expectAccessible(page, "the form's trail (it)");

    await chooseLanguage(page, 'en');
    await expect.poll(() => page.locator('#trail-title').innerText()).toBe('Trail of changes');
    await expect
      .poll(async () => (await entries(page))[0])
      .toMatch(
        new RegExp(
          `^Plan of the form changed \\d{2}/\\d{2}/\\d{4} at \\d{2}:\\d{2}, by ${ACCOUNTS.personale.displayName} Reason: Adottato il piano bis Plan: “${main.title}” → becomes “Piano bis 2024”$`,
        ),
      );
    expect((await entries(page))[1]).toMatch(/^Form created .* Individual objectives: — → becomes “Pratiche evase” \(weight 100%, target ≥ 100, actual 120\)/);
    await expectAccessible(page, "the form's trail (en)");

    // On a phone: the trail is no wider than the screen.
    await page.setViewportSize({ width: 390, height: 844 });
    const trail = page.locator('[data-testid=form-trail]');
    await trail.scrollIntoViewIfNeeded();
    expect(await trail.evaluate((s) => s.scrollWidth - s.clientWidth)).toBe(0);
    const box = (await trail.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(390);

    // The evaluator may read the form, so the trail too.
    const boss = await screenAs('dirigente', `/appraisals/${encodeURIComponent(id)}`);
    await expect.poll(() => boss.page.locator('[data-testid=trail-entry]').count()).toBe(2);
    expect((await entries(boss.page))[0]).toContain('Motivo: Adottato il piano bis');
    await expectAccessible(boss.page, "the form's trail read by the evaluator");
  });
});
