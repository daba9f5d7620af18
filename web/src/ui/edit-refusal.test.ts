import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/client.js';
import type { ApiErrorBody } from '../api/types.js';
import { editRefusal } from './edit-refusal.js';

const words: Record<string, string> = {
  'common.unexpected': 'Errore imprevisto nell’applicazione.',
  'common.staleSave': 'Modificato da {{by}} il {{day}} alle {{time}}.',
  'common.someoneElse': 'qualcun altro',
};
const t = (key: string, params?: Record<string, string>) => (words[key] ?? key).replace(/\{\{(\w+)\}\}/g, (_, name: string) => params?.[name] ?? '');
const refused = (status: number, code: string, message: string, error: Partial<ApiErrorBody['error']> = {}) => new ApiError(status, code, message, { error: { code, message, ...error } });

describe('editRefusal', () => {
  it('says a stale save with who and when, at no field, offering a reload', () => {
    const stale = refused(409, 'conflict', 'the period was changed by admin…', { details: { current: { version: 3, updatedBy: 'admin', updatedAt: '2024-07-01T08:30:00Z' } } });
    expect(editRefusal(stale, ['label'], t, 'it')).toEqual({ field: null, message: 'Modificato da admin il 01/07/2024 alle 10:30.', stale: true });
    const nobody = refused(409, 'conflict', '…', { details: { current: { version: 3, updatedBy: null, updatedAt: null } } });
    expect(editRefusal(nobody, ['label'], t, 'it').message).toBe('Modificato da qualcun altro il — alle —.');
  });

  it("puts an invalid body's issue, or a refusal's details.field, at the form's field in the server's words, as a sentence", () => {
    const empty = refused(400, 'invalid-body', 'invalid', { issues: [{ severity: 'error', code: 'invalid-field', message: 'title: troppo corto', location: { field: 'title' } as never }] });
    expect(editRefusal(empty, ['title'], t, 'it')).toEqual({ field: 'title', message: 'Troppo corto.', stale: false });
    const early = refused(422, 'revision-before-adoption', 'la data precede l’adozione (30/01/2024)', { details: { field: 'date' } });
    expect(editRefusal(early, ['reason', 'date'], t, 'it')).toEqual({ field: 'date', message: 'La data precede l’adozione (30/01/2024).', stale: false });
  });

  it('leaves to the form, as a sentence, a refusal naming none of its fields, and a fault of the app as one', () => {
    const act = refused(422, 'revision-before-adoption', 'l’atto precede l’adozione', { details: { field: 'act.date' } });
    expect(editRefusal(act, ['reason', 'date'], t, 'it')).toEqual({ field: null, message: 'L’atto precede l’adozione.', stale: false });
    // A failure that is no refusal is a fault of the app: before, its raw English («Cannot read…») was the form's sentence.
    const console = vi.spyOn(globalThis.console, 'error').mockImplementation(() => undefined);
    const bug = new TypeError("Cannot read properties of undefined (reading 'field')");
    expect(editRefusal(bug, ['label'], t, 'it')).toEqual({ field: null, message: 'Errore imprevisto nell’applicazione.', stale: false });
    expect(console).toHaveBeenCalledWith(bug);
    console.mockRestore();
  });
});
