/**
 * A form's trail in words (`GET /api/appraisals/:id/trail`): what each entry did, and what it changed
 * before → after, in the reader's language, as a person reads them (no JSON, no ids where a name is
 * known). Entries are read as they were stored: a step or an update keeps the whole form before and
 * after (the fields that differ are said, what a step records among them: the interview's note, the
 * score and band given, the contest's reason, the conciliation's outcome), a plan's change, deletion or body correction the plan's id
 * and title (an older `plan-changed` kept the whole form: its plan is said the same way), a body's
 * correction or assignment the body's name.
 */
import { tableAmountText } from '../../core/amount-words.js';
import { CATEGORY_LABEL } from '../../core/appraisal/categories.js';
import { STATE_LABEL, type FormState } from '../../core/appraisal/index.js';
import { Decimal, formatNumberIn } from '../../core/index.js';
import { formatItalianDate } from '../../core/italian-date.js';
import { momentDayText, type Language } from '../../core/messages/index.js';
import { REMOVED_ACCOUNT } from '../../messages/actor-words.js';

/** What the words are made from besides the entry: names and titles known now. */
export interface TrailLookup {
  /** An account's name by its id (null: no such account now). */
  person(id: string): string | null;
  /** A plan's title by its id (null: the plan is no longer there). */
  plan(id: string): string | null;
  /** A unit of the registry by its id (null: not in the registry). */
  unit(id: string): string | null;
}

/** One change said: the field, and its value before and after ('—' for none). */
export interface TrailChange {
  readonly field: string;
  readonly before: string;
  readonly after: string;
}

type Words = Readonly<Record<string, string>>;

const ACTIONS: Readonly<Record<Language, Words>> = {
  it: {
    create: 'Scheda creata',
    update: 'Scheda modificata',
    'plan-changed': 'Piano della scheda cambiato',
    'plan-deleted': 'Piano eliminato: la scheda è passata a un altro piano',
    'plan-body-corrected': "Ente del piano corretto: la scheda è passata a un altro piano dell'ente",
    'correct-body': "Nome dell'ente corretto",
    'assign-body': "Scheda assegnata all'ente a cui appartiene",
    acknowledge: 'Presa visione degli obiettivi',
    interview: 'Colloquio intermedio',
    evaluate: 'Valutazione',
    accept: 'Valutazione accettata',
    contest: 'Valutazione contestata',
    conciliate: 'Conciliazione',
    finalise: 'Scheda resa definitiva',
    reopen: "Scheda riaperta dall'amministratore",
  },
  en: {
    create: 'Form created',
    update: 'Form changed',
    'plan-changed': 'Plan of the form changed',
    'plan-deleted': 'Plan deleted: the form moved to another plan',
    'plan-body-corrected': "Plan's body corrected: the form moved to another plan of the body",
    'correct-body': "Body's name corrected",
    'assign-body': 'Form assigned to the body it belongs to',
    acknowledge: 'Objectives acknowledged',
    interview: 'Mid-year interview',
    evaluate: 'Evaluation',
    accept: 'Evaluation accepted',
    contest: 'Evaluation contested',
    conciliate: 'Conciliation',
    finalise: 'Form made final',
    reopen: 'Form reopened by the administrator',
  },
};

const FIELDS: Readonly<Record<Language, Words>> = {
  it: {
    plan: 'Piano',
    organisation: 'Ente',
    state: 'Stato',
    evaluator: 'Valutatore',
    category: 'Categoria',
    objectives: 'Obiettivi individuali',
    ratings: 'Giudizi sui comportamenti',
    assignments: 'Strutture e periodi',
    acknowledged: 'Presa visione degli obiettivi',
    interview: 'Colloquio intermedio',
    evaluation: 'Valutazione',
    acceptance: 'Accettazione',
    contest: 'Contestazione',
    conciliation: 'Conciliazione',
    finalised: 'Scheda definitiva',
    reopenings: 'Riaperture',
  },
  en: {
    plan: 'Plan',
    organisation: 'Body',
    state: 'State',
    evaluator: 'Evaluator',
    category: 'Category',
    objectives: 'Individual objectives',
    ratings: 'Behaviour ratings',
    assignments: 'Units and periods',
    acknowledged: 'Objectives acknowledged',
    interview: 'Mid-year interview',
    evaluation: 'Evaluation',
    acceptance: 'Acceptance',
    contest: 'Contest',
    conciliation: 'Conciliation',
    finalised: 'Form final',
    reopenings: 'Reopenings',
  },
};

const NONE = '—';
const SIGN: Words = { '>=': '≥', '<=': '≤', '=': '=' };
const record = (v: unknown): Record<string, unknown> | null => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null);
const text = (v: unknown): string | null => (typeof v === 'string' ? v : null);
/** A title or a band quoted as the reader's language quotes: «…» in Italian, “…” in English. */
const quoted = (words: string, lang: Language): string => (lang === 'it' ? `«${words}»` : `“${words}”`);

/** A plan by its title, or said gone (with its id) when neither the entry nor the plans know it. */
function planWords(id: unknown, title: unknown, look: TrailLookup, lang: Language): string {
  if (typeof id !== 'string') return lang === 'it' ? 'nessun piano' : 'no plan';
  const known = text(title) ?? look.plan(id);
  if (known !== null) return quoted(known, lang);
  return lang === 'it' ? `un piano eliminato (id ${id})` : `a deleted plan (id ${id})`;
}

/** A decimal in the language's notation (`87,5` / `87.5`). */
const decimal = (v: unknown, lang: Language): string => (lang === 'it' ? String(v).replace('.', ',') : String(v));

/** The form's objectives in a line: each title, weight, comparator and target, and its actual or state. */
function objectivesWords(list: unknown, lang: Language): string {
  if (!Array.isArray(list) || list.length === 0) return NONE;
  const stateWords: Words =
    lang === 'it'
      ? { not_achieved: 'non raggiunto', not_evaluable: 'non valutabile', not_measured: 'non misurato' }
      : { not_achieved: 'not achieved', not_evaluable: 'not evaluable', not_measured: 'not measured' };
  return list
    .map((raw) => {
      const o = record(raw) ?? {};
      const unit = text(o.unit);
      // An amount as stored (`{kind, value}`, core amountToJson; a bare value in older documents).
      const amount = (v: unknown) => {
        const value = record(v)?.value ?? v;
        return value === null || value === undefined ? NONE : `${tableAmountText(String(value), unit, lang)}${unit === 'percent' ? '%' : ''}`;
      };
      const result = o.state === 'measured' ? `${lang === 'it' ? 'consuntivo' : 'actual'} ${amount(o.actual)}` : (stateWords[String(o.state)] ?? String(o.state));
      return `${quoted(String(o.title ?? ''), lang)} (${lang === 'it' ? 'peso' : 'weight'} ${decimal(o.weight, lang)}%, target ${SIGN[String(o.comparator)] ?? ''} ${amount(o.target)}, ${result})`;
    })
    .join('; ');
}

function ratingsWords(ratings: unknown): string {
  const r = record(ratings);
  if (r === null || Object.keys(r).length === 0) return NONE;
  return Object.entries(r)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([code, value]) => `${code}: ${String(value)}`)
    .join(', ');
}

function assignmentsWords(list: unknown, look: TrailLookup, lang: Language): string {
  if (!Array.isArray(list) || list.length === 0) return NONE;
  return list
    .map((raw) => {
      const a = record(raw) ?? {};
      const unitId = String(a.unitId ?? '');
      const day = (v: unknown) => (typeof v === 'string' ? formatItalianDate(v) : NONE);
      return `${look.unit(unitId) ?? unitId} (${lang === 'it' ? 'dal' : 'from'} ${day(a.from)} ${lang === 'it' ? 'al' : 'to'} ${day(a.to)}, ${decimal(a.partTime, lang)}%)`;
    })
    .join('; ');
}

/** A step's moment as its day in the body's calendar (Europe/Rome), as the form's record dates its steps. */
const stepDay = (at: unknown): string | null => (typeof at === 'string' ? momentDayText(at) : null);

/** A score as the form shows it: two decimals in the language's notation. */
const scoreWords = (v: unknown, lang: Language): string => (typeof v === 'string' || typeof v === 'number' ? formatNumberIn(new Decimal(v), 2, lang) : NONE);

/**
 * What each step records, in words: the day it was taken and what was said or given at it (the
 * interview's note, the evaluation's score and band, the contest's reason, the conciliation's outcome
 * and note, each reopening's reason). These say what the form keeps, with the day and, for a
 * conciliation, its outcome, so the note or reason given with the step is said here and not again as
 * the entry's reason (`STEPS_SAYING_THEIR_TEXT`): an interview's note is no reason.
 */
function stepSides(lang: Language): [string, (d: Record<string, unknown>) => string][] {
  const it = lang === 'it';
  const day = (v: unknown) => stepDay(v) ?? NONE;
  const dated = (v: unknown, said: (r: Record<string, unknown>) => string | null) => {
    const r = record(v);
    if (r === null) return NONE;
    const words = said(r);
    return words === null ? day(r.at) : `${day(r.at)}: ${words}`;
  };
  const outcome: Words = it ? { confirmed: 'valutazione confermata', revised: 'valutazione rivista' } : { confirmed: 'appraisal confirmed', revised: 'appraisal revised' };
  return [
    [
      'acknowledged',
      (d) => {
        const a = record(d.acknowledged);
        const person = stepDay(a?.person);
        const evaluator = stepDay(a?.evaluator);
        if (person === null && evaluator === null) return NONE;
        return it ? `valutato ${person ?? NONE}, valutatore ${evaluator ?? NONE}` : `appraisee ${person ?? NONE}, evaluator ${evaluator ?? NONE}`;
      },
    ],
    ['interview', (d) => dated(d.interview, (r) => text(r.note))],
    [
      'evaluation',
      (d) =>
        dated(d.evaluation, (r) => {
          const band = text(r.band);
          // Quoted as the trail quotes a plan's title, in the reader's language.
          return `${it ? 'punteggio' : 'score'} ${scoreWords(r.score, lang)}${band === null ? '' : `, ${it ? 'fascia' : 'band'} ${quoted(band, lang)}`}`;
        }),
    ],
    ['acceptance', (d) => dated(d.acceptance, () => null)],
    ['contest', (d) => dated(d.contest, (r) => text(r.reason))],
    ['conciliation', (d) => dated(d.conciliation, (r) => `${outcome[String(r.outcome)] ?? String(r.outcome)} — ${text(r.note) ?? ''}`)],
    ['finalised', (d) => day(d.finalisedAt)],
    ['reopenings', (d) => (Array.isArray(d.reopenings) && d.reopenings.length > 0 ? d.reopenings.map((r) => dated(r, (x) => text(x.reason))).join('; ') : NONE)],
  ];
}

/** The fields of two forms as the store keeps them (`formJson`) that differ, in words. */
function formChanges(before: Record<string, unknown> | null, after: Record<string, unknown> | null, look: TrailLookup, lang: Language): TrailChange[] {
  const words = FIELDS[lang];
  const b = before ?? {};
  const a = after ?? {};
  const bd = record(b.document) ?? {};
  const ad = record(a.document) ?? {};
  const state = (s: unknown) => (typeof s === 'string' ? (STATE_LABEL[s as FormState]?.[lang] ?? s) : NONE);
  const category = (c: unknown) => (typeof c === 'string' ? ((CATEGORY_LABEL as Readonly<Record<string, { it: string; en: string }>>)[c]?.[lang] ?? c) : NONE);
  const person = (id: unknown) => (typeof id === 'string' ? (look.person(id) ?? REMOVED_ACCOUNT[lang].withId(id)) : NONE);
  const sides: [string, (v: Record<string, unknown>, d: Record<string, unknown>) => string][] = [
    ['state', (v) => state(v.state)],
    ['plan', (v) => (v.planId === undefined ? NONE : planWords(v.planId, null, look, lang))],
    ['evaluator', (v) => person(v.evaluatorId)],
    ['category', (v) => category(v.category)],
    ['objectives', (_, d) => objectivesWords(d.objectives, lang)],
    ['ratings', (_, d) => ratingsWords(d.ratings)],
    ['assignments', (_, d) => assignmentsWords(d.assignments, look, lang)],
    ...stepSides(lang).map(([field, say]): [string, (v: Record<string, unknown>, d: Record<string, unknown>) => string] => [field, (_, d) => say(d)]),
  ];
  const out: TrailChange[] = [];
  for (const [field, say] of sides) {
    const was = before === null ? NONE : say(b, bd);
    const is = say(a, ad);
    if (was !== is) out.push({ field: words[field]!, before: was, after: is });
  }
  return out;
}

/** The steps whose note or reason the form keeps, and so a change of the entry says (`stepSides`). */
const STEPS_SAYING_THEIR_TEXT: ReadonlySet<string> = new Set(['interview', 'contest', 'conciliate', 'reopen']);

/**
 * What a trail entry did and changed, in `lang`, and its reason when no change says it already (a
 * step's note or reason is said once, in the change that dates it; a plan's change keeps its reason).
 *
 * @example formTrailWords({ action: 'plan-changed', reason: 'delibera n. 3', before: { planId: 'p1', planTitle: 'Piano 2024' }, after: { planId: 'p2', planTitle: 'Piano bis' } }, 'en', look)
 * // { what: 'Plan of the form changed', reason: 'delibera n. 3', changes: [{ field: 'Plan', before: '“Piano 2024”', after: '“Piano bis”' }] }
 */
export function formTrailWords(
  entry: { readonly action: string; readonly reason: string | null; readonly before: unknown; readonly after: unknown },
  lang: Language,
  look: TrailLookup,
): { what: string; reason: string | null; changes: TrailChange[] } {
  const { what, changes } = entryWords(entry, lang, look);
  const said = entry.reason !== null && STEPS_SAYING_THEIR_TEXT.has(entry.action) && changes.some((c) => c.after.includes(entry.reason!));
  return { what, reason: said ? null : entry.reason, changes };
}

function entryWords(entry: { readonly action: string; readonly before: unknown; readonly after: unknown }, lang: Language, look: TrailLookup): { what: string; changes: TrailChange[] } {
  const what = ACTIONS[lang][entry.action] ?? entry.action;
  const before = record(entry.before);
  const after = record(entry.after);
  const field = FIELDS[lang];
  // A plan moved (its id and title kept), and an older plan change that kept the whole form: the plan alone.
  if (entry.action === 'plan-changed' || entry.action === 'plan-deleted' || entry.action === 'plan-body-corrected') {
    const whole = before !== null && 'document' in before;
    if (!whole) return { what, changes: [{ field: field.plan!, before: planWords(before?.planId, before?.planTitle, look, lang), after: planWords(after?.planId, after?.planTitle, look, lang) }] };
  }
  if (entry.action === 'correct-body' || entry.action === 'assign-body')
    return { what, changes: [{ field: field.organisation!, before: text(before?.organisation) ?? NONE, after: text(after?.organisation) ?? NONE }] };
  return { what, changes: formChanges(before, after, look, lang) };
}
