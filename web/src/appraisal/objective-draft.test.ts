import { describe, expect, it } from 'vitest';
import type { AppraisalForm } from '../../../src/contract/index.js';
import { draftsIn, NEW_OBJECTIVE, objectiveDraft, objectivesBody } from './objective-draft.js';

const stored = (over: Partial<AppraisalForm['objectives'][number]>): AppraisalForm['objectives'][number] => ({
  id: 'o1',
  title: 'Pratiche',
  weight: 60.5,
  comparator: '>=',
  target: 1234.5,
  unit: 'number',
  scoring: null,
  state: 'measured',
  actual: '1587.1',
  reason: null,
  ...over,
});

describe("an appraisal's objectives in the screen's notation (issue 14)", () => {
  it('fills weight, target and actual in the notation of the screen', () => {
    expect(objectiveDraft(stored({}), 'it')).toMatchObject({ weight: '60,5', target: '1234,5', actual: '1587,1' });
    expect(objectiveDraft(stored({}), 'en')).toMatchObject({ weight: '60.5', target: '1234.5', actual: '1587.1' });
    expect(objectiveDraft(stored({ unit: 'date', target: '2024-09-30', actual: null }), 'en')).toMatchObject({ target: '30/09/2024', actual: '' });
    expect(objectiveDraft(stored({ unit: 'boolean', target: true }), 'en').target).toBe('yes');
  });

  it('reads 1,234.5 on an English screen and 1.234,5 on an Italian one as 1234.5', () => {
    const typed = { ...NEW_OBJECTIVE, weight: '60', target: '1,234.5', state: 'measured' as const, actual: '1,587.10' };
    expect(objectivesBody([typed], 'en')).toEqual({ objectives: [{ ...typed, weight: 60, target: 1234.5, actual: 1587.1 }] });
    const italian = { ...typed, target: '1.234,5', actual: '1.587,10' };
    expect(objectivesBody([italian], 'it')).toEqual({ objectives: [{ ...italian, weight: 60, target: 1234.5, actual: 1587.1 }] });
  });

  it('refuses, at its field, what reads only in the other notation or not at all; an actual only when measured', () => {
    const typed = [
      { ...NEW_OBJECTIVE, weight: '60,5', target: '1,5' },
      { ...NEW_OBJECTIVE, weight: '', target: '4', state: 'measured' as const, actual: 'tre' },
      { ...NEW_OBJECTIVE, weight: '10', target: '4', actual: '1,5' },
    ];
    expect(objectivesBody(typed, 'en')).toEqual({
      problems: {
        'objective-0-weight': 'entry.otherNotation',
        'objective-0-target': 'entry.otherNotation',
        'objective-1-weight': 'entry.invalidNumber',
        'objective-1-actual': 'entry.invalidNumber',
      },
    });
    expect(objectivesBody([{ ...NEW_OBJECTIVE, weight: '40', target: '1.5' }], 'it')).toEqual({ problems: { 'objective-0-target': 'entry.otherNotation' } });
    expect(objectivesBody([{ ...NEW_OBJECTIVE, weight: '40', unit: 'date', target: '31/02/2024' }], 'en')).toEqual({ problems: { 'objective-0-target': 'entry.invalidDate' } });
  });

  it('after a change of language what is typed reads the same', () => {
    const italian = [
      { ...NEW_OBJECTIVE, weight: '60,5', target: '1.234,5' },
      { ...NEW_OBJECTIVE, unit: 'boolean' as const, target: 'sì' },
    ];
    const english = draftsIn(italian, 'en');
    expect(english).toMatchObject([{ weight: '60.5', target: '1,234.5' }, { target: 'yes' }]);
    expect(objectivesBody(english, 'en')).toEqual(objectivesBody(italian, 'it'));
    expect(draftsIn(english, 'it')).toEqual(italian);
  });
});
