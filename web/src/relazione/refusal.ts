/**
 * A refusal of the Relazione in the screen's words. The server names each of its own refusals in
 * `params.relazione` (src/messages/relazione.ts) beside the shared code (period-locked, conflict,
 * invalid-transition, invalid, forbidden, not-found); the screen says them itself, in its language,
 * rather than the server's sentence. Anything else keeps the server's message (network, a body the
 * server could not read), already in the reader's language.
 */
import type { TFunction } from 'i18next';
import { RELAZIONE_REFUSALS } from '../../../src/messages/relazione.js';
import { ApiError } from '../api/client.js';

/** The server's names of its Relazione refusals (the catalogue's): each has the screen's words under `relazione.refusals`. */
export const REFUSAL_NAMES = Object.keys(RELAZIONE_REFUSALS) as readonly (keyof typeof RELAZIONE_REFUSALS)[];
/** Shared codes the Relazione's routes answer without a name, said alone. */
const BY_CODE = ['forbidden', 'not-found'] as const;

const text = (value: unknown): string => (typeof value === 'string' || typeof value === 'number' ? String(value) : '');

/**
 * @example refusalText(new ApiError(409, 'invalid-transition', 'la Relazione …', { error: { code: 'invalid-transition', message: '…', params: { relazione: 'with-oiv' } } }), t)
 *   // → 'La Relazione è all’esame dell’OIV: riportarla in bozza prima di modificarla.'
 */
export function refusalText(error: unknown, t: TFunction): string {
  if (!(error instanceof ApiError)) return error instanceof Error ? error.message : String(error);
  const params = error.body?.error.params ?? {};
  // A state inside a sentence: the screen's own word for it, not capitalised.
  const state = (s: unknown): string => {
    const word = t(`relazione.state.${text(s)}`);
    return word.charAt(0).toLocaleLowerCase() + word.slice(1);
  };
  const role = (r: unknown): string => t(`role.${text(r)}`);
  const name = (REFUSAL_NAMES as readonly unknown[]).includes(params.relazione) ? (params.relazione as (typeof REFUSAL_NAMES)[number]) : null;
  if (name !== null)
    return t(`relazione.refusals.${name}`, {
      state: state(params.state),
      from: state(params.from),
      to: state(params.to),
      label: text(params.label),
      code: text(params.code),
      by: typeof params.by === 'string' && params.by !== '' ? params.by : t('relazione.refusals.someone'),
      role: role(params.role),
      roles: Array.isArray(params.roles) ? params.roles.map(role).join(', ') : '',
    });
  if ((BY_CODE as readonly string[]).includes(error.code)) return t(`relazione.refusals.${error.code}`);
  return error.message;
}
