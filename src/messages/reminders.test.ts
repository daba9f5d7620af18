import { describe, expect, it } from 'vitest';
import { renderMessage } from './index.js';
import { MAIL_FAILURE_REASONS } from '../contract/reminder-states.js';

const base = { name: 'Mario', deadline: '15/10/2024', period: '30/09/2024', plan: 'Piano 2024', link: null };

describe('a later reminder of a stage, in both languages', () => {
  it('says what is new since the earlier one, and counts the values listed before without listing them', () => {
    const later = (stage: 'before' | 'after' | 'head', language: 'it' | 'en', count: number, earlier: number) => {
      const p = { ...base, stage, count, unit: stage === 'head' ? 'Ufficio Estero' : null, lines: ['A:1 Pratiche (obiettivo: A Obiettivo)'], since: '16/10/2024', earlier };
      return { subject: renderMessage('reminder-subject', p, language), body: renderMessage('reminder-body', p, language) };
    };
    expect(later('before', 'it', 1, 3).subject).toBe('Albero: 1 valore in più da inserire entro il 15/10/2024 (30/09/2024)');
    expect(later('before', 'en', 2, 3).subject).toBe('Albero: 2 more values to enter by 15/10/2024 (30/09/2024)');
    expect(later('after', 'it', 2, 0).subject).toBe('Albero: scadenza del 15/10/2024 superata, 2 valori in più da inserire (30/09/2024)');
    expect(later('after', 'en', 1, 0).subject).toBe('Albero: the deadline of 15/10/2024 has passed, 1 more value to enter (30/09/2024)');
    expect(later('head', 'it', 1, 1).subject).toBe('Albero: Ufficio Estero, 1 valore in più in ritardo dal 15/10/2024 (30/09/2024)');
    expect(later('head', 'en', 1, 1).subject).toBe('Albero: Ufficio Estero, 1 more value late since 15/10/2024 (30/09/2024)');

    const it1 = later('after', 'it', 1, 3).body;
    expect(it1).toContain(
      "rispetto al promemoria del 16/10/2024, tra gli indicatori a lei assegnati c'è 1 valore in più da inserire per il periodo «30/09/2024» del piano «Piano 2024», la cui scadenza del 15/10/2024 è passata:",
    );
    expect(it1).toContain('\n- A:1 Pratiche (obiettivo: A Obiettivo)\n\nMancano ancora anche 3 valori già segnalati nei promemoria precedenti.\n');
    const en1 = later('head', 'en', 2, 1).body;
    expect(en1).toContain(
      'since the reminder of 16/10/2024, 2 more values of the period “30/09/2024” of the plan “Piano 2024” are late in the unit “Ufficio Estero”, which you head, since the deadline of 15/10/2024:',
    );
    expect(en1).toContain('1 value listed in earlier reminders is still missing too.');
    // Nothing listed before still missing: no such line.
    expect(later('before', 'en', 1, 0).body).not.toContain('earlier reminders');
    expect(later('before', 'it', 1, 0).body).toContain("tra gli indicatori a lei assegnati c'è 1 valore in più da inserire in Albero entro il 15/10/2024");
  });

  it('the first reminder reads as before', () => {
    const first = renderMessage('reminder-subject', { ...base, stage: 'after', count: 2, lines: [] }, 'it');
    expect(first).toBe('Albero: scadenza del 15/10/2024 superata, 2 valori ancora da inserire (30/09/2024)');
  });
});

describe('a delivery failure, said by its code in both languages', () => {
  it('names the server, the reply code and the address refused; the words of before as a technical detail', () => {
    const refused = { reason: 'recipient-refused', host: 'smtp.comune.example.it', port: 587, recipient: 'anna@comune.example.it', responseCode: 550 };
    expect(renderMessage('mail-failure', refused, 'it')).toBe('il server di posta smtp.comune.example.it:587 ha rifiutato il destinatario anna@comune.example.it (codice di risposta 550)');
    expect(renderMessage('mail-failure', refused, 'en')).toBe('the mail server smtp.comune.example.it:587 refused the recipient anna@comune.example.it (reply code 550)');
    expect(renderMessage('mail-failure', { reason: 'technical', detail: 'ESOCKET: connect ECONNREFUSED' }, 'it')).toBe('dettaglio tecnico: ESOCKET: connect ECONNREFUSED');
    expect(renderMessage('mail-failure', { reason: 'technical', detail: 'ESOCKET: connect ECONNREFUSED' }, 'en')).toBe('technical detail: ESOCKET: connect ECONNREFUSED');
  });

  it('has words of its own for every reason, different in each language', () => {
    for (const reason of MAIL_FAILURE_REASONS) {
      const p = { reason, host: 'smtp.example.it', port: 25, responseCode: 535, detail: 'x' };
      const [it, en] = [renderMessage('mail-failure', p, 'it'), renderMessage('mail-failure', p, 'en')];
      expect(it, reason).toMatch(/server di posta|invio|dettaglio/);
      expect(en, reason).not.toBe(it);
      expect(en, reason).not.toMatch(/undefined/);
    }
  });
});
