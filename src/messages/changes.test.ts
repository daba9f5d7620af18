import { describe, expect, it } from 'vitest';
import { renderMessage } from './index.js';
import { changeMessage, changeText, shortName } from './changes.js';

describe('the change log in sentences, old → new', () => {
  const measured = {
    action: 'measure',
    entity: 'measurement',
    entityId: 'A.2.1:2@2024-12-31',
    before: { state: 'not_measured', actual: null, inputs: null, reason: null, evidence: null, source: null, notes: null, enteredBy: 'controller', enteredAt: '2024-12-01T10:00:00Z', version: 1 },
    after: {
      state: 'measured',
      actual: { kind: 'number', value: '55.5' },
      inputs: null,
      reason: null,
      evidence: 'Verbale n. 12',
      source: null,
      notes: null,
      enteredBy: 'referente',
      enteredAt: '2025-01-10T10:00:00Z',
      version: 2,
    },
  };

  it('says a value entered with its old and new state and actual, in Italian and English, leaving bookkeeping out', () => {
    expect(changeText(measured, 'it')).toBe('Valore di A.2.1:2 al 31/12/2024 (inserimento): stato non misurato → misurato; consuntivo — → 55,5; evidenza — → Verbale n. 12');
    expect(changeText(measured, 'en')).toBe('Value of A.2.1:2 at 31/12/2024 (entry): state not measured → measured; actual — → 55.5; evidence — → Verbale n. 12');
  });

  it("says a value and its review by the indicator's name at the entry, when the trail brings it", () => {
    const named = { ...measured, name: 'Capacità di risposta dello sportello internazionalizzazione' };
    expect(changeText(named, 'it')).toBe(
      'Valore di «Capacità di risposta dello sportello internazionalizzazione» (A.2.1) al 31/12/2024 (inserimento): stato non misurato → misurato; consuntivo — → 55,5; evidenza — → Verbale n. 12',
    );
    expect(changeText(named, 'en')).toMatch(/^Value of «Capacità di risposta dello sportello internazionalizzazione» \(A\.2\.1\) at 31\/12\/2024 \(entry\): /);
    const review = { action: 'return', entity: 'review', entityId: 'A.2.1:1@2024-09-30', before: { review: null, version: 2 }, after: { review: 'return', version: 2 }, name: 'Pratiche evase' };
    expect(changeText(review, 'it')).toBe('Esame del valore di «Pratiche evase» (A.2.1) al 30/09/2024 (richiesta di integrazione): esito — → da integrare');
    expect(changeText(review, 'en')).toBe('Review of the value of «Pratiche evase» (A.2.1) at 30/09/2024 (request for more): outcome — → more requested');
    expect(changeMessage(review).params).toMatchObject({ name: 'Pratiche evase', code: 'A.2.1' });
  });

  it('names the values a deletion took by their indicators, unless the change came without names (as a validated Relazione kept it)', () => {
    const value = (indicator: string, period: string, actual: string) => ({
      period,
      indicator,
      value: { state: 'measured', actual: { kind: 'number', value: actual }, enteredBy: 'referente' },
      files: [],
    });
    const deleted = {
      action: 'delete',
      entity: 'node',
      entityId: 'A.3',
      before: {
        title: 'Promozione',
        indicators: [{ id: 'A.3:1', name: 'Soggetti coinvolti', unit: 'number' }],
        removedValues: [value('A.3:1', '2024-09-30', '120')],
      },
      after: null,
    };
    expect(changeText(deleted, 'it')).toBe('Obiettivo A.3 eliminato («Promozione»); valori tolti dai periodi aperti: A.3:1 al 30/09/2024 120 (inserito da referente)');
    expect(changeText({ ...deleted, name: 'Promozione' }, 'it')).toBe(
      'Obiettivo A.3 eliminato («Promozione»); valori tolti dai periodi aperti: «Soggetti coinvolti» (A.3) al 30/09/2024 120 (inserito da referente)',
    );
    expect(changeText({ ...deleted, name: 'Promozione' }, 'en')).toBe(
      'Objective A.3 deleted («Promozione»); values removed from the open periods: «Soggetti coinvolti» (A.3) at 30/09/2024 120 (entered by referente)',
    );
  });

  it('is a code with params a client renders in its own language: the same words through the whole catalogue', () => {
    const { code, params } = changeMessage(measured);
    expect(params).toEqual({
      action: 'measure',
      entity: 'measurement',
      id: 'A.2.1:2@2024-12-31',
      fields: ['state', 'actual', 'evidence'],
      before: ['not_measured', '', ''],
      after: ['measured', '55.5', 'Verbale n. 12'],
    });
    // Params are plain JSON: what crosses the wire renders the same sentence.
    const wire = JSON.parse(JSON.stringify(params));
    expect(renderMessage(code, wire, 'it')).toBe(changeText(measured, 'it'));
    expect(renderMessage(code, wire, 'en')).toBe(changeText(measured, 'en'));
  });

  it("names an indicator by its name at the change and its objective's code, in Italian and English; by its id when no name was read with it", () => {
    const target = {
      action: 'update',
      entity: 'indicator',
      entityId: 'A.1.1:1',
      node: 'A.1.1',
      before: { target: { kind: 'number', value: '200' } },
      after: { target: { kind: 'number', value: '150' } },
    };
    const named = { ...target, name: 'Iniziative di valorizzazione' };
    expect(changeText(named, 'it')).toBe('Indicatore «Iniziative di valorizzazione» (A.1.1): target 200 → 150');
    expect(changeText(named, 'en')).toBe('Indicator «Iniziative di valorizzazione» (A.1.1): target 200 → 150');
    // A register kept without names (a validated Relazione's) reads as it was validated.
    expect(changeText(target, 'it')).toBe('Indicatore A.1.1:1: target 200 → 150');
    // The objective from the id when the change kept none; the name not said twice beside an addition.
    const added = { action: 'create', entity: 'indicator', entityId: 'B.2:3', before: null, after: { name: 'Pratiche evase', weight: '10' }, name: 'Pratiche evase' };
    expect(changeText(added, 'it')).toBe('Indicatore «Pratiche evase» (B.2) aggiunto');
    expect(changeText(added, 'en')).toBe('Indicator «Pratiche evase» (B.2) added');
    // An objective's change by its code, and by its title when the change brings it (the audit trail's: store/audit-names.ts).
    expect(changeText({ ...target, entity: 'node', entityId: 'A.1', node: 'A.1' }, 'it')).toBe('Obiettivo A.1: target 200 → 150');
    expect(changeText({ ...target, entity: 'node', entityId: 'A.1', node: 'A.1', name: 'Turismo e cultura' }, 'it')).toBe('Obiettivo A.1 «Turismo e cultura»: target 200 → 150');
    expect(changeText({ ...target, entity: 'node', entityId: 'A.1', name: 'Turismo e cultura' }, 'en')).toBe('Objective A.1 «Turismo e cultura»: target 200 → 150');
    // A deleted objective's title stays beside the deletion, as the register says it.
    expect(changeText({ action: 'delete', entity: 'node', entityId: 'A.1', before: { title: 'Turismo e cultura' }, after: null, name: 'Turismo e cultura' }, 'it')).toBe(
      'Obiettivo A.1 eliminato («Turismo e cultura»)',
    );
  });

  it('cuts a long name after its last whole word within 60 characters, with an ellipsis', () => {
    expect(shortName('Capacità di risposta dello sportello')).toBe('Capacità di risposta dello sportello');
    expect(shortName("Iniziative di valorizzazione/promozione dell'offerta turistica e/o culturale del territorio")).toBe("Iniziative di valorizzazione/promozione dell'offerta…");
    expect(shortName('x'.repeat(80))).toBe(`${'x'.repeat(60)}…`);
    expect(shortName(`${'a'.repeat(50)}, bbbbbbbbbbbbbbbbbbbb`)).toBe(`${'a'.repeat(50)}…`);
  });

  it('says an update by its changed fields, creations and deletions with their label (the participle agreeing in Italian)', () => {
    const target = {
      action: 'update',
      entity: 'indicator',
      entityId: 'A.1.1:1',
      before: { weight: '70', target: { kind: 'number', value: '1' } },
      after: { weight: '40.5', target: { kind: 'number', value: '99' } },
    };
    // A record without its indicator's unit (made before units were kept): the target by its value; a weight is a percentage in any unit.
    expect(changeText(target, 'it')).toBe('Indicatore A.1.1:1: peso 70% → 40,5%; target 1 → 99');
    expect(changeText(target, 'en')).toBe('Indicator A.1.1:1: weight 70% → 40.5%; target 1 → 99');
    expect(changeText({ action: 'delete', entity: 'node', entityId: 'A.3', before: { code: 'A.3', title: 'Aggregazioni' }, after: null }, 'it')).toBe('Obiettivo A.3 eliminato («Aggregazioni»)');
    expect(changeText({ action: 'create', entity: 'unit', entityId: 'u1', before: null, after: { code: 'UI', name: 'Ufficio Internazionale' } }, 'it')).toBe(
      'Struttura u1 aggiunta («Ufficio Internazionale»)',
    );
    expect(changeText({ action: 'create', entity: 'unit', entityId: 'u1', before: null, after: { name: 'Ufficio Internazionale' } }, 'en')).toBe('Unit u1 added («Ufficio Internazionale»)');
    expect(changeText({ action: 'transition', entity: 'period', entityId: '2024-06-30', before: { state: 'open' }, after: { state: 'collecting' } }, 'it')).toBe(
      'Periodo 30/06/2024 (cambio di stato): stato aperto → in raccolta',
    );
    expect(changeText({ action: 'archive', entity: 'plan', entityId: 'p1', before: { archived: false }, after: { archived: true } }, 'en')).toBe('Plan (archiving): archived no → yes');
    // A yes/no target reads as words; a title that says "true" stays as typed.
    expect(
      changeText({ action: 'update', entity: 'indicator', entityId: 'B.1:1', before: { target: { kind: 'boolean', value: false } }, after: { target: { kind: 'boolean', value: true } } }, 'it'),
    ).toBe('Indicatore B.1:1: target no → sì');
    expect(changeText({ action: 'update', entity: 'node', entityId: 'B.1', before: { title: 'false' }, after: { title: 'true' } }, 'it')).toBe('Obiettivo B.1: titolo false → true');
    // Only bookkeeping changed: said as a change, without a list.
    expect(changeText({ action: 'update', entity: 'node', entityId: 'B.1', before: { version: 1 }, after: { version: 2 } }, 'it')).toBe('Obiettivo B.1 modificato');
  });

  it("says a change inside a rule, a formula or an act, not only of its kind: the act's number and date in words", () => {
    const floor = (value: string) => ({ scoring: { kind: 'threshold', floor: { kind: 'number', value } } });
    expect(changeText({ action: 'update', entity: 'indicator', entityId: 'A.2:1', before: floor('50'), after: floor('60') }, 'it')).toBe(
      'Indicatore A.2:1: regola di punteggio a soglia da 50 → a soglia da 60',
    );
    const act = (number: string, date: string) => ({ status: 'approved', act: { kind: 'Delibera di Giunta', number, date } });
    const corrected = { action: 'update', entity: 'revision', entityId: '1', before: act('40', '2024-05-02'), after: act('41', '2024-05-03') };
    expect(changeText(corrected, 'it')).toBe('Variazione 1: atto Delibera di Giunta n. 40 del 02/05/2024 → Delibera di Giunta n. 41 del 03/05/2024');
    expect(changeText(corrected, 'en')).toBe('Revision 1: act Delibera di Giunta no. 40 of 02/05/2024 → Delibera di Giunta no. 41 of 03/05/2024');
    expect(changeText({ action: 'adopt', entity: 'plan', entityId: 'p1', before: { status: 'draft', act: null }, after: { ...act('12', '2024-01-30'), status: 'adopted' } }, 'it')).toBe(
      'Piano (adozione): stato bozza → adottato; atto — → Delibera di Giunta n. 12 del 30/01/2024',
    );
  });

  it('has Italian words for every action, field and state the store records', () => {
    const approved = { action: 'approve', entity: 'revision', entityId: '1', before: { status: 'open' }, after: { status: 'approved', act: null, changes: 1 } };
    expect(changeText(approved, 'it')).toBe('Variazione 1 (approvazione): stato aperta → approvata; modifiche — → 1');
    const sent = { action: 'validate', entity: 'relazione', entityId: 'p1', before: { state: 'transmitted' }, after: { state: 'not_validated' } };
    expect(changeText(sent, 'it')).toBe("Relazione (validazione): stato trasmessa all'OIV → non validata");
    expect(changeText({ ...sent, after: { state: 'validated' } }, 'it')).toBe("Relazione (validazione): stato trasmessa all'OIV → validata dall'OIV");
    expect(changeText({ ...sent, after: { state: 'validated_with_reservations' } }, 'en')).toBe('Relazione (validation): state sent to the OIV → validated with reservations');
    const written = { action: 'update', entity: 'relazione', entityId: 'p1', before: { texts: {} }, after: { texts: { sintesi: 'Anno positivo.' } } };
    expect(changeText(written, 'it')).toBe('Relazione: testi — → sintesi: Anno positivo.');
    const moved = { action: 'update', entity: 'indicator', entityId: 'A.1:1', before: { node: 'A.1' }, after: { node: 'A.2' } };
    expect(changeText(moved, 'it')).toBe('Indicatore A.1:1: obiettivo A.1 → A.2');
    const file = { action: 'attach', entity: 'attachment', entityId: 'f1', before: null, after: { period: '2024-09-30', name: 'verbale.pdf', mediaType: 'application/pdf', size: 45, sha256: 'ab12' } };
    expect(changeText(file, 'it')).toBe(
      'Allegato f1 (allegato aggiunto): periodo — → 30/09/2024; nome — → verbale.pdf; tipo di file — → application/pdf; dimensione in byte — → 45; impronta SHA-256 — → ab12',
    );
    // On the audit trail, by the indicator it is about, named as it was then (its own id names nothing to a reader).
    const sportello = { name: 'Capacità di risposta', node: 'A.2.1' };
    expect(changeText({ ...file, ...sportello }, 'it')).toMatch(/^Documento di evidenza di «Capacità di risposta» \(A\.2\.1\) \(allegato aggiunto\): periodo/);
    expect(changeText({ ...file, ...sportello }, 'en')).toMatch(/^Evidence file of «Capacità di risposta» \(A\.2\.1\) \(file attached\): period/);
    const comment = { action: 'comment', entity: 'comment', entityId: 'c7', before: null, after: { period: '2024-09-30', body: 'Dato verificato' }, ...sportello };
    expect(changeText(comment, 'it')).toBe('Commento su «Capacità di risposta» (A.2.1) (commento): periodo — → 30/09/2024; testo — → Dato verificato');
    expect(changeText(comment, 'en')).toBe('Comment on «Capacità di risposta» (A.2.1) (comment): period — → 30/09/2024; text — → Dato verificato');
    const forecast = { action: 'update', entity: 'forecast', entityId: 'A.2.1:2@2024-09-30', before: null, after: { note: 'In linea' }, name: 'Capacità di risposta' };
    expect(changeText(forecast, 'it')).toBe('Previsione di «Capacità di risposta» (A.2.1) al 30/09/2024: nota — → In linea');
    expect(changeText(forecast, 'en')).toBe('Forecast of «Capacità di risposta» (A.2.1) at 30/09/2024: note — → In linea');
    const variance = { action: 'update', entity: 'variance', entityId: 'A.2.1@2024-09-30', before: null, after: { note: 'Bando rinviato' }, name: 'Export delle PMI' };
    expect(changeText(variance, 'it')).toBe('Scostamento di A.2.1 «Export delle PMI» al 30/09/2024: nota — → Bando rinviato');
    expect(changeText(variance, 'en')).toBe('Variance of A.2.1 «Export delle PMI» at 30/09/2024: note — → Bando rinviato');
    // Their choices in words, not codes.
    const reachable = { ...forecast, after: { reachable: 'at_risk' } };
    expect(changeText(reachable, 'it')).toBe('Previsione di «Capacità di risposta» (A.2.1) al 30/09/2024: target raggiungibile entro fine anno — → a rischio');
    expect(changeText(reachable, 'en')).toBe('Forecast of «Capacità di risposta» (A.2.1) at 30/09/2024: target reachable by year end — → at risk');
    const cause = { ...variance, before: { cause: 'external' }, after: { cause: 'internal', correctiveAction: 'Più personale' } };
    expect(changeText(cause, 'it')).toBe('Scostamento di A.2.1 «Export delle PMI» al 30/09/2024: causa esterna → interna; azione correttiva — → Più personale');
    expect(changeText(cause, 'en')).toBe('Variance of A.2.1 «Export delle PMI» at 30/09/2024: cause external → internal; corrective action — → Più personale');
    expect(changeText({ action: 'update', entity: 'period', entityId: '2024-09-30', before: { deadline: null }, after: { deadline: '2024-10-15' } }, 'it')).toBe(
      'Periodo 30/09/2024: scadenza — → 15/10/2024',
    );
    expect(changeText({ action: 'import', entity: 'plan', entityId: 'p1', before: null, after: { year: 2024 } }, 'it')).toBe('Piano (importazione): anno — → 2024');
    const returned = { action: 'return', entity: 'review', entityId: 'A.2.1:1@2024-09-30', before: { review: null, version: 2 }, after: { review: 'return', version: 2 } };
    expect(changeText(returned, 'it')).toBe('Esame del valore di A.2.1:1 al 30/09/2024 (richiesta di integrazione): esito — → da integrare');
    expect(changeText({ ...returned, action: 'answer', after: { review: 'answer', version: 3 } }, 'en')).toBe(
      'Review of the value of A.2.1:1 at 30/09/2024 (answer to the request): outcome — → completed',
    );
    // A value changed after its approval: the approval is left behind, the value is to be reviewed again.
    const superseded = {
      action: 'supersede',
      entity: 'review',
      entityId: 'A.2.1:1@2024-09-30',
      before: { review: 'approve', version: 3, approvedBy: 'controller', approvedAt: '2024-10-02T09:00:00.000Z' },
      after: { review: 'to_review', version: 4 },
    };
    expect(changeText(superseded, 'it')).toBe(
      'Esame del valore di A.2.1:1 al 30/09/2024 (approvazione superata dalla modifica del valore): esito approvato → da rivedere; approvato da controller → —',
    );
    expect(changeText(superseded, 'en')).toBe(
      'Review of the value of A.2.1:1 at 30/09/2024 (approval superseded by a change of the value): outcome approved → to be reviewed; approved by controller → —',
    );
  });

  it("says an account's role and its emails' language in the reader's words, not by their codes", () => {
    const promoted = { action: 'update', entity: 'user', entityId: 'u7', before: { role: 'referente', language: 'it', active: true }, after: { role: 'controller', language: 'en', active: true } };
    expect(changeText(promoted, 'it')).toBe('Utente u7: ruolo referente → controllo di gestione; lingua italiano → inglese');
    expect(changeText(promoted, 'en')).toBe('User u7: role data owner → management control; language Italian → English');
    const hr = { action: 'update', entity: 'user', entityId: 'u8', before: { role: 'admin' }, after: { role: 'personale' } };
    expect(changeText(hr, 'it')).toBe('Utente u8: ruolo amministratore → ufficio del personale');
    expect(changeText(hr, 'en')).toBe('User u8: role administrator → HR office');
    // A code no catalogue knows (written by an older version) is shown as it was stored.
    expect(changeText({ ...hr, after: { role: 'auditor' } }, 'en')).toBe('User u8: role administrator → auditor');
  });

  it("says a rule, a formula and a unit in the reader's words, as the plan comparison says them, never by their stored keys", () => {
    const rule = (scoring: unknown) => ({ scoring });
    const bands = {
      kind: 'bands',
      mode: 'fixed',
      points: [
        { at: { kind: 'number', value: '50.5' }, score: '60' },
        { at: { kind: 'number', value: '80' }, score: '100' },
      ],
    };
    const toBands = { action: 'update', entity: 'indicator', entityId: 'A.2:1', before: rule(null), after: rule(bands) };
    expect(changeText(toBands, 'it')).toBe('Indicatore A.2:1: regola di punteggio regola del piano → a scaglioni fissi: 50,5 → 60, 80 → 100');
    expect(changeText(toBands, 'en')).toBe("Indicator A.2:1: scoring rule the plan's rule → fixed bands: 50.5 → 60, 80 → 100");
    const onOff = { action: 'update', entity: 'indicator', entityId: 'A.2:1', before: rule({ kind: 'on_off' }), after: rule({ kind: 'threshold', floor: { kind: 'number', value: '60' } }) };
    expect(changeText(onOff, 'it')).toBe('Indicatore A.2:1: regola di punteggio raggiunto/non raggiunto → a soglia da 60');
    expect(changeText(onOff, 'en')).toBe('Indicator A.2:1: scoring rule on/off → threshold from 60');
    // A change that kept its indicator's unit says the floor and the band points in it, as the table prints them.
    expect(changeText({ ...onOff, unit: 'percent' }, 'it')).toBe('Indicatore A.2:1: regola di punteggio raggiunto/non raggiunto → a soglia da 60,00%');
    expect(changeText({ ...onOff, unit: 'percent' }, 'en')).toBe('Indicator A.2:1: scoring rule on/off → threshold from 60.00%');
    const thousands = { ...toBands, unit: 'number', after: rule({ ...bands, points: [{ at: { kind: 'number', value: '1587.1' }, score: '60' }, bands.points[1]] }) };
    expect(changeText(thousands, 'it')).toBe('Indicatore A.2:1: regola di punteggio regola del piano → a scaglioni fissi: 1.587,10 → 60, 80 → 100');
    expect(changeText(thousands, 'en')).toBe("Indicator A.2:1: scoring rule the plan's rule → fixed bands: 1,587.10 → 60, 80 → 100");

    const ratio = (denominator: string) => ({ unit: 'number', formula: { kind: 'ratio', numerator: 'pratiche chiuse', denominator, scale: '100' } });
    const formula = {
      action: 'update',
      entity: 'indicator',
      entityId: 'B.1:1',
      before: ratio('pratiche aperte'),
      after: { unit: 'percent', formula: { kind: 'trend', current: 'spesa 2024', previous: 'spesa 2023' } },
    };
    expect(changeText(formula, 'it')).toBe('Indicatore B.1:1: unità numero → percentuale; formula pratiche chiuse / pratiche aperte × 100 → (spesa 2024 − spesa 2023) / spesa 2023');
    expect(changeText(formula, 'en')).toBe('Indicator B.1:1: unit number → percentage; formula pratiche chiuse / pratiche aperte × 100 → (spesa 2024 − spesa 2023) / spesa 2023');
    const dropped = { action: 'update', entity: 'indicator', entityId: 'B.1:1', before: { formula: { kind: 'children_mean' } }, after: { formula: null } };
    expect(changeText(dropped, 'it')).toBe('Indicatore B.1:1: formula media ponderata degli obiettivi figli → —');
    // The params carry the stored record as neutral JSON: a client renders the same sentence from them.
    const { code, params } = changeMessage(formula);
    expect(params.after).toEqual(['percent', JSON.stringify({ kind: 'trend', current: 'spesa 2024', previous: 'spesa 2023' })]);
    expect(renderMessage(code, JSON.parse(JSON.stringify(params)), 'it')).toBe(changeText(formula, 'it'));
  });

  it("says a revision's amounts in the indicator's unit as the published table prints them, in Italian and English", () => {
    const number = (value: string) => ({ kind: 'number', value });
    const date = (value: string) => ({ kind: 'date', value });
    /** An indicator's update as the register keeps it, with the unit it had. */
    const update = (entityId: string, unit: string, before: Record<string, unknown>, after: Record<string, unknown>) => ({ action: 'update', entity: 'indicator', entityId, unit, before, after });
    const percent = update('A.2.1:1', 'percent', { weight: '50', target: number('60') }, { weight: '40', target: number('55') });
    expect(changeText(percent, 'it')).toBe('Indicatore A.2.1:1: peso 50% → 40%; target 60,00% → 55,00%');
    expect(changeText(percent, 'en')).toBe('Indicator A.2.1:1: weight 50% → 40%; target 60.00% → 55.00%');
    const amounts = update(
      'B.1:2',
      'number',
      { target: number('1587.1'), baseline: number('6.5'), nextTargets: null },
      { target: number('1600'), baseline: number('7'), nextTargets: [null, number('1650.25')] },
    );
    expect(changeText(amounts, 'it')).toBe('Indicatore B.1:2: target 1.587,10 → 1.600; baseline 6,50 → 7; target degli anni successivi — → —, 1.650,25');
    expect(changeText(amounts, 'en')).toBe('Indicator B.1:2: target 1,587.10 → 1,600; baseline 6.50 → 7; targets of the next years — → —, 1,650.25');
    expect(changeText(update('C.1:1', 'date', { target: date('2024-12-31') }, { target: date('2024-10-15') }), 'en')).toBe('Indicator C.1:1: target 31/12/2024 → 15/10/2024');
    // A change of the unit itself: each side's amounts in its own unit.
    const converted = update('B.1:1', 'percent', { unit: 'number', target: number('60') }, { unit: 'percent', target: number('0.6') });
    expect(changeText(converted, 'it')).toBe('Indicatore B.1:1: unità numero → percentuale; target 60 → 0,60%');
    // The unit crosses the wire in the params: a client says the same sentence.
    const { code, params } = changeMessage(percent);
    expect(params).toMatchObject({ beforeUnit: 'percent', afterUnit: 'percent', before: ['50', '60'], after: ['40', '55'] });
    expect(renderMessage(code, JSON.parse(JSON.stringify(params)), 'en')).toBe(changeText(percent, 'en'));
    // An old record (no unit kept) is said as before; so is a null unit.
    expect(changeText({ ...percent, unit: null }, 'it')).toBe('Indicatore A.2.1:1: peso 50% → 40%; target 60 → 55');
  });

  it("says the OIV's checklist by its points' labels and outcomes, and the validated values by objective", () => {
    const points = (outcome: string | null, note = '') => [
      { label: 'Attendibilità dei dati e delle informazioni', outcome, note },
      { label: 'Chiarezza per i cittadini', outcome: 'partly', note: '' },
    ];
    const review = {
      action: 'review',
      entity: 'relazione',
      entityId: 'p1',
      before: { state: 'transmitted', checklist: points(null), values: [], version: 3 },
      after: { state: 'transmitted', checklist: points('yes', 'verbale n. 4'), values: [{ code: 'A.1', validated: '80.5', note: 'dato rettificato' }], version: 4 },
    };
    expect(changeText(review, 'it')).toBe(
      "Relazione (esame dell'OIV): verifiche «Attendibilità dei dati e delle informazioni»: non valutato, «Chiarezza per i cittadini»: in parte → «Attendibilità dei dati e delle informazioni»: sì (verbale n. 4), «Chiarezza per i cittadini»: in parte; valori validati — → A.1 80,5% (dato rettificato)",
    );
    expect(changeText(review, 'en')).toBe(
      "Relazione (the OIV's review): checks «Attendibilità dei dati e delle informazioni»: not assessed, «Chiarezza per i cittadini»: partly → «Attendibilità dei dati e delle informazioni»: yes (verbale n. 4), «Chiarezza per i cittadini»: partly; validated values — → A.1 80.5% (dato rettificato)",
    );
  });
});
