/**
 * A write whose answer is lost, sent again: made once. The server makes the comment (and the new
 * indicator) but its answer never reaches the page, which gives it up after its time (2 seconds
 * here, `alberoRequestTimeoutSeconds`) and says the change may have been made; the reader sends it
 * again as it stands. Before, the retry made a second comment and a second indicator (neither has a
 * version to be refused as stale); now the client sends the first try's `Idempotency-Key` again and
 * the server answers with the first try's answer, nothing made twice. Real server, SQLite, Chromium.
 */
import { describe, expect, it } from 'vitest';
import { e2eWorld, pages } from './pages.js';

const world = e2eWorld({ fixture: true });
const { newPage, login, openPlan, search, apiAs } = pages(world);

const THREAD = '**/api/plans/*/indicators/*/measurements/*/comments';
const INDICATORS = '**/api/plans/*/nodes/*/indicators';

describe('a write sent again after its answer was lost', { timeout: 120_000 }, () => {
  it('is made once: one comment, one indicator, the retry answered as the first try', async () => {
    const planId = encodeURIComponent(world.planId);
    const { page, context } = await newPage();
    await login(page, 'controller');
    await openPlan(page);
    await search(page, 'B.2.2');
    await page.click('[data-indicator="B.2.2:3"] .tree-link');
    const thread = page.locator('[data-testid=comments]');
    await thread.waitFor();

    // The server makes each first try; its answer never comes back to the page.
    const made: string[] = [];
    const lost = async (route: import('playwright-core').Route): Promise<void> => {
      if (route.request().method() !== 'POST') return route.fallback();
      await route.fetch();
      made.push(route.request().headers()['idempotency-key'] ?? '');
    };
    await page.route(THREAD, lost);
    await page.evaluate(() => {
      (window as { alberoRequestTimeoutSeconds?: number }).alberoRequestTimeoutSeconds = 2;
    });
    await page.fill('#comment-text', 'Il dato di giugno va ricontrollato.');
    await page.click('[data-testid=comment-send]');
    await expect
      .poll(() => thread.locator('[data-testid=comment-message]').innerText(), { timeout: 15_000 })
      .toMatch(/^Il server non ha risposto entro 2 secondi: la modifica potrebbe essere stata registrata comunque\./);
    expect(made).toHaveLength(1);
    expect(made[0]).toMatch(/^[0-9a-f]{32}$/);

    // Sent again as it stands: the first comment's answer, and still one comment.
    await page.unroute(THREAD);
    const retried = page.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith('/comments'));
    await page.click('[data-testid=comment-send]');
    expect((await retried).headers()['idempotency-key']).toBe(made[0]);
    await expect.poll(() => thread.locator('[data-testid=comment-message]').innerText()).toBe('Commento inviato.');
    const comments = (await apiAs(context, 'GET', `/api/plans/${planId}/indicators/${encodeURIComponent('B.2.2:3')}/measurements/2024-12-31/comments`)).body as { body: string }[];
    expect(comments.filter((c) => c.body === 'Il dato di giugno va ricontrollato.')).toHaveLength(1);
    await expect.poll(() => thread.locator('[data-testid=comment]').filter({ hasText: 'Il dato di giugno va ricontrollato.' }).count()).toBe(1);

    // A new indicator, its dialog sent again after the first answer was lost: one indicator.
    await search(page, 'B.2.2');
    await page.click('[data-code="B.2.2"] .tree-link');
    await page.route(INDICATORS, lost);
    await page.click('[data-testid=open-indicator]');
    const dialog = page.locator('[data-testid=indicator-dialog][open]');
    await dialog.waitFor();
    await page.fill('#ind-name', 'Sportelli digitali attivati');
    await page.fill('#ind-weight', '0');
    await page.selectOption('#ind-comparator', '>=');
    await page.selectOption('#ind-unit', 'number');
    await page.fill('#ind-target', '12');
    await page.selectOption('#ind-scoring', 'proportional');
    await page.click('[data-testid=dialog-submit]');
    await expect.poll(() => dialog.getByRole('alert').first().innerText(), { timeout: 15_000 }).toMatch(/^Il server non ha risposto entro 2 secondi/);
    expect(made).toHaveLength(2);
    await page.unroute(INDICATORS);
    await page.click('[data-testid=dialog-submit]');
    await page.waitForSelector('[data-testid=indicator-dialog]', { state: 'detached' });
    const tree = (await apiAs(context, 'GET', `/api/plans/${planId}/tree`)).body as { objectives: { code: string; indicators: { name: string }[] }[] };
    const added = tree.objectives.find((o) => o.code === 'B.2.2')!.indicators.filter((i) => i.name === 'Sportelli digitali attivati');
    expect(added).toHaveLength(1);
    await context.close();
  });
});
