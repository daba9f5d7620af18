/**
 * The plan's head and its Variazioni panel pressed from the keyboard: the focus never falls to the
 * page's body. The title's rename opened (its field), cancelled (back on «Rinomina il piano»),
 * refused (at its field), saved (the plan's message), in Italian and English, and so the body's
 * correction (the same form for the organisation's name); a period's rename
 * cancelled (back on its row's button); the plan adopted, a revision opened, discarded and approved
 * (the panel's message, each time the form pressed goes with its button), an empty revision's
 * approval refused (the refusal, said as a sentence). Axe on each answer.
 */
import { describe, expect, it } from 'vitest';
import { e2eWorld, field, pages, pressLandsOn, pressWithKeyboard } from './pages.js';

const world = e2eWorld({ fixture: true });
const { signedInPage, apiAs, chooseLanguage, openPlan, planApi } = pages(world);

/** The controller on the plan's screen, with its panel `name` (`periods`, `revisions`) opened from the keyboard. */
async function controllerOnPanel(name: 'periods' | 'revisions') {
  const opened = await signedInPage('controller', null);
  await openPlan(opened.page);
  await pressWithKeyboard(opened.page, `[data-testid=${name}-toggle]`);
  await opened.page.waitForSelector(`[data-testid=${name}-panel]`);
  return opened;
}

describe("the focus after the plan head's and the Variazioni panel's actions", { timeout: 240_000 }, () => {
  it("the plan's title: its field when opened, its button when cancelled, its field when refused, the plan's message when saved", async () => {
    const { context, page } = await signedInPage('controller', null);
    await openPlan(page);
    for (const [lang, cancel, title, said] of [
      ['it', 'Annulla', 'Piano 2024 rinominato da tastiera', 'Piano rinominato «Piano 2024 rinominato da tastiera».'],
      ['en', 'Cancel', 'Plan 2024 renamed from the keyboard', 'Plan renamed “Plan 2024 renamed from the keyboard”.'],
    ] as const) {
      if (lang === 'en') await chooseLanguage(page, 'en');
      // Opened: its button goes, the field takes the focus.
      await pressLandsOn(page, '[data-testid=rename-plan]', { on: 'plan-title' });
      // Cancelled: the form goes, the button that opened it is back with the focus.
      await pressLandsOn(page, `[data-testid=plan-rename] button:has-text("${cancel}")`, { on: 'rename-plan', axe: `title's rename cancelled (${lang})` });
      // Refused (an empty title): said at the field, which keeps the focus.
      await pressWithKeyboard(page, '[data-testid=rename-plan]');
      await page.fill('#plan-title', '   ');
      await pressLandsOn(page, '[data-testid=plan-title-save]', { on: 'plan-title', after: () => page.waitForSelector('[data-testid=plan-title-error]'), axe: `title refused (${lang})` });
      expect((await field(page, 'plan-title')).said).not.toBe('');
      // Saved: the form goes with its button, the message saying so takes the focus.
      await page.fill('#plan-title', title);
      await pressLandsOn(page, '[data-testid=plan-title-save]', { on: 'plan-notice', says: said, axe: `title renamed (${lang})` });
      await expect.poll(() => page.locator('h1').innerText()).toBe(title);
    }
    await context.close();
  });

  it("the plan's body corrected: its field when opened, its button when cancelled, its field when refused, the plan's message when saved", async () => {
    const { context, page } = await signedInPage('controller', null);
    await openPlan(page);
    for (const [lang, cancel, body, said] of [
      ['it', 'Annulla', 'Camera di commercio corretta da tastiera', 'Ente del piano corretto: «Camera di commercio corretta da tastiera».'],
      ['en', 'Cancel', 'Chamber of Commerce corrected from the keyboard', 'The plan’s body corrected: “Chamber of Commerce corrected from the keyboard”.'],
    ] as const) {
      if (lang === 'en') await chooseLanguage(page, 'en');
      // Opened: its button goes, the field takes the focus.
      await pressLandsOn(page, '[data-testid=correct-plan-body]', { on: 'plan-organisation' });
      // Cancelled: the form goes, the button that opened it is back with the focus.
      await pressLandsOn(page, `[data-testid=plan-body-correction] button:has-text("${cancel}")`, { on: 'correct-plan-body', axe: `body's correction cancelled (${lang})` });
      // Refused (an empty body): said at the field, which keeps the focus.
      await pressWithKeyboard(page, '[data-testid=correct-plan-body]');
      await page.fill('#plan-organisation', '   ');
      await pressLandsOn(page, '[data-testid=plan-organisation-save]', {
        on: 'plan-organisation',
        after: () => page.waitForSelector('[data-testid=plan-organisation-error]'),
        axe: `body refused (${lang})`,
      });
      expect((await field(page, 'plan-organisation')).said).not.toBe('');
      // Saved: the form goes with its button, the message saying so takes the focus.
      await page.fill('#plan-organisation', body);
      await pressLandsOn(page, '[data-testid=plan-organisation-save]', { on: 'plan-notice', says: said, axe: `body corrected (${lang})` });
      await expect.poll(() => page.locator('[data-testid=plan-body]').innerText()).toContain(body);
    }
    await context.close();
  });

  it("a period's rename cancelled gives it back to its row's button", async () => {
    const { context, page } = await controllerOnPanel('periods');
    const rename = '[data-period="2024-06-30"] button:has-text("Rinomina")';
    await pressLandsOn(page, rename, { on: 'period-rename' });
    await pressLandsOn(page, '[data-period="2024-06-30"] button:has-text("Annulla")', { on: 'period-rename-open-2024-06-30', axe: "period's rename cancelled" });
    await context.close();
  });

  it('adopting the plan, opening, discarding and approving a revision give it to the message saying so, a refused approval to the refusal', async () => {
    const { context, page } = await controllerOnPanel('revisions');
    await page.fill('#adopt-kind', 'Delibera di Giunta');
    await page.fill('#adopt-number', '12');
    await page.fill('#adopt-date', '2024-01-30');
    // Each form goes with its button once the answer is read: the focus is looked at after.
    const gone = (selector: string) => () => page.waitForSelector(selector, { state: 'detached' });
    await pressLandsOn(page, '[data-testid=adopt]', { on: 'revisions-notice', says: 'Piano adottato.', axe: 'plan adopted', after: gone('[data-testid=adopt]') });

    await page.fill('#revision-reason', 'Aperta per errore');
    await pressLandsOn(page, '[data-testid=open-revision]', { on: 'revisions-notice', says: /^Variazione n\. 1 aperta/, axe: 'revision opened', after: gone('[data-testid=open-revision]') });
    // Refused (approved with no change in it): the button stays, the refusal above the forms takes the focus, as a sentence.
    await pressLandsOn(page, '[data-testid=approve-revision]', {
      on: 'revisions-refused',
      says: 'La variazione n. 1 non contiene modifiche: apportale prima, oppure annullala.',
      axe: 'empty revision refused',
    });
    await pressLandsOn(page, '[data-testid=current-revision] button:has-text("Annulla la variazione")', {
      on: 'revisions-notice',
      says: 'Variazione annullata: resta nel registro con i suoi passaggi.',
      axe: 'revision discarded',
      after: gone('[data-testid=current-revision]'),
    });

    await chooseLanguage(page, 'en');
    await page.fill('#revision-reason', 'New resources from the Region');
    await pressLandsOn(page, '[data-testid=open-revision]', { on: 'revisions-notice', says: /^Revision no\. \d+ open: /, axe: 'revision opened (en)', after: gone('[data-testid=open-revision]') });
    // A revision is approved with a change in it: one made at another desk, the panel read again.
    expect((await apiAs(context, 'PATCH', `${planApi()}/nodes/C.1`, { title: 'Titolo cambiato nella variazione' })).status).toBe(200);
    await openPlan(page);
    await pressWithKeyboard(page, '[data-testid=revisions-toggle]');
    await pressLandsOn(page, '[data-testid=approve-revision]', {
      on: 'revisions-notice',
      says: /^Revision no\. \d+ approved\.$/,
      axe: 'revision approved (en)',
      after: gone('[data-testid=current-revision]'),
    });
    await context.close();
  });
});
