/**
 * The Relazione in the browser, as the issue asks: the controller writes a context section (with
 * headings, a list, emphasis and some HTML that must stay text), starts the summary from the
 * generated sentences and edits it, and sends the Relazione to the OIV; the OIV fills the
 * checklist, writes the note and a reservation, records a validated value for B.1, is told at
 * the note that not validating needs its reasons, and validates with reservations; the Relazione is then read-only; the controller publishes it and the public
 * transparency page shows the validated Relazione. axe on each screen. Real server, fresh SQLite
 * file, the fixture imported through the API.
 */
import { describe, expect, it } from 'vitest';
import { e2eWorld, pages } from './pages.js';

const world = e2eWorld({ fixture: true });
const { planApi, loggedIn, newPage, apiAs, openPlan, expectAccessible } = pages(world);
const YEAR_END = '2024-12-31';
const CONTEXT = '## Il territorio\nUn anno **difficile** per le *imprese* della provincia.\n\n- export in crescita\n- turismo stabile\n\n<script>alert(1)</script>';

describe('the Relazione sulla performance in the browser', { timeout: 240_000 }, () => {
  it('the controller writes a context section and sends the Relazione to the OIV', async () => {
    const { context, page } = await loggedIn('controller');
    // The year's figures are final before the Relazione goes to the OIV; the plan is published.
    for (const to of ['collecting', 'closed']) expect((await apiAs(context, 'POST', `${planApi()}/periods/${YEAR_END}/transition`, { to, acknowledgeUnreviewed: true })).status).toBe(200);
    expect((await apiAs(context, 'PATCH', planApi(), { published: true })).status).toBe(200);

    await openPlan(page);
    await page.click('[data-testid=open-relazione]');
    await page.waitForSelector('[data-testid=relazione-page]');
    await expect.poll(() => page.locator('[data-testid=relazione-state]').innerText()).toBe('Bozza');
    await page.fill('#relazione-text-contesto-esterno', CONTEXT);
    // The summary starts from the sentences written from the data, then the office edits them.
    await page.click('[data-testid=relazione-generated-sintesi] >> xpath=ancestor::details/summary');
    await page.click('[data-testid=relazione-use-generated-sintesi]');
    const generated = await page.inputValue('#relazione-text-sintesi');
    expect(generated).toContain('Dei 45 obiettivi misurati, 36 sono in fascia verde (80,00%)');
    await page.fill('#relazione-text-sintesi', `${generated}\n\nL'ufficio ha rivisto la sintesi.`);
    await expectAccessible(page, 'relazione: the office writes');
    await page.click('[data-testid=relazione-save]');
    await expect.poll(() => page.locator('[data-testid=relazione-message]').innerText()).toBe('Testi salvati.');

    // The HTML preview carries the markup as formatting and the HTML as text.
    const html = await context.request.get(`${world.server.url}${planApi()}/relazione/export?format=html`);
    const body = await html.text();
    expect(body).toContain('<strong>difficile</strong>');
    expect(body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(body).toContain('L&#39;ufficio ha rivisto la sintesi.');

    await page.click('[data-testid=relazione-transmit]');
    await page.click('[data-testid=relazione-transmit-anyway]');
    await expect.poll(() => page.locator('[data-testid=relazione-state]').innerText()).toBe('Trasmessa all’OIV');
    // With the OIV, the office's texts are shown, not edited.
    await expect.poll(() => page.locator('#relazione-text-contesto-esterno').count()).toBe(0);
    await expect.poll(() => page.locator('[data-testid=relazione-text-view-contesto-esterno]').innerText()).toContain('<script>alert(1)</script>');
  });

  it('the OIV fills the checklist and validates with a reservation; the Relazione is then read-only', async () => {
    const { context, page } = await loggedIn('oiv');
    await page.goto(`${world.server.url}/plans/${encodeURIComponent(world.planId)}/relazione`);
    await page.waitForSelector('[data-testid=relazione-page]');
    await expect.poll(() => page.locator('[data-testid=relazione-state]').innerText()).toBe('Trasmessa all’OIV');
    // No office tools for the OIV.
    await expect.poll(() => page.locator('[data-testid=relazione-publish], [data-testid=relazione-save]').count()).toBe(0);
    for (const [i, outcome] of ['yes', 'partly', 'yes', 'yes'].entries()) await page.selectOption(`#relazione-point-outcome-${i}`, outcome);
    await page.fill('#relazione-point-note-1', 'Evidenze parziali per B.1');
    await page.fill('#relazione-note', 'Relazione chiara e completa.');
    await page.fill('#relazione-reservations', 'Il valore di **B.1** non è supportato da evidenze.');
    await page.click('[data-testid=relazione-add-value]');
    await page.fill('#relazione-value-code-0', 'B.1');
    await page.fill('#relazione-value-note-0', 'Evidenza mancante per un indicatore');
    // English notation on an Italian screen is refused at its field, with the focus, and nothing is sent.
    await page.fill('#relazione-value-validated-0', '50.5');
    await page.click('[data-testid=relazione-save-review]');
    await expect.poll(() => page.locator('[data-testid=relazione-value-validated-0-error]').innerText()).toContain('notazione italiana');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('relazione-value-validated-0');
    expect(await page.locator('[data-testid=relazione-message]').count()).toBe(0);
    await page.fill('#relazione-value-validated-0', '50,5');
    await expectAccessible(page, 'relazione: the OIV reviews');
    await page.click('[data-testid=relazione-save-review]');
    await expect.poll(() => page.locator('[data-testid=relazione-message]').innerText()).toBe('Esame salvato.');
    // An objective the plan does not have (the server's 422), then one given twice (its 400), is said at
    // its row's code, with the focus, nothing up top (before: in the page's message, away from the row).
    // The empty row between is not sent: the server's row 1 is the screen's row 3.
    await page.click('[data-testid=relazione-add-value]');
    await page.click('[data-testid=relazione-add-value]');
    await page.fill('#relazione-value-code-2', 'Z.9');
    await page.fill('#relazione-value-validated-2', '60');
    await page.fill('#relazione-value-note-2', 'Valore rivisto');
    await page.click('[data-testid=relazione-save-review]');
    await expect.poll(() => page.locator('[data-testid=relazione-value-code-2-error]').innerText()).toBe('Il piano non ha un obiettivo Z.9: correggere il codice del valore validato.');
    expect(await page.getAttribute('#relazione-value-code-2', 'aria-invalid')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('relazione-value-code-2');
    expect(await page.locator('[data-testid=relazione-message]').count()).toBe(0);
    await page.fill('#relazione-value-code-2', 'B.1');
    expect(await page.getAttribute('#relazione-value-code-2', 'aria-invalid')).toBeNull();
    await page.click('[data-testid=relazione-decide-validated_with_reservations]');
    await expect.poll(() => page.locator('[data-testid=relazione-value-code-2-error]').innerText()).toBe('Obiettivo già indicato in un’altra riga: un solo valore validato per obiettivo.');
    expect(await page.getAttribute('#relazione-value-code-2', 'aria-invalid')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('relazione-value-code-2');
    expect(await page.locator('[data-testid=relazione-message]').count()).toBe(0);
    expect(await page.locator('[data-testid=relazione-state]').innerText()).toBe('Trasmessa all’OIV');
    await page.getByRole('button', { name: 'Togli la riga 3' }).click();
    await page.getByRole('button', { name: 'Togli la riga 2' }).click();
    expect(await page.locator('[data-testid=relazione-value-code-0-error]').innerText()).toBe('');
    // Not validating without reasons is said at the note's field, with the focus; nothing is sent
    // (before: the Relazione went back "non validata" with a documento saying "Nessuna nota.").
    await page.fill('#relazione-note', '');
    await page.click('[data-testid=relazione-decide-not_validated]');
    await expect.poll(() => page.locator('[data-testid=relazione-note-error]').innerText()).toBe('Scrivere nella nota dell’OIV i motivi: la mancata validazione va motivata.');
    expect(await page.getAttribute('#relazione-note', 'aria-invalid')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('relazione-note');
    expect(await page.locator('[data-testid=relazione-message]').count()).toBe(0);
    expect(await page.locator('[data-testid=relazione-state]').innerText()).toBe('Trasmessa all’OIV');
    await page.fill('#relazione-note', 'Relazione chiara e completa.');
    expect(await page.getAttribute('#relazione-note', 'aria-invalid')).toBeNull();
    // Validating with reservations and none written is said at the reservations field, in a sentence, with
    // the focus; nothing is sent and the last success goes (before: the server's lowercase refusal, up top).
    await page.fill('#relazione-reservations', '');
    await page.click('[data-testid=relazione-decide-validated_with_reservations]');
    await expect.poll(() => page.locator('[data-testid=relazione-reservations-error]').innerText()).toBe('Scrivere le riserve: una validazione con riserva deve indicarle.');
    expect(await page.getAttribute('#relazione-reservations', 'aria-invalid')).toBe('true');
    expect(await page.getAttribute('#relazione-reservations', 'aria-describedby')).toContain('relazione-reservations-error');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('relazione-reservations');
    expect(await page.locator('[data-testid=relazione-message]').count()).toBe(0);
    expect(await page.locator('[data-testid=relazione-state]').innerText()).toBe('Trasmessa all’OIV');
    await page.fill('#relazione-reservations', 'Il valore di **B.1** non è supportato da evidenze.');
    expect(await page.getAttribute('#relazione-reservations', 'aria-invalid')).toBeNull();

    await page.click('[data-testid=relazione-decide-validated_with_reservations]');
    await expect.poll(() => page.locator('[data-testid=relazione-state]').innerText()).toBe('Validata con riserva');
    await page.waitForSelector('[data-testid=relazione-frozen]');
    await expect.poll(() => page.locator('[data-testid=relazione-reservations-view]').innerText()).toContain('B.1');
    await expect.poll(() => page.locator('[data-testid=relazione-review-view]').innerText()).toContain('→ 50,50%');
    await expectAccessible(page, 'relazione: validated, read-only');

    // The documento di validazione, offered now that the OIV has decided.
    const href = await page.getAttribute('[data-testid=relazione-validation-pdf]', 'href');
    const pdf = await context.request.get(`${world.server.url}${href}`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
  });

  it('the controller publishes it and the public transparency page shows the validated Relazione', async () => {
    const { page } = await loggedIn('controller');
    await page.goto(`${world.server.url}/plans/${encodeURIComponent(world.planId)}/relazione`);
    await page.waitForSelector('[data-testid=relazione-frozen]');
    await expect.poll(() => page.locator('#relazione-text-contesto-esterno').count()).toBe(0);
    await expect.poll(() => page.locator('[data-testid=relazione-published]').innerText()).toBe('Non pubblicata.');
    await page.click('[data-testid=relazione-publish]');
    await expect.poll(() => page.locator('[data-testid=relazione-published]').innerText()).toContain('Pubblicata nella sezione Amministrazione trasparente');

    const visitor = await newPage();
    const reader = visitor.page;
    await reader.goto(`${world.server.url}/trasparenza`);
    await reader.click(`a[href="/trasparenza/${encodeURIComponent(world.planId)}/index.html"]`);
    await reader.click('a[href="relazione.html"]');
    await reader.waitForSelector('h1');
    const text = (await reader.locator('body').innerText()).replace(/\s+/g, ' ');
    expect(text).toContain('Relazione sulla performance 2024');
    expect(text).toContain('validata con riserva');
    expect(text).toContain('Il territorio');
    expect(text).toContain('Un anno difficile per le imprese della provincia.');
    expect(text).toContain('<script>alert(1)</script>');
    expect(text).toContain('Il valore di B.1 non è supportato da evidenze.');
    await expect.poll(() => reader.locator('strong', { hasText: 'difficile' }).count()).toBeGreaterThan(0);
    await expectAccessible(reader, 'relazione: the public page');
    // The validation's page, as the site's others: the first Tab is the skip link, past the path back to the year.
    expect(await reader.locator('nav[aria-label=Percorso]').innerText()).toBe('Performance › 2024 › Relazione sulla performance');
    await reader.click('nav[aria-label=Percorso] a:text-is("2024")');
    await reader.click('a[href="validazione.html"]');
    await reader.waitForSelector('h1');
    expect(await reader.locator('nav[aria-label=Percorso]').innerText()).toBe("Performance › 2024 › Documento di validazione dell'OIV");
    await reader.keyboard.press('Tab');
    expect(await reader.evaluate(() => document.activeElement?.textContent)).toBe('Vai al contenuto principale');
    await reader.keyboard.press('Enter');
    await expect.poll(() => reader.evaluate(() => document.activeElement?.id)).toBe('contenuto');
    await expectAccessible(reader, 'relazione: the public validation page');
    await reader.click('nav[aria-label=Percorso] a:text-is("2024")');
    await reader.waitForSelector('a[href="validazione.html"]');
  });
});
