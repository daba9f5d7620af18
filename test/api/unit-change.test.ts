/**
 * Changing an indicator's unit over HTTP, on SQLite and PostgreSQL, while it keeps amounts read in
 * the old one: the rule's floor or band points, the target, the baseline, next years' targets, and
 * the actuals recorded in periods still open. Between number and percent they still mean the same,
 * so they stay; to a date or yes/no they would score nothing, so the change is refused at each
 * field, in the reader's language, storing nothing, until they come again with the unit (or the
 * recorded values are set back to not measured). Closed periods are never rewritten. What is
 * stored is on the audit record, before and after.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Decimal } from '../../src/core/index.js';
import { buildTemplate } from '../../src/io/xlsx/template.js';
import { renderMessage } from '../../src/messages/index.js';
import { workbookBytes } from '../exchange/helpers.js';
import { enc, indicatorOf, startWithFixture, type Backend, type Client, type TestServer } from './harness.js';

describe.each<Backend>(['sqlite', 'postgres'])("an indicator's new unit and its rule's floor or points on %s", (backend) => {
  let t: TestServer;
  let planId: string;
  let controller: Client;
  beforeAll(async () => ({ t, planId, controller } = await startWithFixture(backend)));
  afterAll(async () => t?.close());

  const path = (id: string) => `/api/plans/${planId}/indicators/${enc(id)}`;
  const stored = async (id: string) => indicatorOf((await controller.get(`/api/plans/${planId}/tree`)).body, id);
  const trail = async (id: string) => (await controller.get(`/api/audit?planId=${planId}&indicator=${enc(id)}`)).body as Array<{ action: string; before?: any; after?: any }>;

  /** A new indicator of B.2.2, defined by `definition`, as the controller adds it: its id. */
  const newIndicator = async (definition: Record<string, unknown>): Promise<string> => {
    const created = await controller.request('POST', `/api/plans/${planId}/nodes/B.2.2/indicators`, definition);
    expect(created.status, created.text).toBe(201);
    return created.body.id as string;
  };

  /**
   * `change` to indicator `id` refused (400 invalid-body) at `field` alone, in Italian and in English
   * (`words`); the indicator stored as it was, nothing recorded.
   */
  const refusedAt = async (id: string, change: Record<string, unknown>, field: string, words: { it: string; en: string }): Promise<void> => {
    const [before, kept] = [(await trail(id)).length, await stored(id)];
    for (const lang of ['it', 'en'] as const) {
      controller.language = lang;
      const refused = await controller.request('PATCH', path(id), change);
      expect(refused.status, refused.text).toBe(400);
      expect(refused.body.error.code).toBe('invalid-body');
      expect(refused.body.error.issues).toEqual([expect.objectContaining({ location: { field }, message: words[lang] })]);
    }
    controller.language = 'en';
    expect(await stored(id)).toEqual(kept);
    expect((await trail(id)).length).toBe(before);
  };

  it('keeps a threshold between number and percent, refuses a date until the floor comes again, and records what was stored', async () => {
    const id = await newIndicator({
      name: 'Pratiche evase',
      weight: 10,
      comparator: '>=',
      target: 100,
      unit: 'number',
      scoring: { kind: 'threshold', floor: 50 },
    });

    // Number to percent: 50 is still a floor below 100.
    const percent = await controller.request('PATCH', path(id), { unit: 'percent', target: 100, version: 1 });
    expect(percent.status, percent.text).toBe(200);
    expect(await stored(id)).toMatchObject({ unit: 'percent', rule: { kind: 'threshold', floor: 50 }, definitionVersion: 2 });

    // To a date with the floor left as it was: refused at the floor, in Italian and in English; nothing stored, nothing recorded.
    await refusedAt(id, { unit: 'date', target: '2024-09-30', version: 2 }, 'scoring.floor', {
      it: "scoring.floor: la regola ha valori in percentuale, che non valgono per un indicatore in date: indicare di nuovo la soglia o gli scaglioni (scoring) insieme all'unità, o un'altra regola",
      en: 'scoring.floor: the rule has values in percent, which mean nothing for an indicator in dates: give the floor or the band points (scoring) again with the unit, or another rule',
    });
    expect(await stored(id)).toMatchObject({ unit: 'percent', target: 100, rule: { kind: 'threshold', floor: 50 }, definitionVersion: 2 });

    // With a floor in dates the change is taken, and the record has both sides.
    const dated = await controller.request('PATCH', path(id), { unit: 'date', target: '2024-09-30', scoring: { kind: 'threshold', floor: '2024-03-31' }, version: 2 });
    expect(dated.status, dated.text).toBe(200);
    expect(await stored(id)).toMatchObject({ unit: 'date', target: '2024-09-30', rule: { kind: 'threshold', floor: '2024-03-31' }, definitionVersion: 3 });
    const last = (await trail(id)).find((e) => e.action === 'update' && e.after?.version === 3);
    expect(last?.before).toMatchObject({ unit: 'percent', scoring: { kind: 'threshold', floor: { kind: 'number', value: '50' } } });
    expect(last?.after).toMatchObject({ unit: 'date', scoring: { kind: 'threshold', floor: { kind: 'date', value: '2024-03-31' } } });
  });

  it('refuses yes/no for band points in numbers, and takes it with another rule', async () => {
    const id = await newIndicator({
      name: 'Eventi organizzati',
      weight: 10,
      comparator: '>=',
      target: 20,
      unit: 'number',
      scoring: {
        kind: 'bands',
        mode: 'fixed',
        points: [
          { at: 10, score: 50 },
          { at: 20, score: 100 },
        ],
      },
    });
    const refused = await controller.request('PATCH', path(id), { unit: 'boolean', target: true, version: 1 });
    expect(refused.status).toBe(400);
    expect(refused.body.error.issues[0].location).toEqual({ field: 'scoring.points' });
    expect((await stored(id)).unit).toBe('number');
    const onOff = await controller.request('PATCH', path(id), { unit: 'boolean', target: true, scoring: { kind: 'on_off' }, version: 1 });
    expect(onOff.status, onOff.text).toBe(200);
    expect(await stored(id)).toMatchObject({ unit: 'boolean', target: true, rule: { kind: 'on_off' } });
    // A rule without amounts of its own (on/off, proportional) goes with any unit.
    expect((await controller.request('PATCH', path(id), { unit: 'number', target: 20, version: 2 })).status).toBe(200);
  });

  it("refuses a date while the target, baseline and next years' targets stay in numbers, and takes them given again", async () => {
    const id = await newIndicator({
      name: 'Pratiche digitalizzate',
      weight: 10,
      comparator: '>=',
      target: 100,
      unit: 'number',
      baseline: 80,
      baselineYear: 2023,
      nextTargets: [110, 120],
    });

    // Number to percent: the same numbers, nothing asked again.
    expect((await controller.request('PATCH', path(id), { unit: 'percent', version: 1 })).status).toBe(200);
    expect(await stored(id)).toMatchObject({ unit: 'percent', target: 100, baseline: 80, nextTargets: [{ target: 110 }, { target: 120 }], definitionVersion: 2 });

    // To a date with nothing given again: each amount named at its field, in both languages.
    const before = (await trail(id)).length;
    controller.language = 'it';
    const refused = await controller.request('PATCH', path(id), { unit: 'date', version: 2 });
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('invalid-body');
    expect(refused.body.error.issues.map((i: any) => i.location.field)).toEqual(['target', 'baseline', 'nextTargets.0', 'nextTargets.1']);
    expect(refused.body.error.issues.map((i: any) => i.message)).toEqual([
      "target: il target è espresso in percentuale, che non vale per un indicatore in date: indicarlo di nuovo (target) insieme all'unità",
      "baseline: la baseline è espressa in percentuale, che non vale per un indicatore in date: indicarla di nuovo (baseline) insieme all'unità, o null per nessuna",
      "nextTargets.0: il target dell'anno +1 è espresso in percentuale, che non vale per un indicatore in date: indicare di nuovo i target degli anni successivi (nextTargets) insieme all'unità",
      "nextTargets.1: il target dell'anno +2 è espresso in percentuale, che non vale per un indicatore in date: indicare di nuovo i target degli anni successivi (nextTargets) insieme all'unità",
    ]);
    controller.language = 'en';
    // The target given again: the horizon is still asked for.
    const english = await controller.request('PATCH', path(id), { unit: 'date', target: '2024-09-30', version: 2 });
    expect(english.status).toBe(400);
    expect(english.body.error.issues.map((i: any) => i.message)).toEqual([
      'baseline: the baseline is given in percent, which means nothing for an indicator in dates: give it again (baseline) with the unit, or null for none',
      "nextTargets.0: the target of the plan's year + 1 is given in percent, which means nothing for an indicator in dates: give the next years' targets again (nextTargets) with the unit",
      "nextTargets.1: the target of the plan's year + 2 is given in percent, which means nothing for an indicator in dates: give the next years' targets again (nextTargets) with the unit",
    ]);
    // Nothing stored, nothing recorded.
    expect(await stored(id)).toMatchObject({ unit: 'percent', target: 100, baseline: 80, nextTargets: [{ target: 110 }, { target: 120 }], definitionVersion: 2 });
    expect((await trail(id)).length).toBe(before);

    // Everything given again (the baseline dropped): taken, and the record has both sides.
    const dated = await controller.request('PATCH', path(id), { unit: 'date', target: '2024-09-30', baseline: null, nextTargets: ['2025-09-30', null], version: 2 });
    expect(dated.status, dated.text).toBe(200);
    expect(await stored(id)).toMatchObject({ unit: 'date', target: '2024-09-30', baseline: null, nextTargets: [{ target: '2025-09-30' }, { target: null }], definitionVersion: 3 });
    const last = (await trail(id)).find((e) => e.action === 'update' && e.after?.version === 3);
    expect(last?.before).toMatchObject({ unit: 'percent', target: { kind: 'number', value: '100' }, baseline: { kind: 'number', value: '80' } });
    expect(last?.after).toMatchObject({ unit: 'date', target: { kind: 'date', value: '2024-09-30' }, baseline: null });
    // Yes/no from a date: the target kept as a date is asked for too.
    const yesNo = await controller.request('PATCH', path(id), { unit: 'boolean', nextTargets: null, version: 3 });
    expect(yesNo.body.error?.issues.map((i: any) => i.location.field)).toEqual(['target']);
  });

  it('keeps an indicator computed by a formula in numbers or percent: a formula gives a number, never a date or a yes/no', async () => {
    const ratio = { kind: 'ratio', numerator: 'evase', denominator: 'ricevute' };
    // Created so: refused at the unit.
    controller.language = 'it';
    const born = await controller.request('POST', `/api/plans/${planId}/nodes/B.2.2/indicators`, {
      name: 'Tasso di evasione',
      weight: 10,
      comparator: '<=',
      target: '2024-09-30',
      unit: 'date',
      formula: ratio,
    });
    expect(born.status).toBe(400);
    expect(born.body.error.issues).toEqual([
      expect.objectContaining({
        location: { field: 'unit' },
        message:
          "unit: l'indicatore si calcola con una formula (rapporto tra due misure di base), che dà un numero: non può essere in date; scegliere numeri o percentuale, o togliere la formula (formula: null) insieme all'unità",
      }),
    ]);
    const id = await newIndicator({
      name: 'Tasso di evasione',
      weight: 10,
      comparator: '>=',
      target: 90,
      unit: 'percent',
      formula: ratio,
    });

    // To yes/no, the target given again: refused at the unit, in both languages; nothing stored.
    const before = (await trail(id)).length;
    const refused = await controller.request('PATCH', path(id), { unit: 'boolean', target: true, version: 1 });
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('invalid-body');
    expect(refused.body.error.issues.map((i: any) => i.location.field)).toEqual(['unit']);
    controller.language = 'en';
    const english = await controller.request('PATCH', path(id), { unit: 'date', target: '2024-09-30', version: 1 });
    expect(english.body.error.issues.map((i: any) => i.message)).toEqual([
      'unit: the indicator is computed by a formula (ratio of two base measures), which gives a number: it cannot be in dates; choose numbers or percent, or remove the formula (formula: null) with the unit',
    ]);
    expect(await stored(id)).toMatchObject({ unit: 'percent', target: 90, definitionVersion: 1 });
    expect((await trail(id)).length).toBe(before);

    // Numbers are numbers; without its formula it may be a yes/no.
    expect((await controller.request('PATCH', path(id), { unit: 'number', version: 1 })).status).toBe(200);
    const onOff = await controller.request('PATCH', path(id), { unit: 'boolean', target: true, formula: null, version: 2 });
    expect(onOff.status, onOff.text).toBe(200);
    expect(await stored(id)).toMatchObject({ unit: 'boolean', target: true, definitionVersion: 3 });

    // A formula given to a yes/no indicator: refused at the formula.
    const given = await controller.request('PATCH', path(id), { formula: { kind: 'children_mean' }, version: 3 });
    expect(given.status).toBe(400);
    expect(given.body.error.issues.map((i: any) => [i.location.field, i.message])).toEqual([
      [
        'formula',
        'formula: the indicator is computed by a formula (weighted mean of the child objectives), which gives a number: it cannot be in yes/no; give a unit in numbers or percent (unit) with the formula',
      ],
    ]);
  });

  it('refuses an imported template whose indicator computed by a formula is in dates, at its Unità cell, storing nothing', async () => {
    const workbook = buildTemplate();
    const sheet = workbook.getWorksheet('Albero')!;
    [
      ['A', null, 'Competitività', 'obiettivo'],
      [null, 'A', 'Media dei figli', 'indicatore', 100, '>=', null, 'data', null, null, null, 'media obiettivi figli'],
      ['A.1', 'A', 'Internazionalizzazione', 'obiettivo'],
      [null, 'A.1', 'Imprese assistite', 'indicatore', 100, '>=', 10, 'numero', 12],
    ].forEach((cells, r) => cells.forEach((v, c) => (sheet.getRow(r + 2).getCell(c + 1).value = v)));
    const form = new FormData();
    form.set('file', new Blob([(await workbookBytes(workbook)) as BlobPart]), 'piano-2025.xlsx');
    const plans = (await controller.get('/api/plans')).body.length;
    const refused = await controller.request('POST', '/api/plans/import', form, { 'accept-language': 'it' });
    expect(refused.status, refused.text).toBe(422);
    expect(refused.body.error.code).toBe('invalid-file');
    expect(refused.body.error.issues.filter((i: any) => i.code === 'formula-unit').map((i: any) => [i.location, i.message])).toEqual([
      [
        { file: 'piano-2025.xlsx', sheet: 'Albero', cell: 'H3' },
        "l'indicatore «Media dei figli» si calcola con una formula (media ponderata degli obiettivi figli), che dà un numero: non può essere in date; indicare come unità numeri o percentuale, o togliere la formula",
      ],
    ]);
    const english = await controller.request('POST', '/api/plans/import', form, { 'accept-language': 'en' });
    expect(english.status).toBe(422);
    expect(english.body.error.message).toContain('it cannot be in dates');
    expect((await controller.get('/api/plans')).body.length).toBe(plans);
  });

  it('counts a value entered between the look at the open periods and the change itself', async () => {
    const id = await newIndicator({ name: 'Sportelli aperti', weight: 10, comparator: '>=', target: 5, unit: 'number' });
    // The route looks at the open periods and finds nothing; a referente's 4 lands before the change is stored.
    const store = t.server.store;
    const look = store.openActuals;
    store.openActuals = async (plan, indicator) => {
      const seen = await look.call(store, plan, indicator);
      const entered = await store.putMeasurement(plan, indicator, '2024-12-31', { state: 'measured', actual: { kind: 'number', value: new Decimal(4) } }, 0, { id: null, username: 'referente' });
      expect(entered.ok).toBe(true);
      return seen;
    };
    const before = (await trail(id)).length;
    let refused;
    try {
      controller.language = 'en';
      refused = await controller.request('PATCH', path(id), { unit: 'date', target: '2024-09-30', version: 1 });
    } finally {
      store.openActuals = look;
    }
    // Refused as the look would have refused it, had it come a moment later: nothing stored.
    expect(refused.status, refused.text).toBe(400);
    expect(refused.body.error.issues).toEqual([
      expect.objectContaining({
        location: { field: 'unit' },
        message:
          'unit: actuals in numbers are recorded in periods still open (31/12/2024), which mean nothing for an indicator in dates: set them to “not measured” before changing the unit, then enter them again; closed or validated periods stay as they were closed',
      }),
    ]);
    expect(await stored(id)).toMatchObject({ unit: 'number', target: 5, actual: 4, definitionVersion: 1 });
    expect((await trail(id)).length).toBe(before + 1);
    expect((await trail(id))[0]).toMatchObject({ action: 'measure' });
  });

  it('refuses a new unit while values recorded in the old one sit in a period still open; a closed period stays as it was closed', async () => {
    const id = await newIndicator({ name: 'Bandi pubblicati', weight: 10, comparator: '>=', target: 20, unit: 'number' });
    const value = (period: string, body: object) => controller.request('PUT', `/api/plans/${planId}/indicators/${enc(id)}/measurements/${period}`, body);
    // A first-quarter period, its value entered and the period closed; the year end's value entered, still open.
    expect((await controller.request('POST', `/api/plans/${planId}/periods`, { endsOn: '2024-03-31' })).status).toBe(201);
    expect((await value('2024-03-31', { state: 'measured', actual: 8, version: 0 })).status).toBe(200);
    for (const to of ['collecting', 'closed']) expect((await controller.request('POST', `/api/plans/${planId}/periods/2024-03-31/transition`, { to, acknowledgeUnreviewed: true })).status).toBe(200);
    const yearEnd = await value('2024-12-31', { state: 'measured', actual: 19, version: 0 });
    expect(yearEnd.status, yearEnd.text).toBe(200);

    // Number to percent: 19 is still 19.
    expect((await controller.request('PATCH', path(id), { unit: 'percent', target: 20, version: 1 })).status).toBe(200);

    // To a date, the target given again: refused at the unit for the open period's 19, not the closed one's 8.
    await refusedAt(id, { unit: 'date', target: '2024-09-30', version: 2 }, 'unit', {
      it: "unit: ci sono consuntivi in percentuale nei periodi ancora aperti (31/12/2024), che non valgono per un indicatore in date: riportarli a «non misurato» prima di cambiare l'unità, poi inserirli di nuovo; i periodi chiusi o validati restano come sono stati chiusi",
      en: 'unit: actuals in percent are recorded in periods still open (31/12/2024), which mean nothing for an indicator in dates: set them to “not measured” before changing the unit, then enter them again; closed or validated periods stay as they were closed',
    });
    expect(await stored(id)).toMatchObject({ unit: 'percent', target: 20, actual: 19, definitionVersion: 2 });

    // The year end's value set back to not measured: the change is taken, and a date can be entered.
    expect((await value('2024-12-31', { state: 'not_measured', version: yearEnd.body.measurement.version })).status).toBe(200);
    const dated = await controller.request('PATCH', path(id), { unit: 'date', comparator: '<=', target: '2024-09-30', version: 2 });
    expect(dated.status, dated.text).toBe(200);
    expect((await value('2024-12-31', { state: 'measured', actual: '2024-09-15', version: yearEnd.body.measurement.version + 1 })).status).toBe(200);
    expect(await stored(id)).toMatchObject({ unit: 'date', actual: '2024-09-15', performance: 100 });
    // The closed first quarter is read as it was closed: 8 against 20, in numbers.
    const quarter = indicatorOf((await controller.get(`/api/plans/${planId}/tree?period=2024-03-31`)).body, id);
    expect(quarter).toMatchObject({ unit: 'number', target: 20, actual: 8 });

    // Reopened, it is read with the plan as it is: the 8 stays as it was closed (never rewritten),
    // and the reopening, its record and the tree say it was entered before the unit changed.
    const reopened = await controller.request('POST', `/api/plans/${planId}/periods/2024-03-31/transition`, { to: 'collecting', reason: 'richiesta OIV' });
    expect(reopened.status, reopened.text).toBe(200);
    expect(reopened.body).toMatchObject({ state: 'collecting', enteredInOldUnit: [{ indicatorId: id, indicator: 'Bandi pubblicati', unit: 'date' }] });
    const reopening = (await controller.get(`/api/audit?planId=${planId}`)).body.find(
      (e: any) => e.entity === 'period' && e.entityId === '2024-03-31' && e.after?.state === 'collecting' && e.reason === 'richiesta OIV',
    );
    expect(reopening?.after).toEqual({ state: 'collecting', enteredInOldUnit: [id] });
    const tree = (await controller.get(`/api/plans/${planId}/tree?period=2024-03-31`)).body;
    expect(indicatorOf(tree, id)).toMatchObject({ unit: 'date', actual: 8, performance: null });
    const said = tree.issues.filter((i: any) => i.params?.indicator === 'Bandi pubblicati');
    expect(said.map((i: any) => [i.code, renderMessage(i.code, i.params, 'it')])).toEqual([
      [
        'actual-in-old-unit',
        "«Bandi pubblicati»: il consuntivo registrato è un numero, ma l'indicatore ora è in date: è stato inserito prima che l'unità cambiasse e non si può valutare; inserirlo di nuovo in date",
      ],
    ]);
    // Entered again as a date, it scores; the reopening of a period with nothing in an old unit names nothing.
    const again = await controller.get(`/api/plans/${planId}/tree?period=2024-03-31`);
    expect((await value('2024-03-31', { state: 'measured', actual: '2024-03-20', version: indicatorOf(again.body, id).version })).status).toBe(200);
    expect(indicatorOf((await controller.get(`/api/plans/${planId}/tree?period=2024-03-31`)).body, id)).toMatchObject({ unit: 'date', actual: '2024-03-20', performance: 100 });
    for (const to of ['closed', 'collecting']) {
      const moved = await controller.request('POST', `/api/plans/${planId}/periods/2024-03-31/transition`, { to, reason: 'verifica', acknowledgeUnreviewed: true });
      expect(moved.status, moved.text).toBe(200);
      expect(moved.body.enteredInOldUnit).toEqual(to === 'collecting' ? [] : undefined);
    }
  });
});
