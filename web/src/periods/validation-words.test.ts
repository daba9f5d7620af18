/**
 * The plan screen's OIV section, while the year end reopened after the decision takes values again:
 * its sentence is whole whatever the reopening recorded (a reopening read from an older trail may
 * name nobody, give no reason, or hold them empty), never a hanging «da» or «perché «»».
 */
import { describe, expect, it } from 'vitest';
import { sentence } from '../ui/sentence.js';
import { validationWords, type TreeValidation } from './Validation.js';

const validation = (by: string | null, reason: string | null): TreeValidation => ({
  decidedAt: '2025-05-15T09:00:00.000Z',
  reservations: true,
  published: true,
  periodId: '2024-12-31',
  reopenedAt: null,
  reopening: { at: '2025-06-15T08:30:00.000Z', by, reason },
  objectives: [],
  summary: null,
  body: null,
});
const shown = (by: string | null, reason: string | null, lang: 'it' | 'en'): string => {
  const v = validation(by, reason);
  return sentence(validationWords(lang).reopenedCollecting(v, v.reopening!));
};

describe("the OIV section's words on the year end reopened and taking values", () => {
  it('says who and why when recorded, and leaves out what was not', () => {
    expect(shown('Mario Rossi', 'errore su A.3', 'it')).toMatch(/^Riaperto il 15\/06\/2025 da Mario Rossi perché «errore su A\.3», dopo la validazione dell'OIV con riserve del 15\/05\/2025: /);
    expect(shown(null, 'errore su A.3', 'it')).toMatch(/^Riaperto il 15\/06\/2025 perché «errore su A\.3», dopo la validazione/);
    expect(shown('', 'errore su A.3', 'en')).toMatch(/^Reopened on 15\/06\/2025 because “errore su A\.3”, after the OIV validated it with reservations on 15\/05\/2025: /);
    expect(shown('Mario Rossi', '', 'it')).toMatch(/^Riaperto il 15\/06\/2025 da Mario Rossi, dopo la validazione/);
    expect(shown('Mario Rossi', null, 'en')).toMatch(/^Reopened on 15\/06\/2025 by Mario Rossi, after the OIV/);
    for (const [by, reason] of [
      [null, null],
      ['', ''],
    ] as const) {
      expect(shown(by, reason, 'it')).toMatch(/^Riaperto il 15\/06\/2025, dopo la validazione dell'OIV con riserve del 15\/05\/2025: il periodo raccoglie di nuovo valori, .+ da allora\.$/);
      expect(shown(by, reason, 'en')).toMatch(/^Reopened on 15\/06\/2025, after the OIV validated it with reservations on 15\/05\/2025: the period takes values again, .+ changed since\.$/);
    }
  });
});
