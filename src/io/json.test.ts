/** The streamed evaluation document is the document: same content in any chunk size, one objective a line. */
import { describe, expect, it } from 'vitest';
import { syntheticPlan } from '../../bench/synthetic.js';
import { dec, evaluatePlan, DEFAULT_SETTINGS, reasonText, type Issue, type Plan } from '../core/index.js';
import { fixtureText } from '../../test/helpers.js';
import { terminalSafe } from '../cli/terminal.js';
import { evaluationDocument, evaluationJson, objectiveDocument, planDocument, planFromDocument, terminalJson } from './json.js';
import { parsePublishedText } from './published/text.js';

describe('evaluationJson', () => {
  const { value, issues } = parsePublishedText(fixtureText(), 'albero.txt');
  const evaluation = evaluatePlan(value.plan);

  it('streams the same document as evaluationDocument, whatever the chunk size', () => {
    for (const chunk of [1, 500, 1 << 20]) {
      const pieces = [...evaluationJson(evaluation, issues, 'it', chunk)];
      if (chunk === 1) expect(pieces.length).toBe(evaluation.nodeCount + 1);
      expect(JSON.parse(pieces.join(''))).toEqual(evaluationDocument(evaluation, issues));
    }
  });

  it('writes the amount texts in the language asked, and the rest alike', () => {
    const italian = evaluationDocument(evaluation, issues);
    const english = evaluationDocument(evaluation, issues, 'en');
    const texts = (doc: typeof italian): string[] => doc.objectives.flatMap((o) => o.indicators.flatMap((i) => [i.targetText, i.actualText]));
    expect(texts(italian)).toContain('N.V.');
    expect(texts(italian)).toContain('1.587,10');
    expect(texts(english)).toContain('N.E.');
    expect(texts(english)).toContain('1,587.10');
    expect(texts(english).filter((t) => /\d,\d(?!\d\d)|N\.V\./.test(t))).toEqual([]);
    // The reason the import wrote beside the table's N.V. is said in the language too; a person's would not be.
    const reasons = (doc: typeof italian): unknown[] => doc.objectives.flatMap((o) => o.indicators.flatMap((i) => (i.reason === null ? [] : [i.reason])));
    expect(reasons(italian)).toEqual(['N.V. nella tabella pubblicata']);
    expect(reasons(english)).toEqual(['N.E. in the published table']);
    const blank = (doc: typeof italian): unknown => ({
      ...doc,
      objectives: doc.objectives.map((o) => ({ ...o, indicators: o.indicators.map((i) => ({ ...i, targetText: '', actualText: '', reason: i.reason === null ? null : '' })) })),
    });
    expect(blank(english)).toEqual(blank(italian));
    expect(JSON.parse([...evaluationJson(evaluation, issues, 'en')].join(''))).toEqual(english);
  });

  it('writes one objective per line', () => {
    const lines = [...evaluationJson(evaluation, issues)].join('').split('\n');
    const objectives = lines.filter((l) => l.startsWith('    {"code":'));
    expect(objectives.length).toBe(evaluation.nodeCount);
    expect(JSON.parse(objectives[0]!.trim().replace(/,$/, '')).code).toBe('A');
  });

  it('writes each objective as the JSON of objectiveDocument, byte for byte', () => {
    // Texts the JSON must escape or the terminal must not see raw, numbers past a double's digits,
    // a weight of four decimals, a derived actual that does not terminate.
    const odd: Plan = {
      title: 'Strani "testi"',
      settings: DEFAULT_SETTINGS,
      nodes: [
        { code: 'A', title: 'Area \\ "A"\u0085\u202e', parent: null, weight: null, indicators: [] },
        {
          code: 'A.1',
          title: 'Uno\ttab',
          parent: 'A',
          weight: dec('33.3333'),
          indicators: [
            {
              id: 'A.1:1',
              name: 'Media ponderata\u0000 ✓ \ud800',
              weight: dec('12.3456'),
              comparator: '>=',
              tolerance: null,
              target: { kind: 'number', value: dec('12345678901234567.25') },
              unit: 'number',
              scoring: { kind: 'proportional' },
              formula: null,
              measurement: { state: 'measured', actual: { kind: 'number', value: dec('2.5e-9') } },
            },
            {
              id: 'A.1:2',
              name: 'Data 😀 \u007f \udc00x "sì"',
              weight: dec(50),
              comparator: '<=',
              tolerance: null,
              target: { kind: 'date', value: '2024-06-30' },
              unit: 'date',
              scoring: null,
              formula: null,
              measurement: { state: 'measured', actual: { kind: 'date', value: '2024-07-01' } },
              owner: 'Ufficio \\ "Bilancio"',
            },
          ],
        },
        { code: 'A.2', title: 'Due', parent: 'A', weight: dec('66.6667'), indicators: [] },
      ],
    };
    // One amount object shared by indicators of different units (a table's reader shares a cell's
    // reading among the indicators with that text): each unit's text, not the first one made.
    const shared = { kind: 'number', value: dec('0.69') } as const;
    const sharing: Plan = {
      title: 'Condivisi',
      settings: DEFAULT_SETTINGS,
      nodes: [
        {
          code: 'A',
          title: 'Area',
          parent: null,
          weight: null,
          indicators: (['percent', 'number', 'percent'] as const).map((unit, k) => ({
            id: `A:${k + 1}`,
            name: `Quota ${k + 1}`,
            weight: dec(k === 2 ? 34 : 33),
            comparator: '>=' as const,
            tolerance: null,
            target: shared,
            unit,
            scoring: null,
            formula: null,
            measurement: { state: 'measured' as const, actual: shared },
          })),
        },
      ],
    };
    // In either language of the amount texts (`1.587,10`, N.V. or `1,587.10`, N.E.).
    for (const language of ['it', 'en'] as const) {
      for (const plan of [value.plan, syntheticPlan(3000, 5), syntheticPlan(2000, 3, true), odd, sharing]) {
        const e = evaluatePlan(plan);
        // The CLI's evaluation keeps the scores it writes: the same JSON from them.
        const lines = [...evaluationJson(evaluatePlan(plan, { keepScores: true }), [], language, 700)]
          .join('')
          .split('\n')
          .filter((l) => l.startsWith('    {"code":'));
        // …with what a terminal acts on escaped as the CLI's guard escapes it, which then has nothing left to do.
        expect(lines.map((l) => l.slice(4).replace(/,$/, ''))).toEqual(e.nodeResults.map((r) => terminalSafe(JSON.stringify(objectiveDocument(r, language)))));
        expect(lines.every((l) => terminalSafe(l) === l)).toBe(true);
      }
    }
  });

  it('escapes what a terminal acts on in the title, the legend and the issues too', () => {
    const plan: Plan = { ...value.plan, title: 'Piano\u009b2J \u202e' };
    const issue: Issue = { severity: 'warning', code: 'x', message: 'riga \u0085 \u2066' };
    const text = [...evaluationJson(evaluatePlan(plan), [issue])].join('');
    expect(terminalSafe(text)).toBe(text);
    const document = JSON.parse(text) as { title: string; issues: { message: string }[] };
    expect(document.title).toBe('Piano\u009b2J \u202e');
    expect(document.issues[0]!.message).toBe('riga \u0085 \u2066');
  });

  it('escapes each of the 65,536 code units exactly as the CLI guard does, no more, no less', () => {
    // A range the guard takes up and the JSON does not (or the other way) shows here, whichever
    // way the JSON writes a text: terminalJson on JSON.stringify's text, or quote's shortcut
    // for the texts with nothing to escape (each title holds one unit, so each takes its own way).
    const units = Array.from({ length: 0x10000 }, (_, k) => String.fromCharCode(k));
    const differing = units.filter((c) => terminalJson(JSON.stringify(c)) !== terminalSafe(JSON.stringify(c)));
    expect(differing.map((c) => c.charCodeAt(0).toString(16))).toEqual([]);
    const plan: Plan = { title: 'Unità', settings: DEFAULT_SETTINGS, nodes: units.map((c, k) => ({ code: `N${k}`, title: c, parent: null, weight: null, indicators: [] })) };
    const e = evaluatePlan(plan);
    const lines = [...evaluationJson(e)]
      .join('')
      .split('\n')
      .filter((l) => l.startsWith('    {"code":'))
      .map((l) => l.slice(4).replace(/,$/, ''));
    const expected = e.nodeResults.map((r) => terminalSafe(JSON.stringify(objectiveDocument(r))));
    expect(lines.flatMap((l, k) => (l === expected[k] ? [] : [k.toString(16)]))).toEqual([]);
  });

  it('is valid JSON for a plan without objectives or issues', () => {
    const empty = evaluatePlan({ title: 'Vuoto', nodes: [], settings: DEFAULT_SETTINGS });
    expect(JSON.parse([...evaluationJson(empty)].join(''))).toEqual(evaluationDocument(empty));
  });
});

describe('planFromDocument', () => {
  it('reads the program’s reason back as its code from a document in either language; a person’s as typed', () => {
    const { value } = parsePublishedText(fixtureText(), 'albero.txt');
    const doc = planDocument(evaluatePlan(value.plan));
    const reasonsOf = (plan: Plan, language: 'it' | 'en'): string[] =>
      plan.nodes.flatMap((n) => n.indicators.flatMap((i) => (i.measurement.state === 'not_evaluable' ? [reasonText(i.measurement.reason, language)] : [])));
    // The document as an English reader got it (the import's reason in English words), and a person's own beside it.
    const english = {
      ...doc,
      objectives: doc.objectives.map((o) => ({
        ...o,
        indicators: o.indicators.map((i) =>
          i.reason !== null ? { ...i, reason: 'N.E. in the published table' } : i.id === 'A.1.1:1' ? { ...i, state: 'not_evaluable' as const, reason: 'dati mancanti' } : i,
        ),
      })),
    };
    const plan = planFromDocument(english);
    expect(reasonsOf(plan, 'it')).toEqual(['dati mancanti', 'N.V. nella tabella pubblicata']);
    expect(reasonsOf(plan, 'en')).toEqual(['dati mancanti', 'N.E. in the published table']);
  });
});
