import { describe, expect, it } from 'vitest';
import type { SmvpDocument } from './SmvpPage.js';
import { mapNumbers, numberText, totalText, typedIn, wireDocument } from './smvp-numbers.js';

const doc = (over: Partial<SmvpDocument> = {}): SmvpDocument => ({
  organisation: 'Comune',
  year: 2024,
  legend: { green: 80, yellow: 50 },
  indicatorThresholds: [{ code: 'A.1', indicator: 'A.1:1', green: '92,5', yellow: '60' }],
  weightPolicy: 'strict',
  ratingScale: [{ value: 1, label: 'Basso', description: '', score: '12,5' }],
  behaviours: [],
  schemes: [
    {
      category: 'dirigente',
      components: { body: 10, unit: '30', objectives: '40,5', behaviours: '19,5' },
      behaviours: [{ code: 'C1', weight: '33,33' }],
      bands: [{ label: 'Alta', min: '90', max: '100', share: '1.000,5' }],
    },
  ],
  ...over,
});

describe('the SMVP screen reads numbers in its notation (issue 14)', () => {
  it('visits every number field with the path the server names it by', () => {
    const paths: string[] = [];
    mapNumbers(doc(), (v, path) => (paths.push(path), v));
    expect(paths).toEqual([
      'legend.green',
      'legend.yellow',
      'indicatorThresholds.0.green',
      'indicatorThresholds.0.yellow',
      'ratingScale.0.value',
      'ratingScale.0.score',
      'schemes.0.behaviours.0.weight',
      'schemes.0.components.body',
      'schemes.0.components.unit',
      'schemes.0.components.objectives',
      'schemes.0.components.behaviours',
      'schemes.0.bands.0.min',
      'schemes.0.bands.0.max',
      'schemes.0.bands.0.share',
    ]);
  });

  it('sends typed Italian numbers as JSON numbers on an Italian screen', () => {
    const { document, problems } = wireDocument(doc(), 'it');
    expect(problems).toEqual({});
    expect(document.indicatorThresholds[0]).toMatchObject({ green: 92.5, yellow: 60 });
    expect(document.schemes[0]!.components).toEqual({ body: 10, unit: 30, objectives: 40.5, behaviours: 19.5 });
    expect(document.schemes[0]!.bands[0]).toMatchObject({ share: 1000.5 });
    expect(document.ratingScale[0]).toMatchObject({ score: 12.5 });
  });

  it('refuses, at its field, a number written in the other notation (1,5 on English, 1.5 on Italian); a word goes to the server', () => {
    expect(wireDocument(doc(), 'en').problems).toEqual({
      'indicatorThresholds.0.green': 'entry.otherNotation',
      'ratingScale.0.score': 'entry.otherNotation',
      'schemes.0.behaviours.0.weight': 'entry.otherNotation',
      'schemes.0.components.objectives': 'entry.otherNotation',
      'schemes.0.components.behaviours': 'entry.otherNotation',
      'schemes.0.bands.0.share': 'entry.otherNotation',
    });
    expect(wireDocument(doc({ legend: { green: '1.5', yellow: 'molto' } }), 'it')).toMatchObject({ problems: { 'legend.green': 'entry.otherNotation' }, document: { legend: { yellow: 'molto' } } });
    expect(Object.keys(wireDocument(doc({ legend: { green: '1.5', yellow: 'molto' } }), 'it').problems)).toEqual(['legend.green']);
    // An empty field goes as typed: the server says it is missing.
    expect(wireDocument(doc({ legend: { green: '', yellow: 50 } }), 'it')).toMatchObject({ problems: {}, document: { legend: { green: '' } } });
  });

  it('after a change of language the typed numbers read the same in the new notation', () => {
    const english = typedIn(doc());
    expect(english.schemes[0]!.bands[0]!.share).toBe('1,000.5');
    expect(english.legend.green).toBe(80);
    expect(wireDocument(english, 'en')).toEqual(wireDocument(doc(), 'it'));
  });

  it("shows stored numbers and the live total in the screen's notation", () => {
    expect(numberText(12.5, 'it')).toBe('12,5');
    expect(numberText(12.5, 'en')).toBe('12.5');
    expect(numberText('12,', 'en')).toBe('12,');
    expect(totalText([10, '30', '40,5', '19,5'], 'it')).toBe('100');
    expect(totalText([10, '30', '40,25', '20'], 'it')).toBe('100,25');
    expect(totalText([10, '30', '40.25', '20'], 'en')).toBe('100.25');
    expect(totalText([1000, '50'], 'it')).toBe('1.050');
    expect(totalText([10, '1,5'], 'en')).toBe('—');
  });
});
