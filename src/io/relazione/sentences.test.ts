import { describe, expect, it } from 'vitest';
import { bandSentence, comparisonSentence, objectives, ofBody, share } from './sentences.js';

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

  it('says a count of none "nessuno", not "0", in every count sentence', () => {
    expect(bandSentence({ green: 0, yellow: 3, red: 0, none: 0 }, ['green', 'yellow', 'red'])).toBe(
      'Dei 3 obiettivi misurati, nessuno è in fascia verde (0,00%), 3 in fascia gialla (100,00%) e nessuno in fascia rossa (0,00%).',
    );
    expect(objectives(0)).toBe('nessun obiettivo');
    expect(comparisonSentence(2023, { better: 0, worse: 1, same: 0 }, { better: 2, worse: 0, same: 1 })).toBe(
      "Rispetto al 2023, dell'unica area strategica presente in entrambi gli anni nessuna migliora, 1 peggiora e nessuna resta invariata; dei 3 obiettivi strategici 2 migliorano, nessuno peggiora e 1 resta invariato.",
    );
  });

  it('counts the areas apart from the objectives when comparing with the previous year', () => {
    // Before: "dei 18 obiettivi presenti in entrambi gli anni", 3 areas and 15 strategic objectives as one count.
    expect(comparisonSentence(undefined, { better: 0, worse: 0, same: 0 }, { better: 1, worse: 0, same: 0 })).toBe(
      "Rispetto all'anno precedente, dell'unico obiettivo strategico presente in entrambi gli anni 1 migliora, nessuno peggiora e nessuno resta invariato.",
    );
    expect(comparisonSentence(2023, { better: 1, worse: 1, same: 1 }, { better: 0, worse: 0, same: 0 })).toBe(
      'Rispetto al 2023, delle 3 aree strategiche presenti in entrambi gli anni 1 migliora, 1 peggiora e 1 resta invariata.',
    );
  });
});

describe('the band sentence of a year with nothing measured', () => {
  it('says no objective has a performance, without "Altri" beside measured ones that are not there', () => {
    // Before: «Nessun obiettivo ha ancora una performance misurata. Altri 46 obiettivi non hanno una performance: …».
    expect(bandSentence({ green: 0, yellow: 0, red: 0, none: 46 }, ['green', 'yellow', 'red'])).toBe(
      'Nessun obiettivo ha ancora una performance misurata: gli indicatori dei 46 obiettivi non sono stati misurati.',
    );
    expect(bandSentence({ green: 0, yellow: 0, red: 0, none: 1 }, ['green', 'yellow', 'red'])).toBe(
      "Nessun obiettivo ha ancora una performance misurata: gli indicatori dell'unico obiettivo non sono stati misurati.",
    );
    expect(bandSentence({ green: 0, yellow: 0, red: 0, none: 0 }, ['green', 'yellow', 'red'])).toBe('Nessun obiettivo ha ancora una performance misurata.');
    // With some measured, the others are still "altri".
    expect(bandSentence({ green: 1, yellow: 0, red: 0, none: 2 }, ['green', 'yellow', 'red'])).toContain('Altri 2 obiettivi non hanno una performance');
  });
});
