/**
 * The organisation registry's refusals in Italian and English: a registry file's problems at their
 * row and column (the columns keep their names, which are the file's own headers), the import
 * refused as a whole, and a unit that cannot be deleted while it still owns objectives,
 * indicators or units under it.
 */
import { defineMessages, listIn, message, type Language } from '../core/messages/index.js';

/** Why a registry row (or the file) is refused (registry-problem.ts `registryProblem`). */
export type RegistryReason = 'missing-column' | 'no-rows' | 'no-sheet' | 'empty' | 'bad-code' | 'code-twice' | 'name-twice' | 'name-taken' | 'unknown-parent' | 'unknown-user' | 'circle';

export interface RegistryProblemParams {
  readonly row: number;
  readonly field: string;
  readonly reason: RegistryReason;
  /** The cell's text (a code, a name, a username), where it says which. */
  readonly value?: string;
  /** The other row with the same code or name; the unit already holding the name. */
  readonly other?: number;
  readonly unit?: string;
  /** The columns a header must have. */
  readonly columns?: readonly string[];
}

const KINDS = { it: 'Area, Settore, Servizio, Ufficio…', en: 'Area, Settore, Servizio, Ufficio…' };

function problem(p: RegistryProblemParams, l: Language): string {
  const it = l === 'it';
  switch (p.reason) {
    case 'missing-column':
      return it ? `l'intestazione non ha la colonna «${p.field}» (attese: ${(p.columns ?? []).join(', ')})` : `the header has no column “${p.field}” (expected: ${(p.columns ?? []).join(', ')})`;
    case 'no-rows':
      return it ? "il file non ha strutture sotto l'intestazione" : 'the file has no unit below its header';
    case 'no-sheet':
      return it ? 'la cartella di lavoro non ha fogli' : 'the workbook has no sheet';
    case 'empty':
      if (p.field === 'tipo') return it ? `il tipo è vuoto (${KINDS.it})` : `the kind is empty (${KINDS.en})`;
      if (p.field === 'nome') return it ? 'il nome è vuoto' : 'the name is empty';
      return it ? 'il codice è vuoto' : 'the code is empty';
    case 'bad-code':
      return it ? `il codice «${p.value}» non è valido: lettere, cifre, punti, trattini, barre (fino a 40)` : `the code “${p.value}” is not valid: letters, digits, dots, dashes, slashes (up to 40)`;
    case 'code-twice':
      return it ? `il codice ${p.value} è anche alla riga ${p.other}` : `the code ${p.value} is also on row ${p.other}`;
    case 'name-twice':
      return it ? `il nome «${p.value}» è anche alla riga ${p.other}` : `the name “${p.value}” is also on row ${p.other}`;
    case 'name-taken':
      return it ? `il nome «${p.value}» è già della struttura ${p.unit}` : `the name “${p.value}” belongs to the unit ${p.unit} already`;
    case 'unknown-parent':
      return it ? `non c'è una struttura con il codice ${p.value} (né nel file né nel registro)` : `there is no unit with the code ${p.value} (neither in the file nor in the registry)`;
    case 'unknown-user':
      return it ? `non c'è un utente ${p.value}` : `there is no user ${p.value}`;
    case 'circle':
      return it ? 'le strutture padre formano un cerchio' : 'the parents go round in a circle';
  }
}

const count = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

export const REGISTRY_MESSAGES = defineMessages({
  'invalid-row': message<RegistryProblemParams>({
    it: (p) => `riga ${p.row}, ${p.field}: ${problem(p, 'it')}`,
    en: (p) => `row ${p.row}, ${p.field}: ${problem(p, 'en')}`,
  }),
  'invalid-registry': message<{ problems: number; row: number; field: string; read: boolean }>({
    it: (p) =>
      `${p.read ? 'il registro delle strutture non è stato importato' : 'il registro delle strutture non si può leggere'}: ${count(p.problems, 'problema', 'problemi')} (il primo alla riga ${p.row}, colonna ${p.field})`,
    en: (p) => `${p.read ? 'the registry was not imported' : 'the registry cannot be read'}: ${count(p.problems, 'problem', 'problems')} (the first at row ${p.row}, column ${p.field})`,
  }),
  'in-use': message<{ unit: string; objectives: number; codes: readonly string[]; indicators: number; children: readonly string[] }>({
    it: (p) => {
      const owned = [
        p.objectives > 0 ? `${count(p.objectives, 'obiettivo', 'obiettivi')} (${p.codes.join(', ')}${p.objectives > p.codes.length ? '…' : ''})` : null,
        p.indicators > 0 ? count(p.indicators, 'indicatore', 'indicatori') : null,
      ].filter((x) => x !== null);
      const under = p.children.length > 0 ? `${p.children.length === 1 ? 'ha sotto di sé la struttura' : `ha sotto di sé ${p.children.length} strutture:`} ${listIn(p.children, 'it')}` : null;
      return `la struttura ${p.unit} ${listIn([...(owned.length > 0 ? [`è ancora responsabile di ${listIn(owned, 'it')}`] : []), ...(under === null ? [] : [under])], 'it')}: riassegnarli prima di eliminarla`;
    },
    en: (p) => {
      const said = [
        p.objectives > 0 ? `${count(p.objectives, 'objective', 'objectives')} (${p.codes.join(', ')}${p.objectives > p.codes.length ? '…' : ''})` : null,
        p.indicators > 0 ? count(p.indicators, 'indicator', 'indicators') : null,
        p.children.length > 0 ? `${count(p.children.length, 'unit', 'units')} under it (${p.children.join(', ')})` : null,
      ].filter((x) => x !== null);
      return `the unit ${p.unit} still owns ${said.join(' and ')}: reassign them first`;
    },
  }),
});
