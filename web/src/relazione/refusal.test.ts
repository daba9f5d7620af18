import { describe, expect, it } from 'vitest';
import i18next from '../i18n.js';
import { ApiError } from '../api/client.js';
import { changedSinceRead, REFUSAL_NAMES, refusalText, refusalWords } from './refusal.js';

/** The server's refusal as the API client throws it: code, the server's own sentence, the catalogue's parameters. */
function refused(status: number, code: string, params: Record<string, unknown>): ApiError {
  const message = 'la frase del server, in minuscolo';
  return new ApiError(status, code, message, { error: { code, message, params } });
}

describe("the Relazione's refusals in the screen's words", () => {
  const it_ = i18next.getFixedT('it');
  const en = i18next.getFixedT('en');

  it('has words in Italian and English for every refusal the server names', () => {
    expect(REFUSAL_NAMES.length).toBeGreaterThan(5);
    for (const name of REFUSAL_NAMES) for (const lang of ['it', 'en'] as const) expect(i18next.exists(`relazione.refusals.${name}`, { lng: lang, fallbackLng: false }), `${lang} ${name}`).toBe(true);
  });

  it('says a refusal by its name with its parameters, never the server sentence', () => {
    const notClosed = refused(409, 'invalid-transition', { relazione: 'period-not-closed', label: '31/12/2024' });
    expect(refusalText(notClosed, it_)).toBe('Prima di trasmettere la Relazione all’OIV chiudere il periodo di fine anno (31/12/2024): i suoi dati devono essere definitivi.');
    expect(refusalText(notClosed, en)).toBe('Close the year-end period (31/12/2024) before sending the report to the OIV: its figures must be final.');
    const frozen = refused(423, 'period-locked', { relazione: 'frozen', state: 'validated_with_reservations' });
    expect(refusalText(frozen, it_)).toBe('La Relazione è validata con riserva: testi e dati non si possono più modificare.');
    const role = refused(403, 'forbidden', { relazione: 'role', role: 'referente', to: 'transmitted', roles: ['admin', 'controller'] });
    expect(refusalText(role, it_)).toBe('Il ruolo Referente non può rendere la Relazione «trasmessa all’OIV» (può farlo: Amministratore, Controllo di gestione).');
    expect(refusalText(role, en)).toBe('The role Data owner may not make the report “sent to the OIV” (Administrator, Management control may).');
  });

  it('says which revision stands in the way of a validation', () => {
    const open = refused(409, 'invalid-transition', { relazione: 'revision-open', number: 2 });
    expect(refusalText(open, it_)).toBe(
      'La variazione n. 2 del piano è aperta: la Relazione si valida dopo che il controllo di gestione l’ha approvata o annullata (le sue modifiche sono già nel piano, ma la Relazione riporta solo le variazioni approvate).',
    );
    expect(refusalText(open, en)).toBe(
      'Revision no. 2 of the plan is open: the report is validated once management control has approved or discarded it (its changes are already in the plan, but the report lists only approved revisions).',
    );
  });

  it('says that the plan changed while the validation was being prepared, the Relazione read again', () => {
    const changed = refused(409, 'conflict', { relazione: 'plan-changed-since' });
    expect(refusalText(changed, it_)).toBe(
      'Il piano è stato modificato mentre si preparava la validazione (ad esempio il periodo di fine anno riaperto, corretto e richiuso): la Relazione da validare non lo riportava così. La Relazione è stata ricaricata: rileggerla e validare di nuovo.',
    );
    expect(refusalText(changed, en)).toBe(
      'The plan was changed while the validation was being prepared (for example the year-end period reopened, corrected and closed again): the report to validate did not show it so. The report has been reloaded: read it again and validate again.',
    );
    const revision = refused(409, 'conflict', { relazione: 'revision-approved-since', number: 2 });
    expect(refusalText(revision, it_)).toBe(
      'La variazione n. 2 del piano è stata approvata (o corretta) mentre si preparava la validazione: la Relazione da validare non la riportava così. La Relazione è stata ricaricata: rileggerla e validare di nuovo.',
    );
    expect(refusalText(revision, en)).toBe(
      'Revision no. 2 of the plan was approved (or corrected) while the validation was being prepared: the report to validate did not show it so. The report has been reloaded: read it again and validate again.',
    );
  });

  it('says that the figures changed after the page showed them, and that it shows them now', () => {
    const shown = refused(409, 'conflict', { relazione: 'changed-since-shown' });
    expect(refusalText(shown, it_)).toBe('I dati dell’anno sono cambiati dopo che questa pagina è stata mostrata; ora la pagina li mostra: rileggerli e validare di nuovo.');
    expect(refusalText(shown, en)).toBe('The year’s figures changed after this page was shown; the page now shows them: read them and validate again.');
    expect(changedSinceRead(shown)).toBe(true);
  });

  it('says what changed while the validation was being prepared, and reads the Relazione again for each', () => {
    const units = refused(409, 'conflict', { relazione: 'units-changed-since' });
    expect(refusalText(units, it_)).toBe(
      'Le strutture responsabili degli obiettivi sono state rinominate o cambiate mentre si preparava la validazione (il periodo di fine anno richiuso con i nuovi nomi): la Relazione da validare non le riportava così. La Relazione è stata ricaricata: rileggerla e validare di nuovo.',
    );
    expect(refusalText(units, en)).toBe(
      'The objectives’ organisation units were renamed or changed while the validation was being prepared (the year-end period closed again with the new names): the report to validate did not show them so. The report has been reloaded: read it again and validate again.',
    );
    const previous = refused(409, 'conflict', { relazione: 'previous-year-changed-since' });
    expect(refusalText(previous, it_)).toBe(
      'I dati dell’anno precedente sono cambiati mentre si preparava la validazione (ad esempio la Relazione dell’anno precedente validata o riportata in bozza, o il suo periodo di fine anno corretto): il confronto della Relazione da validare non li riportava così. La Relazione è stata ricaricata: rileggerla e validare di nuovo.',
    );
    expect(refusalText(previous, en)).toBe(
      'The previous year’s figures changed while the validation was being prepared (for example the previous year’s report validated or taken back to draft, or its year-end period corrected): the comparison in the report to validate did not show them so. The report has been reloaded: read it again and validate again.',
    );
    for (const name of ['plan-changed-since', 'variances-changed-since', 'units-changed-since', 'previous-year-changed-since', 'revision-approved-since', 'changed-since-shown'])
      expect(changedSinceRead(refused(409, 'conflict', { relazione: name, number: 2 })), name).toBe(true);
    // A stale version reloads by its own rule; nothing else reads the Relazione again.
    for (const params of [{ relazione: 'stale' }, { relazione: 'revision-open', number: 2 }, {}]) expect(changedSinceRead(refused(409, 'conflict', params))).toBe(false);
    expect(changedSinceRead(new Error('units-changed-since'))).toBe(false);
    // No validation is refused for the decider's name any longer (validated under the name at the commit).
    expect(changedSinceRead(refused(409, 'conflict', { relazione: 'decider-renamed-since' }))).toBe(false);
  });

  it('says a parent its objectives do not give with both values in the screen’s notation', () => {
    const params = { relazione: 'differs-from-children', code: 'A.2', validated: 85, fromChildren: 91.43 };
    expect(refusalWords(params, it_)).toBe(
      'A.2 è validato al 85,00%, ma dai suoi obiettivi, con i valori validati e le regole del piano, risulta 91,43%: validarlo a quel valore, o confermare che la differenza è voluta, motivandola.',
    );
    expect(refusalWords(params, en)).toBe(
      'A.2 is validated at 85.00%, but its objectives, as validated and by the plan’s rules, give 91.43%: validate it at that value, or confirm that the difference is deliberate, with the reason.',
    );
    // Objectives that give no performance at all: no number in its place.
    expect(refusalWords({ ...params, fromChildren: null }, it_)).toBe('A.2 è validato al 85,00%, ma i suoi obiettivi non danno alcuna performance: confermare che il valore è voluto, motivandolo.');
    expect(refusalWords({ code: 'A.2' }, it_)).toBeNull();
  });

  it('says a value above what the plan’s scoring can give, with both values in the screen’s notation', () => {
    const params = { relazione: 'above-ceiling', code: 'B.1', validated: 150, ceiling: 100 };
    expect(refusalWords(params, it_)).toBe('B.1 è validato al 150,00%, ma con le regole di punteggio del piano un obiettivo arriva al massimo al 100,00%: validarlo a un valore fino a quello.');
    expect(refusalWords(params, en)).toBe('B.1 is validated at 150.00%, but by the plan’s scoring rules an objective reaches at most 100.00%: validate it at a value up to that.');
  });

  it("keeps the server's message for what the screen has no words of", () => {
    expect(refusalText(refused(403, 'forbidden', {}), it_)).toBe('Il tuo ruolo non può fare questa operazione sulla Relazione.');
    expect(refusalText(new ApiError(0, 'network', 'Il server non è raggiungibile.', null), it_)).toBe('Il server non è raggiungibile.');
  });
});
