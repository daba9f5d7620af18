import { describe, expect, it } from 'vitest';
import { actorWords, formPersonName, keptActorWords, REMOVED_ACCOUNT } from './actor-words.js';

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

describe('keptActorWords', () => {
  it('says again in the reader’s words the program and the command line a cover kept in Italian, or as the login', () => {
    expect(keptActorWords('riga di comando (utente mario)', 'cli:mario', 'en')).toBe('command line (user mario)');
    expect(keptActorWords('Albero (procedura automatica)', 'system', 'en')).toBe('Albero (automatic procedure)');
    expect(keptActorWords('system', 'system', 'en')).toBe('Albero (automatic procedure)');
    expect(keptActorWords(null, 'cli:', 'it')).toBe('riga di comando');
  });

  it('keeps an account’s name as it was kept, and a name the login no longer gives', () => {
    expect(keptActorWords('Luca Marino', 'oiv', 'en')).toBe('Luca Marino');
    expect(keptActorWords('Sistema informativo', 'system', 'en')).toBe('Sistema informativo');
    expect(keptActorWords(null, 'oiv', 'en')).toBe('oiv');
    expect(keptActorWords('Luca Marino', null, 'en')).toBe('Luca Marino');
  });
});

describe('formPersonName', () => {
  it('says a removed account in the reader’s language, whatever language the answer said it in', () => {
    expect(formPersonName({ displayName: '(account removed)', removed: true }, 'it')).toBe('(account eliminato)');
    expect(formPersonName({ displayName: '(account eliminato)', removed: true }, 'en')).toBe('(account removed)');
    expect(formPersonName({ displayName: 'Maria Rossi' }, 'en')).toBe('Maria Rossi');
    expect(REMOVED_ACCOUNT.it.withId('u7')).toBe('un account eliminato (id u7)');
  });
});
