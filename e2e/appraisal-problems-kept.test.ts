/**
 * The problems said at the fields of a form's screen follow a change of language: the form's own (a
 * weight left empty, found before sending) and the server's (a date target outside the form's year).
 * Before, kept as words, they were dropped on the switch, the fields left unmarked with what was
 * typed still wrong. Real server, fresh SQLite file, Chromium.
 */
import { describe, expect, it } from 'vitest';
import { appraisalPlans } from './appraisal-plans.js';
import { e2eWorld, pages } from './pages.js';

const world = e2eWorld({ fixture: true });
const { loggedIn, signedIn, chooseLanguage, openAppraisal } = pages(world);
const { bodyWithSmvp, formOf } = appraisalPlans(world);

describe("the problems at a form's fields follow a change of language", { timeout: 180_000 }, () => {
  it('says the form’s own problem and the server’s again in English', async () => {
    const hr = await signedIn('personale');
    await bodyWithSmvp(hr);
    const id = (await formOf(hr, 'controller', 'dirigente')).body.id as string;
    const { page } = await loggedIn('dirigente');
    await openAppraisal(page, id);
    const problem = (field: string) => page.locator(`[data-testid=objective-0-${field}-error]`).innerText();

    // The form's own: a weight left empty, nothing sent.
    await page.fill('#objective-0-weight', '');
    await page.click('[data-testid=save-objectives]');
    await expect.poll(() => problem('weight')).toBe('Scrivere un numero (es. 1.587,10).');
    await chooseLanguage(page, 'en');
    await expect.poll(() => problem('weight')).toBe('Write a number (e.g. 1,587.10).');
    expect(await page.getAttribute('#objective-0-weight', 'aria-invalid')).toBe('true');

    // The server's: a date target outside the form's year, refused in Italian, said again in English.
    await chooseLanguage(page, 'it');
    await page.fill('#objective-0-weight', '100');
    await page.getByLabel('Unità 1', { exact: true }).selectOption('date');
    await page.fill('#objective-0-target', '30/09/2099');
    await page.fill('#objective-0-actual', '15/09/2024');
    await page.click('[data-testid=save-objectives]');
    await expect.poll(() => problem('target')).toMatch(/2099/);
    const italian = await problem('target');
    await chooseLanguage(page, 'en');
    await expect.poll(() => problem('target')).toBe('The target date 30/09/2099 is not in 2024: the form appraises objectives due within its year.');
    expect(italian).not.toBe(await problem('target'));
    expect(await page.inputValue('#objective-0-target')).toBe('30/09/2099');
  });
});
