/**
 * What the office typed in the Relazione is never lost, in two browsers of their own. A stale save
 * carried over onto the administrator's version names her and the moment of her save: after a change
 * of language, in the new language (before: in the one of the refusal). And when the administrator
 * sent the Relazione to the OIV meanwhile, the texts the office typed can no longer be saved: they stay
 * below the read-only Relazione, each to copy, all to download as a .txt, with who sent it and when,
 * until the office dismisses them. Real server, fresh SQLite file, Chromium.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { seriousViolations } from './axe.js';
import { e2eWorld, pages } from './pages.js';
import { ACCOUNTS } from './server.js';

const world = e2eWorld({ fixture: true });
const { planApi, loggedIn, apiAs, chooseLanguage } = pages(world);
const BY = ACCOUNTS.admin.displayName;
const MOMENT = { it: '\\d{2}/\\d{2}/\\d{4} alle \\d{2}:\\d{2}', en: '\\d{2}/\\d{2}/\\d{4} at \\d{2}:\\d{2}' };
const YEAR_END = '2024-12-31';

async function openRelazione(page: Page): Promise<void> {
  await page.goto(`${world.server.url}/plans/${encodeURIComponent(world.planId)}/relazione`);
  await page.waitForSelector('[data-testid=relazione-page]');
}

describe('what was typed in the Relazione is never lost', { timeout: 240_000 }, () => {
  it('says who saved meanwhile in the language chosen since, and keeps the texts a transmission left unsaved, to copy and download', async () => {
    const office = await loggedIn('controller');
    const admin = await loggedIn('admin');
    await office.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: world.server.url });
    const started = { presentazione: 'Presentazione.', 'contesto-esterno': 'Contesto esterno.' };
    expect((await apiAs(admin.context, 'PUT', `${planApi()}/relazione/texts`, { texts: started, version: 0 })).status).toBe(200);
    await openRelazione(office.page);
    const message = () => office.page.locator('[data-testid=relazione-message]').innerText();
    const stored = async () => (await apiAs(office.context, 'GET', `${planApi()}/relazione`)).body as { version: number; state: string; texts: Record<string, string> };

    // The administrator saves the external context after the office read version 1; the office's save is carried over hers.
    expect((await apiAs(admin.context, 'PUT', `${planApi()}/relazione/texts`, { texts: { ...started, 'contesto-esterno': 'Esterno dell’amministrazione.' }, version: 1 })).status).toBe(200);
    await office.page.fill('#relazione-text-presentazione', 'Presentazione del controllo.');
    await office.page.click('[data-testid=relazione-save]');
    await expect.poll(message).toMatch(new RegExp(`^${BY} ha salvato la Relazione il ${MOMENT.it}, dopo che l’hai letta: `));
    const hint = () => office.page.locator('#relazione-text-contesto-esterno-hint').innerText();
    expect(await hint()).toMatch(new RegExp(`^Cambiata da ${BY} il ${MOMENT.it}: è mostrato il suo testo\\.$`));

    // In English: the same who and when, said again in English (the typed text still there).
    await chooseLanguage(office.page, 'en');
    await expect.poll(message).toMatch(new RegExp(`^${BY} saved the report on ${MOMENT.en}, after you read it: your texts are not saved yet`));
    await expect.poll(hint).toMatch(new RegExp(`^Changed by ${BY} on ${MOMENT.en}: their text is shown\\.$`));
    expect(await office.page.inputValue('#relazione-text-presentazione')).toBe('Presentazione del controllo.');
    await office.page.click('[data-testid=relazione-save]');
    await expect.poll(message).toBe('Texts saved.');
    expect(await stored()).toMatchObject({ version: 3, texts: { presentazione: 'Presentazione del controllo.', 'contesto-esterno': 'Esterno dell’amministrazione.' } });

    // The office writes on; meanwhile the administrator sends the Relazione to the OIV.
    await office.page.fill('#relazione-text-presentazione', 'Presentazione del controllo, rivista.\nCon una seconda riga.');
    await office.page.fill('#relazione-text-risorse', 'Risorse del controllo.');
    for (const to of ['collecting', 'closed']) expect((await apiAs(admin.context, 'POST', `${planApi()}/periods/${YEAR_END}/transition`, { to, acknowledgeUnreviewed: true })).status).toBe(200);
    expect((await apiAs(admin.context, 'POST', `${planApi()}/relazione/transition`, { to: 'transmitted', confirmEmpty: true })).status).toBe(200);
    await office.page.click('[data-testid=relazione-save]');
    await expect.poll(message).toBe('Your texts were not saved: the report changed state while you were typing. They are at the bottom of the page, to copy or download.');
    const kept = office.page.locator('[data-testid=relazione-kept]');
    const moved = () => office.page.locator('[data-testid=relazione-kept-moved]').innerText();
    expect(await moved()).toMatch(new RegExp(`^${BY} moved the report to “Sent to the OIV” on ${MOMENT.en}, after you read it: the texts below, which you typed, were not saved`));
    // Only the sections typed differently from the stored ones, read-only under the read-only Relazione.
    expect(await kept.locator('[data-testid^=relazione-kept-text-]').count()).toBe(2);
    expect(await office.page.locator('[data-testid=relazione-kept-text-presentazione]').innerText()).toBe('Presentazione del controllo, rivista.\nCon una seconda riga.');
    expect(await office.page.locator('[data-testid=relazione-kept-text-risorse]').innerText()).toBe('Risorse del controllo.');
    expect(await office.page.locator('#relazione-text-presentazione').count()).toBe(0);
    expect(await office.page.locator('[data-testid=relazione-text-view-presentazione]').innerText()).toContain('Presentazione del controllo.');
    expect(await stored()).toMatchObject({ state: 'transmitted', texts: { presentazione: 'Presentazione del controllo.' } });
    expect(await seriousViolations(office.page)).toEqual([]);

    // Copied to the clipboard, said.
    await office.page.click('[data-testid=relazione-kept-copy-presentazione]');
    await expect.poll(() => office.page.locator('[data-testid=relazione-kept-copied]').innerText()).toBe('Text of “1.1 Presentation” copied.');
    expect(await office.page.evaluate(() => navigator.clipboard.readText())).toBe('Presentazione del controllo, rivista.\nCon una seconda riga.');
    // All of them downloaded as one text file, made in the browser.
    const [download] = await Promise.all([office.page.waitForEvent('download'), office.page.click('[data-testid=relazione-kept-download]')]);
    expect(download.suggestedFilename()).toBe('report-unsaved-texts.txt');
    const file = await readFile(await download.path(), 'utf8');
    expect(file).toMatch(/^1\.1 Presentation\n\nPresentazione del controllo, rivista\.\nCon una seconda riga\.\n\n\n.*\n\nRisorse del controllo\.\n$/);

    // In Italian: who sent it and when said again in Italian; the texts stay until dismissed.
    await chooseLanguage(office.page, 'it');
    await expect.poll(moved).toMatch(new RegExp(`^${BY} ha portato la Relazione allo stato «Trasmessa all’OIV» il ${MOMENT.it}, dopo che l’hai letta: `));
    expect(await office.page.locator('[data-testid=relazione-kept-text-risorse]').innerText()).toBe('Risorse del controllo.');
    await office.page.click('[data-testid=relazione-kept-dismiss]');
    expect(await kept.count()).toBe(0);
  });
});
