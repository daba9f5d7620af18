/**
 * The words of the deadline reminders (server/reminders.ts): the subject and the body of each
 * email, in Italian and English. A reminder lists the indicators still
 * missing, one a line, so the person reads what to do without signing in first. A later reminder of
 * the same stage (`since`) lists only the values that became the person's after the earlier one
 * (reassigned to them, sent back «da integrare»), says so, and counts the others without listing them again.
 */
import { defineMessages, message } from '../core/messages/index.js';

interface Reminder {
  readonly stage: 'before' | 'after' | 'head';
  /** The recipient's name. */
  readonly name: string;
  readonly plan: string;
  readonly period: string;
  /** The deadline, dd/mm/yyyy. */
  readonly deadline: string;
  readonly count: number;
  /** For the head's message: the unit. */
  readonly unit?: string | null;
  /** One line per missing indicator, already said (see `reminder-line`). */
  readonly lines: readonly string[];
  /** For a head who is also a referente: their own missing values that no message of the units they head lists, said in the same message (0: none). */
  readonly ownCount?: number;
  readonly ownLines?: readonly string[];
  /** The worklist's address, when the server knows its public address. */
  readonly link?: string | null;
  /** A later reminder of the stage: the day of the earlier one (dd/mm/yyyy); null or absent: the first. */
  readonly since?: string | null;
  /** With `since`: the values still missing that earlier reminders listed (not listed again). */
  readonly earlier?: number;
}

const values = (n: number, it: boolean): string => (it ? (n === 1 ? '1 valore' : `${n} valori`) : n === 1 ? '1 value' : `${n} values`);
/** «1 valore in più», "1 more value": what a later reminder adds. */
const more = (n: number, it: boolean): string => (it ? `${values(n, true)} in più` : `${n} more ${n === 1 ? 'value' : 'values'}`);
const isAre = (n: number): string => (n === 1 ? 'is' : 'are');

/** A later reminder's opening: what has become the person's (or the unit's) since the earlier one. */
function laterIt(p: Reminder): string {
  const there = p.count === 1 ? `c'è ${more(1, true)}` : `ci sono ${more(p.count, true)}`;
  return p.stage === 'before'
    ? `rispetto al promemoria del ${p.since}, tra gli indicatori a lei assegnati ${there} da inserire in Albero entro il ${p.deadline} per il periodo «${p.period}» del piano «${p.plan}»:`
    : p.stage === 'after'
      ? `rispetto al promemoria del ${p.since}, tra gli indicatori a lei assegnati ${there} da inserire per il periodo «${p.period}» del piano «${p.plan}», la cui scadenza del ${p.deadline} è passata:`
      : `rispetto al promemoria del ${p.since}, nella struttura «${p.unit ?? ''}», di cui lei è responsabile, ${there} in ritardo per il periodo «${p.period}» del piano «${p.plan}», scaduto il ${p.deadline}:`;
}
function laterEn(p: Reminder): string {
  return p.stage === 'before'
    ? `since the reminder of ${p.since}, ${more(p.count, false)} of the indicators assigned to you ${isAre(p.count)} due in Albero by ${p.deadline} for the period “${p.period}” of the plan “${p.plan}”:`
    : p.stage === 'after'
      ? `since the reminder of ${p.since}, ${more(p.count, false)} of the indicators assigned to you ${isAre(p.count)} to enter for the period “${p.period}” of the plan “${p.plan}”, whose deadline of ${p.deadline} has passed:`
      : `since the reminder of ${p.since}, ${more(p.count, false)} of the period “${p.period}” of the plan “${p.plan}” ${isAre(p.count)} late in the unit “${p.unit ?? ''}”, which you head, since the deadline of ${p.deadline}:`;
}
/** A later reminder's line on the values listed before and still missing (said as a count, not listed twice). */
const stillIt = (p: Reminder): string[] =>
  !p.since || !p.earlier ? [] : ['', `Mancano ancora anche ${values(p.earlier, true)} già ${p.earlier === 1 ? 'segnalato' : 'segnalati'} nei promemoria precedenti.`];
const stillEn = (p: Reminder): string[] => (!p.since || !p.earlier ? [] : ['', `${values(p.earlier, false)} listed in earlier reminders ${isAre(p.earlier)} still missing too.`]);

export const REMINDER_MESSAGES = defineMessages({
  'reminder-subject': message<Reminder>({
    it: (p) =>
      p.since
        ? p.stage === 'before'
          ? `Albero: ${more(p.count, true)} da inserire entro il ${p.deadline} (${p.period})`
          : p.stage === 'after'
            ? `Albero: scadenza del ${p.deadline} superata, ${more(p.count, true)} da inserire (${p.period})`
            : `Albero: ${p.unit ?? ''}, ${more(p.count, true)} in ritardo dal ${p.deadline} (${p.period})`
        : p.stage === 'before'
          ? `Albero: ${values(p.count, true)} da inserire entro il ${p.deadline} (${p.period})`
          : p.stage === 'after'
            ? `Albero: scadenza del ${p.deadline} superata, ${values(p.count, true)} ancora da inserire (${p.period})`
            : `Albero: ${p.unit ?? ''}, ${values(p.count, true)} in ritardo dal ${p.deadline} (${p.period})`,
    en: (p) =>
      p.since
        ? p.stage === 'before'
          ? `Albero: ${more(p.count, false)} to enter by ${p.deadline} (${p.period})`
          : p.stage === 'after'
            ? `Albero: the deadline of ${p.deadline} has passed, ${more(p.count, false)} to enter (${p.period})`
            : `Albero: ${p.unit ?? ''}, ${more(p.count, false)} late since ${p.deadline} (${p.period})`
        : p.stage === 'before'
          ? `Albero: ${values(p.count, false)} to enter by ${p.deadline} (${p.period})`
          : p.stage === 'after'
            ? `Albero: the deadline of ${p.deadline} has passed, ${values(p.count, false)} still to enter (${p.period})`
            : `Albero: ${p.unit ?? ''}, ${values(p.count, false)} late since ${p.deadline} (${p.period})`,
  }),
  'reminder-body': message<Reminder>({
    it: (p) =>
      [
        `Gentile ${p.name},`,
        '',
        p.since
          ? laterIt(p)
          : p.stage === 'before'
            ? `entro il ${p.deadline} vanno inseriti in Albero i valori del periodo «${p.period}» del piano «${p.plan}». Mancano ancora ${values(p.count, true)} degli indicatori a lei assegnati:`
            : p.stage === 'after'
              ? `la scadenza del ${p.deadline} per i valori del periodo «${p.period}» del piano «${p.plan}» è passata e mancano ancora ${values(p.count, true)} degli indicatori a lei assegnati:`
              : `nella struttura «${p.unit ?? ''}», di cui lei è responsabile, mancano ancora ${values(p.count, true)} del periodo «${p.period}» del piano «${p.plan}», scaduto il ${p.deadline}:`,
        '',
        ...p.lines.map((l) => `- ${l}`),
        ...stillIt(p),
        ...(!p.ownCount ? [] : ['', `Tra gli altri indicatori assegnati a lei come referente mancano ancora ${values(p.ownCount, true)}:`, '', ...(p.ownLines ?? []).map((l) => `- ${l}`)]),
        '',
        p.link === null || p.link === undefined ? 'Li trova in Albero, in «Le mie misurazioni».' : `Li trova in Albero, in «Le mie misurazioni»: ${p.link}`,
        '',
        '-- ',
        'Messaggio automatico di Albero (ciclo della performance): non rispondere a questo indirizzo.',
      ].join('\n'),
    en: (p) =>
      [
        `Dear ${p.name},`,
        '',
        p.since
          ? laterEn(p)
          : p.stage === 'before'
            ? `the values of the period “${p.period}” of the plan “${p.plan}” are due in Albero by ${p.deadline}. ${values(p.count, false)} of the indicators assigned to you ${p.count === 1 ? 'is' : 'are'} still missing:`
            : p.stage === 'after'
              ? `the deadline of ${p.deadline} for the values of the period “${p.period}” of the plan “${p.plan}” has passed and ${values(p.count, false)} of the indicators assigned to you ${p.count === 1 ? 'is' : 'are'} still missing:`
              : `in the unit “${p.unit ?? ''}”, which you head, ${values(p.count, false)} of the period “${p.period}” of the plan “${p.plan}” ${p.count === 1 ? 'is' : 'are'} still missing since the deadline of ${p.deadline}:`,
        '',
        ...p.lines.map((l) => `- ${l}`),
        ...stillEn(p),
        ...(!p.ownCount
          ? []
          : [
              '',
              `Of the other indicators assigned to you as referente, ${values(p.ownCount, false)} ${p.ownCount === 1 ? 'is' : 'are'} still missing:`,
              '',
              ...(p.ownLines ?? []).map((l) => `- ${l}`),
            ]),
        '',
        p.link === null || p.link === undefined ? 'They are in Albero, under “My measurements”.' : `They are in Albero, under “My measurements”: ${p.link}`,
        '',
        '-- ',
        'An automatic message from Albero (performance cycle): do not reply to this address.',
      ].join('\n'),
  }),
  'reminder-line': message<{ indicator: string; name: string; objective: string; returned: boolean; person?: string | null }>({
    it: (p) => `${p.indicator} ${p.name} (obiettivo: ${p.objective})${p.returned ? ' — da integrare' : ''}${p.person ? ` — ${p.person}` : ''}`,
    en: (p) => `${p.indicator} ${p.name} (objective: ${p.objective})${p.returned ? ' — more asked' : ''}${p.person ? ` — ${p.person}` : ''}`,
  }),
  // `cancelled` is said only when some were: a plan or period that stopped taking values is rare.
  'reminders-run': message<{ queued: number; unaddressed: number; sent: number; retrying: number; failed: number; cancelled?: number; transport: 'smtp' | 'log' }>({
    it: (p) =>
      `promemoria: ${p.queued} ${p.queued === 1 ? 'messo' : 'messi'} in coda (${p.unaddressed} ad account senza email, ${p.unaddressed === 1 ? 'non inviato' : 'non inviati'}), ${p.sent} ${p.sent === 1 ? 'inviato' : 'inviati'}${p.transport === 'log' ? ' (nel log: nessun server SMTP configurato)' : ''}, ${p.retrying} da ritentare, ${p.failed} ${p.failed === 1 ? 'rifiutato' : 'rifiutati'} dal server di posta${(p.cancelled ?? 0) > 0 ? `, ${p.cancelled} ${p.cancelled === 1 ? 'annullato' : 'annullati'} (piano archiviato o eliminato, periodo chiuso o eliminato)` : ''}`,
    en: (p) =>
      `reminders: ${p.queued} queued (${p.unaddressed} to accounts without an email, not sent), ${p.sent} sent${p.transport === 'log' ? ' (to the log: no SMTP server configured)' : ''}, ${p.retrying} to retry, ${p.failed} refused by the mail server${(p.cancelled ?? 0) > 0 ? `, ${p.cancelled} cancelled (plan archived or deleted, period closed or deleted)` : ''}`,
  }),
  /** `albero reminders --plan` naming a plan not in force: a draft (not adopted yet) or an archived plan has no reminders. */
  'reminders-plan-not-in-force': message<{ plan: string; why: 'draft' | 'archived' }>({
    it: (p) => (p.why === 'draft' ? `il piano «${p.plan}» non è ancora adottato: nessun promemoria` : `il piano «${p.plan}» è archiviato: nessun promemoria`),
    en: (p) => (p.why === 'draft' ? `the plan “${p.plan}” is not adopted yet: no reminders` : `the plan “${p.plan}” is archived: no reminders`),
  }),
  /** A setting of the environment out of its range (ALBERO_REMINDER_*, ALBERO_SMTP_PORT). */
  'setting-out-of-range': message<{ name: string; value: string; min: number; max: number; what: 'days' | 'port' }>({
    it: (p) => `${p.name} deve essere ${p.what === 'days' ? 'un numero intero di giorni' : 'un numero di porta'} da ${p.min} a ${p.max}, non «${p.value}»`,
    en: (p) => `${p.name} must be ${p.what === 'days' ? 'a whole number of days' : 'a port number'} from ${p.min} to ${p.max}, not “${p.value}”`,
  }),
});
