/**
 * `albero site` writes the public pages from plan files, which hold no validation by the OIV: its
 * help says so, and where the validated figures are published from (the server's /trasparenza).
 */
import { describe, expect, it } from 'vitest';
import { albero } from './helpers.js';

const flat = (help: string): string => help.replace(/\s+/g, ' ');

describe('albero site --help', () => {
  it('says the pages state the reported figures, and the server publishes the validated ones, in Italian and English', () => {
    const it = albero(['site', '--help'], { locale: 'it_IT.UTF-8' });
    expect(it.status).toBe(0);
    expect(flat(it.stdout)).toContain(
      "Un file del piano non contiene la validazione dell'OIV: anche dopo la validazione le pagine riportano i valori rendicontati; i valori validati dall'OIV accanto a quelli rendicontati li pubblicano le pagine del server (/trasparenza: piano.html, dati.csv, dati.json), una volta pubblicata la Relazione validata",
    );
    const en = albero(['site', '--help'], { locale: 'en_US.UTF-8' });
    expect(en.status).toBe(0);
    expect(flat(en.stdout)).toContain(
      "A plan file holds no validation by the OIV: after the validation too these pages state the reported figures; the figures the OIV validated, beside the reported ones, are published by the server's pages (/trasparenza: piano.html, dati.csv, dati.json) once the validated Relazione is published",
    );
  });
});
