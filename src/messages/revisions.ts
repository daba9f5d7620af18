/**
 * Adoption, revisions and archiving (store/revisions.ts, server/routes/revisions.ts): the refusals
 * an office meets when a plan is adopted, in Italian and English.
 */
import { defineMessages, listIn, message, type Language } from '../core/messages/index.js';
import { formatItalianDate } from '../core/italian-date.js';
import { STATE_WORDS } from './api.js';

const closedList = (p: { periods: readonly string[]; states: readonly string[] }, l: Language): string =>
  listIn(
    p.periods.map((label, k) => `${label} (${STATE_WORDS[l][p.states[k] ?? ''] ?? p.states[k] ?? ''})`),
    l,
  );

/** A body's records of a year as HR knows them: the SMVP's versions, the forms, the categories distributed. */
const heldRecords = (p: { smvpVersions: number; forms: number; distributions: number }, l: Language): string =>
  listIn(
    [
      p.smvpVersions === 0 ? '' : p.smvpVersions === 1 ? (l === 'it' ? "l'SMVP" : 'the SMVP') : l === 'it' ? `l'SMVP in ${p.smvpVersions} versioni` : `the SMVP in ${p.smvpVersions} versions`,
      p.forms === 0 ? '' : l === 'it' ? `${p.forms} ${p.forms === 1 ? 'scheda' : 'schede'} di valutazione` : `${p.forms} appraisal ${p.forms === 1 ? 'form' : 'forms'}`,
      p.distributions === 0
        ? ''
        : l === 'it'
          ? `${p.distributions === 1 ? 'la distribuzione' : 'le distribuzioni'} dei premi di ${p.distributions} ${p.distributions === 1 ? 'categoria' : 'categorie'} di personale`
          : `the bonus distributions of ${p.distributions} staff ${p.distributions === 1 ? 'category' : 'categories'}`,
    ].filter((x) => x !== ''),
    l,
  );

export const REVISION_MESSAGES = defineMessages({
  /** `body`: the plan's body (ente) was asked corrected, from → to (store/plan-store.ts updatePlan). */
  'revision-required': message<{ body?: { from: string; to: string } }>({
    it: (p) =>
      p.body === undefined
        ? "il piano è adottato: le modifiche a struttura, titoli, pesi, target, regole, formule o responsabili si fanno all'interno di una variazione (aprila indicandone il motivo)"
        : `il piano è adottato: l'ente («${p.body.from}») si corregge in «${p.body.to}» all'interno di una variazione; aprila indicandone il motivo, poi correggi di nuovo l'ente`,
    en: (p) =>
      p.body === undefined
        ? 'the plan is adopted: changes to its structure, titles, weights, targets, rules, formulas or owners are made inside a revision (open one, giving its reason)'
        : `the plan is adopted: its body (“${p.body.from}”) is corrected to “${p.body.to}” inside a revision; open one, giving its reason, then correct the body again`,
  }),
  'revision-open': message<{ number: number }>({
    it: (p) => `la variazione n. ${p.number} è aperta: approvala o annullala prima di aprirne un'altra`,
    en: (p) => `revision no. ${p.number} is open: approve or discard it before opening another`,
  }),
  'not-adopted': message({
    it: 'il piano è in bozza: si modifica liberamente; le variazioni riguardano un piano adottato (adottalo prima)',
    en: 'the plan is a draft: it is changed freely, revisions are for an adopted plan (adopt it first)',
  }),
  /** `deleting`: the plan's deletion was refused (store/plan-store.ts deletePlan). */
  'plan-archived': message<{ deleting?: boolean }>({
    it: (p) =>
      p.deleting === true
        ? "il piano è archiviato: non si può eliminare; ripristinalo prima dall'archivio, poi eliminalo"
        : "il piano è archiviato: si può consultare ma non modificare (ripristinalo prima dall'archivio)",
    en: (p) =>
      p.deleting === true
        ? 'the plan is archived: it cannot be deleted; bring it back from the archive first, then delete it'
        : 'the plan is archived: it can be read but not changed (bring it back from the archive first)',
  }),
  'plan-has-closed-periods': message<{ periods: readonly string[]; states: readonly string[] }>({
    it: (p) => `il piano ha periodi chiusi o validati (${closedList(p, 'it')}): non può essere eliminato; puoi archiviarlo`,
    en: (p) => `the plan has closed or validated periods (${closedList(p, 'en')}): it cannot be deleted; archive it instead`,
  }),
  /**
   * The last plan of a body and year, whose SMVP, appraisal forms or bonus distributions (HR's, keyed
   * by the body's name) would be left without a plan (store/plan-store.ts deletePlan): counts, and the way out.
   */
  'plan-has-appraisals': message<{ organisation: string; year: number; smvpVersions: number; forms: number; distributions: number }>({
    it: (p) =>
      `il piano è l'ultimo del ${p.year} dell'ente «${p.organisation}»: eliminandolo, resterebbero senza un piano i documenti dell'ufficio personale di quell'ente e di quell'anno (${heldRecords(p, 'it')}); correggi invece l'ente del piano con quello a cui appartengono (lo seguono, e il piano si può poi eliminare se quell'ente ha un altro piano del ${p.year}), oppure archivia il piano (resta intero, con l'ente)`,
    en: (p) =>
      `the plan is the last of ${p.year} of the body “${p.organisation}”: deleting it would leave HR's records of that body and year without a plan (${heldRecords(p, 'en')}); correct the plan's body to the one they belong to instead (they follow it, and the plan can then be deleted if that body has another plan of ${p.year}), or archive the plan (it is kept whole, with its body)`,
  }),
  /**
   * A plan appraisal forms were evaluated against (their frozen results name it), or whose forms no
   * plan of its body and year remains to take (store/appraisals.ts formsFollowDeletedPlan).
   */
  'plan-has-forms': message<{ organisation: string; year: number; evaluated: number; unmovable: number }>({
    it: (p) =>
      p.evaluated > 0
        ? `${p.evaluated === 1 ? '1 scheda di valutazione è stata valutata' : `${p.evaluated} schede di valutazione sono state valutate`} sui risultati di questo piano, che restano fissati nella valutazione: ${p.evaluated === 1 ? 'spostarla' : 'spostarle'} su un altro piano ne falserebbe la fonte; il piano non può essere eliminato: archivialo (resta intero)`
        : `${p.unmovable === 1 ? '1 scheda di valutazione prende' : `${p.unmovable} schede di valutazione prendono`} i risultati organizzativi da questo piano, e nessun altro piano del ${p.year} dell'ente «${p.organisation}» può sostituirlo: prima l'ufficio personale deve collegare ${p.unmovable === 1 ? 'quella scheda' : 'quelle schede'} al piano del loro ente, oppure archivia il piano (resta intero)`,
    en: (p) =>
      p.evaluated > 0
        ? `${p.evaluated === 1 ? '1 appraisal form was' : `${p.evaluated} appraisal forms were`} evaluated on this plan's results: the evaluation froze them, and moving ${p.evaluated === 1 ? 'it' : 'them'} to another plan would misstate where ${p.evaluated === 1 ? 'its' : 'their'} figures came from; the plan cannot be deleted: archive it instead (it is kept whole)`
        : `${p.unmovable === 1 ? '1 appraisal form takes its' : `${p.unmovable} appraisal forms take their`} organisational results from this plan, and no other plan of ${p.year} of the body “${p.organisation}” can take its place: HR should first link ${p.unmovable === 1 ? 'that form' : 'those forms'} to a plan of their own body, or archive the plan (it is kept whole)`,
  }),
  'values-to-remove': message<{ values: number; files: number; periods: readonly string[] }>({
    it: (p) =>
      `l'eliminazione toglie ${[p.values > 0 ? `${p.values} ${p.values === 1 ? 'valore' : 'valori'}` : '', p.files > 0 ? `${p.files} ${p.files === 1 ? 'documento di evidenza' : 'documenti di evidenza'}` : ''].filter((x) => x !== '').join(' e ')} dei periodi ancora aperti (${listIn(p.periods, 'it')}): conferma per eliminarli (restano nel registro delle variazioni e nel registro delle modifiche)`,
    en: (p) =>
      `the deletion removes ${[p.values > 0 ? `${p.values} ${p.values === 1 ? 'value' : 'values'}` : '', p.files > 0 ? `${p.files} evidence ${p.files === 1 ? 'file' : 'files'}` : ''].filter((x) => x !== '').join(' and ')} of periods still open (${listIn(p.periods, 'en')}): confirm to delete them (they stay on the revisions register and the audit trail)`,
  }),
  'baseline-not-changed': message<{ indicator: string }>({
    it: (p) =>
      `la baseline dell'indicatore ${p.indicator} non è da aggiornare: è già il consuntivo del piano precedente, oppure è stata inserita a mano (e resta com'è), oppure il piano precedente non ha più un valore`,
    en: (p) =>
      `indicator ${p.indicator}'s baseline has nothing to take over: it is already the previous plan's year-end actual, or it was typed by hand (and stays as it is), or the previous plan no longer has a value`,
  }),
  'revision-reason-required': message({ it: 'una variazione richiede il motivo', en: 'a revision needs its reason' }),
  'invalid-act': message<{ field: 'kind' | 'number' | 'date' }>({
    it: (p) => ({ kind: 'serve il tipo di atto (es. Delibera di Giunta)', number: "serve il numero dell'atto", date: "la data dell'atto si scrive AAAA-MM-GG" })[p.field],
    en: (p) => ({ kind: "the act's kind is needed (e.g. Delibera di Giunta)", number: "the act's number is needed", date: "the act's date is written YYYY-MM-DD" })[p.field],
  }),
  'revision-before-adoption': message<{ what: 'revision' | 'act'; date: string; adopted: string }>({
    it: (p) =>
      `${p.what === 'act' ? "l'atto di approvazione della variazione è del" : 'la data della variazione è il'} ${formatItalianDate(p.date)}, prima dell'adozione del piano (${formatItalianDate(p.adopted)}): una variazione modifica il piano adottato, quindi viene dopo`,
    en: (p) =>
      `${p.what === 'act' ? "the revision's approving act is dated" : "the revision's date is"} ${formatItalianDate(p.date)}, before the plan's adoption (${formatItalianDate(p.adopted)}): a revision changes the adopted plan, so it comes after it`,
  }),
  /** A revision dated before one numbered before it (store/revision-store.ts beforePrevious): `previous` its number. */
  'revision-before-previous': message<{ date: string; previous: number; previousDate: string }>({
    it: (p) =>
      `la data della variazione è il ${formatItalianDate(p.date)}, prima di quella della variazione n. ${p.previous} (${formatItalianDate(p.previousDate)}): una variazione parte dal piano come l'hanno lasciato le precedenti, quindi viene dopo`,
    en: (p) =>
      `the revision's date is ${formatItalianDate(p.date)}, before that of revision no. ${p.previous} (${formatItalianDate(p.previousDate)}): a revision starts from the plan as the earlier ones left it, so it comes after them`,
  }),
  /** An adopting act, a revision or its approving act dated outside the days the plan of `year` can bear (store/revision-store.ts planDays). */
  'date-outside-plan': message<{ what: 'adoption' | 'revision' | 'approval'; date: string; year: number; first?: string; last: string }>({
    it: (p) =>
      p.what === 'adoption'
        ? `l'atto di adozione è del ${formatItalianDate(p.date)}: per il piano ${p.year} una data dal ${formatItalianDate(p.first!)} al ${formatItalianDate(p.last)} (il piano si adotta entro il 31 gennaio del suo anno)`
        : p.what === 'revision'
          ? `la data della variazione è il ${formatItalianDate(p.date)}, dopo l'anno del piano: una variazione modifica il piano ${p.year} durante il suo anno, entro il ${formatItalianDate(p.last)}`
          : `l'atto di approvazione della variazione è del ${formatItalianDate(p.date)}: per il piano ${p.year} entro il ${formatItalianDate(p.last)}, prima della Relazione che la riporta`,
    en: (p) =>
      p.what === 'adoption'
        ? `the adopting act is dated ${formatItalianDate(p.date)}: for the ${p.year} plan a date from ${formatItalianDate(p.first!)} to ${formatItalianDate(p.last)} (a plan is adopted by 31 January of its year)`
        : p.what === 'revision'
          ? `the revision's date is ${formatItalianDate(p.date)}, after the plan's year: a revision changes the ${p.year} plan during its year, by ${formatItalianDate(p.last)}`
          : `the revision's approving act is dated ${formatItalianDate(p.date)}: for the ${p.year} plan by ${formatItalianDate(p.last)}, before the Relazione that discloses it`,
  }),
  'adoption-state': message<{ situation: 'adopted-already' | 'archived-already' | 'not-archived' }>({
    it: (p) => ({ 'adopted-already': 'il piano è già adottato', 'archived-already': 'il piano è già archiviato', 'not-archived': 'il piano non è archiviato' })[p.situation],
    en: (p) => ({ 'adopted-already': 'the plan is adopted already', 'archived-already': 'the plan is archived already', 'not-archived': 'the plan is not archived' })[p.situation],
  }),
  /** `cancelled-out`: its `steps` recorded steps change nothing in the end (a weight 50 → 40, then back to 50). `discarded`: kept on the record, never changed again. */
  'revision-state': message<{ number: number; situation: 'approved' | 'discarded' | 'empty' | 'cancelled-out' | 'has-changes' | 'act-kept'; steps?: number }>({
    it: (p) =>
      ({
        approved: `la variazione n. ${p.number} è approvata: se ne può ancora aggiungere o correggere solo l'atto`,
        discarded: `la variazione n. ${p.number} è annullata: resta agli atti così com'è e non si può più modificare né approvare`,
        empty: `la variazione n. ${p.number} non contiene modifiche: apportale prima, oppure annullala`,
        'cancelled-out': `la variazione n. ${p.number} non cambia nulla: le ${p.steps ?? 0} modifiche registrate si annullano a vicenda (restano nel registro delle modifiche); annullala`,
        'has-changes': `la variazione n. ${p.number} contiene modifiche: si può annullare solo una variazione aperta senza modifiche`,
        'act-kept': `la variazione n. ${p.number} è approvata con il suo atto: l'atto si può correggere, non togliere`,
      })[p.situation],
    en: (p) =>
      ({
        approved: `revision no. ${p.number} is approved: only its act can still be added or corrected`,
        discarded: `revision no. ${p.number} is discarded: it stays on the record as it is and can no longer be changed or approved`,
        empty: `revision no. ${p.number} holds no change: make its changes first, or discard it`,
        'cancelled-out': `revision no. ${p.number} changes nothing: its ${p.steps ?? 0} recorded changes cancel each other out (they stay on the audit trail); discard it`,
        'has-changes': `revision no. ${p.number} holds changes: only an open revision without changes can be discarded`,
        'act-kept': `revision no. ${p.number} is approved with its act: the act can be corrected, not removed`,
      })[p.situation],
  }),
});
