/**
 * Entry drafts on an office's shared PC. A referente types a value and a note, does not save, and
 * the session expires (the browser closed, no sign-out). Before, the draft stayed on the disk until
 * that same referente signed in again and saved or signed out: another account's sign-in left it
 * there, and so did any number of days. Now the referente signing in again gets it back; another
 * account signing in on the browser removes it; and a draft past its four days is removed when the
 * app starts, before anyone signs in.
 * Real server, fresh SQLite file, the fixture imported through the API, Chromium.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { e2eWorld, pages } from './pages.js';

const world = e2eWorld({ fixture: true });
const { newPage, login, openToReferente, referenteOpensPlan, pickIndicator } = pages(world);
const MID_YEAR = '2024-06-30';
const TYPED = 'A.2.1:1';
const NAME = 'Attività di informazione e orientamento ai mercati';
const NOTES = 'Sette incontri e mezzo, verbale da allegare';
const DAY = 24 * 60 * 60 * 1000;

const pick = (page: Page): Promise<void> => pickIndicator(page, TYPED, NAME);

/** The referente signs in, opens the value and types it without saving. */
async function typeAndLeave(page: Page): Promise<void> {
  await referenteOpensPlan(page, MID_YEAR);
  await pick(page);
  await page.fill('#entry-actual', '7,5');
  await page.fill('#entry-notes', NOTES);
  await expect.poll(() => keptDrafts(page)).toHaveLength(1);
}

/** What the browser keeps of drafts: key and text, as anyone at the PC could read them. */
const keptDrafts = (page: Page) => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('albero.draft.')));

describe('entry drafts on a shared PC', { timeout: 240_000 }, () => {
  it('come back to their referente after an expired session, and leave the disk when another account signs in or their days run out', async () => {
    const controller = await openToReferente('A.2.1', MID_YEAR);

    const { context, page } = await newPage();
    page.on('dialog', (d) => void d.accept());
    await typeAndLeave(page);

    // The session expires (no sign-out); the same referente signs in again on this browser: the draft is back.
    await context.clearCookies();
    await page.goto(`${world.server.url}/`);
    await page.waitForSelector('#username');
    expect(await keptDrafts(page)).toHaveLength(1);
    await referenteOpensPlan(page);
    await pick(page);
    await expect.poll(() => page.inputValue('#entry-actual')).toBe('7,5');
    expect(await page.inputValue('#entry-notes')).toBe(NOTES);

    // Expired again; the next person at the desk signs in: the referente's draft leaves the disk at once.
    await context.clearCookies();
    await login(page, 'controller');
    await expect.poll(() => keptDrafts(page)).toEqual([]);
    const text = await page.evaluate(() => JSON.stringify(localStorage));
    expect(text).not.toContain(NOTES);
    await context.clearCookies();
    await referenteOpensPlan(page);
    await pick(page);
    await expect.poll(() => page.inputValue('#entry-actual')).toBe('');
    expect(await page.inputValue('#entry-notes')).toBe('');
    expect(await page.locator('[data-testid=entry-message]').count()).toBe(0);

    // Typed again and left; five days later the PC's browser opens the app: the draft is removed before anyone signs in.
    await page.fill('#entry-actual', '7,5');
    await page.fill('#entry-notes', NOTES);
    await expect.poll(() => keptDrafts(page)).toHaveLength(1);
    await context.clearCookies();
    await page.evaluate((days) => {
      for (const key of Object.keys(localStorage).filter((k) => k.startsWith('albero.draft.'))) {
        const kept = JSON.parse(localStorage.getItem(key)!) as { at: number };
        localStorage.setItem(key, JSON.stringify({ ...kept, at: kept.at - days }));
      }
    }, 5 * DAY);
    await page.goto(`${world.server.url}/`);
    await page.waitForSelector('#username');
    expect(await keptDrafts(page)).toEqual([]);
    await referenteOpensPlan(page);
    await pick(page);
    await expect.poll(() => page.inputValue('#entry-actual')).toBe('');
    expect(await page.locator('[data-testid=entry-message]').count()).toBe(0);
    await Promise.all([controller.close(), context.close()]);
  });
});
