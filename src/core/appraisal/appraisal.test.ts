import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal } from '../decimal.js';
import { renderIssueCode } from '../messages/index.js';
import { issueText } from '../issues.js';
import { evaluatePlan } from '../evaluation.js';
import { DEFAULT_SETTINGS } from '../settings.js';
import {
  bandOf,
  bandProblems,
  computeForm,
  indicatorThresholdBands,
  distributeFund,
  exampleSmvpJson,
  formatCents,
  organisationalScores,
  orgSourceText,
  unitObjectiveSource,
  parseCents,
  proRata,
  smvpFromJson,
  smvpToJson,
  type FormInput,
  type RatingBand,
  type Smvp,
} from './index.js';

const d = (v: string | number): Decimal => new Decimal(v);
const band = (label: string, min: number, max: number, share = 100): RatingBand => ({ label, min: d(min), max: d(max), share: d(share) });

function smvp(changes: (doc: any) => void = () => {}): Smvp {
  const doc: any = exampleSmvpJson('Camera di commercio', 2024);
  changes(doc);
  const read = smvpFromJson(doc);
  if (read.value === null) throw new Error(JSON.stringify(read.issues));
  return read.value;
}

describe('rating bands', () => {
  const table = [band('Eccellente', 90.01, 100), band('Buono', 75.01, 90, 80), band('Adeguato', 60, 75, 50), band('Non adeguato', 0, 59.99, 0)];

  it('finds the band at the edges, on the score rounded to two decimals', () => {
    expect(bandProblems(table, 'bands')).toEqual([]);
    expect(bandOf(d(100), table)?.label).toBe('Eccellente');
    expect(bandOf(d('90.01'), table)?.label).toBe('Eccellente');
    expect(bandOf(d('90.005'), table)?.label).toBe('Eccellente'); // 90,01 as shown
    expect(bandOf(d('90.004'), table)?.label).toBe('Buono');
    expect(bandOf(d(90), table)?.label).toBe('Buono');
    expect(bandOf(d(60), table)?.label).toBe('Adeguato');
    expect(bandOf(d('59.99'), table)?.label).toBe('Non adeguato');
    expect(bandOf(d(0), table)?.label).toBe('Non adeguato');
  });

  it('refuses the published overlap 91–100 / 76–91 and the gap 91–100 / 76–90 with their place', () => {
    const overlap = bandProblems([band('A', 91, 100), band('B', 76, 91), band('C', 0, 75.99)], 'schemes.0.bands');
    expect(overlap).toHaveLength(1);
    expect(overlap[0]).toMatchObject({ code: 'band-overlap', location: { field: 'schemes.0.bands.0.min' } });
    expect(overlap[0]!.message).toContain('91');
    const gap = bandProblems([band('A', 91, 100), band('B', 76, 90), band('C', 0, 75.99)], 'schemes.0.bands');
    expect(gap).toEqual([expect.objectContaining({ code: 'band-gap', location: { field: 'schemes.0.bands.0.min' } })]);
    expect(gap[0]!.message).toContain('90.01 to 90.99');
    // The catalogue says it in Italian from the same code and parameters.
    expect(renderIssueCode(gap[0]!.code, gap[0]!.params, 'it')).toBe('nessuna fascia copre i punteggi da 90,01 a 90,99 (tra «B» e «A»)');
    expect(bandProblems([band('A', 50, 100)], 'b')[0]).toMatchObject({ code: 'band-gap', location: { field: 'b.0.min' } });
    expect(bandProblems([band('A', 0, 99)], 'b')[0]).toMatchObject({ code: 'band-gap', location: { field: 'b.0.max' } });
  });
});

describe('the SMVP as data', () => {
  it('round-trips through JSON', () => {
    const s = smvp();
    expect(smvpFromJson(smvpToJson(s)).value).toEqual(s);
  });

  it('says where component weights do not sum to 100', () => {
    const doc: any = exampleSmvpJson('Ente', 2024);
    doc.schemes[1].components.unit = 50;
    const read = smvpFromJson(doc);
    expect(read.value).toBeNull();
    expect(read.issues).toEqual([expect.objectContaining({ code: 'component-weights', location: { field: 'schemes.1.components' } })]);
    expect(read.issues[0]!.message).toContain('120');
  });

  it('says where a value is of the wrong kind', () => {
    const doc: any = exampleSmvpJson('Ente', 2024);
    doc.schemes[0].bands[2].max = 'tanto';
    doc.weightPolicy = 'sometimes';
    const read = smvpFromJson(doc);
    expect(read.value).toBeNull();
    expect(read.issues.map((i) => i.location?.field)).toEqual(['schemes.0.bands.2.max', 'weightPolicy']);
    // By code and params: the catalogue says them in Italian and English.
    expect(read.issues.map((i) => [i.code, issueText(i, 'it')])).toEqual([
      ['smvp-field', 'schemes.0.bands.2.max: serve un numero'],
      ['smvp-field', 'weightPolicy: serve uno tra strict, normalise'],
    ]);
    expect(read.issues.map((i) => issueText(i, 'en'))).toEqual(['schemes.0.bands.2.max: expected a number', 'weightPolicy: expected one of strict, normalise']);
    const texts = smvpFromJson({ ...doc, organisation: '', year: 1999, legend: 'verde', weightPolicy: 'strict', schemes: [] });
    expect(texts.issues.map((i) => issueText(i, 'it'))).toEqual([
      'legend: serve un oggetto',
      'legend.green: serve un numero',
      'legend.yellow: serve un numero',
      'organisation: serve un testo da 1 a 300 caratteri',
      'year: serve un numero intero da 2000 a 2100',
    ]);
  });
});

describe('pro rata', () => {
  it('weighs days in each unit and part time; refuses more than full time on one day', () => {
    const r = proRata(2024, [
      { unit: 'A', from: '2024-01-01', to: '2024-06-30', partTime: d(100) },
      { unit: 'B', from: '2024-07-01', to: '2024-12-31', partTime: d(50) },
    ]);
    expect(r.terms.map((t) => [t.days, t.effectiveDays.toString()])).toEqual([
      [182, '182'],
      [184, '92'],
    ]);
    expect(r.presenceDays.toString()).toBe('274');
    expect(r.issues).toEqual([]);
    const clash = proRata(2024, [
      { unit: 'A', from: '2024-01-01', to: '2024-06-30', partTime: d(100) },
      { unit: 'B', from: '2024-06-01', to: '2024-12-31', partTime: d(50) },
    ]);
    expect(clash.issues).toEqual([
      expect.objectContaining({ code: 'assignments-overlap', params: { from: '01/06/2024', to: '30/06/2024', load: '150', units: ['A', 'B'] }, location: { field: 'assignments.1.from' } }),
    ]);
    expect(clash.issues.map((i) => [issueText(i, 'it'), issueText(i, 'en')])).toEqual([
      ['dal 01/06/2024 al 30/06/2024 le assegnazioni a A e B sommano al 150% del tempo pieno', 'from 01/06/2024 to 30/06/2024 the assignments to A and B add up to 150% of full time'],
    ]);
    expect(
      proRata(2024, [
        { unit: 'A', from: '2024-01-01', to: '2024-06-30', partTime: d(50) },
        { unit: 'B', from: '2024-01-01', to: '2024-06-30', partTime: d(50) },
      ]).issues,
    ).toEqual([]);
  });
});

describe('pro rata, more than full time', () => {
  it('says every stretch of days over full time, each with its load, units and day range (before: only the first day)', () => {
    const r = proRata(2024, [
      { unit: 'u1', name: 'Ufficio A', from: '2024-01-01', to: '2024-12-31', partTime: d(100) },
      { unit: 'u2', name: 'Ufficio B', from: '2024-03-01', to: '2024-03-31', partTime: d(50) },
      { unit: 'u3', name: 'Ufficio C', from: '2024-03-15', to: '2024-04-10', partTime: d(25.5) },
      { unit: 'u2', name: 'Ufficio B', from: '2024-09-30', to: '2024-09-30', partTime: d(10) },
    ]);
    expect(r.issues.map((i) => [i.code, i.params, i.location])).toEqual([
      ['assignments-overlap', { from: '01/03/2024', to: '14/03/2024', load: '150', units: ['Ufficio A', 'Ufficio B'] }, { field: 'assignments.1.from' }],
      ['assignments-overlap', { from: '15/03/2024', to: '31/03/2024', load: '175.5', units: ['Ufficio A', 'Ufficio B', 'Ufficio C'] }, { field: 'assignments.2.from' }],
      ['assignments-overlap', { from: '01/04/2024', to: '10/04/2024', load: '125.5', units: ['Ufficio A', 'Ufficio C'] }, { field: 'assignments.2.from' }],
      ['assignments-overlap', { from: '30/09/2024', to: '30/09/2024', load: '110', units: ['Ufficio A', 'Ufficio B'] }, { field: 'assignments.3.from' }],
    ]);
    expect(r.issues.map((i) => issueText(i, 'it'))).toEqual([
      'dal 01/03/2024 al 14/03/2024 le assegnazioni a Ufficio A e Ufficio B sommano al 150% del tempo pieno',
      'dal 15/03/2024 al 31/03/2024 le assegnazioni a Ufficio A, Ufficio B e Ufficio C sommano al 175,5% del tempo pieno',
      'dal 01/04/2024 al 10/04/2024 le assegnazioni a Ufficio A e Ufficio C sommano al 125,5% del tempo pieno',
      'il 30/09/2024 le assegnazioni a Ufficio A e Ufficio B sommano al 110% del tempo pieno',
    ]);
    expect(issueText(r.issues[3]!, 'en')).toBe('on 30/09/2024 the assignments to Ufficio A and Ufficio B add up to 110% of full time');
  });

  it('names a unit once when it is assigned twice at once, and says nothing of an assignment outside the year', () => {
    const r = proRata(2024, [
      { unit: 'u1', name: 'Ufficio A', from: '2023-01-01', to: '2024-01-31', partTime: d(100) },
      { unit: 'u1', name: 'Ufficio A', from: '2024-01-15', to: '2024-02-29', partTime: d(50) },
      { unit: 'u2', name: 'Ufficio B', from: '2023-06-01', to: '2023-12-31', partTime: d(100) },
    ]);
    expect(r.issues.filter((i) => i.severity === 'error').map((i) => issueText(i, 'en'))).toEqual(['from 15/01/2024 to 31/01/2024 the assignments to Ufficio A add up to 150% of full time']);
  });
});

describe('an appraisal form', () => {
  const org = {
    body: d(90),
    units: new Map([
      ['Ufficio A', d(80)],
      ['Ufficio B', d(60)],
    ]),
  };
  const base: FormInput = {
    category: 'dirigente',
    year: 2024,
    assignments: [{ unit: 'Ufficio A', from: '2024-01-01', to: '2024-12-31', partTime: d(100) }],
    objectives: [
      {
        id: 'o1',
        title: 'Digitalizzare le pratiche',
        weight: d(60),
        comparator: '>=',
        target: { kind: 'number', value: d(100) },
        unit: 'number',
        scoring: { kind: 'proportional' },
        measurement: { state: 'measured', actual: { kind: 'number', value: d(90) } },
      },
      {
        id: 'o2',
        title: 'Ridurre i tempi',
        weight: d(40),
        comparator: '<=',
        target: { kind: 'number', value: d(30) },
        unit: 'number',
        scoring: null,
        measurement: { state: 'measured', actual: { kind: 'number', value: d(25) } },
      },
    ],
    ratings: { C1: 5, C2: 4, C3: 3, C4: 4 },
  };

  it('weighs the components as the scheme says and explains each step', () => {
    const r = computeForm(smvp(), base, org);
    // body 90 × 10% + unit 80 × 30% + objectives (60%·90 + 40%·100 = 94) × 30% + behaviours (30%·100 + 20%·90 + 20%·70 + 30%·90 = 89) × 30%
    expect(r.components.map((c) => [c.kind, c.score?.toString()])).toEqual([
      ['body', '90'],
      ['unit', '80'],
      ['objectives', '94'],
      ['behaviours', '89'],
    ]);
    expect(r.score?.toString()).toBe('87.9');
    expect(r.band?.label).toBe('Buono');
    expect(r.complete).toBe(true);
    expect(r.steps.at(-1)!.it).toBe('Punteggio finale = 9,00 + 24,00 + 28,20 + 26,70 = 87,90%: fascia «Buono» (75,01–90,00), coefficiente di premio 80,00%.');
    // Names in «», weights as the published table writes them (60%, not 60,00%), as the form's document prints its table.
    expect(r.steps.filter((s) => s.code === 'objective' || s.code === 'behaviour').map((s) => s.it)).toEqual([
      expect.stringMatching(/^Obiettivo «[^»"]+» \(peso 60%\): /),
      expect.stringMatching(/^Obiettivo «[^»"]+» \(peso 40%\): /),
      expect.stringMatching(/^Comportamento C1 «[^»"]+» \(peso 30%\): /),
      expect.stringMatching(/^Comportamento C2 «[^»"]+» \(peso 20%\): /),
      expect.stringMatching(/^Comportamento C3 «[^»"]+» \(peso 20%\): /),
      expect.stringMatching(/^Comportamento C4 «[^»"]+» \(peso 30%\): /),
    ]);
  });

  it('writes the numbers of the English steps the English way', () => {
    const r = computeForm(smvp(), { ...base, assignments: [{ ...base.assignments[0]!, partTime: new Decimal(50) }] }, org);
    expect(r.steps.at(-1)!.en).toMatch(/^Final score = \d+\.\d\d( \+ \d+\.\d\d)+ = \d+\.\d\d%: band “[^”]+” \(\d+\.\d\d–\d+\.\d\d\), bonus coefficient \d+\.\d\d%\.$/);
    expect(r.steps.find((s) => s.code === 'presence')!.en).toBe('Presence in the year: 183 effective days of 366 (50.00%).');
    for (const step of r.steps) expect(step.en, step.en).not.toMatch(/\d,\d/);
  });

  it('takes the unit pro rata and re-normalises a component without a score', () => {
    const r = computeForm(
      smvp(),
      {
        ...base,
        assignments: [
          { unit: 'Ufficio A', from: '2024-01-01', to: '2024-06-30', partTime: d(100) },
          { unit: 'Ufficio B', from: '2024-07-01', to: '2024-12-31', partTime: d(50) },
        ],
      },
      { ...org, body: null },
    );
    expect(
      r.components
        .find((c) => c.kind === 'unit')!
        .score!.toDecimalPlaces(6)
        .toString(),
    ).toBe(
      d(182 * 80 + 92 * 60)
        .div(274)
        .toDecimalPlaces(6)
        .toString(),
    );
    expect(r.components.find((c) => c.kind === 'body')!.share).toBeNull();
    expect(r.components.find((c) => c.kind === 'unit')!.share!.toString()).toBe(d(30).div(90).toString());
    expect(r.issues).toContainEqual(expect.objectContaining({ code: 'component-missing' }));
    expect(r.steps.some((s) => s.code === 'unit-pro-rata')).toBe(true);
  });

  it('gives the same result without the explanation, for the list of forms', () => {
    const moved = {
      ...base,
      assignments: [
        { unit: 'Ufficio A', from: '2024-01-01', to: '2024-06-30', partTime: d(100) },
        { unit: 'Ufficio B', from: '2024-07-01', to: '2024-12-31', partTime: d(50) },
      ],
      ratings: { ...base.ratings, C1: 7 },
    };
    for (const input of [base, moved]) {
      const explained = computeForm(smvp(), input, org);
      const bare = computeForm(smvp(), input, org, { explain: false });
      expect(explained.steps.length).toBeGreaterThan(0);
      expect(bare.steps).toEqual([]);
      expect({ ...bare, steps: explained.steps }).toEqual(explained);
    }
  });

  it('refuses objective weights not summing to 100 under the strict policy, and says so under normalise', () => {
    const heavy = { ...base, objectives: base.objectives.map((o) => ({ ...o, weight: d(60) })) };
    expect(computeForm(smvp(), heavy, org).issues).toContainEqual(expect.objectContaining({ severity: 'error', code: 'objective-weights', location: { field: 'objectives' } }));
    const normalised = computeForm(
      smvp((doc) => (doc.weightPolicy = 'normalise')),
      heavy,
      org,
    );
    expect(normalised.issues).toContainEqual(expect.objectContaining({ severity: 'warning', code: 'objective-weights-normalised' }));
    expect(normalised.steps.some((s) => s.it.includes('sommano a 120,00%'))).toBe(true);
    expect(normalised.components.find((c) => c.kind === 'objectives')!.score!.toString()).toBe('95'); // (90 + 100) / 2
  });

  it('refuses a rating outside the scale and marks an unrated form incomplete', () => {
    const r = computeForm(smvp(), { ...base, ratings: { C1: 7 } }, org);
    expect(r.issues).toContainEqual(expect.objectContaining({ code: 'rating-outside-scale', location: { field: 'ratings.C1' } }));
    expect(r.complete).toBe(false);
  });

  it('treats N.V. objectives as the SMVP says', () => {
    const nv = { ...base, objectives: [base.objectives[0]!, { ...base.objectives[1]!, measurement: { state: 'not_evaluable' as const, reason: 'norma abrogata' } }] };
    expect(
      computeForm(smvp(), nv, org)
        .components.find((c) => c.kind === 'objectives')!
        .score!.toString(),
    ).toBe('90');
    expect(
      computeForm(
        smvp((doc) => (doc.notEvaluable = 'achieved')),
        nv,
        org,
      )
        .components.find((c) => c.kind === 'objectives')!
        .score!.toString(),
    ).toBe('94');
  });
});

describe('the organisational components from the tree', () => {
  const ind = (value: number) => ({
    id: `i${value}`,
    name: 'x',
    weight: d(100),
    comparator: '>=' as const,
    tolerance: null,
    target: { kind: 'number' as const, value: d(100) },
    unit: 'number' as const,
    scoring: { kind: 'proportional' as const },
    formula: null,
    measurement: { state: 'measured' as const, actual: { kind: 'number' as const, value: d(value) } },
  });
  it('rolls the areas up for the body and takes the topmost objectives of a unit', () => {
    const evaluation = evaluatePlan({
      title: 't',
      settings: DEFAULT_SETTINGS,
      nodes: [
        { code: 'A', title: 'A', parent: null, weight: null, indicators: [] },
        { code: 'A.1', title: 'A.1', parent: 'A', weight: null, indicators: [ind(80)] },
        { code: 'A.1.1', title: 'A.1.1', parent: 'A.1', weight: null, indicators: [ind(50)] },
        { code: 'B', title: 'B', parent: null, weight: null, indicators: [ind(100)] },
      ],
    });
    const units: Record<string, string> = { 'A.1': 'U1', 'A.1.1': 'U1', B: 'U2' };
    const org = organisationalScores(evaluation, (code) => units[code] ?? null);
    expect(org.body!.toString()).toBe('90');
    expect(org.units.get('U1')!.toString()).toBe('80');
    expect(org.detail.get('U1')!.objectives.map((o) => o.code)).toEqual(['A.1']);
    expect(org.units.get('U2')!.toString()).toBe('100');

    // The OIV validated A.1 at 70 (reported 80) and B at 40 (reported 100): the units take them.
    const validated = organisationalScores(
      evaluatePlan(evaluation.plan, {
        forced: new Map([
          ['A.1', d(70)],
          ['B', d(40)],
        ]),
      }),
      (code) => units[code] ?? null,
    );
    // A (an area with no indicators) rolls up from A.1 forced at 70: body = mean(70, 40) = 55.
    expect(validated.body!.toString()).toBe('55');
    expect(validated.units.get('U1')!.toString()).toBe('70');
    expect(validated.units.get('U2')!.toString()).toBe('40');
  });

  it('marks an objective whose value moved with a validated one below it, with its reported value', () => {
    const plan = {
      title: 't',
      settings: DEFAULT_SETTINGS,
      nodes: [
        { code: 'A', title: 'A', parent: null, weight: null, indicators: [] },
        { code: 'A.1', title: 'Uno', parent: 'A', weight: null, indicators: [] },
        { code: 'A.1.1', title: 'A.1.1', parent: 'A.1', weight: null, indicators: [ind(80)] },
        { code: 'B', title: 'Bi', parent: null, weight: null, indicators: [ind(100)] },
      ],
    };
    // U1 answers for A.1 only; the OIV changed A.1.1 (80 → 60), below it: A.1 is 60 now, not as reported.
    const units: Record<string, string> = { 'A.1': 'U1', B: 'U2' };
    const org = organisationalScores(evaluatePlan(plan, { forced: new Map([['A.1.1', d(60)]]) }), (code) => units[code] ?? null, evaluatePlan(plan));
    const [a1] = org.detail.get('U1')!.objectives;
    expect(a1!.performance!.toString()).toBe('60');
    expect(a1!.reported!.toString()).toBe('80');
    expect(a1!.rolledUp).toBe(true);
    expect(unitObjectiveSource(a1!, 'it')).toBe("ricalcolato dai valori validati dall'OIV, conta (rendicontato 80,00%)");
    expect(unitObjectiveSource(a1!, 'en')).toBe('recomputed from the values validated by the OIV, which counts (reported 80.00%)');
    // B did not move: the reported value, said as such.
    const [b] = org.detail.get('U2')!.objectives;
    expect(b!.reported).toBeUndefined();
    expect(unitObjectiveSource(b!, 'it')).toBe('valore rendicontato');
  });
});

describe('where the organisational results come from, in words', () => {
  it('names the validation with its date and reservations, or why the reported figures stand', () => {
    const validated = { kind: 'validated', at: '2025-05-15T09:30:00.000Z', reservations: true } as const;
    expect(orgSourceText(validated, 'it')).toBe("Risultati organizzativi: valori validati dall'OIV (Relazione validata con riserve il 15/05/2025)");
    expect(orgSourceText({ ...validated, reservations: false }, 'en')).toBe('Organisational results: the values validated by the OIV (Relazione validated on 15/05/2025)');
    expect(orgSourceText({ kind: 'reported', relazione: 'transmitted' }, 'it')).toBe("Risultati organizzativi: valori rendicontati (Relazione non ancora validata dall'OIV)");
    expect(orgSourceText({ kind: 'reported', relazione: 'not_validated' }, 'en')).toBe('Organisational results: the reported values (Relazione not validated by the OIV)');
    expect(orgSourceText({ kind: 'reported', relazione: null }, 'it')).toBe('Risultati organizzativi: valori rendicontati');
  });

  it("dates the validation by Rome's calendar, not UTC's: 23:30 UTC on 31 December is 1 January", () => {
    const late = { kind: 'validated', at: '2025-12-31T23:30:00.000Z', reservations: false } as const;
    expect(orgSourceText(late, 'it')).toBe("Risultati organizzativi: valori validati dall'OIV (Relazione validata il 01/01/2026)");
    expect(orgSourceText(late, 'en')).toBe('Organisational results: the values validated by the OIV (Relazione validated on 01/01/2026)');
    // Summer time: 22:30 UTC on 30 June is 00:30 on 1 July in Rome.
    expect(orgSourceText({ ...late, at: '2025-06-30T22:30:00.000Z' }, 'it')).toContain('il 01/07/2025');
  });
});

describe('per-indicator thresholds ("range di valutazione" on a row)', () => {
  it('bands that indicator with its own range, says so in the explanation, leaves the others to the legend', () => {
    const ind = (id: string, name: string, value: number) => ({
      id,
      name,
      weight: d(50),
      comparator: '>=' as const,
      tolerance: null,
      target: { kind: 'number' as const, value: d(100) },
      unit: 'number' as const,
      scoring: { kind: 'proportional' as const },
      formula: null,
      measurement: { state: 'measured' as const, actual: { kind: 'number' as const, value: d(value) } },
    });
    // The plan's legend (80/60): 85 is green. The SMVP gives "Pratiche evase" a 90/70 range: 85 is yellow there.
    const evaluation = evaluatePlan({
      title: 't',
      settings: DEFAULT_SETTINGS,
      nodes: [{ code: 'A.1', title: 'A.1', parent: null, weight: null, indicators: [ind('i1', 'Pratiche evase', 85), ind('i2', 'Tempi medi', 85)] }],
    });
    const smvp = {
      legend: { green: d(80), yellow: d(60), greenInclusive: false, yellowInclusive: true },
      indicatorThresholds: [{ code: 'A.1', indicator: ' pratiche  EVASE', green: d(90), yellow: d(70) }],
    };
    const bands = indicatorThresholdBands(evaluation, smvp);
    expect(bands.map((b) => [b.indicatorId, b.band, b.legendBand])).toEqual([['i1', 'yellow', 'green']]);
    expect(bands[0]!.step.it).toBe(
      'Indicatore "Pratiche evase" (A.1): range di valutazione proprio dal SMVP (verde oltre il 90,00%, giallo da 70,00%): punteggio 85,00% → giallo (con la legenda del piano sarebbe verde).',
    );
    expect(bands[0]!.step.en).toContain('score 85.00% → yellow');
    // The thresholds are said as the table prints a percentage in English too (they were `90%`, `70%`).
    expect(bands[0]!.step.en).toContain('(green above 90.00%, yellow from 70.00%)');
    // 90 is not above 90: yellow; 70 is yellow (from 70 included); 69,99 red.
    for (const [value, band] of [
      [95, 'green'],
      [90, 'yellow'],
      [70, 'yellow'],
      [69.99, 'red'],
    ] as const) {
      const e = evaluatePlan({ title: 't', settings: DEFAULT_SETTINGS, nodes: [{ code: 'A.1', title: 'A.1', parent: null, weight: null, indicators: [ind('i1', 'Pratiche evase', value)] }] });
      expect(indicatorThresholdBands(e, smvp, 'A.1')[0]!.band, String(value)).toBe(band);
    }
    expect(indicatorThresholdBands(evaluation, { ...smvp, indicatorThresholds: [] })).toEqual([]);
  });
});

describe('the bonus fund', () => {
  it('shares to the cent by the largest remainder, ties to the higher score', () => {
    const r = distributeFund(10000n, [
      { id: 'a', weight: d(1), score: d(80) },
      { id: 'b', weight: d(1), score: d(95) },
      { id: 'c', weight: d(1), score: d(90) },
    ]);
    expect(r.allotments.map((a) => [a.id, a.cents])).toEqual([
      ['a', 3333n],
      ['b', 3334n],
      ['c', 3333n],
    ]);
    expect(r.allotments.find((a) => a.id === 'b')!.extraCent).toBe(true);
    const zero = distributeFund(500n, [{ id: 'a', weight: d(0), score: d(10) }]);
    expect(zero.undistributedCents).toBe(500n);
    expect(zero.issues[0]!.code).toBe('nobody-eligible');
  });

  it("says the fund's problems in Italian and English, at their field", () => {
    const zero = distributeFund(500n, [{ id: 'a', weight: d(0), score: d(10) }]).issues[0]!;
    expect(zero).toMatchObject({ severity: 'warning', code: 'nobody-eligible', location: { field: 'fund' } });
    expect(issueText(zero, 'it')).toBe('nessuno ha diritto a una quota (nessuno è in una fascia con coefficiente di premio sopra 0): il fondo resta da distribuire');
    const negative = distributeFund(-1n, [{ id: 'a', weight: d(1), score: null }]).issues[0]!;
    expect([negative.code, issueText(negative, 'it'), issueText(negative, 'en'), negative.location]).toEqual([
      'fund-negative',
      'il fondo non può essere negativo',
      'the fund cannot be negative',
      { field: 'fund' },
    ]);
    const claim = distributeFund(100n, [
      { id: 'a', weight: d(1), score: null },
      { id: 'scheda-7', weight: d(-1), score: null },
    ]).issues[0]!;
    expect([claim.code, issueText(claim, 'it'), claim.location]).toEqual(['claim-weight-negative', 'scheda-7: la quota ha un peso negativo', { field: 'claims.1' }]);
  });

  it('always sums to the fund exactly (property)', () => {
    const claim = fc.record({ coefficient: fc.integer({ min: 0, max: 10000 }), days: fc.integer({ min: 0, max: 36600 }), score: fc.option(fc.integer({ min: 0, max: 10000 })) });
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 13n }), fc.array(claim, { minLength: 1, maxLength: 60 }), (fund, claims) => {
        const r = distributeFund(
          fund,
          claims.map((c, i) => ({ id: String(i), weight: d(c.coefficient).div(100).times(d(c.days).div(100)), score: c.score === null ? null : d(c.score).div(100) })),
        );
        const total = r.allotments.reduce((t, a) => t + a.cents, 0n);
        expect(total + r.undistributedCents).toBe(fund);
        if (claims.some((c) => c.coefficient > 0 && c.days > 0)) expect(r.undistributedCents).toBe(0n);
        r.allotments.forEach((a, i) => {
          if (claims[i]!.coefficient === 0 || claims[i]!.days === 0) expect(a.cents).toBe(0n);
          expect(a.cents >= 0n).toBe(true);
          // Never more than one cent from the exact quota.
          expect(d(a.cents.toString()).minus(a.exact).abs().lessThan(1)).toBe(true);
        });
      }),
      { numRuns: 200 },
    );
  });

  it('reads and writes euros exactly', () => {
    expect(parseCents('12.345,67')).toBe(1234567n);
    expect(parseCents('12345.6')).toBe(1234560n);
    expect(parseCents(100)).toBe(10000n);
    // A number with three decimals is not Italian thousands: refused, not a thousand times the fund.
    expect(parseCents(10.555)).toBeNull();
    expect(parseCents(1.5)).toBe(150n);
    expect(parseCents('1,234')).toBeNull();
    expect(parseCents('-5')).toBeNull();
    expect(formatCents(1234567n)).toBe('12.345,67');
  });
});
