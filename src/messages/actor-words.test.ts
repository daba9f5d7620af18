import { describe, expect, it } from 'vitest';
import { actorWords } from './actor-words.js';

describe('actorWords', () => {
  it('names an account by its display name, a login no account holds as it is', () => {
    expect(actorWords('Maria Rossi', 'mrossi', 'it')).toBe('Maria Rossi');
    expect(actorWords(undefined, 'mrossi', 'en')).toBe('mrossi');
    expect(actorWords(null, null, 'it')).toBeNull();
  });

  it('says the program and the command line in the reader’s words', () => {
    expect(actorWords(null, 'system', 'it')).toBe('Albero (procedura automatica)');
    expect(actorWords('system', 'system', 'en')).toBe('Albero (automatic procedure)');
    expect(actorWords(null, 'cli:mario', 'it')).toBe('riga di comando (utente mario)');
    expect(actorWords('cli:mario', 'cli:mario', 'en')).toBe('command line (user mario)');
    expect(actorWords(null, 'cli:', 'it')).toBe('riga di comando');
    expect(actorWords(null, 'cli:', 'en')).toBe('command line');
  });

  it('keeps the display name of an account its administrator called `system`', () => {
    expect(actorWords('Sistema informativo', 'system', 'it')).toBe('Sistema informativo');
  });
});
