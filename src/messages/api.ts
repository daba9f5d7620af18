/**
 * The API's refusals (and the store's, which the API passes on) in Italian and English: the
 * `error.code` of every 4xx/5xx answer, with the parameters the answer carries in `error.params`.
 */
import { defineMessages, FORMULA_KIND_WORDS, ISSUE_MESSAGES, listIn, message, renderFrom, UNIT_IN_WORDS, type Language, type Message } from '../core/messages/index.js';
import { NUMBER_BOUNDS } from '../core/bounds.js';
import { formatItalianDate } from '../core/italian-date.js';
import { roleWords } from './account-words.js';
import { amountWords, type AmountProblem } from './amounts.js';
import { APPRAISAL_FORBIDDEN, APPRAISAL_REFUSALS, type AppraisalRefusal } from './appraisal.js';
import { DASHBOARD_WORKBOOK } from './campaign.js';
import { nextYearWords } from './next-year.js';
import { relazioneRefusal, type RelazioneRefusal } from './relazione.js';

const role = (r: unknown, l: Language): string => roleWords(String(r), l);

/** Period states in words. */
export const STATE_WORDS: Record<Language, Record<string, string>> = {
  it: { open: 'aperto', collecting: 'in raccolta', closed: 'chiuso', validated: "validato dall'OIV" },
  en: { open: 'open', collecting: 'collecting', closed: 'closed', validated: 'validated' },
};
const state = (s: unknown, l: Language): string => STATE_WORDS[l][String(s)] ?? String(s);

/**
 * A period's move refused to a role, said as an office says it: what the move does (reopen, close,
 * validate), not the state it reaches. A validated period is reopened by the administrator alone
 * (contract/permissions.ts `transitionRoles`), since the reopening voids the OIV's validation.
 */
function periodMoveRefusal(p: { role?: string; to?: string; from?: string; roles?: readonly string[] }, l: Language): string {
  const yours = role(p.role, l);
  if (p.from === 'validated')
    return l === 'it'
      ? `solo l'amministratore può riaprire un periodo validato dall'OIV: la riapertura annulla la validazione (il tuo ruolo: ${yours})`
      : `only the administrator may reopen a period the OIV validated: reopening voids the validation (your role: ${yours})`;
  const reopen = p.to === 'collecting' && p.from === 'closed';
  const act =
    l === 'it'
      ? reopen
        ? 'riaprire un periodo chiuso'
        : (({ collecting: 'avviare la raccolta dei valori di un periodo', closed: 'chiudere un periodo', validated: 'validare un periodo' } as Record<string, string>)[String(p.to)] ??
          `portare un periodo allo stato «${state(p.to, 'it')}»`)
      : reopen
        ? 'reopen a closed period'
        : (({ collecting: "start collecting a period's values", closed: 'close a period', validated: 'validate a period' } as Record<string, string>)[String(p.to)] ??
          `move a period to ${state(p.to, 'en')}`);
  const roles = (p.roles ?? []).map((r) => role(r, l));
  return l === 'it' ? `il tuo ruolo (${yours}) non può ${act} (${roles.length === 1 ? 'può' : 'possono'} farlo: ${roles.join(', ')})` : `your role (${yours}) may not ${act} (${roles.join(', ')} may)`;
}

/**
 * What a role may not do, by the English phrase the route gives `requireRole` (`'edit the tree'`):
 * add the Italian for a new phrase here; an unknown phrase is said generically in Italian.
 */
export const ACTION_WORDS: Record<string, string> = {
  'change accounts': 'modificare gli account',
  'create accounts': 'creare account',
  'list accounts': 'vedere gli account',
  'change plans': 'modificare i piani',
  'change the monitoring periods': 'modificare i periodi di monitoraggio',
  'create plans': 'creare piani',
  'delete plans': 'eliminare piani',
  'edit the tree': "modificare l'albero",
  'import plans': 'importare piani',
  'enter values': 'inserire valori',
  'read the audit trail': 'leggere il registro delle modifiche',
  'attach files': 'allegare file',
  'remove files': 'rimuovere allegati',
  'explain variances': 'spiegare gli scostamenti',
  'make forecasts': 'fare previsioni',
  'adopt plans': 'adottare i piani',
  'archive plans': 'archiviare i piani',
  'bring plans back from the archive': "ripristinare i piani dall'archivio",
  'open revisions': 'aprire variazioni',
  'change revisions': 'modificare le variazioni',
  'approve revisions': 'approvare le variazioni',
  'discard revisions': 'annullare le variazioni',
  'read the reminders': 'vedere i promemoria inviati',
  'send reminders': 'inviare i promemoria',
  'answer requests for more': 'rispondere alle richieste di integrazione',
  'approve values or send them back': 'approvare i valori o rimandarli indietro',
  'change the SMVP': 'modificare il SMVP',
  'change the organisation registry': 'modificare il registro delle strutture',
  'close periods': 'chiudere i periodi',
  'create appraisal forms': 'creare le schede di valutazione',
  'distribute the bonus fund': 'ripartire il fondo premiale',
  'export the organisation registry': 'esportare il registro delle strutture',
  'download the plan template': 'scaricare il modello del piano',
  'list the people to appraise': 'vedere le persone da valutare',
  'make next year’s plan': "preparare il piano dell'anno successivo",
  'publish the Relazione': 'pubblicare la Relazione',
  'read the completion dashboard': 'vedere il quadro di avanzamento',
  'reassign objectives and indicators': 'riassegnare obiettivi e indicatori',
  'refresh the baselines': 'aggiornare le baseline',
  'review the Relazione': 'esaminare la Relazione',
  'see the bonuses of each person': 'vedere i premi di ciascuna persona',
  'see the records left under a corrected body': 'vedere i documenti rimasti sotto un ente corretto',
  'assign the records left under a corrected body': 'attribuire a un ente i documenti rimasti sotto un ente corretto',
  'set deadlines': 'fissare le scadenze',
  'set passwords': 'impostare le password',
  "write the Relazione's texts": 'scrivere i testi della Relazione',
  "publish a period's values": 'pubblicare i valori di un periodo',
};

/** What a `not-found` is about. */
export type Missing =
  | 'plan'
  | 'objective'
  | 'indicator'
  | 'period'
  | 'user'
  | 'unit'
  | 'route'
  | 'closing'
  | 'periods'
  | 'unpublished-period'
  | 'published-period'
  | 'published-plan'
  | 'published-file'
  | 'revision'
  | 'attachment';

/**
 * What a unique index or a reference of the database names (`conflict` of a request refused by
 * the database's own rule: store/index.ts `constraintViolation`): a thing the reader knows.
 */
export type ConflictSubject =
  'username' | 'email' | 'unit-code' | 'unit-name' | 'period' | 'objective' | 'indicator' | 'measurement' | 'appraisal-form' | 'revision' | 'plan' | 'plan-title' | 'user' | 'unit';

/** A change refused because someone else changed the same thing first (a version that moved on). */
interface StaleConflict {
  what: 'objective' | 'indicator' | 'unit' | 'measurement' | 'variance' | 'forecast' | 'plan' | 'period' | 'revision' | 'review';
  id?: string;
  version?: number;
  sent?: number;
  by?: string | null;
  entered?: boolean;
  /** An indicator's unit changed after the value was read in the old one (`what: 'indicator'`): the unit now. */
  unit?: string;
  /** A value reviewed by another desk since it was read (`what: 'review'`): its review state now. */
  state?: 'to_enter' | 'entered' | 'returned' | 'approved';
}

/** A request the database refused by its own rule: another writer got in first, or changed what it refers to. */
export interface StoredMeanwhile {
  constraint: 'unique' | 'foreign-key' | 'check';
  subject?: ConflictSubject;
  /** `plan-title`, when the store names the plan that got in first: its year and title (its id is in `details.planId`). */
  year?: number;
  title?: string;
}

/** The subject as a unique index makes it clash ("the same …") and as a reference misses it ("the …"). */
const SUBJECT_WORDS: Record<Language, Record<ConflictSubject, { same: string; the: string }>> = {
  it: {
    username: { same: 'lo stesso nome utente', the: 'il nome utente' },
    email: { same: 'la stessa email', the: "l'email" },
    'unit-code': { same: 'lo stesso codice di struttura', the: 'il codice della struttura' },
    'unit-name': { same: 'lo stesso nome di struttura', the: 'il nome della struttura' },
    period: { same: 'un periodo con la stessa data', the: 'il periodo' },
    objective: { same: 'un obiettivo con lo stesso codice', the: "l'obiettivo" },
    indicator: { same: 'un indicatore con lo stesso codice', the: "l'indicatore" },
    measurement: { same: 'lo stesso valore', the: 'il valore' },
    'appraisal-form': { same: 'una scheda della stessa persona per lo stesso anno', the: 'la scheda' },
    revision: { same: "un'altra revisione aperta del piano", the: 'la revisione' },
    plan: { same: 'lo stesso piano', the: 'il piano' },
    'plan-title': { same: 'un piano dello stesso ente con lo stesso anno, versione e titolo', the: 'il piano' },
    user: { same: 'lo stesso account', the: "l'account" },
    unit: { same: 'la stessa struttura', the: 'la struttura' },
  },
  en: {
    username: { same: 'the same user name', the: 'the user name' },
    email: { same: 'the same email', the: 'the email' },
    'unit-code': { same: 'the same unit code', the: "the unit's code" },
    'unit-name': { same: 'the same unit name', the: "the unit's name" },
    period: { same: 'a period with the same date', the: 'the period' },
    objective: { same: 'an objective with the same code', the: 'the objective' },
    indicator: { same: 'an indicator with the same code', the: 'the indicator' },
    measurement: { same: 'the same value', the: 'the value' },
    'appraisal-form': { same: 'a form of the same person for the same year', the: 'the form' },
    revision: { same: 'another open revision of the plan', the: 'the revision' },
    plan: { same: 'the same plan', the: 'the plan' },
    'plan-title': { same: 'a plan of the same body with the same year, version and title', the: 'the plan' },
    user: { same: 'the same account', the: 'the account' },
    unit: { same: 'the same unit', the: 'the unit' },
  },
};

/** A request the database refused by its own rule, in words: what clashed where the driver said it. */
function storedMeanwhile(p: StoredMeanwhile, l: Language): string {
  const words = p.subject === undefined ? undefined : SUBJECT_WORDS[l][p.subject];
  if (p.constraint === 'unique' && p.subject === 'plan-title' && p.year !== undefined && p.title !== undefined) {
    // Reloading would not help: the other request's plan is there to open, or this one needs another title.
    return l === 'it'
      ? `un'altra richiesta ha creato nello stesso momento il piano ${p.year} «${p.title}»: nulla è stato salvato; aprire quel piano o scegliere un altro titolo`
      : `another request made the ${p.year} plan “${p.title}” at the same moment: nothing was stored; open that plan or choose another title`;
  }
  if (l === 'it') {
    const end = 'nulla è stato salvato; ricaricare e riprovare';
    if (p.constraint === 'unique') return `un'altra richiesta ha salvato nello stesso momento ${words?.same ?? 'gli stessi dati'}: ${end}`;
    if (p.constraint === 'foreign-key') return `un'altra richiesta ha nel frattempo modificato o eliminato ${words?.the ?? 'qualcosa'} a cui questa modifica si riferisce: ${end}`;
    return `il database ha rifiutato un valore di questa modifica per una sua regola: ${end}`;
  }
  const end = 'nothing was stored; reload and try again';
  if (p.constraint === 'unique') return `another request stored ${words?.same ?? 'the same data'} at the same moment: ${end}`;
  if (p.constraint === 'foreign-key') return `another request changed or deleted ${words?.the ?? 'something'} this change refers to in the meantime: ${end}`;
  return `the database refused a value of this change by one of its rules: ${end}`;
}

/** What a request met in the database (`database-unavailable`), as a user is told it: no file names, no driver's words. */
export type DatabaseTrouble = 'busy' | 'unreachable' | 'full' | 'damaged' | 'read-only' | 'unusable';

/** Why the store refuses a value (`invalid`): a plan's codes and periods, a unit of the registry. */
export type InvalidReason =
  | 'email'
  | 'code-twice'
  | 'empty-label'
  | 'date'
  | 'date-year'
  | 'date-twice'
  | 'no-periods'
  // A period's data-entry deadline outside the plan's year and the next (store/periods.ts deadlineProblem).
  | 'deadline-year'
  // A period's data-entry deadline before the period's own end.
  | 'deadline-before-end'
  | 'unit-code'
  | 'unit-name'
  | 'unit-kind'
  | 'own-parent'
  | 'unknown-parent'
  | 'parent-circle'
  | 'unknown-head'
  | 'unknown-member'
  | 'no-assignee'
  | 'unknown-unit'
  | 'unknown-person'
  // An account named Referente that enters no values (an OIV, HR) or is switched off (contract/permissions.ts `mayBeAssigned`).
  | 'person-cannot-enter'
  | 'next-year'
  // The last active administrator demoted or deactivated (store/users.ts updateUser).
  | 'last-admin'
  | 'return-note'
  | 'answer-note'
  | 'nothing-to-review'
  | 'no-open-request'
  | 'approved-already'
  // The registry's import as a whole (store/units.ts), comments, an account's email language, variances and forecasts.
  | 'registry-rows'
  | 'registry-circle'
  | 'empty-comment'
  | 'comment-too-long'
  | 'email-language'
  | 'variance-cause'
  | 'variance-explanation'
  | 'forecast-reachable'
  | 'forecast-year-end'
  // A closed or validated period reopened without its reason (store/periods.ts transitionProblem).
  | 'reopen-reason'
  // A unit change refused in the store's transaction: a value entered meanwhile in a period still open (store/tree-store.ts).
  | 'recorded-unit'
  // A plan imported or rolled forward with an indicator computed by a formula in dates or yes/no (core/definition.ts).
  | 'formula-unit';

/** Why a field of a request is refused (zod's issue codes, and ours). */
export interface FieldProblem {
  field: string;
  /** `required`, `too-short`, `too-long`, `too-small`, `too-big`, `type`, `enum`, `unknown-keys`, `unknown-key`, `format`, `control-characters`, `custom`, … */
  problem: string;
  expected?: string;
  minimum?: number | string;
  maximum?: number | string;
  /** `enum`: the values allowed; `recorded-unit`: the periods holding values. */
  values?: readonly string[];
  keys?: readonly string[];
  /** The English words of a check the catalogue does not know (a custom check), shown as they are. */
  detail?: string;
  /** The character refused (`U+0000`). */
  character?: string;
  /** The value refused, as sent (`unknown-unit`: the unit's id or name; `actual-with-state`: the state sent; `rule-unit`, `recorded-unit`: the old unit). */
  value?: string;
  /** `amount`: the bound a number is beyond. */
  bound?: string;
}

function fieldProblem(p: FieldProblem, l: Language): string {
  const it = l === 'it';
  switch (p.problem) {
    case 'required':
      return it ? 'obbligatorio' : 'required';
    case 'too-short':
      return it ? (Number(p.minimum) <= 1 ? 'non può essere vuoto' : `almeno ${p.minimum} caratteri`) : Number(p.minimum) <= 1 ? 'cannot be empty' : `at least ${p.minimum} characters`;
    case 'too-long':
      return it ? `al massimo ${p.maximum} caratteri` : `at most ${p.maximum} characters`;
    case 'too-few':
      return it ? `almeno ${p.minimum} elementi` : `at least ${p.minimum} items`;
    case 'too-many':
      return it ? `al massimo ${p.maximum} elementi` : `at most ${p.maximum} items`;
    case 'too-small':
      return it ? `almeno ${p.minimum}` : `at least ${p.minimum}`;
    case 'too-big':
      return it ? `al massimo ${p.maximum}` : `at most ${p.maximum}`;
    case 'type':
      // `values`: the types a value may have (a number or a text), when more than one.
      if ((p.values ?? []).length > 1)
        return `${it ? 'atteso' : 'expected'} ${listOr(
          p.values!.map((v) => (it ? (TYPE_IT[v] ?? v) : v)),
          l,
        )}`;
      return it ? `atteso ${TYPE_IT[p.expected ?? ''] ?? p.expected}` : `expected ${p.expected}`;
    case 'enum':
      return it ? `uno tra ${(p.values ?? []).join(', ')}` : `one of ${(p.values ?? []).join(', ')}`;
    case 'unknown-keys':
      return it ? `campi non previsti: ${(p.keys ?? []).join(', ')}` : `unknown fields: ${(p.keys ?? []).join(', ')}`;
    // One unexpected field, named by the issue's own field (its path).
    case 'unknown-key':
      return it ? 'campo non previsto: toglierlo' : 'not an expected field: remove it';
    case 'control-characters':
      return it
        ? `contiene un carattere di controllo (${p.character ?? '?'}), che non si può salvare: toglierlo`
        : `contains a control character (${p.character ?? '?'}), which cannot be stored: remove it`;
    // `value`: the year as typed (an import's form), quoted as the reader's language quotes it.
    case 'year':
      return it ? `un anno come 2024${p.value === undefined ? '' : `, non «${p.value}»`}` : `a year such as 2024${p.value === undefined ? '' : `, not “${p.value}”`}`;
    // Numbers, weights, accounts (server/amounts.ts, routes/users.ts).
    case 'decimal-number':
      return it ? 'un numero come 30 o 33,33' : 'a number such as 30 or 33.33';
    case 'number-digits':
      return it
        ? `un numero con al massimo ${NUMBER_BOUNDS.wholeDigits} cifre prima della virgola e ${NUMBER_BOUNDS.decimals} dopo`
        : `a number with at most ${NUMBER_BOUNDS.wholeDigits} digits before the decimal point and ${NUMBER_BOUNDS.decimals} after`;
    case 'weight':
      return it ? 'un peso da 0 a 100' : 'a weight from 0 to 100';
    case 'email':
      return it ? 'un indirizzo email come nome.cognome@ente.it' : 'an email address such as nome.cognome@ente.it';
    case 'email-taken':
      return it ? `un altro account ha l'email ${p.value}` : `another account has the email ${p.value}`;
    // An account that signs in at the identity provider has no password in Albero (routes/users.ts).
    case 'password-for-provider':
      return it
        ? "l'account accede con il fornitore di identità e non ha una password in Albero: non indicarla"
        : 'the account signs in through the identity provider and has no password in Albero: leave it out';
    case 'password-for-password-sign-in':
      return it ? "per accedere con la password l'account ne ha bisogno di una (almeno 8 caratteri)" : 'signing in with a password, the account needs one (at least 8 characters)';
    case 'username':
      return it ? 'da 2 a 64 lettere, cifre, punti, trattini, trattini bassi o @' : '2–64 letters, digits, dots, dashes, underscores or @';
    // A baseline's year after the plan's (server/routes/tree.ts): `maximum` the plan's year.
    case 'baseline-year-after':
      return it
        ? `la baseline è l'ultimo valore noto quando si fa il piano: un anno fino al ${p.maximum}, l'anno del piano`
        : `the baseline is the last value known when the plan is made: a year up to ${p.maximum}, the plan's year`;
    // A date target before the year it is the target of (server/routes/tree.ts): `value` the date, `minimum` that year.
    case 'date-before-year':
      return it
        ? `la data ${formatItalianDate(p.value ?? '')} viene prima del ${p.minimum}: il target di un anno è una scadenza in quell'anno o dopo`
        : `the date ${formatItalianDate(p.value ?? '')} comes before ${p.minimum}: a year's target is a deadline in that year or later`;
    // A count in the query string (`?limit=`, server/validation.ts intQuery).
    case 'positive-integer':
      return it ? 'un numero intero positivo (1, 2, …)' : 'a positive whole number (1, 2, …)';
    // A place in a list (`?offset=`): from its first row, 0.
    case 'whole-number':
      return it ? 'un numero intero da 0 in su (0, 1, 2, …)' : 'a whole number from 0 up (0, 1, 2, …)';
    case 'revision-number':
      return it ? 'una variazione si indica con il suo numero: 1, 2, …' : 'a revision is named by its number, 1, 2, …';
    // A value typed in the indicator's unit (server/amounts.ts readAmount): `expected` says what it must be.
    case 'amount':
      return `${it ? 'serve' : 'expected'} ${amountWords(p as unknown as AmountProblem, l)}`;
    // A new unit for an indicator that keeps, at `field`, an amount in the old one (server/routes/tree.ts): `value` the old unit, `expected` the new.
    case 'rule-unit':
      return keptInOldUnit(p, l);
    // An indicator computed by a formula, in a unit a number cannot be (server/routes/tree.ts): `expected` the unit, `value` the formula's kind.
    case 'formula-unit':
      return formulaOutOfUnit(p, l);
    // A new unit for an indicator with actuals recorded in the old one in periods still open: `values` their labels.
    case 'recorded-unit': {
      const [old, unit, periods] = [unitWords(p.value, l), unitWords(p.expected, l), listIn(p.values ?? [], l)];
      return it
        ? `ci sono consuntivi in ${old} nei periodi ancora aperti (${periods}), che non valgono per un indicatore in ${unit}: riportarli a «non misurato» prima di cambiare l'unità, poi inserirli di nuovo; i periodi chiusi o validati restano come sono stati chiusi`
        : `actuals in ${old} are recorded in periods still open (${periods}), which mean nothing for an indicator in ${unit}: set them to “not measured” before changing the unit, then enter them again; closed or validated periods stay as they were closed`;
    }
    // A forecast that the target will not be reached, or is at risk (server/routes/variances.ts): `value` the outcome sent.
    case 'forecast-note-needed':
      return it ? `una previsione «${p.value === 'no' ? 'no' : 'a rischio'}» richiede una nota che dica perché` : `a forecast “${p.value === 'no' ? 'no' : 'at risk'}” needs a note saying why`;
    // Entering a value (server/routes/measurements.ts).
    case 'actual-needed':
      return it ? 'un valore misurato ha bisogno del consuntivo' : 'a measured value needs an actual';
    case 'inputs-needed':
      return it ? 'questo indicatore si calcola dalle sue misure di base: inviarle in inputs' : 'this indicator is computed from its base measures: send them in inputs';
    case 'actual-with-state':
      return it ? `un consuntivo va con lo stato «measured», non «${p.value}»` : `an actual goes with the state “measured”, not “${p.value}”`;
    case 'reason-needed':
      return it ? 'N.V. (non valutabile) richiede un motivo' : 'N.E. (not evaluable) needs a reason';
    case 'body-name':
      return it ? 'il nome di un ente' : 'the name of a body';
    case 'euros':
      return it ? 'una somma in euro con al massimo due decimali, es. 12345,67' : 'a sum of money in euros with at most two decimals, e.g. 12345.67';
    case 'iso-date':
      return it ? 'una data scritta AAAA-MM-GG, es. 2024-04-30' : 'a date written YYYY-MM-DD, e.g. 2024-04-30';
    // The OIV's validated values (server/routes/relazione.ts).
    case 'percent':
      return it ? 'una performance in percentuale da 0 a 1000, es. 85, «85,5» o «85%»' : 'a performance in percent from 0 to 1000, e.g. 85, “85.5” or “85%”';
    case 'one-per-objective':
      return it ? 'un solo valore validato per obiettivo' : 'one validated value per objective';
    // A unit named in a request (by id or name) that the registry does not hold.
    case 'unknown-unit':
      return it ? `non c'è una struttura «${p.value}» nel registro (aggiungerla prima in Strutture)` : `there is no unit “${p.value}” in the registry (add it under Strutture first)`;
    // GET /api/plans/:planId/changes with nothing to compare with (server/routes/changes.ts).
    case 'compare-with':
      return it
        ? 'indicare con cosa confrontare: against (un altro piano), againstPeriod (un altro periodo di questo piano) o againstClosing=true'
        : 'say what to compare with: against (another plan), againstPeriod (another period of this plan) or againstClosing=true';
    default:
      return p.detail ?? (it ? 'valore non valido' : 'not valid');
  }
}
/**
 * A code the Relazione shares (same status, same code for scripts): with `params.relazione` its
 * words come from relazione.ts, the roles said here.
 */
function orRelazione<P extends object>(m: Message<P>): Message<P | RelazioneRefusal> {
  const say =
    (l: Language) =>
    (p: P | RelazioneRefusal): string => {
      if ('relazione' in p) return relazioneRefusal(p.relazione === 'role' ? { ...p, role: role(p.role, l), roles: p.roles.map((r: string) => role(r, l)) } : p, l);
      const text = m[l];
      return typeof text === 'string' ? text : text(p);
    };
  return { it: say('it'), en: say('en') };
}
/** A code shared with the appraisal forms and the SMVP: with `params.appraisal` its words come from appraisal.ts. */
function orAppraisal<P extends object>(m: Message<P>): Message<P | AppraisalRefusal> {
  const say =
    (l: Language) =>
    (p: P | AppraisalRefusal): string => {
      if ('appraisal' in p && typeof p.appraisal === 'string' && Object.hasOwn(APPRAISAL_REFUSALS, p.appraisal)) return renderFrom(APPRAISAL_REFUSALS, p.appraisal, p as AppraisalRefusal, l)!;
      const text = m[l];
      return typeof text === 'string' ? text : text(p as P);
    };
  return { it: say('it'), en: say('en') };
}
/** What an upload carries: a plan's table, the registry of units (strutture), the SMVP, an evidence file. */
export type Upload = 'plan' | 'registry' | 'smvp' | 'evidence';
const UPLOAD_WORDS: Record<Language, Record<Upload, string>> = {
  it: { plan: 'la tabella del piano', registry: 'il registro delle strutture', smvp: 'il SMVP', evidence: 'il documento di evidenza' },
  en: { plan: "the plan's table", registry: 'the registry', smvp: 'the SMVP', evidence: 'the evidence file' },
};
/** The files an import route reads, said when it is a short list (a plan's table comes in many formats). */
const UPLOAD_FORMATS: Record<Exclude<Upload, 'evidence'>, readonly string[]> = { plan: [], registry: ['.csv', '.xlsx'], smvp: ['.json', '.xlsx'] };
const uploadFormats = (what: Exclude<Upload, 'evidence'>, l: Language): string => (UPLOAD_FORMATS[what].length === 0 ? '' : ` (${UPLOAD_FORMATS[what].join(l === 'it' ? ' o ' : ' or ')})`);
/** An indicator's unit, as `rule-unit` and `recorded-unit` say it. */
const unitWords = (unit: string | undefined, l: Language): string => UNIT_IN_WORDS[l][unit ?? ''] ?? unit ?? '';

/**
 * `rule-unit`: what the indicator keeps at `field` (the rule's floor or points, the target, the
 * baseline, a next year's target) is in its old unit and must come again with the new one.
 */
function keptInOldUnit(p: FieldProblem, l: Language): string {
  const [old, unit] = [unitWords(p.value, l), unitWords(p.expected, l)];
  const [field, index] = p.field.split('.');
  if (l === 'it') {
    const why = `che non vale per un indicatore in ${unit}`;
    if (field === 'target') return `il target è espresso in ${old}, ${why}: indicarlo di nuovo (target) insieme all'unità`;
    if (field === 'baseline') return `la baseline è espressa in ${old}, ${why}: indicarla di nuovo (baseline) insieme all'unità, o null per nessuna`;
    if (field === 'nextTargets') return `il target dell'anno +${Number(index) + 1} è espresso in ${old}, ${why}: indicare di nuovo i target degli anni successivi (nextTargets) insieme all'unità`;
    return `la regola ha valori in ${old}, che non valgono per un indicatore in ${unit}: indicare di nuovo la soglia o gli scaglioni (scoring) insieme all'unità, o un'altra regola`;
  }
  const why = `which means nothing for an indicator in ${unit}`;
  if (field === 'target') return `the target is given in ${old}, ${why}: give it again (target) with the unit`;
  if (field === 'baseline') return `the baseline is given in ${old}, ${why}: give it again (baseline) with the unit, or null for none`;
  if (field === 'nextTargets') return `the target of the plan's year + ${Number(index) + 1} is given in ${old}, ${why}: give the next years' targets again (nextTargets) with the unit`;
  return `the rule has values in ${old}, which mean nothing for an indicator in ${unit}: give the floor or the band points (scoring) again with the unit, or another rule`;
}
/** The store's `invalid` refusal of a unit change (a value entered meanwhile) as the route's `recorded-unit` field problem: one wording for both. */
export function recordedUnit(p: { unit?: string; was?: string; values?: readonly string[] }): FieldProblem {
  return { field: 'unit', problem: 'recorded-unit', ...(p.unit === undefined ? {} : { expected: p.unit }), ...(p.was === undefined ? {} : { value: p.was }), values: p.values ?? [] };
}

/**
 * `formula-unit`: an indicator computed by a formula (`value` its kind) gives a number, which an
 * indicator in `expected` (dates, yes/no) cannot hold; at `unit` the unit is to change back, at
 * `formula` the formula comes with a unit of numbers.
 */
function formulaOutOfUnit(p: FieldProblem, l: Language): string {
  const unit = unitWords(p.expected, l);
  if (l === 'it') {
    const what = `l'indicatore si calcola con una formula (${FORMULA_KIND_WORDS.it[p.value ?? ''] ?? p.value}), che dà un numero: non può essere in ${unit}`;
    return p.field === 'unit'
      ? `${what}; scegliere numeri o percentuale, o togliere la formula (formula: null) insieme all'unità`
      : `${what}; indicare insieme alla formula l'unità in numeri o percentuale (unit)`;
  }
  const what = `the indicator is computed by a formula (${FORMULA_KIND_WORDS.en[p.value ?? ''] ?? p.value}), which gives a number: it cannot be in ${unit}`;
  return p.field === 'unit' ? `${what}; choose numbers or percent, or remove the formula (formula: null) with the unit` : `${what}; give a unit in numbers or percent (unit) with the formula`;
}

/** The store's `formula-unit` refusal (an imported or rolled-forward plan): the plan's rule in the import's words, at the objective and indicator. */
function formulaUnitOf(p: { code?: string; id?: string; label?: string; unit?: string; formula?: string }, l: Language): string {
  const words = renderFrom(ISSUE_MESSAGES, 'formula-unit', { node: p.code ?? '', id: p.id ?? '', indicator: p.label ?? '', unit: p.unit ?? '', formula: p.formula ?? '' }, l);
  return `${p.code ?? ''} ${p.id ?? ''}: ${words ?? ''}`;
}

/** `a, b o c` / `a, b or c`. */
function listOr(items: readonly string[], l: Language): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} ${l === 'it' ? 'o' : 'or'} ${items[items.length - 1]}`;
}

const TYPE_IT: Record<string, string> = { string: 'un testo', number: 'un numero', boolean: 'vero o falso', object: 'un oggetto', array: 'un elenco', integer: 'un numero intero' };

const OWN_MESSAGES = defineMessages({
  'malformed-json': message({ it: 'il corpo della richiesta non è JSON valido', en: 'the body is not valid JSON' }),
  'invalid-field': message<FieldProblem>({
    it: (p) => `${p.field === '' ? '' : `${p.field}: `}${fieldProblem(p, 'it')}`,
    en: (p) => `${p.field === '' ? '' : `${p.field}: `}${fieldProblem(p, 'en')}`,
  }),
  'invalid-body': message<{ fields: readonly string[] }>({
    it: (p) => `la richiesta non è come prevista: ${p.fields.length === 0 ? 'controllare i dati' : `controllare ${listIn(p.fields, 'it')}`}`,
    en: (p) => `the body is not as expected: ${p.fields.length === 0 ? 'check the data' : `check ${listIn(p.fields, 'en')}`}`,
  }),
  /** Control characters (NUL, escape…) in a text field: 422, the field named. */
  'control-characters': message<{ fields: readonly string[] }>({
    it: (p) => `${listIn(p.fields, 'it')}: contiene caratteri di controllo (come NUL), che non si possono salvare`,
    en: (p) => `${listIn(p.fields, 'en')}: contains control characters (such as NUL), which cannot be stored`,
  }),
  /** `problem`: what the value must be, as fieldProblem says it (`year`…). */
  'invalid-path': message<{ name: string; problem?: string }>({
    it: (p) => (p.problem === undefined ? `il valore ${p.name} nell'indirizzo non è valido` : `${p.name} nell'indirizzo: ${fieldProblem({ field: p.name, problem: p.problem }, 'it')}`),
    en: (p) => (p.problem === undefined ? `the ${p.name} in the address is not valid` : `the ${p.name} in the address: ${fieldProblem({ field: p.name, problem: p.problem }, 'en')}`),
  }),
  /** `problem` (and `expected`): what the value must be, as fieldProblem says it, instead of the sender's `detail`. */
  'invalid-query': message<{ field: string; values?: readonly string[]; value?: string; detail?: string; problem?: string; expected?: string; maximum?: number }>({
    it: (p) =>
      p.values !== undefined
        ? `${p.field} deve essere uno tra ${p.values.join(', ')}${p.value === undefined || p.value === '' ? '' : `, non «${p.value}»`}`
        : `${p.field}: ${p.problem === undefined ? (p.detail ?? 'valore non valido') : fieldProblem({ field: p.field, problem: p.problem, ...(p.expected === undefined ? {} : { expected: p.expected }), ...(p.maximum === undefined ? {} : { maximum: p.maximum }) }, 'it')}`,
    en: (p) =>
      p.values !== undefined
        ? `${p.field} must be one of ${p.values.join(', ')}${p.value === undefined || p.value === '' ? '' : `, not “${p.value}”`}`
        : `${p.field}: ${p.problem === undefined ? (p.detail ?? 'not valid') : fieldProblem({ field: p.field, problem: p.problem, ...(p.expected === undefined ? {} : { expected: p.expected }), ...(p.maximum === undefined ? {} : { maximum: p.maximum }) }, 'en')}`,
  }),
  /** `what`: the upload expected (a plan's table, the registry of units, the SMVP, an evidence file). */
  'unsupported-media-type': message<{ expected: 'json' } | { expected: 'multipart'; what: Upload }>({
    it: (p) => (p.expected === 'json' ? 'inviare il corpo come JSON (Content-Type: application/json)' : `inviare ${UPLOAD_WORDS.it[p.what]} come caricamento multipart/form-data con un campo «file»`),
    en: (p) => (p.expected === 'json' ? 'send the body as JSON (Content-Type: application/json)' : `send ${UPLOAD_WORDS.en[p.what]} as a multipart/form-data upload with a “file” field`),
  }),
  'malformed-upload': message({ it: 'il caricamento non si può leggere come multipart/form-data', en: 'the upload could not be read as multipart/form-data' }),
  'missing-file': message<{ what: Exclude<Upload, 'evidence'> }>({
    it: (p) => `allegare ${UPLOAD_WORDS.it[p.what]}${uploadFormats(p.what, 'it')} in un campo chiamato «file»`,
    en: (p) => `attach ${UPLOAD_WORDS.en[p.what]}${uploadFormats(p.what, 'en')} in a field called “file”`,
  }),
  'one-file': message<{ what: Exclude<Upload, 'evidence'>; count: number; names: string }>({
    it: (p) => `allegare ${UPLOAD_WORDS.it[p.what]} un file alla volta: ne sono arrivati ${p.count} nel campo «file» (${p.names}) e nessuno è stato importato`,
    en: (p) => `attach ${UPLOAD_WORDS.en[p.what]} one file at a time: ${p.count} came in the field “file” (${p.names}) and none was imported`,
  }),
  'invalid-file': message<{ file: string; problems: readonly string[] }>({
    it: (p) => `${p.file} non si può importare: ${p.problems.length === 0 ? 'illeggibile' : `${p.problems.length} ${p.problems.length === 1 ? 'errore' : 'errori'} (vedere l'elenco)`}`,
    en: (p) => `${p.file} cannot be imported: ${p.problems.length === 0 ? 'unreadable' : p.problems.join('; ')}`,
  }),
  'too-large': message<{ limitKiB: number }>({
    it: (p) => `la richiesta supera il limite di ${p.limitKiB} KiB`,
    en: (p) => `the request is larger than the limit of ${p.limitKiB} KiB`,
  }),
  'method-not-allowed': message<{ method: string; allowed: readonly string[] }>({
    it: (p) => `${p.method} non è ammesso qui (ammessi: ${p.allowed.join(', ')})`,
    en: (p) => `${p.method} is not allowed here (allowed: ${p.allowed.join(', ')})`,
  }),
  'not-found': message<{ what: Missing; id?: string; method?: string; path?: string; periods?: readonly string[]; label?: string; published?: readonly string[] }>({
    it: (p) =>
      ({
        plan: `non esiste un piano con l'id ${p.id}`,
        objective: `non c'è un obiettivo ${p.id} in questo piano`,
        indicator: `non c'è un indicatore ${p.id} in questo piano`,
        period: p.periods !== undefined && p.periods.length > 0 ? `il piano non ha il periodo ${p.id} (i suoi periodi sono ${p.periods.join(', ')})` : `il piano non ha il periodo ${p.id}`,
        periods: 'questo piano non ha periodi di monitoraggio',
        user: `non esiste un utente con l'id ${p.id}`,
        unit: `non esiste una struttura con l'id ${p.id}`,
        route: `non esiste la rotta ${p.method} ${p.path}`,
        closing: `il periodo ${p.id} non è mai stato chiuso`,
        // The public reads a period's values once closed, validated or published (server/public-periods.ts).
        // Said by the period's label (a shared link carries its id, "2024-06-30"), with the ones the public may read.
        'unpublished-period': `i valori del periodo «${p.label ?? p.id}» non sono ancora pubblicati${
          p.published === undefined || p.published.length === 0
            ? ''
            : `; ${p.published.length === 1 ? 'è pubblicato il periodo' : 'sono pubblicati i periodi'} ${p.published.map((l) => `«${l}»`).join(', ')}`
        }`,
        'published-period': 'nessun periodo di questo piano ha ancora valori pubblicati',
        // The transparency site (server/routes/transparency.ts): `id` the plan, or the file's name.
        'published-plan': `non esiste un piano pubblicato con l'id ${p.id}`,
        'published-file': `${p.id} non è pubblicato`,
        revision: `il piano non ha la variazione n. ${p.id}`,
        attachment: `non c'è un allegato ${p.id} su questo valore`,
      })[p.what],
    en: (p) =>
      ({
        plan: `there is no plan with the id ${p.id}`,
        objective: `there is no objective ${p.id} in this plan`,
        indicator: `there is no indicator ${p.id} in this plan`,
        period: p.periods !== undefined && p.periods.length > 0 ? `the plan has no period ${p.id} (its periods are ${p.periods.join(', ')})` : `the plan has no period ${p.id}`,
        periods: 'this plan has no monitoring period',
        user: `there is no user with the id ${p.id}`,
        unit: `there is no unit with the id ${p.id}`,
        route: `there is no API route ${p.method} ${p.path}`,
        closing: `the period ${p.id} has never been closed`,
        'unpublished-period': `the values of the period “${p.label ?? p.id}” are not published yet${
          p.published === undefined || p.published.length === 0
            ? ''
            : `; ${p.published.length === 1 ? 'the published period is' : 'the published periods are'} ${p.published.map((l) => `“${l}”`).join(', ')}`
        }`,
        'published-period': 'no period of this plan has published values yet',
        'published-plan': `there is no published plan with the id ${p.id}`,
        'published-file': `${p.id} is not published`,
        revision: `the plan has no revision no. ${p.id}`,
        attachment: `there is no attachment ${p.id} on this value`,
      })[p.what],
  }),
  unauthenticated: message({ it: 'accedere prima', en: 'sign in first' }),
  csrf: message({
    it: 'alla richiesta manca l’intestazione X-CSRF-Token della sessione (ricaricare la pagina e riprovare)',
    en: 'this request is missing the X-CSRF-Token header of your session (reload the page and try again)',
  }),
  /** The `Idempotency-Key` header is not one a client makes (server/idempotency.ts): 400 at that header. */
  'idempotency-key-invalid': message<{ maximum: number }>({
    it: (p) => `l’intestazione Idempotency-Key deve essere un testo da 1 a ${p.maximum} caratteri, senza spazi (lettere, cifre, - e _)`,
    en: (p) => `the Idempotency-Key header must be a text of 1 to ${p.maximum} characters without spaces (letters, digits, - and _)`,
  }),
  /** The key came with another request (another address or body), made or being made: 422, nothing made now. */
  'idempotency-key-reused': message<{ what: 'body' | 'route' }>({
    it: (p) =>
      `un invio precedente con la stessa Idempotency-Key, ${p.what === 'body' ? 'ma con un contenuto diverso' : 'ma a un altro indirizzo'}, è già stato ricevuto: questo non è stato registrato. Ricaricare per controllare, poi inviare di nuovo se serve`,
    en: (p) =>
      `an earlier request with the same Idempotency-Key, ${p.what === 'body' ? 'but different content' : 'but to another address'}, was received already: this one was not recorded. Reload to check, then send it again if needed`,
  }),
  /** The request that claimed the key is still being made (two tries at once, the first slow): 409, nothing made by this one. */
  'idempotency-key-pending': message({
    it: 'un invio precedente con la stessa Idempotency-Key è ancora in corso: questo non è stato registrato. Ricaricare tra poco per controllare',
    en: 'an earlier request with the same Idempotency-Key is still being made: this one was not recorded. Reload in a moment to check',
  }),
  forbidden: message<{
    role?: string;
    action?: string;
    indicator?: string;
    objective?: string;
    to?: string;
    from?: string;
    roles?: readonly string[];
    appraisal?: keyof typeof APPRAISAL_FORBIDDEN;
    part?: string;
    state?: string;
  }>({
    it: (p) =>
      p.appraisal !== undefined
        ? renderFrom(APPRAISAL_FORBIDDEN, p.appraisal, p, 'it')!
        : p.objective !== undefined
          ? `l'obiettivo ${p.objective} non è assegnato a te né alla tua struttura`
          : p.indicator !== undefined
            ? `l'indicatore ${p.indicator} non è assegnato a te né alla tua struttura`
            : p.to !== undefined
              ? periodMoveRefusal(p, 'it')
              : `il tuo ruolo (${role(p.role, 'it')}) non può ${ACTION_WORDS[p.action ?? ''] ?? 'fare questa operazione'}`,
    en: (p) =>
      p.appraisal !== undefined
        ? renderFrom(APPRAISAL_FORBIDDEN, p.appraisal, p, 'en')!
        : p.objective !== undefined
          ? `objective ${p.objective} is not assigned to you or your unit`
          : p.indicator !== undefined
            ? `indicator ${p.indicator} is not assigned to you or your unit`
            : p.to !== undefined
              ? periodMoveRefusal(p, 'en')
              : `your role (${role(p.role, 'en')}) may not ${p.action ?? 'do this'}`,
  }),
  'invalid-credentials': message({ it: 'nome utente o password errati', en: 'wrong username or password' }),
  'too-many-attempts': message<{ retryAfter: number }>({
    it: (p) => `troppi accessi non riusciti: riprovare tra ${p.retryAfter} ${p.retryAfter === 1 ? 'secondo' : 'secondi'}`,
    en: (p) => `too many failed sign-ins: try again in ${p.retryAfter} seconds`,
  }),
  /** A password sign-in (or change) for an account that signs in at the identity provider: not a wrong password, the wrong way. */
  'sign-in-with-provider': message({
    it: "questo account accede con il fornitore di identità dell'ente, non con una password: usare il pulsante di accesso del fornitore",
    en: "this account signs in through the body's identity provider, not with a password: use the provider's sign-in button",
  }),
  'wrong-password': message({ it: 'la password attuale non è corretta', en: 'the current password is not right' }),
  'password-change-required': message({ it: 'la password è temporanea: cambiarla prima di continuare', en: 'your password is temporary: change it first' }),
  // Variances and forecasts (server/routes/variances.ts): the cause of a shortfall is asked of an
  // objective short of green only, a forecast of an indicator somebody measures.
  'variance-not-short': message<{ objective: string; band: 'green' | null }>({
    it: (p) =>
      p.band === 'green'
        ? `l'obiettivo ${p.objective} è in verde in questo periodo: lo scostamento si spiega per gli obiettivi in giallo o in rosso`
        : `l'obiettivo ${p.objective} non ha una performance in questo periodo: lo scostamento si spiega per gli obiettivi in giallo o in rosso`,
    en: (p) =>
      p.band === 'green'
        ? `objective ${p.objective} is green in this period: a variance is explained for objectives in yellow or red`
        : `objective ${p.objective} has no performance in this period: a variance is explained for objectives in yellow or red`,
  }),
  'forecast-derived': message<{ indicator: string }>({
    it: (p) => `l'indicatore ${p.indicator} è calcolato dagli obiettivi figli: la previsione si dà sugli indicatori da cui viene`,
    en: (p) => `indicator ${p.indicator} is computed from the child objectives: the forecast is given on the indicators it comes from`,
  }),
  'derived-indicator': message<{ indicator: string }>({
    it: (p) => `l'indicatore ${p.indicator} è calcolato dagli obiettivi figli: non si può inserire`,
    en: (p) => `indicator ${p.indicator} is computed from the child objectives; it cannot be entered`,
  }),
  'bad-request': message({ it: 'la richiesta non si può leggere', en: 'the request could not be read' }),
  internal: message({ it: 'qualcosa non ha funzionato sul server; la modifica non è stata salvata', en: 'something went wrong on the server; the change was not stored' }),
  /**
   * The database could not do the request's work (server/errors.ts): busy past the wait, out of
   * reach, its disk full, damaged, read-only. Nothing of the request was stored (its transaction
   * rolled back); `retryAfter` (seconds) when trying again soon helps. The driver's words stay in
   * the server's log.
   */
  'database-unavailable': message<{ reason: DatabaseTrouble; retryAfter?: number }>({
    it: (p) => {
      const later = `riprovare tra ${p.retryAfter ?? 5} secondi`;
      const admin = "avvisare l'amministratore del sistema";
      return {
        busy: `il database è occupato da un'altra operazione: nulla è stato salvato; ${later}`,
        unreachable: `il server non riesce a raggiungere il database: nulla è stato salvato; ${later}`,
        full: `il disco del database è pieno: nulla è stato salvato; ${admin}`,
        damaged: `il database risulta danneggiato: nulla è stato salvato; ${admin}`,
        'read-only': `il database è in sola lettura: nulla è stato salvato; ${admin}`,
        unusable: `il database non si può usare in questo momento: nulla è stato salvato; ${admin}`,
      }[p.reason];
    },
    en: (p) => {
      const later = `try again in ${p.retryAfter ?? 5} seconds`;
      const admin = 'tell the system administrator';
      return {
        busy: `the database is busy with another operation: nothing was stored; ${later}`,
        unreachable: `the server cannot reach the database: nothing was stored; ${later}`,
        full: `the database's disk is full: nothing was stored; ${admin}`,
        damaged: `the database is damaged: nothing was stored; ${admin}`,
        'read-only': `the database is read-only: nothing was stored; ${admin}`,
        unusable: `the database cannot be used at the moment: nothing was stored; ${admin}`,
      }[p.reason];
    },
  }),

  // The store's refusals.
  conflict: message<StaleConflict | StoredMeanwhile>({
    it: (p) =>
      'constraint' in p
        ? storedMeanwhile(p, 'it')
        : p.what === 'plan' || p.what === 'period' || p.what === 'revision'
          ? `${{ plan: 'il piano è stato modificato', period: 'il periodo è stato modificato', revision: 'la variazione è stata modificata' }[p.what]}${p.by ? ` da ${p.by}` : ' da qualcun altro'} dopo che l'hai ${p.what === 'revision' ? 'letta' : 'letto'}${p.version !== undefined ? ` (versione ${p.version}, inviata ${p.sent})` : ''}: non è stato salvato nulla; ricaricare e riprovare`
          : p.what === 'variance' || p.what === 'forecast'
            ? `${p.what === 'variance' ? 'questo scostamento è stato' : 'questa previsione è stata'} ${p.entered === true ? (p.what === 'variance' ? 'inserito' : 'inserita') : p.what === 'variance' ? 'modificato' : 'modificata'}${p.by ? ` da ${p.by}` : ' da qualcun altro'} nel frattempo${p.version !== undefined ? ` (versione ${p.version}, inviata ${p.sent})` : ''}: ricaricare e riprovare`
            : p.what === 'review'
              ? `la revisione di questo valore è stata cambiata${p.by ? ` da ${p.by}` : ' da qualcun altro'} nel frattempo: ora è «${DASHBOARD_WORKBOOK.it.states[p.state ?? 'entered']}»; non è stato salvato nulla, ricaricare e rivederlo`
              : p.what === 'measurement'
                ? `questo valore è stato ${p.entered === true ? 'inserito' : 'modificato'}${p.by ? ` da ${p.by}` : ' da qualcun altro'} nel frattempo${p.version !== undefined ? ` (versione ${p.version}, inviata ${p.sent})` : ''}: ricaricare e riprovare`
                : p.what === 'indicator' && p.unit !== undefined
                  ? `l'unità dell'indicatore ${p.id} è stata cambiata${p.by ? ` da ${p.by}` : ''} dopo che l'hai letto: ora si misura in ${unitWords(p.unit, 'it')}; il valore non è stato salvato, ricaricare e inserirlo di nuovo nella nuova unità`
                  : `${p.what === 'objective' ? "l'obiettivo" : p.what === 'unit' ? 'la struttura' : "l'indicatore"} ${p.id} è ${p.what === 'unit' ? 'stata modificata' : 'stato modificato'}${p.by ? ` da ${p.by}` : ' da qualcun altro'}${p.version !== undefined ? ` (versione ${p.version}, inviata ${p.sent})` : ''}`,
    en: (p) =>
      'constraint' in p
        ? storedMeanwhile(p, 'en')
        : p.what === 'plan' || p.what === 'period' || p.what === 'revision'
          ? `the ${p.what} was changed by ${p.by ? p.by : 'someone else'} after you read it${p.version !== undefined ? ` (version ${p.version}, you sent ${p.sent})` : ''}: nothing was saved; reload and try again`
          : p.what === 'variance' || p.what === 'forecast'
            ? `this ${p.what} was ${p.entered === true ? 'entered' : 'changed'} by ${p.by ? p.by : 'someone else'} in the meantime${p.version !== undefined ? ` (version ${p.version}, you sent ${p.sent})` : ''}: reload and try again`
            : p.what === 'review'
              ? `the review of this value was changed by ${p.by ? p.by : 'someone else'} in the meantime: it is now “${DASHBOARD_WORKBOOK.en.states[p.state ?? 'entered']}”; nothing was saved, reload and review it again`
              : p.what === 'measurement'
                ? `this value was ${p.entered === true ? 'entered' : 'changed'} by ${p.by ? p.by : 'someone else'} in the meantime${p.version !== undefined ? ` (version ${p.version}, you sent ${p.sent})` : ''}: reload and try again`
                : p.what === 'indicator' && p.unit !== undefined
                  ? `the unit of indicator ${p.id} was changed${p.by ? ` by ${p.by}` : ''} after you read it: it is now counted in ${unitWords(p.unit, 'en')}; the value was not saved, reload and enter it again in the new unit`
                  : `${p.what === 'unit' ? 'the unit' : p.what} ${p.id} was changed by ${p.by ? p.by : 'someone else'}${p.version !== undefined ? ` (version ${p.version}, you sent ${p.sent})` : ''}`,
  }),
  // Who may reopen it as transitionRoles says: a validated period the administrator alone (the reopening voids the OIV's validation).
  'period-locked': message<{ label: string; state: string }>({
    it: (p) =>
      `il periodo ${p.label} è ${state(p.state, 'it')}: i suoi valori non si possono più modificare (${
        p.state === 'validated'
          ? "solo l'amministratore può riaprirlo, indicando un motivo: la riapertura annulla la validazione dell'OIV"
          : 'il controllo di gestione può riaprirlo, indicando un motivo'
      })`,
    en: (p) =>
      `the period ${p.label} is ${state(p.state, 'en')}: its values can no longer be changed (${
        p.state === 'validated' ? "only the administrator can reopen it, giving a reason: reopening voids the OIV's validation" : 'a controller can reopen it, giving a reason'
      })`,
  }),
  // Who may reopen it as period-locked says it: a validated period the administrator alone.
  'deadline-locked': message<{ label: string; state: string }>({
    it: (p) =>
      `il periodo ${p.label} è ${state(p.state, 'it')}: la sua scadenza non si può più fissare né spostare (${
        p.state === 'validated' ? "solo l'amministratore può riaprirlo, indicando un motivo" : 'il controllo di gestione può riaprirlo, indicando un motivo'
      })`,
    en: (p) =>
      `the period ${p.label} is ${state(p.state, 'en')}: its deadline can no longer be set or moved (${
        p.state === 'validated' ? 'only the administrator can reopen it, giving a reason' : 'a controller can reopen it, giving a reason'
      })`,
  }),
  /** `unit-code`: `id` the code, `label` the unit holding it; `unit-name`: `id` the name, `label` its unit's code. */
  duplicate: message<{ what: 'objective' | 'period' | 'username' | 'email' | 'unit-code' | 'unit-name' | 'plan-year'; id: string; label?: string }>({
    it: (p) =>
      ({
        objective: `il piano ha già un obiettivo ${p.id}`,
        period: `il piano ha già un periodo che termina il ${p.id}${p.label ? ` (${p.label})` : ''}`,
        username: `il nome utente ${p.id} è già usato`,
        email: `un altro account ha l'email ${p.id}`,
        'unit-code': `il codice ${p.id} è già usato dalla struttura ${p.label}`,
        'unit-name': `esiste già una struttura chiamata «${p.id}» (${p.label})`,
        'plan-year': `esiste già un piano ${p.id} intitolato «${p.label}»`,
      })[p.what],
    en: (p) =>
      ({
        objective: `the plan already has an objective ${p.id}`,
        period: `the plan already has a period ending on ${p.id}${p.label ? ` (${p.label})` : ''}`,
        username: `the username ${p.id} is taken`,
        email: `another account has the email ${p.id}`,
        'unit-code': `the code ${p.id} is already used by ${p.label}`,
        'unit-name': `a unit named “${p.id}” already exists (${p.label})`,
        'plan-year': `there is already a ${p.id} plan titled “${p.label}”`,
      })[p.what],
  }),
  'has-children': message<{ code: string; children: readonly string[] }>({
    it: (p) => `l'obiettivo ${p.code} ha obiettivi figli (${p.children.join(', ')}): eliminarli prima`,
    en: (p) => `objective ${p.code} has child objectives (${p.children.join(', ')}): delete them first`,
  }),
  'period-in-use': message<{
    label: string;
    reason: 'not-open' | 'has-measurements' | 'has-attachments' | 'has-comments' | 'last-period';
    state?: string;
    measurements?: number;
    attachments?: number;
    comments?: number;
  }>({
    it: (p) =>
      p.reason === 'not-open'
        ? `il periodo ${p.label} è ${state(p.state, 'it')}: si può eliminare solo un periodo aperto`
        : p.reason === 'has-measurements'
          ? `il periodo ${p.label} contiene ${p.measurements} ${p.measurements === 1 ? 'valore' : 'valori'}: si può eliminare solo un periodo senza valori`
          : p.reason === 'has-attachments'
            ? `il periodo ${p.label} contiene ${p.attachments} ${p.attachments === 1 ? 'documento allegato' : 'documenti allegati'} come evidenza: rimuovili prima, uno per uno, oppure conserva il periodo`
            : p.reason === 'has-comments'
              ? `il periodo ${p.label} contiene ${p.comments} ${p.comments === 1 ? 'commento' : 'commenti'}: un periodo con una discussione si conserva`
              : `il periodo ${p.label} è l'unico del piano: un piano conserva almeno un periodo di monitoraggio`,
    en: (p) =>
      p.reason === 'not-open'
        ? `the period ${p.label} is ${p.state}: only an open period can be deleted`
        : p.reason === 'has-measurements'
          ? `the period ${p.label} holds ${p.measurements} ${p.measurements === 1 ? 'value' : 'values'}: only a period without values can be deleted`
          : p.reason === 'has-attachments'
            ? `the period ${p.label} holds ${p.attachments} evidence ${p.attachments === 1 ? 'file' : 'files'}: remove them first, one by one, or keep the period`
            : p.reason === 'has-comments'
              ? `the period ${p.label} holds ${p.comments} ${p.comments === 1 ? 'comment' : 'comments'}: a period with a conversation is kept`
              : `the period ${p.label} is the plan's only one: a plan keeps at least one monitoring period`,
  }),
  // A closing with values nobody reviewed as they stand (entered, answered, or changed after their
  // approval), not acknowledged: the web app's «Chiudi il periodo» lists them before it closes.
  // `seen`: how many the closer acknowledged from the list read; more were found, come in since.
  'unreviewed-values': message<{ label: string; count: number; seen?: number }>({
    it: (p) =>
      p.seen !== undefined
        ? `il periodo ${p.label} ha ora ${p.count === 1 ? '1 valore inserito e non ancora rivisto' : `${p.count} valori inseriti e non ancora rivisti`} (la lista letta ne mostrava ${p.seen}): altri valori sono arrivati da quando la lista è stata letta. Il periodo non è stato chiuso: guarda la lista aggiornata di «Chiudi il periodo» e conferma di nuovo`
        : `il periodo ${p.label} ha ${p.count === 1 ? '1 valore inserito e non ancora rivisto' : `${p.count} valori inseriti e non ancora rivisti`} (in attesa di revisione: mai rivisti, con una risposta da leggere o cambiati dopo l'approvazione): rivedili prima di chiudere, oppure chiudi sapendolo dopo averli visti nella lista di «Chiudi il periodo»`,
    en: (p) =>
      p.seen !== undefined
        ? `the period ${p.label} now has ${p.count === 1 ? '1 value entered and not yet reviewed' : `${p.count} values entered and not yet reviewed`} (the list read showed ${p.seen}): more values arrived since the list was read. The period was not closed: look at the updated list of “Close the period” and confirm again`
        : `the period ${p.label} has ${p.count === 1 ? '1 value entered and not yet reviewed' : `${p.count} values entered and not yet reviewed`} (waiting for review: never reviewed, answered, or changed after their approval): review them before closing, or close knowingly after seeing them in the list of “Close the period”`,
  }),
  // A reopening without its reason is `invalid` at `reason` (reopen-reason), not a move refused.
  'invalid-transition': message<{ from: string; to: string; allowed?: readonly string[] }>({
    it: (p) =>
      `un periodo ${state(p.from, 'it')} non può diventare ${state(p.to, 'it')} (può diventare ${listIn(
        (p.allowed ?? []).map((s) => state(s, 'it')),
        'it',
      ).replace(/ e ([^ ]+)$/, ' o $1')})`,
    en: (p) => `a period that is ${p.from} cannot become ${p.to} (it can become ${(p.allowed ?? []).join(' or ')})`,
  }),
  invalid: message<{
    field?: string;
    reason: InvalidReason;
    code?: string;
    date?: string;
    /** deadline-before-end: the period's end date. */
    end?: string;
    year?: number;
    /** next-year: the year asked for (`year` is the plan's). */
    asked?: number;
    id?: string;
    /** The parent unit's code (parent-circle). */
    parent?: string;
    /** The registry file's row, and how many problems it has (registry-rows, registry-circle). */
    row?: number;
    problems?: number;
    column?: string;
    max?: number;
    values?: readonly string[];
    label?: string;
    /** recorded-unit: the indicator's new unit, and the one it had; formula-unit: its unit and its formula's kind. */
    unit?: string;
    was?: string;
    formula?: string;
    /** person-cannot-enter: the account's role and whether it is active. */
    role?: string;
    active?: boolean;
    /** reopen-reason: the state the period is reopened from. */
    state?: string;
  }>({
    it: (p) =>
      ({
        email: `«${p.id}» non è un indirizzo email`,
        'code-twice': `il codice ${p.code} è usato due volte`,
        'empty-label': "l'etichetta di un periodo non può essere vuota",
        date: `«${p.date}» non è una data scritta AAAA-MM-GG`,
        'date-year': `il ${formatItalianDate(p.date ?? '')} non è nell'anno del piano ${p.year}`,
        'date-twice': `la data ${formatItalianDate(p.date ?? '')} è indicata due volte: un piano ha un periodo per data`,
        'no-periods': 'un piano richiede almeno un periodo di monitoraggio',
        'deadline-year': `la scadenza ${formatItalianDate(p.date ?? '')} non è nel ${p.year} né nel ${(p.year ?? 0) + 1}: i valori si inseriscono entro l'anno del piano o il successivo`,
        'deadline-before-end': `la scadenza ${formatItalianDate(p.date ?? '')} è prima della fine del periodo (${formatItalianDate(p.end ?? '')}): i suoi valori si misurano dopo la fine`,
        'unit-code': `il codice «${p.code}» non è valido: lettere, cifre, punti, trattini, barre (fino a 40)`,
        'unit-name': 'il nome di una struttura non può essere vuoto',
        'unit-kind': 'il tipo di una struttura non può essere vuoto',
        'own-parent': 'una struttura non può essere padre di sé stessa',
        'unknown-parent': `non c'è una struttura padre ${p.id}`,
        'parent-circle': `la struttura padre ${p.parent} sta sotto ${p.code}: il registro girerebbe in cerchio`,
        'unknown-head': `non c'è un utente ${p.id} da nominare responsabile`,
        'unknown-member': `non c'è un utente ${p.id} da aggiungere come membro`,
        'no-assignee': 'indicare la struttura o la persona a cui assegnare',
        'unknown-unit': `non c'è una struttura ${p.id}`,
        'unknown-person': `non c'è un utente ${p.id}`,
        'person-cannot-enter': p.active
          ? `l'account ${p.label} ha il ruolo ${role(p.role, 'it')}, che non inserisce valori: come responsabile si nomina un referente, il controllo di gestione o un amministratore`
          : `l'account ${p.label} è disattivato: riattivarlo in Utenti o nominare un altro account`,
        'next-year': nextYearWords(p.year, p.asked, 'it'),
        'last-admin': "è l'ultimo amministratore attivo: senza, nessuno potrebbe gestire gli account né riaprire un periodo validato; nominare prima amministratore un altro account",
        // The review of entered values (store/reviews.ts).
        'return-note': 'una richiesta di integrazione ha bisogno del suo testo',
        'answer-note': 'una risposta ha bisogno del suo testo',
        'nothing-to-review': 'per questo indicatore non è stato inserito nulla in questo periodo: non c’è niente da esaminare',
        'no-open-request': 'su questo valore non c’è una richiesta di integrazione aperta a cui rispondere',
        'approved-already': 'questo valore è già approvato',
        'registry-rows': `il registro delle strutture non è stato importato: ${p.problems === 1 ? '1 problema' : `${p.problems} problemi`} (il primo alla riga ${p.row}, colonna ${p.column})`,
        'registry-circle': `riga ${p.row}: le strutture padre di ${p.code} formano un cerchio`,
        'empty-comment': 'un commento non può essere vuoto',
        'comment-too-long': `un commento ha al massimo ${p.max} caratteri`,
        'email-language': `«${p.id}» non è una lingua: una tra ${(p.values ?? []).join(', ')}`,
        'variance-cause': `«${p.id}» non è una causa: una tra ${(p.values ?? []).join(', ')}`,
        'variance-explanation': 'indicare che cosa ha causato lo scostamento',
        'forecast-reachable': `«${p.id}» non è una previsione: una tra ${(p.values ?? []).join(', ')}`,
        'forecast-year-end': `il periodo ${p.label} è la chiusura dell'anno: le previsioni si fanno nei monitoraggi intermedi`,
        'reopen-reason': `per riaprire un periodo ${state(p.state, 'it')} serve un motivo`,
        'recorded-unit': fieldProblem(recordedUnit(p), 'it'),
        'formula-unit': formulaUnitOf(p, 'it'),
      })[p.reason],
    en: (p) =>
      ({
        email: `“${p.id}” is not an email address`,
        'code-twice': `the code ${p.code} is used twice`,
        'empty-label': "a period's label cannot be empty",
        date: `“${p.date}” is not a date written YYYY-MM-DD`,
        'date-year': `${formatItalianDate(p.date ?? '')} is not in the plan's year ${p.year}`,
        'date-twice': `the date ${formatItalianDate(p.date ?? '')} is given twice: a plan has one period per date`,
        'no-periods': 'a plan needs at least one monitoring period',
        'deadline-year': `the deadline ${formatItalianDate(p.date ?? '')} is not in ${p.year} or ${(p.year ?? 0) + 1}: values are due in the plan's year or the next`,
        'deadline-before-end': `the deadline ${formatItalianDate(p.date ?? '')} comes before the period ends (${formatItalianDate(p.end ?? '')}): its values are measured after its end`,
        'unit-code': `the code “${p.code}” is not valid: letters, digits, dots, dashes, slashes (up to 40)`,
        'unit-name': "a unit's name cannot be empty",
        'unit-kind': "a unit's kind cannot be empty",
        'own-parent': 'a unit cannot be its own parent',
        'unknown-parent': `there is no parent unit ${p.id}`,
        'parent-circle': `the parent unit ${p.parent} lies under ${p.code}: the registry would go round in a circle`,
        'unknown-head': `there is no user ${p.id} to be the head`,
        'unknown-member': `there is no user ${p.id} to be a member`,
        'no-assignee': 'say the unit or the person to assign to',
        'unknown-unit': `there is no unit ${p.id}`,
        'unknown-person': `there is no user ${p.id}`,
        'person-cannot-enter': p.active
          ? `the account ${p.label} has the role ${role(p.role, 'en')}, which enters no values: name a data owner, management control or an administrator as the person responsible`
          : `the account ${p.label} is deactivated: reactivate it under Utenti or name another account`,
        'next-year': nextYearWords(p.year, p.asked, 'en'),
        'last-admin': 'this is the last active administrator: without one nobody could manage the accounts or reopen a validated period; make another account an administrator first',
        'return-note': 'a request for more (richiesta di integrazione) needs its text',
        'answer-note': 'an answer needs its text',
        'nothing-to-review': 'nothing was entered for this indicator in this period: there is nothing to review',
        'no-open-request': 'there is no open request for more on this value to answer',
        'approved-already': 'this value is approved already',
        'registry-rows': `the registry was not imported: ${p.problems === 1 ? '1 problem' : `${p.problems} problems`} (the first at row ${p.row}, column ${p.column})`,
        'registry-circle': `row ${p.row}: the parents of ${p.code} go round in a circle`,
        'empty-comment': 'a comment cannot be empty',
        'comment-too-long': `a comment is at most ${p.max} characters`,
        'email-language': `“${p.id}” is not a language: one of ${(p.values ?? []).join(', ')}`,
        'variance-cause': `“${p.id}” is not a cause: one of ${(p.values ?? []).join(', ')}`,
        'variance-explanation': 'say what caused the variance',
        'forecast-reachable': `“${p.id}” is not a forecast: one of ${(p.values ?? []).join(', ')}`,
        'forecast-year-end': `the period ${p.label} is the year end: forecasts are made at the mid-year periods`,
        'reopen-reason': `reopening a ${state(p.state, 'en')} period needs a reason`,
        'recorded-unit': fieldProblem(recordedUnit(p), 'en'),
        'formula-unit': formulaUnitOf(p, 'en'),
      })[p.reason],
  }),
});

/** The API's refusals; the codes the Relazione shares also take its parameters (relazione.ts). */
export const API_MESSAGES = defineMessages({
  ...OWN_MESSAGES,
  'not-found': orAppraisal(orRelazione(OWN_MESSAGES['not-found'])),
  forbidden: orRelazione(OWN_MESSAGES.forbidden),
  conflict: orAppraisal(orRelazione(OWN_MESSAGES.conflict)),
  duplicate: orAppraisal(OWN_MESSAGES.duplicate),
  'period-locked': orRelazione(OWN_MESSAGES['period-locked']),
  'invalid-transition': orAppraisal(orRelazione(OWN_MESSAGES['invalid-transition'])),
  invalid: orRelazione(OWN_MESSAGES.invalid),
});
