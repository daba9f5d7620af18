import { describe, expect, it } from 'vitest';
import { publicRevision, revisionRows, type ReportRevision } from './revisions.js';

const revision = (changes: ReportRevision['changes'], steps: number): ReportRevision => ({
  number: 2,
  kind: 'variazione',
  reason: 'Target rivisto',
  date: '2024-10-20',
  act: null,
  status: 'approved',
  changes,
  steps,
});
const target = { action: 'update', entity: 'indicator', entityId: 'A.1:1', before: { target: { kind: 'number', value: '1' } }, after: { target: { kind: 'number', value: '9' } } } as const;
const note = { action: 'update', entity: 'indicator', entityId: 'A.1:2', before: { notes: 'vecchia' }, after: { notes: 'nuova' } } as const;

describe('the register of revisions', () => {
  it('says where the steps are, in a row after the net changes, when a revision recorded more', () => {
    expect(revisionRows([revision([target], 3)]).map((r) => r[6])).toEqual(['Indicatore A.1:1: target 1 → 9', 'modifiche nette di 3 passaggi registrati (ciascuno nel registro delle modifiche)']);
    expect(revisionRows([revision([target], 1)], 'en').map((r) => r[6])).toEqual(['Indicator A.1:1: target 1 → 9']);
    expect(revisionRows([revision([], 2)], 'en').map((r) => r[6])).toEqual(['no net change: the 2 recorded changes cancel each other out (they are on the audit trail)']);
  });

  it('to the public, leaves out a note and the count of steps it cannot tell apart (else a note alone would read as steps that cancel out)', () => {
    expect(revisionRows([publicRevision(revision([note], 1))]).map((r) => r[6])).toEqual(['nessuna modifica']);
    expect(publicRevision(revision([target, note], 4))).toMatchObject({ changes: [target], steps: 1 });
    expect(publicRevision(revision([target], 4))).toMatchObject({ changes: [target], steps: 4 });
  });
});
