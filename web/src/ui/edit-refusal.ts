/**
 * Where an edit form says a refusal of its save: a stale save (another desk saved the record after
 * this screen read it: who and when, in the screen's words), else the field the server named (an
 * invalid body's issue, or a refusal's `details.field`), in the server's words, else the form.
 */
import { ApiError } from '../api/client.js';
import type { Lang } from './format.js';
import { issuesByField } from './form-errors.js';
import { sentence } from './sentence.js';
import { staleSaveOf, staleSaveWords } from './stale-save.js';
import { unexpectedError } from './unexpected.js';

export interface EditRefusal {
  /** One of the form's fields, or null: the form's own (a stale save, a refusal of no field). */
  readonly field: string | null;
  readonly message: string;
  /** Another desk's save came first: the form offers to read the record again. */
  readonly stale: boolean;
}

/**
 * @example editRefusal(new ApiError(400, 'invalid-body', '…', { error: { code: 'invalid-body', message: '…', issues: [{ …, location: { field: 'label' } }] } }), ['label'], t, 'it')
 *   // → { field: 'label', message: <the issue's words>, stale: false }
 */
export function editRefusal(e: unknown, fields: readonly string[], t: (key: string, params?: Record<string, string>) => string, lang: Lang): EditRefusal {
  const clash = staleSaveOf(e);
  if (clash !== null) return { field: null, message: t('common.staleSave', staleSaveWords(clash, lang, t('common.someoneElse'))), stale: true };
  // Anything but the server's refusal is a fault of the app: said as one, its raw text in the console.
  if (!(e instanceof ApiError)) return { field: null, message: unexpectedError(e, t), stale: false };
  for (const [path, message] of Object.entries(issuesByField(e.body))) if (fields.includes(path)) return { field: path, message, stale: false };
  const named = e.body?.error.details?.field;
  // Said beside its field, the server's clause is a sentence there, as an issue's is.
  if (typeof named === 'string' && fields.includes(named)) return { field: named, message: sentence(e.message), stale: false };
  // Said at the form, alone, it is a sentence too.
  return { field: null, message: sentence(e.message), stale: false };
}
