import { describe, expect, it } from 'vitest';
import { mergeTexts } from './merge.js';

const SECTIONS = ['presentazione', 'contesto-esterno', 'contesto-interno', 'obiettivi'];

describe('a stale save of the Relazione carried over onto the version saved meanwhile', () => {
  it('keeps what only the office typed, shows what only the other person saved, and asks where both changed a section', () => {
    const base = { presentazione: 'Bozza.', 'contesto-esterno': 'Esterno.', 'contesto-interno': 'Interno.' };
    const mine = { presentazione: 'Bozza rivista dal controllo.', 'contesto-esterno': 'Esterno.', 'contesto-interno': 'Interno del controllo.', obiettivi: 'Obiettivi.' };
    const theirs = { presentazione: 'Bozza.', 'contesto-esterno': 'Esterno secondo la direzione.', 'contesto-interno': 'Interno della direzione.' };
    expect(mergeTexts(SECTIONS, base, mine, theirs)).toEqual({
      texts: {
        presentazione: 'Bozza rivista dal controllo.',
        'contesto-esterno': 'Esterno secondo la direzione.',
        // Shown as typed until the office settles it: nothing is sent meanwhile.
        'contesto-interno': 'Interno del controllo.',
        obiettivi: 'Obiettivi.',
      },
      kept: ['presentazione', 'obiettivi'],
      theirs: ['contesto-esterno'],
      conflicts: [{ key: 'contesto-interno', mine: 'Interno del controllo.', theirs: 'Interno della direzione.' }],
    });
  });

  it('reads a section left out as empty: emptied by one side is a change, the same change on both sides is none', () => {
    const base = { presentazione: 'Bozza.', 'contesto-esterno': 'Esterno.' };
    const mine = { presentazione: 'Nuova.', 'contesto-esterno': 'Esterno.' };
    const theirs = { presentazione: 'Nuova.' };
    expect(mergeTexts(SECTIONS, base, mine, theirs)).toEqual({
      texts: { presentazione: 'Nuova.', 'contesto-esterno': '', 'contesto-interno': '', obiettivi: '' },
      kept: [],
      theirs: ['contesto-esterno'],
      conflicts: [],
    });
  });

  it('says a section one side emptied and the other rewrote is a conflict', () => {
    const merged = mergeTexts(['presentazione'], { presentazione: 'Bozza.' }, { presentazione: '' }, { presentazione: 'Riscritta.' });
    expect(merged.conflicts).toEqual([{ key: 'presentazione', mine: '', theirs: 'Riscritta.' }]);
  });

  it('with nothing saved meanwhile in the texts (another change moved the version), keeps everything typed', () => {
    const base = { presentazione: 'Bozza.' };
    expect(mergeTexts(SECTIONS, base, { presentazione: 'Mia.', obiettivi: 'Obiettivi.' }, base)).toMatchObject({ kept: ['presentazione', 'obiettivi'], theirs: [], conflicts: [] });
  });
});
