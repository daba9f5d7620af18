/**
 * The drafts kept by the browser (`drafts.ts`), page by page: a new page is the module loaded again
 * over the same storage, as a reload is. The storage is a stand-in with the Web Storage methods the
 * module calls (Node has none); the browser's own is exercised by e2e/entry-evidence-kept.test.ts.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Typed } from './drafts.js';

class Storage {
  readonly items = new Map<string, string>();
  full = false;
  get length(): number {
    return this.items.size;
  }
  key(k: number): string | null {
    return [...this.items.keys()][k] ?? null;
  }
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    if (this.full) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    this.items.set(key, value);
  }
  removeItem(key: string): void {
    this.items.delete(key);
  }
}

const RITA = { id: '3', username: 'referente' };
const CARLA = { id: '4', username: 'controllo' };
const VALUE = { planId: 7, periodId: '2024-06-30', indicatorId: 'A.2.1:1' };
const TYPED: Typed = { state: 'measured', actual: '7,5', measures: {}, reason: '', evidence: '', source: '', notes: 'Sette incontri', autoMeasured: true };

let storage: Storage;
/** The module as a newly loaded page has it. */
const page = async () => {
  vi.resetModules();
  return import('./drafts.js');
};

beforeEach(() => {
  storage = new Storage();
  vi.stubGlobal('window', { localStorage: storage });
});
afterEach(() => vi.unstubAllGlobals());

describe('drafts', () => {
  it('gives the fields back to their reader after a reload, with the notation they were typed in, and to nobody else', async () => {
    const before = await page();
    before.keepFields(before.draftKey(RITA, VALUE), TYPED, 'it', 3);
    const after = await page();
    expect(after.keptFields(after.draftKey(RITA, VALUE))).toEqual({ typed: TYPED, lang: 'it', version: 3 });
    expect(after.keptFields(after.draftKey(CARLA, VALUE))).toBeNull();
    // The same id with another username: a database made again, another person.
    expect(after.keptFields(after.draftKey({ id: '3', username: 'rossi' }, VALUE))).toBeNull();
    expect(after.keptFields(after.draftKey(RITA, { ...VALUE, periodId: '2024-12-31' }))).toBeNull();
  });

  it('keeps a file while the page lives, and only its name through a reload, to be chosen again', async () => {
    const before = await page();
    const key = before.draftKey(RITA, VALUE);
    const file = new File(['%PDF-1.4'], 'verbale.pdf', { type: 'application/pdf' });
    before.keepFile(key, file);
    expect(before.keptFile(key)).toBe(file);
    expect(before.fileToChooseAgain(key)).toBeNull();
    expect(before.unsent(RITA)).toBe(true);
    expect(before.unsent(CARLA)).toBe(false);
    const after = await page();
    expect(after.keptFile(key)).toBeNull();
    expect(after.fileToChooseAgain(key)).toBe('verbale.pdf');
    // Nothing left to lose on this page: the file is not here any more.
    expect(after.unsent(RITA)).toBe(false);
    after.forgetFile(key);
    expect(after.fileToChooseAgain(key)).toBeNull();
    expect(storage.items.size).toBe(0);
  });

  it('forgets what was saved, and on sign-out everything of the reader, the other reader keeping theirs', async () => {
    const drafts = await page();
    const rita = drafts.draftKey(RITA, VALUE);
    const carla = drafts.draftKey(CARLA, VALUE);
    drafts.keepFields(rita, TYPED, 'it', 0);
    drafts.keepFile(rita, new File(['x'], 'a.pdf'));
    drafts.keepFields(carla, TYPED, 'en', 0);
    drafts.forgetFields(rita);
    expect(drafts.keptFields(rita)).toBeNull();
    expect(drafts.keptFile(rita)).not.toBeNull();
    drafts.keepFields(drafts.draftKey(RITA, { ...VALUE, indicatorId: 'A.2.1:2' }), TYPED, 'it', 0);
    drafts.forgetReader(RITA);
    expect(drafts.unsent(RITA)).toBe(false);
    expect(drafts.keptFile(rita)).toBeNull();
    expect([...storage.items.keys()]).toEqual([carla]);
    expect((await page()).keptFields(carla)).toEqual({ typed: TYPED, lang: 'en', version: 0 });
  });

  it('reads a draft that is not one as none, and keeps the page’s own when the storage refuses', async () => {
    const drafts = await page();
    const key = drafts.draftKey(RITA, VALUE);
    const at = Date.now();
    for (const text of [
      '{',
      'null',
      `{"fields":{"state":"finished"},"file":null,"at":${at}}`,
      `{"fields":${JSON.stringify({ ...TYPED, lang: 'fr' })},"file":null,"at":${at}}`,
      `{"fields":${JSON.stringify({ ...TYPED, lang: 'it', version: -1 })},"file":null,"at":${at}}`,
      `{"fields":null,"file":3,"at":${at}}`,
      // Undated (written before drafts carried their time), or dated by something that is not a time.
      `{"fields":${JSON.stringify({ ...TYPED, lang: 'it', version: 1 })},"file":null}`,
      `{"fields":${JSON.stringify({ ...TYPED, lang: 'it', version: 1 })},"file":null,"at":"ieri"}`,
    ]) {
      storage.items.set(key, text);
      expect((await page()).keptFields(key), text).toBeNull();
    }
    storage.items.clear();
    storage.full = true;
    const full = await page();
    full.keepFields(key, TYPED, 'it', 1);
    expect(full.keptFields(key)).toEqual({ typed: TYPED, lang: 'it', version: 1 });
    expect(full.unsent(RITA)).toBe(true);
  });

  describe('on a shared PC', () => {
    const DAY = 24 * 60 * 60 * 1000;
    const MONDAY = new Date('2024-06-24T09:00:00Z').getTime();
    beforeEach(() => {
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(MONDAY);
    });
    afterEach(() => vi.useRealTimers());

    it('keeps a draft four days from when it was last typed in, and removes it at the start after that', async () => {
      const drafts = await page();
      expect(drafts.DRAFT_LIFETIME_MS).toBe(4 * DAY);
      const key = drafts.draftKey(RITA, VALUE);
      const other = drafts.draftKey(RITA, { ...VALUE, indicatorId: 'A.2.1:2' });
      drafts.keepFields(key, TYPED, 'it', 2);
      drafts.keepFields(other, TYPED, 'it', 2);
      storage.items.set('albero.lang', 'it');
      // Typed in again on Wednesday: its four days start again.
      vi.setSystemTime(MONDAY + 2 * DAY);
      drafts.keepFields(other, { ...TYPED, notes: 'Otto incontri' }, 'it', 2);
      // Friday 09:00, the app started: Monday's draft is just within its days.
      vi.setSystemTime(MONDAY + 4 * DAY);
      (await page()).forgetStale();
      expect(storage.items.size).toBe(3);
      // A minute later Monday's draft is gone from the disk before anyone signs in; Wednesday's stays, and what is not a draft.
      vi.setSystemTime(MONDAY + 4 * DAY + 60_000);
      const friday = await page();
      friday.forgetStale();
      expect([...storage.items.keys()].sort()).toEqual([other, 'albero.lang'].sort());
      expect(friday.keptFields(key)).toBeNull();
      expect(friday.keptFields(other)?.typed.notes).toBe('Otto incontri');
    });

    it('does not give back a draft whose days ran out while the page stayed open', async () => {
      const drafts = await page();
      const key = drafts.draftKey(RITA, VALUE);
      drafts.keepFields(key, TYPED, 'it', 2);
      drafts.keepFile(key, new File(['x'], 'verbale.pdf'));
      vi.setSystemTime(MONDAY + 5 * DAY);
      expect(drafts.keptFields(key)).toBeNull();
      expect(drafts.keptFile(key)).toBeNull();
      expect(drafts.unsent(RITA)).toBe(false);
      expect(storage.items.size).toBe(0);
    });

    it('removes at the start a draft it cannot read or dated days ahead (a clock put right)', async () => {
      const drafts = await page();
      const key = drafts.draftKey(RITA, VALUE);
      const ahead = drafts.draftKey(CARLA, VALUE);
      storage.items.set(key, '{');
      storage.items.set(ahead, JSON.stringify({ fields: { ...TYPED, lang: 'it', version: 1 }, file: null, at: MONDAY + 5 * DAY }));
      drafts.forgetStale();
      expect(storage.items.size).toBe(0);
    });

    it('removes every other account’s drafts when one signs in, keeping its own for after an expired session', async () => {
      const first = await page();
      const rita = first.draftKey(RITA, VALUE);
      first.keepFields(rita, TYPED, 'it', 2);
      first.keepFile(rita, new File(['x'], 'verbale.pdf'));
      // Rita's session expires; she signs in again on this browser: her draft is there.
      const again = await page();
      again.keepOnlyReader(RITA);
      expect(again.keptFields(rita)).toEqual({ typed: TYPED, lang: 'it', version: 2 });
      expect(again.fileToChooseAgain(rita)).toBe('verbale.pdf');
      // Then Carla, on the same browser: Rita's draft leaves the disk (and this page, file and all).
      again.keepFields(again.draftKey(CARLA, VALUE), TYPED, 'en', 2);
      again.keepOnlyReader(CARLA);
      expect(again.keptFields(rita)).toBeNull();
      expect(again.fileToChooseAgain(rita)).toBeNull();
      expect(again.unsent(RITA)).toBe(false);
      expect([...storage.items.keys()]).toEqual([again.draftKey(CARLA, VALUE)]);
      expect((await page()).keptFields(rita)).toBeNull();
    });
  });
});
