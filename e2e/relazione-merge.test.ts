/**
 * Two people write the Relazione at once, each in a browser of their own: the administrator saves
 * first, the office's save is then stale. The office loses nothing it typed, and overwrites nothing
 * of hers unseen: section by section, what only the office changed stays as typed, what only she
 * changed shows her text, and a section both changed shows both, side by side, until the office
 * keeps one (edited if it likes); nothing is sent before. Real server, fresh SQLite file, Chromium.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { seriousViolations } from './axe.js';
import { e2eWorld, pages } from './pages.js';
import { ACCOUNTS } from './server.js';

const world = e2eWorld({ fixture: true });
const { planApi, loggedIn, apiAs, chooseLanguage } = pages(world);
const BY = ACCOUNTS.admin.displayName;
const MOMENT = { it: '\\d{2}/\\d{2}/\\d{4} alle \\d{2}:\\d{2}', en: '\\d{2}/\\d{2}/\\d{4} at \\d{2}:\\d{2}' };

async function openRelazione(page: Page): Promise<void> {
  await page.goto(`${world.server.url}/plans/${encodeURIComponent(world.planId)}/relazione`);
  await page.waitForSelector('[data-testid=relazione-page]');
}

describe('a stale save of the Relazione keeps what was typed', { timeout: 240_000 }, () => {
  it('carries the office’s sections over the administrator’s save, asks where both wrote, and sends nothing before', async () => {
    const office = await loggedIn('controller');
    const admin = await loggedIn('admin');
    const started = { presentazione: 'Presentazione.', 'contesto-esterno': 'Contesto esterno.', 'contesto-interno': 'Contesto interno.' };
    expect((await apiAs(admin.context, 'PUT', `${planApi()}/relazione/texts`, { texts: started, version: 0 })).status).toBe(200);
    await openRelazione(office.page);
    await openRelazione(admin.page);
    const message = () => office.page.locator('[data-testid=relazione-message]').innerText();
    const stored = async () => (await apiAs(office.context, 'GET', `${planApi()}/relazione`)).body as { version: number; texts: Record<string, string> };

    // Both read version 1. The administrator rewrites the two contexts and saves first.
    await admin.page.fill('#relazione-text-contesto-esterno', 'Contesto esterno secondo l’amministrazione.');
    await admin.page.fill('#relazione-text-contesto-interno', 'Contesto interno secondo l’amministrazione.');
    await admin.page.click('[data-testid=relazione-save]');
    await expect.poll(() => admin.page.locator('[data-testid=relazione-message]').innerText()).toBe('Testi salvati.');

    // The office rewrote the presentation and the internal context, and saves on the version it read.
    await office.page.fill('#relazione-text-presentazione', 'Presentazione del controllo.');
    await office.page.fill('#relazione-text-contesto-interno', 'Contesto interno del controllo.');
    await office.page.click('[data-testid=relazione-save]');
    await expect
      .poll(message)
      .toMatch(new RegExp(`^${BY} ha salvato la Relazione il ${MOMENT.it}, dopo che l’hai letta: .* 1 sezione è stata cambiata sia da te sia da ${BY}: .* Fino ad allora non viene inviato nulla\\.$`));
    // Kept as typed where only the office wrote; hers where only she did; both, side by side, where both did.
    expect(await office.page.inputValue('#relazione-text-presentazione')).toBe('Presentazione del controllo.');
    expect(await office.page.inputValue('#relazione-text-contesto-esterno')).toBe('Contesto esterno secondo l’amministrazione.');
    expect(await office.page.locator('#relazione-text-contesto-esterno-hint').innerText()).toMatch(new RegExp(`^Cambiata da ${BY} il ${MOMENT.it}: è mostrato il suo testo\\.$`));
    expect(await office.page.inputValue('#relazione-text-contesto-interno')).toBe('Contesto interno del controllo.');
    expect(await office.page.locator('[data-testid=relazione-theirs-contesto-interno]').innerText()).toBe('Contesto interno secondo l’amministrazione.');
    expect(await office.page.locator('[data-testid=relazione-conflict-contesto-interno]').innerText()).toMatch(new RegExp(`Testo salvato da ${BY} il ${MOMENT.it}`));
    expect(await stored()).toMatchObject({ version: 2, texts: { presentazione: 'Presentazione.', 'contesto-interno': 'Contesto interno secondo l’amministrazione.' } });
    // The two texts side by side read as the rest of the screen (WCAG 2.1 A/AA).
    expect(await seriousViolations(office.page)).toEqual([]);

    // Not settled: nothing is sent, neither by saving nor by sending the Relazione to the OIV.
    await office.page.click('[data-testid=relazione-save]');
    await expect.poll(message).toBe('1 sezione cambiata anche da un’altra persona aspetta la tua scelta: tieni il tuo testo o prendi il suo. Non è stato inviato nulla.');
    await expect.poll(() => office.page.evaluate(() => document.activeElement?.id)).toBe('relazione-text-contesto-interno');
    await office.page.click('[data-testid=relazione-transmit]');
    await expect.poll(message).toMatch(/^1 sezione cambiata anche/);
    expect(await stored()).toMatchObject({ version: 2, texts: { presentazione: 'Presentazione.' } });

    // The office joins the two texts, keeps its own as edited, and saves on the newer version.
    await office.page.fill('#relazione-text-contesto-interno', 'Contesto interno secondo l’amministrazione, con le note del controllo.');
    await office.page.click('[data-testid=relazione-keep-mine-contesto-interno]');
    expect(await office.page.locator('[data-testid=relazione-conflict-contesto-interno]').count()).toBe(0);
    await office.page.click('[data-testid=relazione-save]');
    await expect.poll(message).toBe('Testi salvati.');
    expect(await stored()).toMatchObject({
      version: 3,
      texts: {
        presentazione: 'Presentazione del controllo.',
        'contesto-esterno': 'Contesto esterno secondo l’amministrazione.',
        'contesto-interno': 'Contesto interno secondo l’amministrazione, con le note del controllo.',
      },
    });

    // In English: the administrator (still on version 3 in her browser) rewrites the presentation; the office, too.
    await chooseLanguage(office.page, 'en');
    await openRelazione(admin.page);
    await admin.page.fill('#relazione-text-presentazione', 'Presentazione dell’amministrazione.');
    await admin.page.click('[data-testid=relazione-save]');
    await expect.poll(() => admin.page.locator('[data-testid=relazione-message]').innerText()).toBe('Testi salvati.');
    await office.page.fill('#relazione-text-presentazione', 'Presentazione del controllo, rivista.');
    await office.page.click('[data-testid=relazione-save]');
    await expect.poll(message).toMatch(new RegExp(`^${BY} saved the report on ${MOMENT.en}, after you read it: .* 1 section was changed both by you and by ${BY}: `));
    await office.page.click(`[data-testid=relazione-take-theirs-presentazione]`);
    expect(await office.page.inputValue('#relazione-text-presentazione')).toBe('Presentazione dell’amministrazione.');
    await office.page.click('[data-testid=relazione-save]');
    await expect.poll(message).toBe('Texts saved.');
    expect(await stored()).toMatchObject({
      version: 5,
      texts: { presentazione: 'Presentazione dell’amministrazione.', 'contesto-interno': 'Contesto interno secondo l’amministrazione, con le note del controllo.' },
    });
  });
});
