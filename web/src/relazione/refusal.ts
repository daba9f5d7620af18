/**
 * A refusal of the Relazione in the screen's words. The server names each of its own refusals in
 * `params.relazione` (src/messages/relazione.ts) beside the shared code (period-locked, conflict,
 * invalid-transition, invalid, forbidden, not-found); the screen says them itself, in its language,
 * rather than the server's sentence. Anything else keeps the server's message (network, a body the
 * server could not read), already in the reader's language.
 */
import type { TFunction } from 'i18next';
import { CHANGED_SINCE } from '../../../src/contract/relazione-states.js';
import { RELAZIONE_REFUSALS } from '../../../src/messages/relazione.js';
import { ApiError } from '../api/client.js';
import { refusalSentence, sentence } from '../ui/sentence.js';

/** The server's names of its Relazione refusals (the catalogue's): each has the screen's words under `relazione.refusals`. */
export const REFUSAL_NAMES = Object.keys(RELAZIONE_REFUSALS) as readonly (keyof typeof RELAZIONE_REFUSALS)[];
/**
 * Whether a refusal says that what the validation would freeze changed since the screen read it
 * (contract/relazione-states.ts `CHANGED_SINCE` while the validation was being prepared, or
 * `changed-since-shown` after the screen showed the Relazione): the screen reads the Relazione
 * again, for the OIV to see what it would validate before validating again.
 */
export function changedSinceRead(error: unknown): boolean {
  const name = error instanceof ApiError ? error.body?.error.params?.relazione : undefined;
  return name === 'changed-since-shown' || (CHANGED_SINCE as readonly unknown[]).includes(name);
}

/** Shared codes the Relazione's routes answer without a name, said alone. */
const BY_CODE = ['forbidden', 'not-found'] as const;

const text = (value: unknown): string => (typeof value === 'string' || typeof value === 'number' ? String(value) : '');

/**
 * @example refusalText(new ApiError(409, 'invalid-transition', 'la Relazione …', { error: { code: 'invalid-transition', message: '…', params: { relazione: 'with-oiv' } } }), t)
 *   // → 'La Relazione è all’esame dell’OIV: riportarla in bozza prima di modificarla.'
 */
export function refusalText(error: unknown, t: TFunction): string {
  if (!(error instanceof ApiError)) return refusalSentence(error);
  const said = refusalWords(error.body?.error.params ?? {}, t);
  if (said !== null) return said;
  if ((BY_CODE as readonly string[]).includes(error.code)) return t(`relazione.refusals.${error.code}`);
  // Said alone (the Relazione's message above its sections), the server's clause is a sentence.
  return sentence(error.message);
}

/**
 * A refusal the server names in `params.relazione`, in the screen's words; null for one it does not
 * name. Also for each of a refusal's `issues` (a validated value refused at its row, with its own
 * parameters).
 */
export function refusalWords(params: Record<string, unknown>, t: TFunction): string | null {
  // A state inside a sentence: the screen's own word for it, not capitalised.
  const state = (s: unknown): string => {
    const word = t(`relazione.state.${text(s)}`);
    return word.charAt(0).toLocaleLowerCase() + word.slice(1);
  };
  const role = (r: unknown): string => t(`role.${text(r)}`);
  const name = (REFUSAL_NAMES as readonly unknown[]).includes(params.relazione) ? (params.relazione as (typeof REFUSAL_NAMES)[number]) : null;
  if (name === null) return null;
  // A parent whose objectives give no performance at all: another sentence, not a number.
  const key = name === 'differs-from-children' && typeof params.fromChildren !== 'number' ? 'differs-from-children-none' : name;
  return t(`relazione.refusals.${key}`, {
    state: state(params.state),
    from: state(params.from),
    to: state(params.to),
    label: text(params.label),
    code: text(params.code),
    number: text(params.number),
    // Numbers, for the sentence to write in the screen's language (85,00% / 85.00%).
    validated: typeof params.validated === 'number' ? params.validated : 0,
    fromChildren: typeof params.fromChildren === 'number' ? params.fromChildren : 0,
    ceiling: typeof params.ceiling === 'number' ? params.ceiling : 0,
    by: typeof params.by === 'string' && params.by !== '' ? params.by : t('relazione.refusals.someone'),
    role: role(params.role),
    roles: Array.isArray(params.roles) ? params.roles.map(role).join(', ') : '',
    // Section keys, said with the screen's titles of the sections.
    sections: Array.isArray(params.sections) ? params.sections.map((k) => `«${t(`relazione.section.${text(k)}`)}»`).join(', ') : '',
  });
}
