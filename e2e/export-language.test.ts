/**
 * The exports of the plan view speak the screen's language: on an English screen the PDF drawn for
 * a signed-in reader and the public's PDF link give the English report (headings, period, states),
 * on an Italian one the Italian report. Before, the web app never said the language, so an English
 * reader downloaded the Italian report.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { pdfText } from '../test/support/files.js';
import { e2eWorld, pages, planDrawn } from './pages.js';

const world = e2eWorld({ fixture: true });
const { planApi, newPage, loggedIn, apiAs, openPlan, chooseLanguage } = pages(world);

async function downloadedText(page: Page, testId: string): Promise<string> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click(`[data-testid=${testId}]`)]);
  return pdfText(readFileSync(await download.path())).replace(/\s+/g, ' ');
}

describe('the plan exports in the screen language', { timeout: 180_000 }, () => {
  it('a signed-in reader gets the report in English on an English screen, in Italian on an Italian one', async () => {
    const { page } = await loggedIn('controller');
    await openPlan(page);
    await chooseLanguage(page, 'en');
    const english = await downloadedText(page, 'export-pdf');
    expect(english).toContain('Period state:');
    expect(english).toContain('Summary');
    expect(english).not.toContain('Stato del periodo:');
    await page.waitForSelector('[data-testid=export-pdf-progress]', { state: 'detached' });
    await chooseLanguage(page, 'it');
    expect(await downloadedText(page, 'export-pdf')).toContain('Stato del periodo:');
  });

  it("the public's PDF link follows the screen's language", async () => {
    const controller = await loggedIn('controller');
    const plan = planApi();
    // Published, its year end closed: the public reads its values.
    for (const to of ['collecting', 'closed']) expect((await apiAs(controller.context, 'POST', `${plan}/periods/2024-12-31/transition`, { to, acknowledgeUnreviewed: true })).status).toBe(200);
    expect((await apiAs(controller.context, 'PATCH', plan, { published: true })).status).toBe(200);
    const { page } = await newPage();
    await page.goto(`${world.server.url}/plans/${encodeURIComponent(world.planId)}`);
    await planDrawn(page);
    await chooseLanguage(page, 'en');
    expect(await downloadedText(page, 'export-pdf')).toContain('Period state:');
  });
});
