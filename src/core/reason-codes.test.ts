import { describe, expect, it } from 'vitest';
import { readReasonCode, storedReasonCode, typedReason } from './reason-codes.js';
import { fileReason, programReason, reasonSentBack, reasonText } from './words.js';

describe('a reason the program writes, stored as a code', () => {
  it('reads back its code and parameters, a person’s words inside them as typed', () => {
    const stored = storedReasonCode('in-revision', { number: 2, reason: 'Nuovo "target" {x}' });
    expect(readReasonCode(stored)).toEqual({ code: 'in-revision', params: { number: 2, reason: 'Nuovo "target" {x}' } });
    expect(readReasonCode(programReason('published-table'))).toEqual({ code: 'published-table', params: {} });
  });

  it('is said in the reader’s language; a person’s text as typed, the program’s very sentence too', () => {
    expect([reasonText(programReason('published-table'), 'it'), reasonText(programReason('published-table'), 'en')]).toEqual(['N.V. nella tabella pubblicata', 'N.E. in the published table']);
    for (const typed of ['N.V. nella tabella pubblicata', 'N.E. in the published table', 'published-table', '']) expect(reasonText(typed, 'en')).toBe(typed);
    // A mark with no code the program knows, or parameters that are not its, is no code.
    for (const odd of ['\u0001unknown-code', '\u0001published-table {not json', '\u0001published-table [1]', '\u0001published-table {"a":{}}']) expect(reasonText(odd, 'en')).toBe(odd);
  });

  it('never reads a reason from a file as a code', () => {
    expect(typedReason('\u0001\u0001published-table')).toBe('published-table');
    expect(readReasonCode(typedReason(programReason('published-table')))).toBeNull();
    expect(typedReason('dati mancanti')).toBe('dati mancanti');
  });

  it('reads the program’s sentence in a file, in either language, as its code; any other text as the person typed it', () => {
    expect(fileReason('N.V. nella tabella pubblicata')).toBe(programReason('published-table'));
    expect(fileReason('N.E. in the published table')).toBe(programReason('published-table'));
    // Exactly the sentence: more or other words are a person's.
    for (const typed of ['dati mancanti', 'N.V. nella tabella pubblicata del 2023', 'n.v. nella tabella pubblicata', 'published-table']) expect(fileReason(typed)).toBe(typed);
    expect(readReasonCode(fileReason(programReason('published-table')))).toBeNull();
  });

  it('keeps its code when a screen sends its words back with the value saved again', () => {
    const stored = programReason('published-table');
    expect(reasonSentBack('N.E. in the published table', stored)).toBe(stored);
    expect(reasonSentBack('N.V. nella tabella pubblicata', stored)).toBe(stored);
    expect(reasonSentBack('dati mancanti', stored)).toBe('dati mancanti');
    // A person's reason in the program's words stays the person's.
    expect(reasonSentBack('N.V. nella tabella pubblicata', 'N.V. nella tabella pubblicata')).toBe('N.V. nella tabella pubblicata');
  });
});
