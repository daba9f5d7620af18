/**
 * The year the appraisal and SMVP screens open on. Both were fixed on 2024, the demo's year: on a
 * new installation whose plan is of 2026, HR opened the appraisals of 2024 (no plan to offer for
 * the organisational results, a new form dated 01/01/2024–31/12/2024) and the SMVP of 2024. Here
 * they open on the latest plan's year, and a year picked still shows that year.
 */
import { describe, expect, it } from 'vitest';
import { e2eWorld, pages } from './pages.js';

const world = e2eWorld();
const { newPage, login, apiAs } = pages(world);

describe('the appraisal screens of a new installation', { timeout: 120_000 }, () => {
  it('open on the year of the latest plan', async () => {
    const office = await newPage();
    await login(office.page, 'controller');
    for (const year of [2025, 2026]) {
      expect((await apiAs(office.context, 'POST', '/api/plans', { title: `Piano della performance ${year}`, year, organisation: 'Comune di Prova' })).status).toBe(201);
    }

    const hr = await newPage();
    await login(hr.page, 'personale');
    await hr.page.click('[data-testid=nav-appraisals]');
    await hr.page.waitForSelector('[data-testid=appraisal-year]');
    expect(await hr.page.inputValue('[data-testid=appraisal-year]')).toBe('2026');
    // The new form offers the year's plan and is dated within it.
    expect(await hr.page.locator('[data-testid=new-plan] option').allInnerTexts()).toContain('Piano della performance 2026');
    expect(await hr.page.inputValue('#new-from')).toBe('01/01/2026');
    expect(await hr.page.inputValue('#new-to')).toBe('31/12/2026');

    await hr.page.click('[data-testid=nav-smvp]');
    await hr.page.waitForSelector('[data-testid=smvp-year]');
    expect(await hr.page.inputValue('[data-testid=smvp-year]')).toBe('2026');
    await expect.poll(() => hr.page.locator('main').innerText()).toContain('Nessun SMVP salvato per il 2026.');

    // Another year, picked: its own SMVP.
    await hr.page.fill('[data-testid=smvp-year]', '2025');
    await hr.page.keyboard.press('Enter');
    await expect.poll(() => hr.page.locator('main').innerText()).toContain('Nessun SMVP salvato per il 2025.');
    await Promise.all([office.context.close(), hr.context.close()]);
  });
});
