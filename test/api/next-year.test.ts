/**
 * The plan across years over real HTTP, on SQLite and PostgreSQL: the three-year horizon of an
 * indicator (baseline and targets; a date target before its year refused), next year's plan from the 2024 demo plan, a trend taking its
 * previous value from its predecessor, and an objective's and indicator's figures year over year.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfText } from '../support/files.js';
import { enc, indicatorOf, startTestServer, type Backend, type Client, type TestServer } from './harness.js';

const SOGGETTI = 'A.3:1'; // A.3 "Soggetti coinvolti": target 10, actual 206

function indicators(tree: any): any[] {
  return tree.objectives.flatMap((o: any) => o.indicators);
}

describe.each<Backend>(['sqlite', 'postgres'])('the plan across years on %s', (backend) => {
  let t: TestServer;
  let controller: Client;
  beforeAll(async () => {
    t = await startTestServer(backend);
    controller = await t.as('controller');
  });
  afterAll(async () => t?.close());

  it('keeps an indicator’s baseline and the targets of the next two years, read in its unit', async () => {
    const plan = await t.importFixture();
    const id = 'A.2.1:2'; // Capacità di risposta dello sportello: 60%, actual 50%
    const before = indicatorOf((await controller.get(`/api/plans/${plan}/tree`)).body, id);
    expect(before).toMatchObject({
      baseline: null,
      baselineYear: null,
      nextTargets: [
        { year: 2025, target: null },
        { year: 2026, target: null },
      ],
    });

    const patched = await controller.request('PATCH', `/api/plans/${plan}/indicators/${enc(id)}`, {
      baseline: '45,5',
      baselineYear: 2023,
      nextTargets: [65, '70%'],
      version: before.definitionVersion,
    });
    expect(patched.status, patched.text).toBe(200);
    const after = indicatorOf((await controller.get(`/api/plans/${plan}/tree`)).body, id);
    expect(after).toMatchObject({
      target: 60,
      baseline: 45.5,
      baselineText: '45,50%',
      baselineYear: 2023,
      nextTargets: [
        { year: 2025, target: 65, targetText: '65,00%' },
        { year: 2026, target: 70, targetText: '70,00%' },
      ],
    });
    // Audited with the other fields of the definition.
    const audit = (await controller.get(`/api/audit?planId=${plan}&indicator=${enc(id)}`)).body;
    expect(audit[0]).toMatchObject({ action: 'update', before: { baseline: null, nextTargets: null }, after: { baseline: { kind: 'number', value: '45.5' }, baselineYear: 2023 } });

    // A value of the wrong kind is refused naming its field; nothing is stored.
    const wrong = await controller.request('PATCH', `/api/plans/${plan}/indicators/${enc(id)}`, { nextTargets: [null, '30/09/2026'], version: after.definitionVersion });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.issues[0].location).toEqual({ field: 'nextTargets.1' });
    const badBaseline = await controller.request('PATCH', `/api/plans/${plan}/indicators/${enc(id)}`, { baseline: 'sì', version: after.definitionVersion });
    expect(badBaseline.status).toBe(400);
    expect(badBaseline.body.error.issues[0].location).toEqual({ field: 'baseline' });
    // Cleared with null.
    const cleared = await controller.request('PATCH', `/api/plans/${plan}/indicators/${enc(id)}`, { baseline: null, baselineYear: null, nextTargets: null, version: after.definitionVersion });
    expect(cleared.status).toBe(200);
    expect(indicatorOf((await controller.get(`/api/plans/${plan}/tree`)).body, id)).toMatchObject({ baseline: null, baselineYear: null, nextTargets: [{ target: null }, { target: null }] });
  });

  it('refuses a date target before the year it is the target of, at its field, in Italian and English; nothing is stored', async () => {
    const plan = await t.importFixture();
    const id = 'A.5.1:3'; // Implementazione procedure di gestione appuntamenti: <= 30/04/2024, not achieved
    const path = `/api/plans/${plan}/indicators/${enc(id)}`;
    const before = indicatorOf((await controller.get(`/api/plans/${plan}/tree`)).body, id);
    expect(before).toMatchObject({ unit: 'date', target: '2024-04-30' });

    // Every date before its year at once: the plan's year for the target, 2025 and 2026 for the next ones.
    const early = await controller.request('PATCH', path, { target: '30/04/2019', nextTargets: ['2024-12-31', '2026-06-30'], version: before.definitionVersion }, { 'accept-language': 'it' });
    expect(early.status, early.text).toBe(400);
    expect(early.body.error.issues.map((i: any) => [i.location.field, i.message])).toEqual([
      ['target', "target: la data 30/04/2019 viene prima del 2024: il target di un anno è una scadenza in quell'anno o dopo"],
      ['nextTargets.0', "nextTargets.0: la data 31/12/2024 viene prima del 2025: il target di un anno è una scadenza in quell'anno o dopo"],
    ]);
    const english = await controller.request('PATCH', path, { nextTargets: [null, '2025-12-31'], version: before.definitionVersion });
    expect(english.status).toBe(400);
    expect(english.body.error.issues[0]).toMatchObject({
      location: { field: 'nextTargets.1' },
      message: "nextTargets.1: the date 31/12/2025 comes before 2026: a year's target is a deadline in that year or later",
    });
    const added = await controller.request('POST', `/api/plans/${plan}/nodes/A.5.1/indicators`, { name: 'Nuova procedura', weight: 0, comparator: '<=', target: '2023-12-31', unit: 'date' });
    expect(added.status).toBe(400);
    expect(added.body.error.issues[0].location).toEqual({ field: 'target' });
    expect(indicatorOf((await controller.get(`/api/plans/${plan}/tree`)).body, id)).toMatchObject({
      target: '2024-04-30',
      definitionVersion: before.definitionVersion,
      nextTargets: [{ target: null }, { target: null }],
    });
    expect(indicators((await controller.get(`/api/plans/${plan}/tree`)).body).some((i) => i.name === 'Nuova procedura')).toBe(false);

    // Within its year, or after it (a report of the year due in January of the next), a date is kept.
    const kept = await controller.request('PATCH', path, { target: '2025-01-31', nextTargets: ['2025-01-01', '2027-01-31'], version: before.definitionVersion });
    expect(kept.status, kept.text).toBe(200);
    expect(indicatorOf((await controller.get(`/api/plans/${plan}/tree`)).body, id)).toMatchObject({
      target: '2025-01-31',
      nextTargets: [{ target: '2025-01-01' }, { target: '2027-01-31' }],
    });
  });

  it('makes the 2025 plan from the 2024 one: same tree, rolled targets, baselines from the actuals, no values', async () => {
    const plan = await t.importFixture({ publish: true });
    const old = (await controller.get(`/api/plans/${plan}/tree`)).body;
    // A target set for 2025 is the new plan's target; one set for 2026 moves up a year.
    const rolled = indicatorOf(old, 'B.2.2:1');
    expect((await controller.request('PATCH', `/api/plans/${plan}/indicators/${enc('B.2.2:1')}`, { nextTargets: [25, 30], version: rolled.definitionVersion })).status).toBe(200);

    const reply = await controller.request('POST', `/api/plans/${plan}/next-year`, { year: 2025 });
    expect(reply.status, reply.text).toBe(201);
    // Of the same body (the harness imports each fixture for a body of its own).
    const { organisation } = (await controller.get(`/api/plans/${plan}`)).body;
    expect(reply.body).toMatchObject({ year: 2025, title: 'Albero performance 2025', published: false, status: 'draft', organisation });
    const next = reply.body.id as string;

    const tree = (await controller.get(`/api/plans/${next}/tree`)).body;
    expect(tree.objectives.map((o: any) => o.code)).toEqual(old.objectives.map((o: any) => o.code));
    // 46 objectives (strategic and operational) under the 3 areas, each code once.
    expect(new Set(tree.objectives.filter((o: any) => o.level !== 'area').map((o: any) => o.code)).size).toBe(46);
    expect(tree.objectives.filter((o: any) => o.level === 'area').map((o: any) => o.code)).toEqual(['A', 'B', 'C']);
    expect(indicators(tree)).toHaveLength(88);
    expect(tree.periods.map((p: any) => [p.id, p.label, p.state])).toEqual([
      ['2025-06-30', '30/06/2025', 'open'],
      ['2025-09-30', '30/09/2025', 'open'],
      ['2025-12-31', '31/12/2025', 'open'],
    ]);
    // No measurements in any period: nothing entered, nothing scored.
    for (const period of tree.periods) {
      const at = (await controller.get(`/api/plans/${next}/tree?period=${period.id}`)).body;
      expect(indicators(at).filter((i: any) => i.version !== 0 || i.state !== 'not_measured')).toEqual([]);
      expect(at.summary).toMatchObject({ green: 0, yellow: 0, red: 0 });
    }
    // Same names, weights, comparators, units, rules and targets (except the one rolled forward; deadlines move to the new year).
    const pick = (i: any): unknown[] => [i.id, i.name, i.weight, i.comparator, i.unit, i.scoring, i.formula, i.id === 'B.2.2:1' ? null : i.unit === 'date' ? String(i.target).slice(5) : i.target];
    expect(indicators(tree).map(pick)).toEqual(indicators(old).map(pick));
    expect(indicatorOf(tree, 'B.2.2:1')).toMatchObject({
      target: 25,
      nextTargets: [
        { year: 2026, target: 30 },
        { year: 2027, target: null },
      ],
    });

    // Baselines: last year's year-end actual, with its year.
    expect(indicatorOf(tree, SOGGETTI)).toMatchObject({ name: 'Soggetti coinvolti', target: 10, baseline: 206, baselineText: '206', baselineYear: 2024 });
    // A derived indicator's baseline is its computed actual (A.2's mean of A.2.1 and A.2.2: 90%).
    expect(indicatorOf(tree, 'A.2:2')).toMatchObject({ baseline: 90, baselineYear: 2024 });
    // Measured at 0: a baseline of 0. Not achieved (a date target with no completion date) or N.V.: no value to carry.
    expect(indicatorOf(tree, 'A.5.1:1')).toMatchObject({ baseline: 0, baselineText: '0,00%', baselineYear: 2024 });
    expect(indicatorOf(tree, 'A.5.1:3')).toMatchObject({ target: '2025-04-30', baseline: null, baselineYear: null });
    expect(indicatorOf(tree, 'A.4.1:2')).toMatchObject({ baseline: null, baselineYear: null });

    // The same title in the same year again: refused.
    const again = await controller.request('POST', `/api/plans/${plan}/next-year`, { year: 2025 });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'duplicate', details: { planId: next } });
    // Another title is another plan; a year not after the plan's is refused.
    expect((await controller.request('POST', `/api/plans/${plan}/next-year`, { year: 2025, title: 'Albero performance 2025 (bozza B)' })).status).toBe(201);
    expect((await controller.request('POST', `/api/plans/${plan}/next-year`, { year: 2024 })).status).toBe(422);
    // Next year's plan is made from this one: 2027's from 2026's, not from 2024's with 2024's actuals as its baselines.
    const before = ((await controller.get('/api/plans')).body as { id: string }[]).length;
    for (const [language, message] of [
      ['it', "questo è il piano del 2024: il piano dell'anno successivo è quello del 2025, non quello del 2027; quello del 2027 si fa dal piano del 2026, i cui consuntivi ne sono le baseline"],
      ['en', "this is the 2024 plan: its next year's plan is 2025's, not 2027's; make 2027's from the 2026 plan, whose actuals are its baselines"],
    ] as const) {
      const gap = await controller.request('POST', `/api/plans/${plan}/next-year`, { year: 2027 }, { 'accept-language': language });
      expect(gap.status, gap.text).toBe(422);
      expect(gap.body.error).toMatchObject({ code: 'invalid', message, details: { field: 'year' } });
    }
    expect(((await controller.get('/api/plans')).body as { id: string }[]).length).toBe(before);
    expect((await controller.request('POST', `/api/plans/${plan}/next-year`, { year: '2025' })).status).toBe(400);

    // The audit trail says where the plan came from.
    const audit = (await controller.get(`/api/audit?planId=${next}`)).body;
    expect(audit.at(-1)).toMatchObject({ action: 'next-year', entity: 'plan', after: { year: 2025, from: plan } });
  });

  it('says how many baselines come from values not approved yet or from a year end not closed, and makes the plan all the same', async () => {
    const plan = await t.importFixture();
    const YEAR_END = '2024-12-31';
    const preview = async () => {
      const reply = await controller.get(`/api/plans/${plan}/next-year`);
      expect(reply.status, reply.text).toBe(200);
      return reply.body;
    };
    // The import enters the year end's values, none reviewed, in a period still open: 83 actuals become
    // baselines (5 indicators have none to carry); 72 are values waiting for review (the 11 derived ones have no value of their own).
    expect(await preview()).toEqual({ period: { id: YEAR_END, label: '31/12/2024', state: 'open' }, fromValues: 83, notReviewed: 72, periodNotClosed: 83 });
    // One approved, one sent back: the sent back one is still not approved.
    const review = async (id: string, action: 'approve' | 'return') => {
      const reply = await controller.request('POST', `/api/plans/${plan}/indicators/${enc(id)}/measurements/${YEAR_END}/reviews`, {
        action,
        version: 1,
        ...(action === 'return' ? { note: 'Manca la fonte' } : {}),
      });
      expect(reply.status, reply.text).toBe(201);
    };
    await review(SOGGETTI, 'approve');
    await review('A.1:2', 'return');
    expect(await preview()).toMatchObject({ fromValues: 83, notReviewed: 71, periodNotClosed: 83 });
    // The year end closed: its values no longer move, only the review is missing. The plan is made, and its answer says it.
    for (const to of ['collecting', 'closed']) expect((await controller.request('POST', `/api/plans/${plan}/periods/${YEAR_END}/transition`, { to, acknowledgeUnreviewed: true })).status).toBe(200);
    const said = { period: { id: YEAR_END, label: '31/12/2024', state: 'closed' }, fromValues: 83, notReviewed: 71, periodNotClosed: 0 };
    expect(await preview()).toEqual(said);
    const made = await controller.request('POST', `/api/plans/${plan}/next-year`, { year: 2025 });
    expect(made.status, made.text).toBe(201);
    expect(made.body).toMatchObject({ year: 2025, baselines: said });
    // Only the plan's editors ask, as only they make the plan.
    expect((await (await t.as('referente')).get(`/api/plans/${plan}/next-year`)).status).toBe(403);
  });

  it('gives a trend its previous value from its predecessor when none is entered, and says so', async () => {
    const plan = await t.importFixture();
    const added = await controller.request('POST', `/api/plans/${plan}/nodes/A.2/indicators`, {
      name: 'Trend imprese esportatrici',
      weight: 0,
      comparator: '>=',
      target: 10,
      unit: 'percent',
      formula: { kind: 'trend', current: 'imprese', previous: 'imprese_anno_prima' },
    });
    expect(added.status, added.text).toBe(201);
    const id = added.body.id as string;
    const put = (p: string, i: string, inputs: Record<string, number>, version: number) =>
      controller.request('PUT', `/api/plans/${p}/indicators/${enc(i)}/measurements/${p === plan ? '2024' : '2025'}-12-31?tree=false`, { state: 'measured', inputs, version });
    expect((await put(plan, id, { imprese: 120, imprese_anno_prima: 100 }, 0)).status).toBe(200);
    expect(indicatorOf((await controller.get(`/api/plans/${plan}/tree`)).body, id)).toMatchObject({ actual: 20 });

    const next = (await controller.request('POST', `/api/plans/${plan}/next-year`, { year: 2025, title: 'Trend 2025' })).body.id as string;
    const fresh = indicatorOf((await controller.get(`/api/plans/${next}/tree`)).body, id);
    expect(fresh).toMatchObject({ formula: { kind: 'trend', current: 'imprese', previous: 'imprese_anno_prima' }, previousValue: { value: 120, year: 2024 }, state: 'not_measured' });

    // Only this year's value entered: (150 − 120) / 120 = 25%.
    expect((await put(next, id, { imprese: 150 }, 0)).status).toBe(200);
    const tree = (await controller.get(`/api/plans/${next}/tree`)).body;
    expect(indicatorOf(tree, id)).toMatchObject({ actual: 25, inputs: { imprese: '150' }, previousValue: { value: 120, year: 2024 } });
    const it = (await controller.get(`/api/plans/${next}/nodes/A.2/explanation?lang=it`)).body.indicators.find((i: any) => i.id === id);
    expect(it.scoring).toContain('imprese_anno_prima = 120, non inserito: il valore a fine anno di questo indicatore nel piano 2024');
    const en = (await controller.get(`/api/plans/${next}/nodes/A.2/explanation?lang=en`)).body.indicators.find((i: any) => i.id === id);
    expect(en.scoring).toContain('imprese_anno_prima = 120, not entered: the year-end value of this indicator in the 2024 plan');

    // Last year's value corrected: this year's trend follows at once (its cached tree is stale).
    const last = indicatorOf((await controller.get(`/api/plans/${plan}/tree`)).body, id);
    expect((await put(plan, id, { imprese: 125, imprese_anno_prima: 100 }, last.version)).status).toBe(200);
    expect(indicatorOf((await controller.get(`/api/plans/${next}/tree`)).body, id)).toMatchObject({ actual: 20, previousValue: { value: 125, year: 2024 } });

    // Entered, the previous value is the one entered and the explanation does not mention the predecessor.
    const current = indicatorOf((await controller.get(`/api/plans/${next}/tree`)).body, id);
    expect((await put(next, id, { imprese: 150, imprese_anno_prima: 100 }, current.version)).status).toBe(200);
    expect(indicatorOf((await controller.get(`/api/plans/${next}/tree`)).body, id)).toMatchObject({ actual: 50 });
    const plain = (await controller.get(`/api/plans/${next}/nodes/A.2/explanation?lang=it`)).body.indicators.find((i: any) => i.id === id);
    expect(plain.scoring).not.toContain('non inserito');
  });

  it('shows an objective and an indicator year over year, through renames', async () => {
    const plan = await t.importFixture({ publish: true });
    const y2025 = (await controller.request('POST', `/api/plans/${plan}/next-year`, { year: 2025, title: 'Anni 2025' })).body.id as string;
    // Renamed in 2025: still the same line.
    const node = (await controller.get(`/api/plans/${y2025}/tree`)).body.objectives.find((o: any) => o.code === 'A.3');
    expect((await controller.request('PATCH', `/api/plans/${y2025}/nodes/A.3`, { title: 'Aggregazioni di imprese', version: node.version })).status).toBe(200);
    const soggetti = indicatorOf((await controller.get(`/api/plans/${y2025}/tree`)).body, SOGGETTI);
    expect((await controller.request('PATCH', `/api/plans/${y2025}/indicators/${enc(SOGGETTI)}`, { name: 'Soggetti coinvolti nelle aggregazioni', version: soggetti.definitionVersion })).status).toBe(
      200,
    );
    expect((await controller.request('PUT', `/api/plans/${y2025}/indicators/${enc(SOGGETTI)}/measurements/2025-12-31`, { state: 'measured', actual: 8, version: 0 })).status).toBe(200);
    const y2026 = (await controller.request('POST', `/api/plans/${y2025}/next-year`, { year: 2026 })).body;
    expect(y2026.title).toBe('Anni 2026');

    const objective = await controller.get(`/api/plans/${y2026.id}/nodes/A.3/years`);
    expect(objective.status).toBe(200);
    expect(objective.body.kind).toBe('objective');
    expect(objective.body.years.map((y: any) => [y.year, y.title, y.performance, y.current])).toEqual([
      [2024, 'Sostegno alle aggregazioni e collaborazioni tra imprese', 100, false],
      [2025, 'Aggregazioni di imprese', 0, false],
      [2026, 'Aggregazioni di imprese', null, true],
    ]);
    // From the middle year, the same three years.
    const indicator = await controller.get(`/api/plans/${y2025}/indicators/${enc(SOGGETTI)}/years`);
    expect(indicator.body.years.map((y: any) => [y.year, y.title, y.targetText, y.actualText, y.performance])).toEqual([
      [2024, 'Soggetti coinvolti', '10', '206', 100],
      [2025, 'Soggetti coinvolti nelle aggregazioni', '10', '8', 0],
      [2026, 'Soggetti coinvolti nelle aggregazioni', '10', '', null],
    ]);
    // The public sees only the published years, and a year only once its values are published; unknown codes are 404.
    const reader = await t.as('public');
    const before = await reader.get(`/api/plans/${plan}/nodes/A.3/years`);
    expect(before.status).toBe(200);
    expect(before.body.years).toEqual([]);
    expect((await controller.request('POST', `/api/plans/${plan}/periods/2024-12-31/publication`, { published: true })).status).toBe(200);
    const pub = await reader.get(`/api/plans/${plan}/nodes/A.3/years`);
    expect(pub.status).toBe(200);
    // Published while still open: the public reads its targets, no performance (server/public-periods.ts).
    expect(pub.body.years.map((y: any) => [y.year, y.period.id, y.performance])).toEqual([[2024, '2024-12-31', null]]);
    expect((await controller.get(`/api/plans/${y2025}/nodes/Z.9/years`)).status).toBe(404);
    expect((await controller.get(`/api/plans/${y2025}/indicators/${enc('Z:1')}/years`)).status).toBe(404);

    // The reports carry last year's performance as a column when there is a predecessor.
    const html = (await controller.get(`/api/plans/${y2025}/export?format=html`)).text;
    expect(html).toContain('<th scope="col">Performance 2024</th>');
    expect(html).toMatch(/Aggregazioni di imprese<\/th>.*?<td class="perf[^"]*">.*?0,00%.*?<\/td><td class="prev[^"]*">.*?100,00%/s);
    expect((await controller.get(`/api/plans/${plan}/export?format=html`)).text).not.toContain('Performance 2023');
    // The PDF too: an eighth column, on the objective's line after this year's performance.
    const pdf = await fetch(`${t.url}/api/plans/${y2025}/export?format=pdf`, { headers: { cookie: controller.cookie! } });
    expect(pdf.status).toBe(200);
    const text = pdfText(new Uint8Array(await pdf.arrayBuffer()));
    expect(text).toMatch(/Performance\s+Performance\s+Performance\s*\n\s*KPI\s+Obiettivo\s+2024\s*\n/);
    expect(text.split('\n').find((l) => /^\s*A\.3 - Aggregazioni di imprese/.test(l))).toMatch(/■ 0,00% rosso\s+● 100,00% verde\s*$/);
    const lastYear = await fetch(`${t.url}/api/plans/${plan}/export?format=pdf`, { headers: { cookie: controller.cookie! } });
    expect(pdfText(new Uint8Array(await lastYear.arrayBuffer()))).not.toContain('Performance 2023');
  });
});
