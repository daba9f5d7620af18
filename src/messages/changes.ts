/**
 * The change log in sentences, Italian and English, old → new: a change of the audit trail or of
 * a revision's register ("Indicatore «Iniziative di valorizzazione…» (A.1.1): target 70,00% → 80,00%; peso 50% → 40%", "Objective A.3
 * deleted («…»)"), and the words of the revisions' chapter the reports print ("Variazioni
 * intervenute nel corso dell'anno"). One source for the reports (io/report/revisions.ts), the
 * web's revisions and audit panels and the API.
 *
 * A change becomes a code and parameters first (`changeMessage`): the fields that changed and
 * their values as neutral text (decimals `70.5`, dates `2024-12-31`, booleans `true`, states, roles
 * and languages by their code; a rule, a formula, the OIV's checklist and validated values as their stored JSON),
 * so a client holding them says the sentence in its own language.
 */
import { decimalIn, defineMessages, listIn, message, momentDayText, renderFrom, type Language, type MessageParams } from '../core/messages/catalogue.js';
import { tableAmountText } from '../core/amount-words.js';
import { reasonText } from '../core/words.js';
import { comparisonSide, type ComparisonParams } from '../core/messages/comparison.js';
import { LANGUAGE_WORDS, roleWords } from './account-words.js';

/** One change of the audit trail or of a revision: the entity, its id, its fields before → after (whole records for create and delete). */
export interface ChangeRecord {
  readonly action: string;
  readonly entity: string;
  readonly entityId: string;
  readonly before: unknown;
  readonly after: unknown;
  /**
   * The indicator's unit (number, percent, date, boolean) when the change was made, so its
   * amounts are said as the published table prints them (`60,00%`); absent or null in a record
   * made before the unit was kept with it, whose amounts are said by their value.
   */
  readonly unit?: string | null;
  /**
   * An indicator's name when the change was made, and its objective's code (the register reads the
   * name from the plan's steps: store/revisions.ts `namesAtChange`): the sentence names it as the
   * published table does; on the audit trail (store/audit-names.ts) the indicator any entry is about
   * (its edit, value, review, forecast, evidence file, comment) as named at the entry, and an
   * objective's or a variance's objective by its title then; a deleted objective's title, which lets
   * its removed values be said by their indicators' names. Absent in a record kept without it (a Relazione validated before), whose
   * sentence says the indicator by its id, as it was validated.
   */
  readonly name?: string | null;
  readonly node?: string | null;
}

/** The parameters of the `change` message. */
export interface ChangeParams {
  readonly action: string;
  readonly entity: string;
  readonly id: string;
  /** The record's title or name, for a creation or deletion. */
  readonly label?: string;
  /** An indicator's name at the change (on the trail: of whatever entry is about it) and its objective's code, which the subject says in place of its id; an objective's title and its code. */
  readonly name?: string;
  readonly code?: string;
  /** The fields that changed, each with its value before and after as neutral text ('' for none; an organisation unit by the name the change kept, else its id). */
  readonly fields: readonly string[];
  readonly before: readonly string[];
  readonly after: readonly string[];
  /**
   * A deletion's values taken from the periods still open (the record's `removedValues`), one entry
   * per indicator and period: its id, the period's date, the value's state and actual (neutral
   * text), who entered it, how many evidence files it had, and the indicator's unit ('' when the
   * record does not say it). Absent when it took none.
   */
  readonly removed?: {
    readonly indicators: readonly string[];
    readonly periods: readonly string[];
    readonly states: readonly string[];
    readonly actuals: readonly string[];
    readonly by: readonly string[];
    readonly files: readonly number[];
    readonly units: readonly string[];
    /** Each indicator's name as the deleted record holds it ('' for none): absent when the change came without names (kept so), said by ids. */
    readonly names?: readonly string[];
  };
  /**
   * What a deletion kept (the record's `keptRecords`): the closed and validated periods' values and
   * evidence files, and the comments of every period. Absent when it kept none.
   */
  readonly kept?: { readonly values: number; readonly files: number; readonly comments: number };
  /** The unit each side's amounts are in (the indicator's, or the one the change itself set); absent: said by their value. */
  readonly beforeUnit?: string;
  readonly afterUnit?: string;
  /**
   * A migration's rewrite of the program's reasons into codes (the entry's `recoded`): how many
   * records of each kind it rewrote, the kinds it rewrote none of left out.
   */
  readonly recoded?: Partial<Record<RecodedKind, number>>;
}

/** The kinds of records a migration rewrites the program's reasons in (store/reason-migration.ts), in the order they are said. */
export const RECODED_KINDS = ['values', 'keptValues', 'closings', 'relazioni', 'revisionChanges', 'auditEntries'] as const;
export type RecodedKind = (typeof RECODED_KINDS)[number];

/** Each kind's words, singular and plural. */
const RECODED_WORDS: Readonly<Record<Language, Readonly<Record<RecodedKind, readonly [string, string]>>>> = {
  it: {
    values: ['valore', 'valori'],
    keptValues: ['valore conservato di un indicatore eliminato', 'valori conservati di indicatori eliminati'],
    closings: ['chiusura di un periodo', 'chiusure di periodi'],
    relazioni: ['Relazione validata', 'Relazioni validate'],
    revisionChanges: ['modifica di una variazione', 'modifiche di variazioni'],
    auditEntries: ['voce del registro delle modifiche', 'voci del registro delle modifiche'],
  },
  en: {
    values: ['value', 'values'],
    keptValues: ['kept value of a deleted indicator', 'kept values of deleted indicators'],
    closings: ['period closing', 'period closings'],
    relazioni: ['validated Relazione', 'validated Relazioni'],
    revisionChanges: ['change of a revision', 'changes of revisions'],
    auditEntries: ['entry of the audit trail', 'entries of the audit trail'],
  },
};

type Words = Readonly<Record<Language, Readonly<Record<string, string>>>>;

/** A record's fields in words; an unknown field is shown by its name. */
export const FIELD_WORDS: Words = {
  it: {
    title: 'titolo',
    name: 'nome',
    weight: 'peso',
    target: 'target',
    comparator: 'comparatore',
    tolerance: 'tolleranza',
    unit: 'unità',
    unitId: 'struttura',
    personId: 'persona',
    scoring: 'regola di punteggio',
    formula: 'formula',
    owner: 'responsabile',
    source: 'fonte',
    notes: 'note',
    level: 'livello',
    parent: 'padre',
    parentId: 'padre',
    baseline: 'baseline',
    baselineYear: 'anno della baseline',
    nextTargets: 'target degli anni successivi',
    state: 'stato',
    actual: 'consuntivo',
    inputs: 'misure di base',
    reason: 'motivo',
    evidence: 'evidenza',
    label: 'etichetta',
    endsOn: 'data di fine',
    published: 'pubblicato',
    archived: 'archiviato',
    status: 'stato',
    act: 'atto',
    kind: 'tipo',
    code: 'codice',
    headId: 'responsabile',
    members: 'membri',
    role: 'ruolo',
    active: 'attivo',
    email: 'email',
    language: 'lingua',
    displayName: 'nome',
    units: 'strutture',
    validationVoided: 'validazione annullata',
    // A closing made knowingly with values not reviewed: how many (store/period-store.ts transitionPeriod).
    unreviewed: 'valori non rivisti alla chiusura',
    year: 'anno',
    organisation: 'ente',
    changes: 'modifiche',
    // A revision's approval or discard: how many steps were recorded, beside its net `changes` (core/revision-net.ts).
    steps: 'passaggi registrati',
    period: 'periodo',
    mediaType: 'tipo di file',
    size: 'dimensione in byte',
    sha256: 'impronta SHA-256',
    deadline: 'scadenza',
    body: 'testo',
    note: 'nota',
    reservations: 'riserve',
    checklist: 'verifiche',
    values: 'valori validati',
    review: 'esito',
    approvedBy: 'approvato da',
    texts: 'testi',
    node: 'obiettivo',
    // A forecast's and a variance's fields (store/variances.ts), as the campaign's forms label them.
    reachable: 'target raggiungibile entro fine anno',
    cause: 'causa',
    explanation: 'descrizione dello scostamento',
    correctiveAction: 'azione correttiva',
  },
  en: {
    title: 'title',
    name: 'name',
    weight: 'weight',
    target: 'target',
    comparator: 'comparator',
    tolerance: 'tolerance',
    unit: 'unit',
    unitId: 'organisational unit',
    personId: 'person',
    scoring: 'scoring rule',
    formula: 'formula',
    owner: 'owner',
    source: 'source',
    notes: 'notes',
    level: 'level',
    parent: 'parent',
    parentId: 'parent',
    baseline: 'baseline',
    baselineYear: 'baseline year',
    nextTargets: 'targets of the next years',
    state: 'state',
    actual: 'actual',
    inputs: 'base measures',
    reason: 'reason',
    evidence: 'evidence',
    label: 'label',
    endsOn: 'end date',
    published: 'published',
    archived: 'archived',
    status: 'status',
    act: 'act',
    kind: 'kind',
    code: 'code',
    headId: 'head',
    members: 'members',
    role: 'role',
    active: 'active',
    email: 'email',
    language: 'language',
    displayName: 'name',
    units: 'units',
    validationVoided: 'validation voided',
    unreviewed: 'values unreviewed at closing',
    year: 'year',
    organisation: 'body',
    changes: 'changes',
    steps: 'recorded steps',
    period: 'period',
    mediaType: 'file type',
    size: 'size in bytes',
    sha256: 'SHA-256 digest',
    deadline: 'deadline',
    body: 'text',
    note: 'note',
    reservations: 'reservations',
    checklist: 'checks',
    values: 'validated values',
    review: 'outcome',
    approvedBy: 'approved by',
    texts: 'texts',
    node: 'objective',
    reachable: 'target reachable by year end',
    cause: 'cause',
    explanation: 'description of the variance',
    correctiveAction: 'corrective action',
  },
};

/** A forecast's and a variance's choices, stored by their codes, in the campaign's words (web/src/campaign/i18n.ts). */
const CHOICE_WORDS: Readonly<Record<Language, Readonly<Record<string, Readonly<Record<string, string>>>>>> = {
  it: { reachable: { yes: 'sì', no: 'no', at_risk: 'a rischio' }, cause: { external: 'esterna', internal: 'interna', indicator: 'indicatore mal costruito' } },
  en: { reachable: { yes: 'yes', no: 'no', at_risk: 'at risk' }, cause: { external: 'external', internal: 'internal', indicator: 'indicator badly built' } },
};

/** What a change is about; `f` marks a feminine noun in Italian (the participle agrees). */
const ENTITY_WORDS: Readonly<Record<Language, Readonly<Record<string, readonly [string, 'm' | 'f']>>>> = {
  it: {
    plan: ['Piano', 'm'],
    node: ['Obiettivo', 'm'],
    indicator: ['Indicatore', 'm'],
    measurement: ['Valore', 'm'],
    period: ['Periodo', 'm'],
    revision: ['Variazione', 'f'],
    unit: ['Struttura', 'f'],
    user: ['Utente', 'm'],
    attachment: ['Allegato', 'm'],
    variance: ['Scostamento', 'm'],
    forecast: ['Previsione', 'f'],
    comment: ['Commento', 'm'],
    relazione: ['Relazione', 'f'],
    review: ['Esame', 'm'],
    migration: ['Migrazione', 'f'],
  },
  en: {
    plan: ['Plan', 'm'],
    node: ['Objective', 'm'],
    indicator: ['Indicator', 'm'],
    measurement: ['Value', 'm'],
    period: ['Period', 'm'],
    revision: ['Revision', 'm'],
    unit: ['Unit', 'm'],
    user: ['User', 'm'],
    attachment: ['Attachment', 'm'],
    variance: ['Variance', 'm'],
    forecast: ['Forecast', 'm'],
    comment: ['Comment', 'm'],
    relazione: ['Relazione', 'm'],
    review: ['Review', 'm'],
    migration: ['Migration', 'm'],
  },
};

/** The actions other than create, update and delete, said beside the entity ("Periodo 31/12/2024 (validazione): …"). */
const ACTION_WORDS: Words = {
  it: {
    measure: 'inserimento',
    transition: 'cambio di stato',
    validate: 'validazione',
    'void-validation': 'validazione annullata',
    publish: 'pubblicazione',
    unpublish: 'ritiro della pubblicazione',
    archive: 'archiviazione',
    unarchive: 'ripristino',
    adopt: 'adozione',
    attach: 'allegato aggiunto',
    detach: 'allegato rimosso',
    password: 'cambio della password',
    'refresh-baseline': 'baseline aggiornata',
    approve: 'approvazione',
    import: 'importazione',
    review: "esame dell'OIV",
    comment: 'commento',
    return: 'richiesta di integrazione',
    answer: 'risposta alla richiesta',
    supersede: 'approvazione superata dalla modifica del valore',
    'sign-in-refused': "accesso con il fornitore di identità rifiutato: l'account accede con la password",
    migrate: 'migrazione del database',
    discard: 'annullamento',
  },
  en: {
    measure: 'entry',
    transition: 'change of state',
    validate: 'validation',
    'void-validation': 'validation voided',
    publish: 'publication',
    unpublish: 'publication withdrawn',
    archive: 'archiving',
    unarchive: 'restoring',
    adopt: 'adoption',
    attach: 'file attached',
    detach: 'file removed',
    password: 'password change',
    'refresh-baseline': 'baseline refreshed',
    approve: 'approval',
    import: 'import',
    review: "the OIV's review",
    comment: 'comment',
    return: 'request for more',
    answer: 'answer to the request',
    supersede: 'approval superseded by a change of the value',
    'sign-in-refused': 'sign-in through the identity provider refused: the account signs in with its password',
    migrate: 'database migration',
    discard: 'discard',
  },
};

/** Stored codes that people read as words: period and measurement states, a plan's and a revision's status, a revision's kind. */
const VALUE_WORDS: Words = {
  it: {
    open: 'aperto',
    collecting: 'in raccolta',
    closed: 'chiuso',
    validated: "validato dall'OIV",
    measured: 'misurato',
    not_achieved: 'non raggiunto',
    not_evaluable: 'non valutabile',
    not_measured: 'non misurato',
    draft: 'bozza',
    adopted: 'adottato',
    approved: 'approvata',
    discarded: 'annullata',
    variazione: 'variazione',
    rimodulazione: 'rimodulazione',
    transmitted: "trasmessa all'OIV",
    validated_with_reservations: 'validata con riserve',
    not_validated: 'non validata',
    approve: 'approvato',
    return: 'da integrare',
    answer: 'integrato',
    to_review: 'da rivedere',
  },
  en: {
    open: 'open',
    collecting: 'collecting',
    closed: 'closed',
    validated: 'validated by the OIV',
    measured: 'measured',
    not_achieved: 'not achieved',
    not_evaluable: 'not evaluable',
    not_measured: 'not measured',
    draft: 'draft',
    adopted: 'adopted',
    approved: 'approved',
    discarded: 'discarded',
    variazione: 'variation',
    rimodulazione: 'remodulation',
    transmitted: 'sent to the OIV',
    validated_with_reservations: 'validated with reservations',
    not_validated: 'not validated',
    approve: 'approved',
    return: 'more requested',
    answer: 'completed',
    to_review: 'to be reviewed',
  },
};
/** The Italian words that agree with a feminine subject (a revision "aperta", a Relazione "validata"). */
const FEMININE_WORDS: Readonly<Record<string, string>> = { open: 'aperta', closed: 'chiusa', validated: "validata dall'OIV", adopted: 'adottata' };
const WORDED_FIELDS = new Set(['state', 'status', 'kind', 'review']);
/** Free text, shown as typed (a title "true" stays "true"); any other field's true/false is yes/no (flags, yes/no targets and actuals). */
const TEXT_FIELDS = new Set(['title', 'name', 'notes', 'reason', 'evidence', 'source', 'label', 'owner', 'displayName', 'email', 'code']);
/**
 * Records said as a whole, in words: an indicator's scoring rule and formula (as the plan
 * comparison says them, core/messages/comparison.ts), the OIV's checklist by its points' labels
 * and the validated values by objective. Their neutral text is the stored JSON, so the sentence
 * reads them back whole instead of printing their keys (`threshold (floor: 60)`).
 */
const RECORD_FIELDS = new Set(['scoring', 'formula', 'checklist', 'values']);
/** A checklist point's outcome in words (null: not yet assessed), as the Relazione's screen says it. */
const OUTCOME_WORDS: Words = {
  it: { yes: 'sì', partly: 'in parte', no: 'no', none: 'non valutato' },
  en: { yes: 'yes', partly: 'partly', no: 'no', none: 'not assessed' },
};
/** An indicator's fields that hold amounts in its unit: said as the published table prints them. */
const AMOUNT_FIELDS = new Set(['target', 'baseline']);
/** Bookkeeping every record carries: not a change a person made. */
// `unitName` is said as the value of `unitId` (the unit's name when the change was made: store/revisions.ts `withUnitNames`).
const SILENT_FIELDS = new Set(['version', 'id', 'enteredAt', 'enteredBy', 'updatedAt', 'createdAt', 'at', 'passwordHash', 'unitName', 'approvedAt']);

/** `2024-01-30` → `30/01/2024` (the dates of an Italian public body's acts, in both languages). */
export function dayText(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m === null ? iso : `${m[3]}/${m[2]}/${m[1]}`;
}

/** A stored value as neutral text: amounts by their value, dates ISO, lists joined, records `key: value`. */
export function neutralValue(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(neutralValue).join(', ');
  if (typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if ('kind' in o && 'value' in o) return neutralValue(o.value);
    if ('kind' in o) {
      // A rule's floor or bands, a formula's measures, an act's number and date: a change of any
      // of them alone is a change, and the sentence must say it (`valueIn` words an act).
      const rest = Object.entries(o).filter(([k]) => k !== 'kind');
      if (rest.length === 0) return String(o.kind);
      return `${String(o.kind)} (${rest.map(([k, v]) => `${k}: ${neutralValue(v)}`).join(', ')})`;
    }
    return Object.entries(o)
      .map(([k, v]) => `${k}: ${neutralValue(v)}`)
      .join(', ');
  }
  return String(value);
}

/** A stored value of `field` as neutral text: the JSON of a record said as a whole (`RECORD_FIELDS`), else `neutralValue`. */
export function neutralOf(field: string, value: unknown): string {
  return RECORD_FIELDS.has(field) && value !== null && value !== undefined ? JSON.stringify(value) : neutralValue(value);
}

/**
 * A neutral value of `field` in `language`: '—' for none, decimals and dates the language's way,
 * states, booleans, rules and checklists in words; a weight as a percentage and, given the
 * indicator's `unit`, a target or baseline as the published table prints it (`60,00%`, `1.587,10`).
 */
export function valueIn(field: string, text: string, language: Language, feminine = false, unit?: string): string {
  if (RECORD_FIELDS.has(field)) {
    const worded = recordIn(field, text, language, unit);
    if (worded !== undefined) return worded;
  }
  if (field === 'unit') return comparisonSide('diff-unit', { before: text }, 'before', language) ?? text;
  if (text === '') return '—';
  // Weights are percentages whatever the indicator's unit, written as the table writes them (`40,5%`).
  if (field === 'weight' && /^\d+(\.\d+)?$/.test(text)) return `${decimalIn(text, language)}%`;
  if (unit !== undefined && AMOUNT_FIELDS.has(field)) return tableAmountText(text, unit, language);
  // The next two years' targets, either of which may be unset.
  if (unit !== undefined && field === 'nextTargets')
    return text
      .split(', ')
      .map((t) => (t === '' ? '—' : tableAmountText(t, unit, language)))
      .join(', ');
  // An account's role and its emails' language, by their codes: said as the rest of the catalogue says them.
  if (field === 'role') return roleWords(text, language);
  // A value's reason the program wrote is stored as its code: said in words (a person's as typed).
  if (field === 'reason') return reasonText(text, language);
  if (field === 'language') return (LANGUAGE_WORDS[language] as Readonly<Record<string, string>>)[text] ?? text;
  const choice = CHOICE_WORDS[language][field]?.[text];
  if (choice !== undefined) return choice;
  const anAct = field === 'act' ? /^(.*) \(number: (.*), date: (\d{4}-\d{2}-\d{2})\)$/.exec(text) : null;
  if (anAct !== null) return act({ kind: anAct[1]!, number: anAct[2]!, date: anAct[3]! }, language);
  if (!TEXT_FIELDS.has(field) && (text === 'true' || text === 'false')) return text === 'true' ? (language === 'it' ? 'sì' : 'yes') : 'no';
  if (WORDED_FIELDS.has(field)) return (language === 'it' && feminine ? FEMININE_WORDS[text] : undefined) ?? VALUE_WORDS[language][text] ?? text;
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return dayText(text);
  return decimalIn(text, language);
}

/**
 * A stored record (a trail's or a revision's before or after) with each value's reason the program
 * wrote in its `language` words, the values it holds too (a deletion's `removedValues`), as the
 * record is answered whole (a person's reason as typed).
 */
export function withReasonWords<T>(value: T, language: Language): T {
  if (Array.isArray(value)) return value.map((v: unknown) => withReasonWords(v, language)) as T;
  if (value === null || typeof value !== 'object') return value;
  const r = value as Readonly<Record<string, unknown>>;
  const worded = Object.fromEntries(Object.entries(r).map(([k, v]) => [k, withReasonWords(v, language)]));
  if (r.state === 'not_evaluable' && typeof r.reason === 'string') worded.reason = reasonText(r.reason, language);
  // The same record's shape, its reasons said in words.
  return worded as T;
}

/** A change of the trail or of a revision as the code and parameters of its sentence. */
export function changeMessage(change: ChangeRecord): { code: 'change'; params: ChangeParams } {
  const record = (v: unknown): Record<string, unknown> => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
  const before = record(change.before);
  const after = record(change.after);
  // An indicator's objective: the one the change kept, else its id's (`A.1.1:2` is the second of A.1.1; a value's `A.1.1:2@2024-12-31`);
  // an objective's entry, its own code (a variance's `A.1.1@2024-06-30`).
  const code = TITLED_ENTITIES.has(change.entity) ? indicatorOf(change.entityId) : typeof change.node === 'string' ? change.node : objectiveOf(indicatorOf(change.entityId));
  // A deleted objective's title is said beside the deletion, as the register always said it (its `name` names the values it took).
  const titled = TITLED_ENTITIES.has(change.entity) && !(change.entity === 'node' && change.action === 'delete');
  const named = (NAMED_ENTITIES.has(change.entity) || titled) && typeof change.name === 'string' && change.name !== '' ? { name: change.name, code } : {};
  const base = { action: change.action, entity: change.entity, id: change.entityId, ...named };
  if (change.action === 'create' || change.action === 'delete') {
    const whole = change.action === 'create' ? after : before;
    const label = typeof whole.title === 'string' ? whole.title : typeof whole.name === 'string' ? whole.name : typeof whole.label === 'string' ? whole.label : undefined;
    const removed = records(whole.removedValues);
    const value = (e: Stored): Stored => record(e.value);
    const kept = record(whole.keptRecords);
    const count = (v: unknown): number => (typeof v === 'number' ? v : 0);
    return {
      code: 'change',
      params: {
        ...base,
        ...(label === undefined ? {} : { label }),
        fields: [],
        before: [],
        after: [],
        ...(removed.length === 0
          ? {}
          : {
              removed: {
                indicators: removed.map((e) => stored(e.indicator)),
                periods: removed.map((e) => stored(e.period)),
                states: removed.map((e) => stored(value(e).state)),
                actuals: removed.map((e) => stored(value(e).actual)),
                by: removed.map((e) => stored(value(e).enteredBy)),
                files: removed.map((e) => records(e.files).length),
                // The indicator's own unit (a deleted objective's record lists its indicators), for the
                // actual as the table prints it: `12,00%`, not `12`.
                units: removed.map((e) => unitIn(whole, stored(e.indicator))),
                // Named only where the change came named: a register kept without names (a validated Relazione's) says ids, as validated.
                ...(typeof change.name === 'string' ? { names: removed.map((e) => nameIn(whole, stored(e.indicator))) } : {}),
              },
            }),
        ...(whole.keptRecords === undefined ? {} : { kept: { values: count(kept.values), files: count(kept.files), comments: count(kept.comments) } }),
      },
    };
  }
  const recoded = record(after.recoded);
  if (change.action === 'migrate' && Object.keys(recoded).length > 0) {
    const counts = RECODED_KINDS.flatMap((kind) => (typeof recoded[kind] === 'number' ? [[kind, recoded[kind]] as const] : []));
    return { code: 'change', params: { ...base, fields: [], before: [], after: [], recoded: Object.fromEntries(counts) } };
  }
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((f) => !SILENT_FIELDS.has(f) && neutralOf(f, before[f]) !== neutralOf(f, after[f]));
  // A change of the unit itself carries each side's; otherwise both sides are in the one kept with the change.
  const unitOf = (side: Record<string, unknown>): string | undefined => (typeof side.unit === 'string' ? side.unit : typeof change.unit === 'string' ? change.unit : undefined);
  const [beforeUnit, afterUnit] = [unitOf(before), unitOf(after)];
  // An organisation unit by the name the change kept with it; a change recorded before names were kept, by its id.
  const said = (f: string, side: Record<string, unknown>): string => (f === 'unitId' && typeof side.unitName === 'string' ? side.unitName : neutralOf(f, side[f]));
  return {
    code: 'change',
    params: {
      ...base,
      fields,
      before: fields.map((f) => said(f, before)),
      after: fields.map((f) => said(f, after)),
      ...(beforeUnit === undefined ? {} : { beforeUnit }),
      ...(afterUnit === undefined ? {} : { afterUnit }),
    },
  };
}

type Stored = Readonly<Record<string, unknown>>;

/** The indicator `id` in a deleted indicator's or objective's record. */
const indicatorIn = (whole: Stored, id: string): Stored | undefined => (whole.id === id ? whole : records(whole.indicators).find((i) => i.id === id));

/** The unit of the indicator `id` in a deleted indicator's or objective's record; '' when it does not say. */
function unitIn(whole: Stored, id: string): string {
  const indicator = indicatorIn(whole, id);
  return typeof indicator?.unit === 'string' ? indicator.unit : '';
}

/** The name of the indicator `id` in a deleted indicator's or objective's record; '' when it does not say. */
function nameIn(whole: Stored, id: string): string {
  const indicator = indicatorIn(whole, id);
  return typeof indicator?.name === 'string' ? indicator.name : '';
}

/** The entities whose subject is an indicator, said by its name when the change brings it. */
const NAMED_ENTITIES = new Set(['indicator', 'measurement', 'review', 'forecast', 'attachment', 'comment']);
/** The entities whose subject is an objective, said by its code and its title when the change brings it. */
const TITLED_ENTITIES = new Set(['node', 'variance']);

/** A value's or a review's indicator (`A.1.1:2@2024-12-31` → `A.1.1:2`); any other id as it is. */
function indicatorOf(id: string): string {
  const at = id.lastIndexOf('@');
  return at > 0 ? id.slice(0, at) : id;
}

/** An indicator's objective by its id (`A.1.1:2` → `A.1.1`); '' for an id that says none. */
const objectiveOf = (indicator: string): string => indicator.slice(0, Math.max(0, indicator.lastIndexOf(':')));

/** An indicator by the name the reader knows, with its objective's code: «Soggetti coinvolti» (A.3). */
function namedIndicator(name: string, code: string | undefined): string {
  return `«${shortName(name)}»${code === undefined || code === '' ? '' : ` (${code})`}`;
}
const records = (v: unknown): Stored[] => (Array.isArray(v) ? v.filter((x): x is Stored => x !== null && typeof x === 'object') : []);
/** A stored amount (`{kind, value}`) or decimal as the comparison's neutral text: `60`, `2024-12-31`, `true`. */
const stored = (v: unknown): string => neutralValue(v);

/**
 * A record field's JSON in words (see `RECORD_FIELDS`); undefined when the text is not such a
 * record (an entry written otherwise), which is then said as any other value.
 */
function recordIn(field: string, text: string, l: Language, unit?: string): string | undefined {
  let value: unknown = null;
  if (text !== '') {
    try {
      value = JSON.parse(text);
    } catch {
      return undefined;
    }
  }
  const o: Stored = value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Stored) : {};
  const kind = typeof o.kind === 'string' ? o.kind : null;
  switch (field) {
    case 'scoring': {
      // No rule of its own: the plan's default rule, as the comparison says it.
      if (value !== null && kind === null) return undefined;
      const points = records(o.points);
      const rule: ComparisonParams = {
        before: kind,
        beforeMode: stored(o.mode),
        beforeAt: points.map((p) => stored(p.at)),
        beforeScores: points.map((p) => stored(p.score)),
        beforeFloor: stored(o.floor),
        // Its floor or points in the indicator's unit, as the table prints them, when the change kept it.
        ...(unit === undefined ? {} : { beforeUnit: unit }),
      };
      return comparisonSide('diff-scoring', rule, 'before', l) ?? undefined;
    }
    case 'formula': {
      if (kind === null) return undefined;
      const formula: ComparisonParams = {
        before: kind,
        ...Object.fromEntries(['numerator', 'denominator', 'scale', 'current', 'previous'].map((k) => [`before${k[0]!.toUpperCase()}${k.slice(1)}`, stored(o[k])])),
      };
      return comparisonSide('diff-formula', formula, 'before', l) ?? undefined;
    }
    case 'checklist': {
      if (!Array.isArray(value)) return undefined;
      if (value.length === 0) return '—';
      return records(value)
        .map((p) => {
          const outcome = OUTCOME_WORDS[l][typeof p.outcome === 'string' ? p.outcome : 'none'] ?? stored(p.outcome);
          const note = stored(p.note);
          return `«${stored(p.label)}»: ${outcome}${note === '' ? '' : ` (${note})`}`;
        })
        .join(', ');
    }
    case 'values': {
      if (!Array.isArray(value)) return undefined;
      if (value.length === 0) return '—';
      return records(value)
        .map((v) => {
          const note = stored(v.note);
          return `${stored(v.code)} ${decimalIn(stored(v.validated), l)}%${note === '' ? '' : ` (${note})`}`;
        })
        .join(', ');
    }
    default:
      return undefined;
  }
}

/** The subject of a change: "Indicatore «Soggetti coinvolti» (A.3)", "Valore di «Soggetti coinvolti» (A.3) al 31/12/2024" (by its id, "Valore di A.3:1 al 31/12/2024", when no name came with the change), "Periodo 31/12/2024". */
function subject(p: ChangeParams, l: Language): string {
  const [word] = ENTITY_WORDS[l][p.entity] ?? [p.entity];
  if (p.entity === 'measurement' || p.entity === 'review') {
    const at = p.id.lastIndexOf('@');
    if (at > 0) {
      const [id, period] = [p.id.slice(0, at), dayText(p.id.slice(at + 1))];
      // Its indicator by the name it had at the entry where the trail knows it, else by its id.
      const indicator = p.name === undefined ? id : namedIndicator(p.name, p.code);
      const value = l === 'it' ? `valore di ${indicator} al ${period}` : `value of ${indicator} at ${period}`;
      if (p.entity === 'review') return l === 'it' ? `Esame del ${value}` : `Review of the ${value}`;
      return value[0]!.toUpperCase() + value.slice(1);
    }
  }
  if (p.name !== undefined) {
    const at = p.id.lastIndexOf('@');
    const period = at > 0 ? dayText(p.id.slice(at + 1)) : undefined;
    const when = period === undefined ? '' : l === 'it' ? ` al ${period}` : ` at ${period}`;
    // An indicator by the name the reader knows from the published table, with its objective's code.
    if (p.entity === 'indicator') return `${word} ${namedIndicator(p.name, p.code)}`;
    if (p.entity === 'forecast') return `${word} ${l === 'it' ? 'di' : 'of'} ${namedIndicator(p.name, p.code)}${when}`;
    // An evidence file's or a comment's own id names nothing to a reader: the indicator it is about does.
    if (p.entity === 'attachment') return `${l === 'it' ? 'Documento di evidenza di' : 'Evidence file of'} ${namedIndicator(p.name, p.code)}`;
    if (p.entity === 'comment') return `${word} ${l === 'it' ? 'su' : 'on'} ${namedIndicator(p.name, p.code)}`;
    // An objective by its code and its title, as the published table heads it.
    if (p.entity === 'node') return `${word} ${p.code} «${shortName(p.name)}»`;
    if (p.entity === 'variance') return `${word} ${l === 'it' ? 'di' : 'of'} ${p.code} «${shortName(p.name)}»${when}`;
  }
  // The plan and its Relazione are the register's (or the trail's) own: their id is the database's
  // key, a string of 36 characters that names nothing to a reader of the register or the Relazione.
  if (p.entity === 'plan' || p.entity === 'relazione') return word;
  return `${word} ${p.entity === 'period' ? dayText(p.id) : p.id}`;
}

/** How long a name the sentence says whole: a longer one is cut at a word, with an ellipsis (the register's line stays readable). */
export const NAME_SAID = 60;

/** `name` as a sentence says it: whole up to `NAME_SAID` characters, else cut after its last whole word with an ellipsis. */
export function shortName(name: string): string {
  const trimmed = name.trim();
  if (trimmed.length <= NAME_SAID) return trimmed;
  const cut = trimmed.slice(0, NAME_SAID);
  const space = cut.lastIndexOf(' ');
  // A word longer than half the room is cut where the room ends.
  return `${(space > NAME_SAID / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.]+$/, '')}…`;
}

function sentence(p: ChangeParams, l: Language): string {
  const what = subject(p, l);
  const feminine = (ENTITY_WORDS.it[p.entity]?.[1] ?? 'm') === 'f';
  // An indicator named in the subject is not named again beside it.
  const label = p.label === undefined || p.name !== undefined ? '' : ` («${p.label}»)`;
  if (p.action === 'create') return `${what} ${l === 'it' ? (feminine ? 'aggiunta' : 'aggiunto') : 'added'}${label}`;
  if (p.action === 'delete') return `${what} ${l === 'it' ? (feminine ? 'eliminata' : 'eliminato') : 'deleted'}${label}${removedValuesText(p, l)}${keptText(p, l)}`;
  if (p.recoded !== undefined) return `${what}: ${recodedText(p.recoded, l)}`;
  const how = p.action === 'update' ? '' : ` (${ACTION_WORDS[l][p.action] ?? p.action})`;
  if (p.fields.length === 0) return `${what}${how === '' ? ` ${l === 'it' ? (feminine ? 'modificata' : 'modificato') : 'changed'}` : how}`;
  const each = p.fields.map((f, k) => `${FIELD_WORDS[l][f] ?? f} ${valueIn(f, p.before[k] ?? '', l, feminine, p.beforeUnit)} → ${valueIn(f, p.after[k] ?? '', l, feminine, p.afterUnit)}`);
  return `${what}${how}: ${each.join('; ')}`;
}

/** "; valori tolti dai periodi aperti: «Soggetti coinvolti» (A.1) al 30/06/2024 12 (inserito da referente; 1 documento di evidenza)" (by ids when the change came without names). */
function removedValuesText(p: ChangeParams, l: Language): string {
  const r = p.removed;
  if (r === undefined || r.indicators.length === 0) return '';
  const each = r.indicators.map((indicator, k) => {
    const state = r.states[k] ?? '';
    // A measured value is said by its amount; the other states by their words.
    const unit = r.units[k] ?? '';
    const actual = r.actuals[k] ?? '';
    const said = state === 'measured' ? (unit === '' || actual === '' ? valueIn('actual', actual, l) : tableAmountText(actual, unit, l)) : state === '' ? '—' : valueIn('state', state, l);
    const files = r.files[k] ?? 0;
    const notes = [
      r.by[k] ? (l === 'it' ? `inserito da ${r.by[k]}` : `entered by ${r.by[k]}`) : '',
      files > 0 ? (l === 'it' ? `${files} ${files === 1 ? 'documento di evidenza' : 'documenti di evidenza'}` : `${files} evidence ${files === 1 ? 'file' : 'files'}`) : '',
    ].filter((n) => n !== '');
    const name = r.names?.[k] ?? '';
    const which = name === '' ? indicator : namedIndicator(name, objectiveOf(indicator));
    return `${which} ${l === 'it' ? 'al' : 'at'} ${dayText(r.periods[k] ?? '')} ${said}${notes.length === 0 ? '' : ` (${notes.join('; ')})`}`;
  });
  return `; ${l === 'it' ? 'valori tolti dai periodi aperti' : 'values removed from the open periods'}: ${each.join(', ')}`;
}

/** "; conservati com'erano: 1 valore e 1 documento di evidenza dei periodi chiusi o validati, 3 commenti". */
function keptText(p: ChangeParams, l: Language): string {
  const k = p.kept;
  if (k === undefined) return '';
  const counted = (n: number, it: [string, string], en: [string, string]): string => (n === 0 ? '' : `${n} ${(l === 'it' ? it : en)[n === 1 ? 0 : 1]}`);
  const locked = [counted(k.values, ['valore', 'valori'], ['value', 'values']), counted(k.files, ['documento di evidenza', 'documenti di evidenza'], ['evidence file', 'evidence files'])].filter(
    (x) => x !== '',
  );
  const parts = [
    locked.length === 0 ? '' : `${locked.join(l === 'it' ? ' e ' : ' and ')} ${l === 'it' ? 'dei periodi chiusi o validati' : 'of closed or validated periods'}`,
    counted(k.comments, ['commento', 'commenti'], ['comment', 'comments']),
  ].filter((x) => x !== '');
  return parts.length === 0 ? '' : `; ${l === 'it' ? "conservati com'erano" : 'kept as they were'}: ${parts.join(', ')}`;
}

/** "motivazioni riscritte, con lo stesso significato, in 3 valori, 1 chiusura di un periodo e 5 voci del registro delle modifiche". */
function recodedText(recoded: Partial<Record<RecodedKind, number>>, l: Language): string {
  const each = RECODED_KINDS.flatMap((kind) => {
    const n = recoded[kind];
    return n === undefined || n === 0 ? [] : [`${n} ${RECODED_WORDS[l][kind][n === 1 ? 0 : 1]}`];
  });
  return `${l === 'it' ? 'motivazioni riscritte, con lo stesso significato, in' : 'reasons rewritten, with the same meaning, in'} ${listIn(each, l)}`;
}

/** An act of approval: "Delibera di Giunta n. 12 del 30/01/2024", or that it is still to be given. */
/** A revision's status as the register says it: «aperta», «approvata», «annullata». */
function revisionStatusWord(status: string, l: Language): string {
  const words = l === 'it' ? { approved: 'approvata', discarded: 'annullata', open: 'aperta' } : { approved: 'approved', discarded: 'discarded', open: 'open' };
  return status === 'approved' || status === 'discarded' ? words[status] : words.open;
}

function act(p: { kind?: string; number?: string; date?: string }, l: Language): string {
  if (p.kind === undefined) return l === 'it' ? 'da indicare' : 'to be given';
  return l === 'it' ? `${p.kind} n. ${p.number} del ${dayText(p.date ?? '')}` : `${p.kind} no. ${p.number} of ${dayText(p.date ?? '')}`;
}

export const CHANGE_MESSAGES = defineMessages({
  change: message<ChangeParams>({ it: (p) => sentence(p, 'it'), en: (p) => sentence(p, 'en') }),
  // The revisions' chapter of the reports (HTML, PDF, the workbook's sheet) and the Relazione.
  'revisions-title': message({ it: "Variazioni intervenute nel corso dell'anno", en: 'Revisions made during the year' }),
  'revisions-columns': message({ it: 'N.|Tipo|Data|Motivo|Atto di approvazione|Stato|Modifica', en: 'No.|Kind|Date|Reason|Approving act|State|Change' }),
  'revisions-caption': message({
    it: 'Variazioni del piano: motivo, atto di approvazione e modifiche (prima → dopo)',
    en: "The plan's revisions: reason, approving act and changes (before → after)",
  }),
  'revisions-none': message({ it: 'Nel corso dell’anno il piano non ha avuto variazioni.', en: 'The plan had no revision during the year.' }),
  'revision-no-change': message({ it: 'nessuna modifica', en: 'no change' }),
  /**
   * Where a revision's steps are when the register lists fewer changes than were recorded: it lists
   * the net change of each record (`changes`: how many), every step stays on the audit trail.
   */
  'revision-steps': message<{ steps: number; changes: number }>({
    it: (p) =>
      p.changes === 0
        ? `nessuna modifica netta: le ${p.steps} modifiche registrate si annullano a vicenda (sono nel registro delle modifiche)`
        : `modifiche nette di ${p.steps} passaggi registrati (ciascuno nel registro delle modifiche)`,
    en: (p) =>
      p.changes === 0 ? `no net change: the ${p.steps} recorded changes cancel each other out (they are on the audit trail)` : `net changes of ${p.steps} recorded steps (each on the audit trail)`,
  }),
  'revision-act': message<{ kind?: string; number?: string; date?: string }>({ it: (p) => act(p, 'it'), en: (p) => act(p, 'en') }),
  'revision-line': message<{ kind: string; number: number; date: string; status: string; act: string; reason: string }>({
    it: (p) => `${p.kind === 'rimodulazione' ? 'Rimodulazione' : 'Variazione'} n. ${p.number} del ${dayText(p.date)} (${revisionStatusWord(p.status, 'it')}; atto: ${p.act}). Motivo: ${p.reason}`,
    en: (p) => `${p.kind === 'rimodulazione' ? 'Remodulation' : 'Variation'} no. ${p.number} of ${dayText(p.date)} (${revisionStatusWord(p.status, 'en')}; act: ${p.act}). Reason: ${p.reason}`,
  }),
  /** A discarded revision in the register: when (the body's day), by whom, why, and that it changed nothing in the plan. */
  'revision-discarded': message<{ at: string; by?: string; reason?: string; steps: number }>({
    it: (p) =>
      `Annullata il ${momentDayText(p.at)}${p.by === undefined ? '' : ` da ${p.by}`}${p.reason === undefined ? '' : `, motivo: «${p.reason}»`}: il piano non è cambiato${p.steps === 0 ? '' : `; ${p.steps === 1 ? 'il passaggio registrato resta' : `i ${p.steps} passaggi registrati restano`} agli atti`}`,
    en: (p) =>
      `Discarded on ${momentDayText(p.at)}${p.by === undefined ? '' : ` by ${p.by}`}${p.reason === undefined ? '' : `, reason: “${p.reason}”`}: the plan did not change${p.steps === 0 ? '' : `; ${p.steps === 1 ? 'its recorded step stays' : `its ${p.steps} recorded steps stay`} on the record`}`,
  }),
  'revision-discarded-step': message<{ step: number; change: string }>({ it: (p) => `passaggio ${p.step}: ${p.change}`, en: (p) => `step ${p.step}: ${p.change}` }),
  'revision-kind': message<{ kind: string }>({
    it: (p) => (p.kind === 'rimodulazione' ? 'Rimodulazione' : 'Variazione'),
    en: (p) => (p.kind === 'rimodulazione' ? 'Remodulation' : 'Variation'),
  }),
  'revision-status': message<{ status: string }>({ it: (p) => revisionStatusWord(p.status, 'it'), en: (p) => revisionStatusWord(p.status, 'en') }),
  'revisions-note': message<{ closed: readonly string[]; approvedAfterValidation?: readonly string[]; validatedAt?: string }>({
    it: (p) =>
      `Le variazioni valgono per i periodi ancora aperti; i periodi chiusi o validati restano come alla chiusura.${p.closed.length === 0 ? '' : ` Successive alla chiusura di: ${p.closed.join(', ')}.`}${afterValidationText(p, 'it')}`,
    en: (p) =>
      `The revisions apply to the periods still open; closed or validated periods stay as they were closed.${p.closed.length === 0 ? '' : ` After the closing of: ${listIn(p.closed, 'en')}.`}${afterValidationText(p, 'en')}`,
  }),
  // Said where the controller opens a revision of a year whose Relazione the OIV validated, before it is opened.
  'revision-open-after-validation': message<{ year: number; validatedAt: string; reservations: boolean }>({
    it: (p) =>
      `La Relazione ${p.year} è stata validata dall'OIV${p.reservations ? ' con riserve' : ''} il ${validatedDay(p.validatedAt)}. Una revisione aperta ora cambia il piano da qui in avanti: la Relazione validata e il documento di validazione restano come sono stati validati (ente, titolo, unità organizzative, variazioni elencate e valori), e il registro segnerà la revisione come successiva alla validazione.`,
    en: (p) =>
      `The OIV validated the ${p.year} Relazione${p.reservations ? ' with reservations' : ''} on ${validatedDay(p.validatedAt)}. A revision opened now changes the plan from here on: the validated Relazione and the documento di validazione stay as they were validated (body, title, organisation units, revisions listed and figures), and the register will mark the revision as coming after the validation.`,
  }),
  'revision-after-validation': message<{ status: string; validatedAt: string }>({
    it: (p) =>
      p.status === 'approved'
        ? `Revisione approvata dopo la validazione della Relazione del ${validatedDay(p.validatedAt)}: la Relazione validata non la comprende e resta com'era.`
        : `Revisione aperta dopo la validazione della Relazione del ${validatedDay(p.validatedAt)}: la Relazione validata resta com'era.`,
    en: (p) =>
      p.status === 'approved'
        ? `Revision approved after the validation of the Relazione on ${validatedDay(p.validatedAt)}: the validated Relazione does not include it and stays as it was.`
        : `Revision opened after the validation of the Relazione on ${validatedDay(p.validatedAt)}: the validated Relazione stays as it was.`,
  }),
});

/**
 * The OIV's validation day as the appraisal forms say it ("Relazione validata il 15/05/2025"): the
 * body's day, not the UTC one (a validation at 23:30 UTC on 31 December is of 1 January).
 */
const validatedDay = (at: string): string => momentDayText(at);

/** The approved revisions (their numbers) a validated Relazione does not include, and the day of its validation. */
function afterValidationText(p: { approvedAfterValidation?: readonly string[]; validatedAt?: string }, language: Language): string {
  const numbers = p.approvedAfterValidation ?? [];
  if (numbers.length === 0 || p.validatedAt === undefined) return '';
  const list = listIn(numbers, language);
  const one = numbers.length === 1;
  return language === 'it'
    ? ` ${one ? 'Variazione' : 'Variazioni'} n. ${list} ${one ? 'approvata' : 'approvate'} dopo la validazione della Relazione del ${validatedDay(p.validatedAt)}: la Relazione validata non ${one ? 'la' : 'le'} comprende.`
    : ` ${one ? 'Variation' : 'Variations'} no. ${list} approved after the validation of the Relazione on ${validatedDay(p.validatedAt)}: the validated Relazione does not include ${one ? 'it' : 'them'}.`;
}

/** A change in a sentence in `language`, old → new. */
export function changeText(change: ChangeRecord, language: Language): string {
  const { code, params } = changeMessage(change);
  return renderFrom(CHANGE_MESSAGES, code, params as unknown as MessageParams, language)!;
}

/** A word or line of the revisions' chapter in `language` (the web imports this module alone, not the whole catalogue). */
export function changeWords(code: keyof typeof CHANGE_MESSAGES, params: MessageParams, language: Language): string {
  return renderFrom(CHANGE_MESSAGES, code, params, language)!;
}
