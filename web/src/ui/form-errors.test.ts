import { describe, expect, it } from 'vitest';
import { formErrors, issuesByField, parseUnits, type Refusal } from './form-errors.js';
import { sentence } from './sentence.js';

const words: Record<string, string> = { 'field.password': 'Almeno 8 caratteri.', 'duplicate.username': 'Nome utente già in uso.', conflict: 'Modificato da altri.' };
const translate = (key: string) => words[key] ?? null;

function refusal(status: number, code: string, message: string, issues?: Array<{ field: string; message: string }>): Refusal {
  return {
    status,
    code,
    message,
    body: { error: { code, message, ...(issues ? { issues: issues.map((i) => ({ severity: 'error', code: 'invalid-field', message: i.message, location: { field: i.field } as never })) } : {}) } },
  };
}

describe('formErrors', () => {
  it('puts each 400 issue next to its field, in the app words when there are some, else the server message without its prefix, as a sentence', () => {
    const e = refusal(400, 'invalid-body', 'the body is not as expected', [
      { field: 'password', message: 'password: at least 8 characters' },
      { field: 'units.0', message: 'units.0: Too small' },
      { field: 'units.1', message: 'units.1: Too small' },
    ]);
    expect(formErrors(e, translate)).toEqual({ fields: { password: 'Almeno 8 caratteri.', units: 'Too small.' }, general: null });
  });

  it('issuesByField keeps the whole path of each field, the first message for each, without its prefix', () => {
    const e = refusal(400, 'invalid-body', 'the body is not as expected', [
      { field: 'objectives.0.title', message: 'objectives.0.title: cannot be empty' },
      { field: 'objectives.1.weight', message: 'a weight from 0 to 100' },
      { field: 'objectives.1.weight', message: 'a second word on it' },
      { field: '', message: 'about nothing in particular' },
    ]);
    expect(issuesByField(e.body)).toEqual({ 'objectives.0.title': 'Cannot be empty.', 'objectives.1.weight': 'A weight from 0 to 100.' });
    expect(issuesByField(null)).toEqual({});
  });

  it('says a request stored meanwhile by another with the server words naming what clashed, not the words for a changed version', () => {
    const raced: Refusal = {
      status: 409,
      code: 'conflict',
      message: 'un’altra richiesta ha salvato nello stesso momento lo stesso nome utente: nulla è stato salvato; ricaricare e riprovare',
      body: {
        error: {
          code: 'conflict',
          message: 'un’altra richiesta ha salvato nello stesso momento lo stesso nome utente: nulla è stato salvato; ricaricare e riprovare',
          params: { constraint: 'unique', subject: 'username' },
        },
      },
    };
    expect(formErrors(raced, translate, 'username')).toEqual({ fields: {}, general: sentence(raced.message) });
    // A version that moved on keeps the form's own words.
    expect(formErrors(refusal(409, 'conflict', 'this unit was changed by rita in the meantime'), translate)).toEqual({ fields: {}, general: 'Modificato da altri.' });
  });

  it('a duplicate the server places on another field goes there (an email taken meanwhile)', () => {
    const taken: Refusal = {
      status: 409,
      code: 'duplicate',
      message: 'another account has the email a@b.it',
      body: { error: { code: 'duplicate', message: 'another account has the email a@b.it', details: { field: 'email' }, params: { what: 'email', id: 'a@b.it' } } },
    };
    expect(formErrors(taken, translate, 'username')).toEqual({ fields: { email: 'Another account has the email a@b.it.' }, general: null });
  });

  it("a duplicate the server locates at a field is said in the duplicate's words, not the field's invalid ones", () => {
    const located: Record<string, string> = {
      ...words,
      'problem.email-taken': 'Indirizzo già usato.',
      'field.email': 'Indirizzo email non valido.',
      'duplicate.email': 'Questo indirizzo email è già di un altro account.',
    };
    const taken = refusal(409, 'duplicate', 'another account has the email a@b.it', [{ field: 'email', message: 'email: another account has the email a@b.it' }]);
    expect(formErrors(taken, (k) => located[k] ?? null, 'username')).toEqual({ fields: { email: 'Questo indirizzo email è già di un altro account.' }, general: null });
    // With no words of its own, the server's sentence, never the invalid one.
    expect(formErrors(taken, translate, 'username')).toEqual({ fields: { email: 'Another account has the email a@b.it.' }, general: null });
    const invalid = refusal(400, 'invalid', 'not an email', [{ field: 'email', message: 'email: not an email' }]);
    expect(formErrors(invalid, (k) => located[k] ?? null)).toEqual({ fields: { email: 'Indirizzo email non valido.' }, general: null });
    // A 400 whose issue names its problem (the server's check before the store's): the problem's words, not the field's.
    const taken400: Refusal = {
      status: 400,
      code: 'invalid-body',
      message: 'email: taken',
      body: {
        error: {
          code: 'invalid-body',
          message: 'email: taken',
          issues: [{ severity: 'error', code: 'invalid-field', message: 'email: taken', params: { field: 'email', problem: 'email-taken' }, location: { field: 'email' } as never }],
        },
      },
    };
    expect(formErrors(taken400, (k) => located[k] ?? null)).toEqual({ fields: { email: 'Indirizzo già usato.' }, general: null });
  });

  it("an issue with no problem in its parameters is said in the form's words for its own code, with its parameters", () => {
    const named: Refusal = {
      status: 422,
      code: 'base-measure-name',
      message: 'the indicator "Quota" (A.1) names a base measure "__proto__": …',
      body: {
        error: {
          code: 'base-measure-name',
          message: 'the indicator "Quota" (A.1) names a base measure "__proto__": …',
          issues: [{ severity: 'error', code: 'base-measure-name', message: '…', params: { node: 'A.1', name: '__proto__' }, location: { field: 'formula.numerator' } as never }],
        },
      },
    };
    const own = (key: string, params?: Record<string, unknown>) => (key === 'problem.base-measure-name' ? `Nome «${String(params?.name)}» non utilizzabile.` : null);
    expect(formErrors(named, own)).toEqual({ fields: { formula: 'Nome «__proto__» non utilizzabile.' }, general: null });
  });

  it('a duplicate goes to the field that must be unique', () => {
    expect(formErrors(refusal(409, 'duplicate', 'username "rita" is taken'), translate, 'username')).toEqual({ fields: { username: 'Nome utente già in uso.' }, general: null });
    expect(formErrors(refusal(409, 'duplicate', 'code A.9 exists'), translate, 'code')).toEqual({ fields: { code: 'Code A.9 exists.' }, general: null });
  });

  it('anything else is said above the form: known codes in words, unknown ones as the server said, as a sentence', () => {
    expect(formErrors(refusal(409, 'conflict', 'stale version'), translate)).toEqual({ fields: {}, general: 'Modificato da altri.' });
    expect(formErrors({ status: 0, code: 'network', message: 'Failed to fetch', body: null }, translate)).toEqual({ fields: {}, general: 'Failed to fetch.' });
    expect(formErrors(refusal(409, 'unit-has-children', "l'unità «U1» ha unità sotto di sé: spostarle prima"), translate)).toEqual({
      fields: {},
      general: "L'unità «U1» ha unità sotto di sé: spostarle prima.",
    });
  });
});

describe('parseUnits', () => {
  it('reads units one per line or comma-separated, without blanks or repeats', () => {
    expect(parseUnits(' Ufficio Transizione,\nArea Anagrafe ; Ufficio Transizione\n\n')).toEqual(['Ufficio Transizione', 'Area Anagrafe']);
    expect(parseUnits('')).toEqual([]);
  });
});
