/**
 * The Relazione's refusals (store/relazioni.ts, server/routes/relazione.ts) in Italian and English.
 * They keep the API's codes and statuses (period-locked 423, conflict 409, invalid-transition 409,
 * invalid 422, forbidden 403, not-found 404), which scripts and the web app match on;
 * `params.relazione` names the refusal, and api.ts says those codes with the words here.
 */
import type { OrgSource } from '../core/appraisal/organisation.js';
import { decimalIn, defineMessages, message, momentDayText, renderFrom, type Language, type ParamsOf } from '../core/messages/index.js';

export type RelazioneStateName = 'draft' | 'transmitted' | 'validated' | 'validated_with_reservations' | 'not_validated';

/** The Relazione's states in words (the documents and the web app say the same). */
export const RELAZIONE_STATE_WORDS: Readonly<Record<RelazioneStateName, { readonly it: string; readonly en: string }>> = {
  draft: { it: 'bozza', en: 'draft' },
  transmitted: { it: "trasmessa all'OIV", en: 'sent to the OIV' },
  validated: { it: 'validata', en: 'validated' },
  validated_with_reservations: { it: 'validata con riserva', en: 'validated with reservations' },
  not_validated: { it: 'non validata', en: 'not validated' },
};
const state = (s: string, l: Language): string => RELAZIONE_STATE_WORDS[s as RelazioneStateName]?.[l] ?? s;
// Two decimals, as the documents print a performance (at most 1000: no thousands to group).
const percent = (n: number, l: Language): string => `${decimalIn(n.toFixed(2), l)}%`;

/**
 * The Relazione's sections by key (io/relazione/build.ts's `TEXT_KEYS`), numbered as the document
 * numbers them and titled as the screen shows them: one set of names, for the screen (web/src/relazione/i18n.ts)
 * and for the refusals that name a section, so that a reader told about «5 La performance
 * individuale» finds it under that title.
 */
export const RELAZIONE_SECTION_TITLES: Readonly<Record<string, { readonly it: string; readonly en: string }>> = {
  presentazione: { it: '1.1 Presentazione', en: '1.1 Presentation' },
  sintesi: { it: '1.2 Sintesi dei risultati', en: '1.2 Summary of results' },
  'contesto-esterno': { it: '2.1 Il contesto esterno', en: '2.1 External context' },
  'contesto-interno': { it: '2.2 L’organizzazione', en: '2.2 The organisation' },
  risorse: { it: '2.3 Le risorse umane ed economiche', en: '2.3 Human and financial resources' },
  'performance-ente': { it: '3.1 La performance organizzativa complessiva', en: '3.1 Overall organisational performance' },
  'performance-aree': { it: '3.2 La performance per area strategica', en: '3.2 Performance by strategic area' },
  albero: { it: '3.3 L’Albero della performance', en: '3.3 The performance tree' },
  'non-raggiunti': { it: '3.4 Obiettivi non raggiunti', en: '3.4 Objectives not reached' },
  variazioni: { it: '3.5 Variazioni del piano', en: '3.5 Revisions of the plan' },
  confronto: { it: '3.6 Confronto con l’anno precedente', en: '3.6 Comparison with the previous year' },
  'performance-individuale': { it: '5 La performance individuale', en: '5 Individual performance' },
  processo: { it: '6 Il processo di redazione', en: '6 How the report was written' },
};

/** The sections' titles in one language, by key (the screen's `relazione.section.*`). */
export function sectionTitles(l: Language): Record<string, string> {
  return Object.fromEntries(Object.entries(RELAZIONE_SECTION_TITLES).map(([k, t]) => [k, t[l]]));
}

/**
 * Where the comparison's figures of last year come from, said under its table and in the API's
 * `previousYear.text`: the values the OIV validated (last year's Relazione validated, frozen with
 * them), or the reported ones, which a correction of last year's plan may still move.
 *
 * @example previousYearSourceText(2024, { kind: 'validated', at: '2025-05-15T09:00:00Z', reservations: false }, 'it')
 *   // "Dati dell'anno precedente: valori validati dall'OIV (Relazione 2024 validata il 15/05/2025)."
 */
export function previousYearSourceText(year: number | undefined, source: OrgSource, language: Language, plan?: PreviousYearPlan): string {
  const said = sourceText(year, source, language);
  return plan?.found === 'body' ? `${said} ${previousYearPlanText(year, plan, language)}` : said;
}

/**
 * Last year's plan the comparison read (server/relazione.ts `lastYearPlan`): the one this plan was made
 * from by next-year, or the same body's plan of the year before, chosen among `candidates`; with last
 * year's areas and strategic objectives (code and title), which the comparison matches by code.
 */
export interface PreviousYearPlan {
  readonly id: string;
  readonly title: string;
  readonly found: 'lineage' | 'body';
  readonly candidates: number;
  readonly objectives: readonly { readonly code: string; readonly title: string }[];
}

/**
 * Which plan last year's figures come from when it was found by body and year, not by next-year:
 * a reader must know the two years were not linked by Albero, and which of several plans was read.
 *
 * @example previousYearPlanText(2024, { id: 'p', title: 'Piano 2024', found: 'body', candidates: 1, objectives: [] }, 'it')
 *   // "Il piano dell'anno precedente è «Piano 2024», dello stesso ente e del 2024 (questo piano non è stato creato da esso con «anno successivo»: gli obiettivi sono confrontati per codice)."
 */
export function previousYearPlanText(year: number | undefined, plan: PreviousYearPlan, language: Language): string {
  const it = language === 'it';
  const of = year === undefined ? (it ? "dell'anno precedente" : 'of the previous year') : it ? `del ${year}` : `of ${year}`;
  const chosen =
    plan.candidates <= 1
      ? ''
      : it
        ? `; scelto tra i ${plan.candidates} piani ${of} dell'ente: prima quello con la Relazione validata dall'OIV, poi adottato, poi pubblicato, poi non archiviato, poi il più recente`
        : `; chosen among the body's ${plan.candidates} plans ${of}: first the one whose Relazione the OIV validated, then adopted, then published, then not archived, then the latest`;
  return it
    ? `Il piano dell'anno precedente è «${plan.title}», dello stesso ente e ${of} (questo piano non è stato creato da esso con «anno successivo»: gli obiettivi sono confrontati per codice${chosen}).`
    : `The previous year's plan is “${plan.title}”, the same body's plan ${of} (this plan was not made from it with next year: objectives are compared by code${chosen}).`;
}

/**
 * The objectives the comparison could not match by code (`current`: this year's without one last
 * year; `previous`: last year's without one this year): the plan's structure changed, and no pair is
 * guessed. Empty lists are left out; null when both are empty.
 *
 * @example previousYearStructureText(2024, [{ code: 'A.10', title: 'Imprenditoria femminile' }], [{ code: 'A.8', title: 'Imprenditoria femminile' }], 'it')
 *   // "La struttura del piano è cambiata rispetto al 2024, e questi obiettivi non sono confrontati: di quest'anno, senza un obiettivo con lo stesso codice nel 2024, A.10 Imprenditoria femminile; del 2024, senza un obiettivo con lo stesso codice quest'anno, A.8 Imprenditoria femminile."
 */
export function previousYearStructureText(
  year: number | undefined,
  current: readonly { readonly code: string; readonly title: string }[],
  previous: readonly { readonly code: string; readonly title: string }[],
  language: Language,
): string | null {
  if (current.length === 0 && previous.length === 0) return null;
  const list = (os: readonly { readonly code: string; readonly title: string }[]): string => os.map((o) => `${o.code} ${o.title}`.trim()).join(', ');
  const parts: string[] = [];
  if (language === 'it') {
    const [since, during, of] = year === undefined ? ["all'anno precedente", "nell'anno precedente", "dell'anno precedente"] : [`al ${year}`, `nel ${year}`, `del ${year}`];
    if (current.length > 0) parts.push(`di quest'anno, senza un obiettivo con lo stesso codice ${during}, ${list(current)}`);
    if (previous.length > 0) parts.push(`${of}, senza un obiettivo con lo stesso codice quest'anno, ${list(previous)}`);
    return `La struttura del piano è cambiata rispetto ${since}, e questi obiettivi non sono confrontati: ${parts.join('; ')}.`;
  }
  const then = year === undefined ? 'the previous year' : String(year);
  if (current.length > 0) parts.push(`this year's, with no objective of the same code in ${then}, ${list(current)}`);
  if (previous.length > 0) parts.push(`${year === undefined ? "the previous year's" : `${year}'s`}, with no objective of the same code this year, ${list(previous)}`);
  return `The plan's structure changed since ${then}, and these objectives are not compared: ${parts.join('; ')}.`;
}

function sourceText(year: number | undefined, source: OrgSource, language: Language): string {
  const it = language === 'it';
  const relazione = year === undefined ? (it ? "la Relazione dell'anno precedente" : "the previous year's Relazione") : it ? `la Relazione ${year}` : `the ${year} Relazione`;
  if (source.kind === 'validated') {
    const day = momentDayText(source.at);
    return it
      ? `Dati dell'anno precedente: valori validati dall'OIV (${relazione} validata${source.reservations ? ' con riserve' : ''} il ${day}).`
      : `Previous year's figures: the values validated by the OIV (${relazione} validated${source.reservations ? ' with reservations' : ''} on ${day}).`;
  }
  const not = source.relazione === 'not_validated';
  // null: the state is not known (a validation kept without its frozen plan): nothing said of it.
  const why =
    source.relazione === null ? '' : it ? ` (${relazione} ${not ? 'non è stata validata' : 'non è ancora stata validata'})` : ` (${relazione} ${not ? 'was not validated' : 'is not validated yet'})`;
  return it
    ? `Dati dell'anno precedente non validati dall'OIV${why}: sono i valori rendicontati, che una correzione del piano dell'anno precedente può ancora cambiare.`
    : `Previous year's figures not validated by the OIV${why}: they are the reported values, which a correction of the previous year's plan may still change.`;
}

/**
 * What the public Relazione's comparison (section 3.6) says in place of last year's figures while the
 * body has not published last year's plan (the plan report's previous-year column is left out then too).
 *
 * @example previousYearUnpublishedText(2024, 'it')
 *   // "Il confronto con il 2024 non è mostrato: l'ente non ha pubblicato il piano della performance 2024, e i suoi risultati non sono pubblici."
 */
export function previousYearUnpublishedText(year: number, language: Language): string {
  return language === 'it'
    ? `Il confronto con il ${year} non è mostrato: l'ente non ha pubblicato il piano della performance ${year}, e i suoi risultati non sono pubblici.`
    : `The comparison with ${year} is not shown: the body has not published its ${year} performance plan, so its results are not public.`;
}

const sectionList = (keys: readonly string[], l: Language): string => keys.map((k) => `«${RELAZIONE_SECTION_TITLES[k]?.[l] ?? k}»`).join(', ');

export const RELAZIONE_REFUSALS = defineMessages({
  frozen: message<{ state: string }>({
    it: (p) => `la Relazione è ${state(p.state, 'it')}: né il testo né i suoi dati si possono più modificare`,
    en: (p) => `the Relazione is ${state(p.state, 'en')}: it and its figures can no longer be changed`,
  }),
  stale: message<{ version: number; sent: number; by: string | null }>({
    it: (p) => `la Relazione è stata modificata da ${p.by ?? 'qualcun altro'} nel frattempo (versione ${p.version}, inviata ${p.sent}): ricaricare e riprovare`,
    en: (p) => `the Relazione was changed by ${p.by ?? 'someone else'} in the meantime (version ${p.version}, you sent ${p.sent}): reload and try again`,
  }),
  'with-oiv': message({
    it: "la Relazione è all'esame dell'OIV: riportarla in bozza prima di modificarla",
    en: 'the Relazione is with the OIV: take it back to draft before changing it',
  }),
  'not-transmitted': message<{ state: string }>({
    it: (p) => `l'OIV esamina una Relazione che gli è stata trasmessa; questa è ${state(p.state, 'it')}`,
    en: (p) => `the OIV reviews a Relazione transmitted to it; this one is ${state(p.state, 'en')}`,
  }),
  move: message<{ from: string; to: string }>({
    it: (p) => `la Relazione non può passare da «${state(p.from, 'it')}» a «${state(p.to, 'it')}»`,
    en: (p) => `the Relazione cannot go from ${state(p.from, 'en')} to ${state(p.to, 'en')}`,
  }),
  'period-not-closed': message<{ label: string }>({
    it: (p) => `chiudere il periodo di fine anno (${p.label}) prima di trasmettere la Relazione all'OIV: i suoi dati devono essere definitivi`,
    en: (p) => `close the year-end period (${p.label}) before transmitting the Relazione to the OIV: its figures must be final`,
  }),
  'period-reopened': message<{ label: string }>({
    it: (p) => `il periodo di fine anno (${p.label}) è stato riaperto dopo la trasmissione: l'OIV si pronuncia sulla Relazione quando il controllo di gestione lo ha chiuso di nuovo`,
    en: (p) => `the year-end period (${p.label}) was reopened after the transmission: the OIV decides on the Relazione once management control has closed it again`,
  }),
  /** A revision's changes are in the plan the validation freezes, and not in its approved revisions (section 3.5): neither is told until it is decided. */
  'revision-open': message<{ number: number }>({
    it: (p) =>
      `la variazione n. ${p.number} del piano è aperta: approvarla o annullarla prima di validare la Relazione (le sue modifiche sono già nel piano, ma la Relazione ne riporta solo le variazioni approvate)`,
    en: (p) =>
      `revision no. ${p.number} of the plan is open: approve or discard it before validating the Relazione (its changes are already in the plan, but the Relazione lists only approved revisions)`,
  }),
  /** The freeze the route made lists the approved revisions as they were; one approved (or its act corrected) before the store's write would be missing from it. */
  'revision-approved-since': message<{ number: number }>({
    it: (p) =>
      `la variazione n. ${p.number} del piano è stata approvata (o corretta) mentre si preparava la validazione: la Relazione da validare non la riportava così; ricaricarla e validare di nuovo`,
    en: (p) => `revision no. ${p.number} of the plan was approved (or corrected) while the validation was being prepared: the Relazione to validate did not show it so; reload it and validate again`,
  }),
  /** The plan changed outside any revision between the route's read and the store's write (a year end reopened and closed again, a draft's body corrected): the freeze is of a plan that no longer is. */
  'plan-changed-since': message({
    it: 'il piano è stato modificato mentre si preparava la validazione (ad esempio il periodo di fine anno riaperto, corretto e richiuso): la Relazione da validare non lo riportava così; ricaricarla e validare di nuovo',
    en: 'the plan was changed while the validation was being prepared (for example the year-end period reopened, corrected and closed again): the Relazione to validate did not show it so; reload it and validate again',
  }),
  /** The year end's variances (causes and corrective actions, section 3.4) written again between the route's read and the store's write. */
  'variances-changed-since': message({
    it: 'le spiegazioni degli scostamenti (cause e azioni correttive) sono state modificate mentre si preparava la validazione: la Relazione da validare non le riportava così; ricaricarla e validare di nuovo',
    en: 'the explanations of the variances (causes and corrective actions) were changed while the validation was being prepared: the Relazione to validate did not show them so; reload it and validate again',
  }),
  /** The objectives' units as the year end names them (its closing's) changed in between: a unit renamed, and the year end closed again since. */
  'units-changed-since': message({
    it: 'le strutture responsabili degli obiettivi sono state rinominate o cambiate mentre si preparava la validazione (il periodo di fine anno richiuso con i nuovi nomi): la Relazione da validare non le riportava così; ricaricarla e validare di nuovo',
    en: "the objectives' organisation units were renamed or changed while the validation was being prepared (the year-end period closed again with the new names): the Relazione to validate did not show them so; reload it and validate again",
  }),
  /** Last year's figures (section 3.6) moved in between: last year's Relazione validated or sent back, its year end corrected. */
  'previous-year-changed-since': message({
    it: "i dati dell'anno precedente sono cambiati mentre si preparava la validazione (ad esempio la Relazione dell'anno precedente validata o riportata in bozza, o il suo periodo di fine anno corretto): il confronto della Relazione da validare non li riportava così; ricaricarla e validare di nuovo",
    en: "the previous year's figures changed while the validation was being prepared (for example the previous year's Relazione validated or taken back to draft, or its year-end period corrected): the comparison in the Relazione to validate did not show them so; reload it and validate again",
  }),
  /**
   * What a validation would freeze is not what the OIV's screen showed (the answer's `seen`, sent
   * back with the decision): the year end corrected and closed again, a variance explained, last
   * year's figures moved, a revision approved after the screen read the Relazione.
   */
  'changed-since-shown': message({
    it: "i dati dell'anno sono cambiati dopo che la Relazione su cui si decide è stata letta: rileggerla com'è ora e validare di nuovo",
    en: "the year's figures changed after the Relazione this decision is on was read: read it again as it is now and validate again",
  }),
  'sections-empty': message<{ sections: readonly string[] }>({
    it: (p) =>
      `${p.sections.length === 1 ? 'la sezione' : 'le sezioni'} ${sectionList(p.sections, 'it')} ${p.sections.length === 1 ? 'è vuota' : 'sono vuote'}: l'OIV leggerebbe «Sezione non ancora compilata»; scriverle, o confermare la trasmissione così`,
    en: (p) =>
      `${p.sections.length === 1 ? 'the section' : 'the sections'} ${sectionList(p.sections, 'en')} ${p.sections.length === 1 ? 'is' : 'are'} empty: the OIV would read «Sezione non ancora compilata» (section not written yet); write them, or confirm the transmission as it is`,
  }),
  'reservations-required': message({
    it: 'una validazione con riserva le indica: scrivere prima le riserve',
    en: 'a validation with reservations states them: write the reservations first',
  }),
  'checklist-empty': message({
    it: 'la validazione registra le verifiche svolte: indicare almeno un punto di verifica con il suo esito',
    en: 'a validation records the checks made: give at least one checkpoint with its outcome',
  }),
  'checklist-unassessed': message<{ label: string }>({
    it: (p) => `il punto di verifica «${p.label}» non ha un esito: la validazione registra l'esito di ogni verifica`,
    en: (p) => `the checkpoint “${p.label}” has no outcome: a validation records the outcome of every check`,
  }),
  'checklist-failed': message<{ label: string }>({
    it: (p) => `il punto di verifica «${p.label}» ha esito negativo: la Relazione si valida con riserva, indicandola, o non si valida`,
    en: (p) => `the checkpoint “${p.label}” was answered “no”: the Relazione is validated with reservations, stating them, or not validated`,
  }),
  'note-required': message({
    it: "la mancata validazione va motivata: scrivere prima i motivi nella nota dell'OIV",
    en: "a decision not to validate gives its reasons: write them in the OIV's note first",
  }),
  'unknown-objective': message<{ code: string }>({
    it: (p) => `il piano non ha un obiettivo ${p.code}`,
    en: (p) => `there is no objective ${p.code} in this plan`,
  }),
  /** A value above what the plan's scoring can give an objective (core/validated-values.ts `performanceCeiling`). */
  'above-ceiling': message<{ code: string; validated: number; ceiling: number }>({
    it: (p) =>
      `${p.code} è validato al ${percent(p.validated, 'it')}, ma con le regole di punteggio del piano un obiettivo arriva al massimo al ${percent(p.ceiling, 'it')}: validarlo a un valore fino al ${percent(p.ceiling, 'it')}`,
    en: (p) =>
      `${p.code} is validated at ${percent(p.validated, 'en')}, but by the plan's scoring rules an objective reaches at most ${percent(p.ceiling, 'en')}: validate it at a value up to ${percent(p.ceiling, 'en')}`,
  }),
  /** A parent validated at a value its children do not give (core/validated-values.ts); `fromChildren` null: they give none. */
  'differs-from-children': message<{ code: string; validated: number; fromChildren: number | null }>({
    it: (p) =>
      `${p.code} è validato al ${percent(p.validated, 'it')}, ma ${p.fromChildren === null ? 'i suoi obiettivi non danno alcuna performance' : `dai suoi obiettivi, con i valori validati e le regole del piano, risulta ${percent(p.fromChildren, 'it')}`}: validarlo a quel valore, o confermare che la differenza è voluta (motivandola nella nota)`,
    en: (p) =>
      `${p.code} is validated at ${percent(p.validated, 'en')}, but ${p.fromChildren === null ? 'its objectives give no performance' : `its objectives, as validated and by the plan's rules, give ${percent(p.fromChildren, 'en')}`}: validate it at that value, or confirm that the difference is deliberate (with the reason in the note)`,
  }),
  'not-decided': message<{ state: string }>({
    it: (p) => `si pubblica solo una Relazione su cui l'OIV si è pronunciato; questa è ${state(p.state, 'it')}`,
    en: (p) => `only a Relazione the OIV has decided on is published; this one is ${state(p.state, 'en')}`,
  }),
  /** `role` and `roles` arrive already in words (api.ts says them). */
  role: message<{ role: string; to: string; roles: readonly string[] }>({
    it: (p) => `il tuo ruolo (${p.role}) non può rendere la Relazione «${state(p.to, 'it')}» (può farlo: ${p.roles.join(', ')})`,
    en: (p) => `your role (${p.role}) may not make the Relazione ${state(p.to, 'en')} (${p.roles.join(', ')} may)`,
  }),
  undecided: message({
    it: "l'OIV non si è ancora pronunciato sulla Relazione",
    en: 'the OIV has not decided on the Relazione yet',
  }),
});

type Refusals = typeof RELAZIONE_REFUSALS;
/** A refusal of the Relazione: its name and its parameters. */
export type RelazioneRefusal = { [K in keyof Refusals]: { relazione: K } & ParamsOf<Refusals, K> }[keyof Refusals];

export function relazioneRefusal(p: RelazioneRefusal, language: Language): string {
  return renderFrom(RELAZIONE_REFUSALS, p.relazione, p, language)!;
}
