/**
 * The plan screen's panel buttons, once a panel is open, say they hide it («Nascondi …», "Hide …"),
 * as the charts' did: before, «Chiudi le misurazioni» sat beside «Chiudi il periodo», and read as
 * closing the measurements (ending the collection) rather than folding a list away; «Chiudi le
 * variazioni» / "Close revisions" as concluding the revisions. «Chiudi» on the bar is the period's
 * action alone. Against the real server and a fresh SQLite file, in Italian and English.
 */
import { describe, expect, it } from 'vitest';
import { e2eWorld, pages } from './pages.js';

const world = e2eWorld({ fixture: true });
const { newPage, login, openPlan, chooseLanguage } = pages(world);

const TOGGLES = ['periods', 'revisions', 'worklist', 'dashboard', 'changes', 'variances'] as const;

describe('the panel buttons of the plan screen', { timeout: 180_000 }, () => {
  it('say they hide an open panel, never «Chiudi» beside the period’s closing', async () => {
    const { page } = await newPage();
    await login(page, 'controller');
    await openPlan(page);
    const button = (name: string) => page.locator(`[data-testid=${name}-toggle]`);
    for (const name of TOGGLES) {
      await button(name).click();
      await expect.poll(() => button(name).getAttribute('aria-expanded')).toBe('true');
    }
    const words = () => Promise.all(TOGGLES.map(async (name) => (await button(name).innerText()).trim()));
    expect(await words()).toEqual([
      'Nascondi la gestione dei periodi',
      'Nascondi le variazioni',
      'Nascondi le misurazioni',
      'Nascondi il completamento',
      'Nascondi il confronto',
      'Nascondi gli scostamenti',
    ]);
    await chooseLanguage(page, 'en');
    await expect.poll(words).toEqual(['Hide period management', 'Hide revisions', 'Hide measurements', 'Hide completion', 'Hide the comparison', 'Hide variances']);
  });
});
