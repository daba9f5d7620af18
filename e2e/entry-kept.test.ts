/**
 * What a referente types in the entry form and does not save is not lost by looking elsewhere.
 * Before, picking another indicator in the tree, or another period, reset the form without a word:
 * the value and the note typed were gone when the referente came back. Now they come back, said as
 * not saved yet; a save forgets them (the form then shows the stored value, with no such word), and
 * another account signed in on the same page never sees them.
 * Real server, fresh SQLite file, the fixture imported through the API.
 */
import { describe, expect, it } from 'vitest';
import { e2eWorld, pages, pickPeriod } from './pages.js';

const world = e2eWorld({ fixture: true });
const { newPage, openToReferente, referenteOpensPlan, pickIndicator, storedIndicator } = pages(world);
const MID_YEAR = '2024-06-30';
const TYPED = 'A.2.1:1'; // Attività di informazione e orientamento ai mercati
const OTHER = 'A.2.1:2';
const KEPT = 'Ripreso quanto scritto qui e non salvato: non è ancora registrato. Controllarlo e premere «Salva».';

describe('the entry form keeps what was typed', { timeout: 180_000 }, () => {
  it('through another indicator and another period, until it is saved', async () => {
    const controller = await openToReferente('A.2.1', MID_YEAR);

    const { context, page } = await newPage();
    await referenteOpensPlan(page, MID_YEAR);
    const NAMES: Record<string, string> = { [TYPED]: 'Attività di informazione e orientamento ai mercati', [OTHER]: 'Capacità di risposta dello sportello internazionalizzazione' };
    const pick = (indicator: string) => pickIndicator(page, indicator, NAMES[indicator]!);
    await pick(TYPED);
    await page.waitForSelector('#entry-actual');
    await expect.poll(() => page.inputValue('#entry-actual')).toBe('');
    await page.fill('#entry-actual', '7');
    await page.fill('#entry-notes', 'Sette incontri, il verbale arriva domani');

    // Another indicator: its own (empty) form, no word of the other's.
    await pick(OTHER);
    await expect.poll(() => page.locator('#entry-title').innerText()).toContain('30/06/2024');
    await expect.poll(() => page.inputValue('#entry-notes')).toBe('');
    expect(await page.locator('[data-testid=entry-message]').count()).toBe(0);

    // Back: what was typed, said as not saved (before: an empty form).
    await pick(TYPED);
    await expect.poll(() => page.inputValue('#entry-actual')).toBe('7');
    expect(await page.inputValue('#entry-notes')).toBe('Sette incontri, il verbale arriva domani');
    await expect.poll(() => page.locator('[data-testid=entry-message]').innerText()).toBe(KEPT);

    // Another period and back: still there.
    await pickPeriod(page, '2024-12-31');
    await expect.poll(() => page.locator('#entry-title').innerText()).toContain('31/12/2024');
    await pickPeriod(page, MID_YEAR);
    await expect.poll(() => page.locator('#entry-title').innerText()).toContain('30/06/2024');
    await expect.poll(() => page.inputValue('#entry-actual')).toBe('7');
    expect(await storedIndicator(context, 'A.2.1', TYPED, MID_YEAR)).toMatchObject({ state: 'not_measured' });

    // Saved: stored, and nothing kept any more.
    await page.click('[data-testid=entry-save]');
    await expect.poll(async () => (await storedIndicator(context, 'A.2.1', TYPED, MID_YEAR))?.state).toBe('measured');
    await pick(OTHER);
    await pick(TYPED);
    await expect.poll(() => page.inputValue('#entry-actual')).toBe('7');
    await expect.poll(() => page.locator('[data-testid=entry-message]').count()).toBe(0);
    await controller.close();
  });
});
