/**
 * The OIV's validated value on an appraisal form in the browser: the controller gives objective
 * B.2.2 to the person's unit, HR creates the form, the year end is closed and the OIV validates the
 * Relazione with a value of its own for B.2.2. HR opens the form: under the unit, B.2.2 is marked
 * as the OIV's value, which counts, with the reported one beside it. Real server, fresh SQLite
 * file, axe on the form.
 */
import { describe, expect, it } from 'vitest';
import { e2eWorld, pages } from './pages.js';
import { ACCOUNTS } from './server.js';

const world = e2eWorld({ fixture: true });
const { planApi, loggedIn, apiAs, signedIn, staffForm, expectAccessible } = pages(world);
const UNIT = ACCOUNTS.referente.units[0]!;

describe("the OIV's validated value on an appraisal form", { timeout: 240_000 }, () => {
  it('marks the objective the OIV changed under its unit, with the reported value', async () => {
    const plan = planApi();
    const [controller, hr, oiv] = [await signedIn('controller'), await signedIn('personale'), await signedIn('oiv')];
    expect((await apiAs(controller, 'PATCH', `${plan}/nodes/B.2.2`, { unit: UNIT })).status).toBe(200);
    const reported = (await apiAs(controller, 'GET', `${plan}/tree`)).body.objectives.find((o: { code: string }) => o.code === 'B.2.2').performance as number;
    expect(reported).not.toBe(40);
    const created = await staffForm(hr);

    // The year end closed, the Relazione sent, the OIV validates it with 40% for B.2.2.
    for (const to of ['collecting', 'closed']) expect((await apiAs(controller, 'POST', `${plan}/periods/2024-12-31/transition`, { to, acknowledgeUnreviewed: true })).status).toBe(200);
    expect((await apiAs(controller, 'POST', `${plan}/relazione/transition`, { to: 'transmitted', confirmEmpty: true })).status).toBe(200);
    const relazione = (await apiAs(oiv, 'GET', `${plan}/relazione`)).body;
    const review = await apiAs(oiv, 'PUT', `${plan}/relazione/review`, {
      note: '',
      reservations: '',
      checklist: relazione.checklist.map((p: any) => ({ ...p, outcome: 'yes' })),
      values: [{ code: 'B.2.2', validated: 40, note: 'Evidenze parziali' }],
      version: relazione.version,
    });
    expect(review.status, JSON.stringify(review.body)).toBe(200);
    expect((await apiAs(oiv, 'POST', `${plan}/relazione/transition`, { to: 'validated' })).status).toBe(200);

    const { page } = await loggedIn('personale');
    await page.goto(`${world.server.url}/#/appraisals/${encodeURIComponent(created.id)}`);
    const row = page.locator('[data-testid=form-unit-objectives] tbody tr');
    const said = `${reported.toFixed(2).replace('.', ',')}%`;
    await expect
      .poll(() => row.allInnerTexts())
      .toEqual([expect.stringMatching(new RegExp(`^${UNIT}\\s+B\\.2\\.2 .+\\s+40,00%\\s+valore validato dall'OIV, conta \\(rendicontato ${said.replace('.', '\\.')}\\)$`))]);
    // Marked apart from the reported ones, not only in words.
    expect(await row.getAttribute('class')).toContain('table-success');
    await expectAccessible(page, 'appraisal form with the OIV validated value');
  });
});
