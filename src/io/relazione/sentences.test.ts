import { describe, expect, it } from 'vitest';
import { ofBody, share } from './sentences.js';

describe("the Relazione's Italian", () => {
  it('puts the article Italian wants between "di" and the body\'s name', () => {
    expect(ofBody('Camera di Commercio di Esempio')).toBe('della Camera di Commercio di Esempio');
    expect(ofBody('Camera di commercio (demo)')).toBe('della Camera di commercio (demo)');
    expect(ofBody('Comune di Prova')).toBe('del Comune di Prova');
    expect(ofBody('Università degli Studi di Bari')).toBe("dell'Università degli Studi di Bari");
    expect(ofBody('Azienda sanitaria locale di Lecce')).toBe("dell'Azienda sanitaria locale di Lecce");
    // A name without a noun to go by takes no article; one typed with its own has it joined to "di".
    expect(ofBody('Roma Capitale')).toBe('di Roma Capitale');
    expect(ofBody('la Camera di Commercio di Lecce')).toBe('della Camera di Commercio di Lecce');
    expect(ofBody("l'Agenzia delle Entrate")).toBe("dell'Agenzia delle Entrate");
    expect(ofBody('Il Comune di Prova')).toBe('del Comune di Prova');
  });

  it('writes a share with the two decimals of the published percentages', () => {
    expect(share(36, 45)).toBe('80,00%');
    expect(share(4, 45)).toBe('8,89%');
    expect(share(0, 0)).toBe('0,00%');
  });
});
