/**
 * Individual performance at the HTTP edge (server/routes/appraisals.ts, server/appraisal/forms.ts):
 * the refusals met on an appraisal form, in Italian and English. The problems of the SMVP and of
 * the form's content are core's (`core/messages/appraisal.ts`).
 */
import { STATE_LABEL, type FormAction, type FormState } from '../core/appraisal/workflow.js';
import { formatItalianDate } from '../core/italian-date.js';
import { decimalIn, defineMessages, message, momentDayText, type ParamsOf } from '../core/messages/index.js';
import { amountWords, type AmountProblem } from './amounts.js';

/** A form's score (decimal text, two places as the document prints it) with %, "—" when there is none. */
const score = (value: string | null, l: 'it' | 'en'): string => (value === null ? '—' : `${decimalIn(value, l)}%`);

/**
 * Why a form is refused to a reader (403): said through the API's `forbidden` code (params
 * `{appraisal: 'appraisal-private' | …}`), so every 403 keeps the one code clients match on.
 */
export const APPRAISAL_FORBIDDEN = defineMessages({
  'appraisal-private': message({
    it: "una scheda di valutazione è visibile solo alla persona valutata, al suo valutatore, all'ufficio personale e all'amministratore (l'OIV: le schede dei dirigenti)",
    en: 'an appraisal form is visible only to the person, their evaluator, HR and the administrator (the OIV: managers’ forms)',
  }),
  'appraisal-part': message<{ part: string; state: string }>({
    it: (p) =>
      p.part === 'form'
        ? 'non puoi modificare nulla di una scheda in questa fase'
        : `non puoi modificare ${({ objectives: 'gli obiettivi', measurements: 'i consuntivi', ratings: 'i giudizi', assignments: 'le assegnazioni', evaluator: 'il valutatore', plan: 'il piano' } as Record<string, string>)[p.part] ?? p.part} di una scheda in questa fase`,
    en: (p) =>
      p.part === 'form'
        ? `you may change nothing of a form in the state “${p.state}”`
        : `you may not change ${({ objectives: 'the objectives', measurements: 'the actuals', ratings: 'the ratings', assignments: 'the unit assignments', evaluator: 'the evaluator', plan: 'the plan' } as Record<string, string>)[p.part] ?? p.part} of a form in the state “${p.state}”`,
  }),
  /** HR or the administrator on their own form: they are the person there (forms.ts relationsOf). */
  'own-form': message({
    it: "è la tua scheda: la prepara, la corregge e la concilia un altro componente dell'ufficio personale o l'amministratore, non tu",
    en: 'this is your own form: another member of HR or the administrator sets it up, corrects it and conciliates it, not you',
  }),
  'appraisal-step': message<{ action: string }>({ it: () => 'questo passo della scheda non spetta a te', en: (p) => `this step (${p.action}) of the form is not yours to take` }),
});

export const APPRAISAL_API_MESSAGES = defineMessages({
  /** Records a body correction left under the old name (store/appraisals.ts strandedBodies), for HR to sort out. */
  'stranded-body': message<{ organisation: string; year: number; correctedTo: readonly string[]; deletedPlans?: readonly string[] }>({
    it: (p) =>
      `registrazioni del ${p.year} sotto un ente che nessun piano di quell'anno porta più: «${p.organisation}» (${[
        p.correctedTo.length > 0 ? `corretto in ${p.correctedTo.map((n) => `«${n}»`).join(', ')}` : '',
        (p.deletedPlans ?? []).length > 0 ? `${p.deletedPlans!.length === 1 ? 'piano eliminato' : 'piani eliminati'}: ${p.deletedPlans!.map((n) => `«${n}»`).join(', ')}` : '',
      ]
        .filter((x) => x !== '')
        .join('; ')}): SMVP, schede o distribuzioni da attribuire a mano`,
    en: (p) =>
      `${p.year} records under a body no plan of that year carries any more: “${p.organisation}” (${[
        p.correctedTo.length > 0 ? `corrected to ${p.correctedTo.map((n) => `“${n}”`).join(', ')}` : '',
        (p.deletedPlans ?? []).length > 0 ? `${p.deletedPlans!.length === 1 ? 'plan deleted' : 'plans deleted'}: ${p.deletedPlans!.map((n) => `“${n}”`).join(', ')}` : '',
      ]
        .filter((x) => x !== '')
        .join('; ')}): an SMVP, forms or distributions to assign by hand`,
  }),
  /** Stranded records assigned by HR to a body (store/appraisals.ts assignStrandedBody). */
  'stranded-assigned': message<{ organisation: string; year: number; to: string; moved: number }>({
    it: (p) => `${p.moved === 1 ? '1 registrazione' : `${p.moved} registrazioni`} del ${p.year} di «${p.organisation}» ${p.moved === 1 ? 'attribuita' : 'attribuite'} a «${p.to}»`,
    en: (p) => `${p.moved === 1 ? '1 record' : `${p.moved} records`} of ${p.year} under “${p.organisation}” assigned to “${p.to}”`,
  }),
  /** An evaluated form whose plan was deleted after the evaluation (migration 83 left it naming none): said on its screen. */
  'form-plan-deleted': message<{ title: string | null }>({
    it: (p) =>
      `Il piano da cui la scheda ha preso i risultati organizzativi${p.title === null ? '' : ` («${p.title}»)`} è stato eliminato dopo la valutazione: la scheda conserva i valori fissati allora`,
    en: (p) => `The plan the form took its organisational results from${p.title === null ? '' : ` (“${p.title}”)`} was deleted after the evaluation: the form keeps the figures frozen then`,
  }),
  'self-evaluation': message({ it: 'nessuno valuta sé stesso: scegliere un altro valutatore', en: 'nobody evaluates themselves: choose another evaluator' }),
  'unknown-account': message<{ active?: boolean }>({
    it: (p) => (p.active === true ? 'non esiste un account attivo con questo id' : 'non esiste un account con questo id'),
    en: (p) => (p.active === true ? 'there is no active account with this id' : 'there is no account with this id'),
  }),
  'unknown-plan': message({ it: 'non esiste un piano con questo id', en: 'there is no plan with this id' }),
  'plan-other-year': message<{ year: number; planYear: number }>({
    it: (p) => `la scheda è del ${p.year}: i risultati organizzativi vengono dal piano dello stesso anno, non da uno del ${p.planYear}`,
    en: (p) => `the form is for ${p.year}: its organisational results come from that year's plan, not from one of ${p.planYear}`,
  }),
  /** A plan of another body named for a form (store/appraisals.ts createForm, updateForm, under the plan row's lock): its results would be that body's. */
  'plan-other-body': message<{ organisation: string; year: number; planTitle: string; planOrganisation: string; planYear: number }>({
    it: (p) =>
      `la scheda è dell'ente «${p.organisation}» per il ${p.year}: i risultati organizzativi vengono da un piano di «${p.organisation}» del ${p.year}, non dal piano «${p.planTitle}», che è di «${p.planOrganisation}» del ${p.planYear}`,
    en: (p) =>
      `the form is of the body “${p.organisation}” for ${p.year}: its organisational results come from a plan of “${p.organisation}” of ${p.year}, not from the plan “${p.planTitle}”, which is of “${p.planOrganisation}” of ${p.planYear}`,
  }),
  'unknown-registry-unit': message({ it: "nell'anagrafe delle strutture non c'è una struttura con questo id", en: 'there is no unit with this id in the registry' }),
  'objective-weight-range': message({ it: 'il peso va da 0 a 100', en: 'a weight from 0 to 100' }),
  'objective-actual-missing': message({ it: 'un obiettivo misurato ha bisogno del consuntivo', en: 'a measured objective needs its actual' }),
  'objective-reason-missing': message({ it: "dire perché l'obiettivo è N.V.", en: 'say why the objective is N.E.' }),
  'objective-target-year': message<{ date: string; year: number }>({
    it: (p) => `la data obiettivo ${formatItalianDate(p.date)} non è nel ${p.year}: la scheda valuta gli obiettivi da raggiungere entro l'anno`,
    en: (p) => `the target date ${formatItalianDate(p.date)} is not in ${p.year}: the form appraises objectives due within its year`,
  }),
  'objective-yes-no-comparator': message<{ comparator: string }>({
    it: (p) => `«${p.comparator}» non vale per un obiettivo sì/no: il target è la risposta attesa, non una soglia, e si confronta solo con «=»`,
    en: (p) => `“${p.comparator}” does not apply to a yes/no objective: its target is the answer wanted, not a threshold, compared with “=” only`,
  }),
  'objective-value': message<AmountProblem>({ it: (p) => `il valore non è valido: serve ${amountWords(p, 'it')}`, en: (p) => `expected ${amountWords(p, 'en')}` }),
  'smvp-missing': message<{ organisation: string; year: number }>({
    it: (p) => `non c'è un SMVP per ${p.organisation} ${p.year}: l'ufficio personale lo salva prima`,
    en: (p) => `there is no SMVP for ${p.organisation} ${p.year}: HR saves it first`,
  }),
  'invalid-smvp': message<{ errors: number }>({
    it: (p) => `il SMVP non si può salvare: ${p.errors === 1 ? 'un problema, indicato al suo campo' : `${p.errors} problemi, ciascuno al suo campo`}`,
    en: (p) => `the SMVP cannot be saved: ${p.errors === 1 ? 'one problem, shown at its field' : `${p.errors} problems, each at its field`}`,
  }),
  'smvp-year-mismatch': message<{ year: number; expected: number }>({
    it: (p) => `il documento è del ${p.year}, non del ${p.expected}`,
    en: (p) => `the document is for ${p.year}, not ${p.expected}`,
  }),
  'smvp-organisation-mismatch': message<{ organisation: string; expected: string }>({
    it: (p) => `il documento è di «${p.organisation}», non di «${p.expected}»`,
    en: (p) => `the document is for “${p.organisation}”, not “${p.expected}”`,
  }),
  'smvp-not-json': message<{ file: string }>({ it: (p) => `${p.file} non è un JSON valido`, en: (p) => `${p.file} is not valid JSON` }),
  'form-incomplete': message<{ situation: 'acknowledge' | 'no-objectives' | 'evaluate' | 'revised' }>({
    it: (p) =>
      ({
        acknowledge: 'la scheda ha problemi da risolvere prima della presa visione degli obiettivi',
        'no-objectives': 'assegnare prima almeno un obiettivo individuale',
        evaluate: 'la scheda non è completa: valutare ogni comportamento e misurare ogni obiettivo (o indicarlo N.V. con il motivo)',
        revised: 'la scheda rivista non è completa',
      })[p.situation],
    en: (p) =>
      ({
        acknowledge: 'the form has problems to fix before the objectives can be acknowledged',
        'no-objectives': 'assign at least one individual objective first',
        evaluate: 'the form is not complete: rate every behaviour and measure every objective (or mark it N.E. with a reason)',
        revised: 'the revised form is not complete',
      })[p.situation],
  }),
  /** The public aggregates of a body and year with no distribution made: said, rather than another body's shown. */
  'no-distribution': message<{ organisation: string; year: number }>({
    it: (p) => `${p.organisation} non ha pubblicato la distribuzione dei premi del ${p.year}`,
    en: (p) => `${p.organisation} has published no distribution of bonuses for ${p.year}`,
  }),
  /** `planMissing`: how many of the pending forms name a plan that is not there (no score: HR links them to a plan of the body first). */
  'forms-not-final': message<{ pending: number; total: number; planMissing?: number }>({
    it: (p) =>
      `${p.pending === 1 ? `1 scheda su ${p.total} di questa categoria non è ancora definitiva` : `${p.pending} schede su ${p.total} di questa categoria non sono ancora definitive`}: il fondo si distribuisce quando lo sono tutte${
        (p.planMissing ?? 0) === 0
          ? ''
          : `; ${p.planMissing === 1 ? "1 di esse prende i risultati organizzativi da un piano che non c'è più" : `${p.planMissing} di esse prendono i risultati organizzativi da un piano che non c'è più`} e non ha punteggio: l'ufficio personale deve prima collegarla a un piano dell'ente`
      }`,
    en: (p) =>
      `${p.pending} of ${p.total} forms of this category ${p.pending === 1 ? 'is' : 'are'} not final yet: the fund is distributed once they all are${
        (p.planMissing ?? 0) === 0
          ? ''
          : `; ${p.planMissing} of them ${p.planMissing === 1 ? 'takes its' : 'take their'} organisational results from a plan that is no longer there and has no score: HR must first link ${p.planMissing === 1 ? 'it' : 'them'} to a plan of the body`
      }`,
  }),
  // `date`: the moment of the first acknowledgement, said as the body's day (Europe/Rome), not UTC's.
  'already-acknowledged': message<{ date: string }>({
    it: (p) => `hai già preso visione degli obiettivi il ${momentDayText(p.date)}: la presa visione resta quella`,
    en: (p) => `you already acknowledged the objectives on ${momentDayText(p.date)}: that acknowledgement stands`,
  }),
  'note-required': message({ it: 'scrivere le note del colloquio', en: 'write the notes of the interview' }),
  'reason-required': message({ it: 'indicare il motivo', en: 'say why' }),
  /** A form whose plan stands linked to another plan without a reason (PATCH with `planId`): the reason goes on its trail. */
  'plan-change-reason-required': message({
    it: 'indicare il motivo del cambio di piano: resta nel registro della scheda',
    en: 'say why the plan changes: the reason stays on the form’s trail',
  }),
  'outcome-required': message({ it: "la conciliazione richiede l'esito (confermata o rivista) e una nota", en: 'the conciliation needs its outcome (confirmed or revised) and a note' }),
  'conciliation-confirmed-changed': message<{ evaluated: string | null; revised: string | null }>({
    it: (p) =>
      `la valutazione non è confermata: con i giudizi e i consuntivi cambiati in conciliazione il punteggio è ${score(p.revised, 'it')}, non ${score(p.evaluated, 'it')} come alla valutazione; scegliere «Valutazione rivista» o riportarli a come erano`,
    en: (p) =>
      `the appraisal is not confirmed: with the ratings and actuals changed in the conciliation the score is ${score(p.revised, 'en')}, not ${score(p.evaluated, 'en')} as at the evaluation; choose “Appraisal revised” or set them back`,
  }),
});

/**
 * The shared codes (`not-found`, `conflict`, `invalid-transition`, `forms-not-final`) said for an
 * appraisal form or an SMVP: the refusal keeps its code and status, `params.appraisal` names which
 * words (api.ts `orAppraisal`).
 */
export const APPRAISAL_REFUSALS = defineMessages({
  'smvp-not-found': message<{ organisation: string; year: number; version?: number }>({
    it: (p) => `non c'è un SMVP di ${p.organisation} per il ${p.year}${p.version === undefined ? '' : ` nella versione ${p.version}`}`,
    en: (p) => `there is no SMVP for ${p.organisation} ${p.year}${p.version === undefined ? '' : ` version ${p.version}`}`,
  }),
  'form-not-found': message<{ id: string }>({ it: (p) => `non esiste una scheda di valutazione con l'id ${p.id}`, en: (p) => `there is no appraisal form with the id ${p.id}` }),
  'form-changed': message<{ version?: number; sent?: number }>({
    it: (p) => `la scheda è stata modificata nel frattempo${p.version === undefined ? '' : ` (versione ${p.version}, inviata ${p.sent})`}: ricaricarla`,
    en: (p) => `the form was changed meanwhile${p.version === undefined ? '' : ` (version ${p.version}, not ${p.sent})`}: reload it`,
  }),
  'smvp-changed': message<{ version?: number; sent?: number; by?: string | null }>({
    it: (p) =>
      `l'SMVP è stato salvato ${p.by ? `da ${p.by}` : 'da altri'} nel frattempo${p.version === undefined ? '' : ` (versione ${p.version}, modificata a partire dalla ${p.sent})`}: ricaricarlo e riportare le modifiche`,
    en: (p) =>
      `the SMVP was saved by ${p.by ? p.by : 'someone else'} meanwhile${p.version === undefined ? '' : ` (version ${p.version}, edited from ${p.sent})`}: reload it and make the changes again`,
  }),
  /** An SMVP saved under a body's name after a correction took the body's SMVP of that year to another (store/appraisals.ts saveSmvp). */
  'smvp-body-corrected': message<{ from: string; to: string; year: number }>({
    it: (p) => `l'ente «${p.from}» è stato corretto in «${p.to}» per il ${p.year}, e il suo SMVP con lui: salvarlo come SMVP di «${p.to}»`,
    en: (p) => `the body “${p.from}” was corrected to “${p.to}” for ${p.year}, and its SMVP with it: save it as the SMVP of “${p.to}”`,
  }),
  /**
   * A form made (`made`) or changed under a body's name after a correction took the body's forms of
   * that year to another (store/appraisals.ts createForm, updateForm).
   */
  'form-body-corrected': message<{ from: string; to: string; year: number; made: boolean }>({
    it: (p) =>
      `l'ente «${p.from}» è stato corretto in «${p.to}» per il ${p.year}, e ${p.made ? `le sue schede di valutazione con lui: creare la scheda per «${p.to}»` : 'la scheda con lui: ricaricarla e riportare le modifiche'}`,
    en: (p) =>
      `the body “${p.from}” was corrected to “${p.to}” for ${p.year}, and ${p.made ? `its appraisal forms with it: create the form for “${p.to}”` : 'the form with it: reload it and make the changes again'}`,
  }),
  /** A form evaluated (or past it) named with another plan (PATCH with `planId`): it keeps the figures it froze and the plan they came from. */
  'form-plan-evaluated': message<{ state: FormState }>({
    it: (p) =>
      `la scheda è già valutata (${STATE_LABEL[p.state].it.toLowerCase()}): conserva i risultati organizzativi fissati alla valutazione e il piano da cui vengono, e non si collega a un altro piano`,
    en: (p) =>
      `the form is already evaluated (${STATE_LABEL[p.state].en.toLowerCase()}): it keeps the organisational results frozen at the evaluation and the plan they came from, and is not linked to another plan`,
  }),
  /** The plan a form was to read its organisational results from was deleted between the request's check and the store's write (store/appraisals.ts createForm, updateForm). */
  'form-plan-gone': message<{ planId: string }>({
    it: 'il piano scelto per la scheda è stato eliminato nel frattempo: sceglierne un altro',
    en: 'the plan chosen for the form was deleted meanwhile: choose another',
  }),
  /**
   * A form not yet evaluated read while it names a plan that is not there (rows written past the
   * store; server/appraisal/forms.ts computeRecord): said on a read of the form, and on its row of
   * the list, with who can mend it.
   */
  'form-plan-missing': message<{ planId: string; organisation: string; year: number }>({
    it: (p) =>
      `il piano da cui la scheda prende i risultati organizzativi non c'è più (è stato eliminato; id ${p.planId}): il punteggio non si può calcolare finché l'ufficio personale non collega la scheda a un piano di «${p.organisation}» del ${p.year}`,
    en: (p) =>
      `the plan the form takes its organisational results from is no longer there (it was deleted; id ${p.planId}): the score cannot be computed until HR links the form to a plan of “${p.organisation}” of ${p.year}`,
  }),
  /** A distribution run under a body's name after a correction took the body's forms and distributions of that year to another (store/appraisals.ts saveDistribution). */
  'distribution-body-corrected': message<{ from: string; to: string; year: number }>({
    it: (p) => `l'ente «${p.from}» è stato corretto in «${p.to}» per il ${p.year}, e le sue schede e distribuzioni dei premi con lui: distribuire i premi di «${p.to}»`,
    en: (p) => `the body “${p.from}” was corrected to “${p.to}” for ${p.year}, and its forms and bonus distributions with it: distribute the bonuses of “${p.to}”`,
  }),
  /** A plan's body corrected to a body that has its own SMVP, forms or distributions that year (store/appraisals.ts followCorrectedBody). */
  'body-records-taken': message<{ from: string; to: string; year: number }>({
    it: (p) =>
      `«${p.to}» ha già un proprio SMVP, schede di valutazione o distribuzioni dei premi del ${p.year}: quelli di «${p.from}» non possono unirsi ai suoi; correggi l'ente con un altro nome, oppure chiedi prima all'ufficio personale di togliere quelli di «${p.to}»`,
    en: (p) =>
      `“${p.to}” already has its own SMVP, appraisal forms or bonus distributions for ${p.year}: those of “${p.from}” cannot join them; correct the body to another name, or ask HR to remove those of “${p.to}” first`,
  }),
  /**
   * HR's assignment of stranded records (store/appraisals.ts assignStrandedBody) found them gone: assigned
   * meanwhile (by whom is not said: it may be the reader's own other window), or the name a plan's again.
   */
  'stranded-gone': message<{ organisation: string; year: number; carried: boolean }>({
    it: (p) =>
      p.carried
        ? `un piano del ${p.year} porta di nuovo l'ente «${p.organisation}»: le sue registrazioni sono di nuovo sue, non c'è più niente da attribuire; ricaricare l'elenco`
        : `le registrazioni del ${p.year} rimaste sotto «${p.organisation}» sono state attribuite nel frattempo, dopo che hai letto l'elenco: non c'è più niente da attribuire; ricaricare l'elenco`,
    en: (p) =>
      p.carried
        ? `a plan of ${p.year} carries the body “${p.organisation}” again: its records are its own again, nothing is left to assign; reload the list`
        : `the ${p.year} records left under “${p.organisation}” were assigned meanwhile, after you read the list: nothing is left to assign; reload the list`,
  }),
  /** The body HR chose for stranded records is no plan's of that year any more (its plan corrected or deleted meanwhile). */
  'stranded-target-gone': message<{ to: string; year: number }>({
    it: (p) => `nessun piano del ${p.year} porta più l'ente «${p.to}» (il suo piano è stato corretto o eliminato nel frattempo): scegliere un altro ente`,
    en: (p) => `no plan of ${p.year} carries the body “${p.to}” any more (its plan was corrected or deleted meanwhile): choose another body`,
  }),
  /** The body HR chose for stranded records has its own that year: two SMVPs of one year cannot be one. */
  'stranded-target-taken': message<{ from: string; to: string; year: number }>({
    it: (p) => `«${p.to}» ha già un proprio SMVP, schede di valutazione o distribuzioni dei premi del ${p.year}: quelli di «${p.from}» non possono unirsi ai suoi; scegliere un altro ente`,
    en: (p) => `“${p.to}” already has its own SMVP, appraisal forms or bonus distributions for ${p.year}: those of “${p.from}” cannot join them; choose another body`,
  }),
  'form-duplicate': message<{ year: number }>({
    it: (p) => `la persona ha già una scheda di valutazione per il ${p.year}`,
    en: (p) => `the person already has an appraisal form for ${p.year}`,
  }),
  'form-step': message<{ state: string; action: string; allowed: readonly string[] }>({
    it: (p) =>
      `il passo «${STEP_WORDS.it[p.action as FormAction] ?? p.action}» non si può fare su una scheda nello stato «${STATE_LABEL[p.state as FormState]?.it ?? p.state}» (si fa da: ${p.allowed.map((s) => `«${STATE_LABEL[s as FormState]?.it ?? s}»`).join(', ')})`,
    en: (p) =>
      `the step “${STEP_WORDS.en[p.action as FormAction] ?? p.action}” cannot be taken on a form in the state “${STATE_LABEL[p.state as FormState]?.en ?? p.state}” (it is taken from: ${p.allowed.map((s) => `“${STATE_LABEL[s as FormState]?.en ?? s}”`).join(', ')})`,
  }),
});

/** The parameters of a shared code said for an appraisal: `{appraisal: 'form-not-found', id}`… */
export type AppraisalRefusal = { [K in keyof typeof APPRAISAL_REFUSALS]: { appraisal: K } & ParamsOf<typeof APPRAISAL_REFUSALS, K> }[keyof typeof APPRAISAL_REFUSALS];

/**
 * The form's steps in words, for the refusals: the API's `action` values are codes (`finalise`),
 * said as the screen names the steps it lists (its «Fasi svolte» / "Steps taken").
 */
// Every action has its words in both languages: the type holds one per action.
const STEP_WORDS: Record<'it' | 'en', Readonly<Record<FormAction, string>>> = {
  it: {
    acknowledge: 'presa visione',
    interview: 'colloquio intermedio',
    evaluate: 'valutazione',
    accept: 'accettazione',
    contest: 'contestazione',
    conciliate: 'conciliazione',
    finalise: 'chiusura definitiva',
    reopen: 'riapertura',
  },
  en: {
    acknowledge: 'acknowledgement',
    interview: 'mid-year interview',
    evaluate: 'evaluation',
    accept: 'acceptance',
    contest: 'contest',
    conciliate: 'conciliation',
    finalise: 'final closing',
    reopen: 'reopening',
  },
};
