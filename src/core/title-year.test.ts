import { describe, expect, it } from 'vitest';
import { titleYear } from './title-year.js';

describe('titleYear', () => {
  it("reads the year of the titles the project's plans carry", () => {
    for (const [title, year] of [
      ['Albero performance 2024', 2024],
      ['Piano 2024-2026', 2024],
      ['PIAO 2025-2027', 2025],
      ['Piano della performance 2024 – Ente', 2024],
      ['Albero performance 2024 (rimodulato)', 2024],
      ['Piano 2024 (2)', 2024],
      ['  Piano 2025  ', 2025],
      ['Piano integrato di attività e organizzazione 2025-2027', 2025],
      ['Performance plan 2026', 2026],
      ['Nessun reclamo fondato nel 2024', 2024],
      ['2024 — Relazione', 2024],
    ] as const)
      expect(titleYear(title), title).toBe(year);
  });

  it("prefers the year after a word naming the plan to the adopting act's", () => {
    // Before: 2001, 2023 and 2022, the first year in the title.
    expect(titleYear('Delibera n. 12/2001 — Piano della performance 2024')).toBe(2024);
    expect(titleYear('Decreto del 30 gennaio 2023 — PIAO 2024-2026')).toBe(2024);
    expect(titleYear('Aggiornamento 2022: albero della performance 2023')).toBe(2023);
  });

  it("without a plan word's year, the first year that is not part of a date or an act's number", () => {
    expect(titleYear('Delibera n. 12/2001 del 31.01.2002 — obiettivi 2024')).toBe(2024);
    expect(titleYear('Delibera n. 2001 — obiettivi 2024')).toBe(2024);
    expect(titleYear('Delibera 12-03-2001: obiettivi 2024')).toBe(2024);
    // A plan word followed by another number first: that year is not taken for the plan's.
    expect(titleYear('Piano approvato il 30/01/2001, anno 2024')).toBe(2024);
  });

  it('says none when the title names none', () => {
    for (const title of ['Albero della performance', 'Delibera n. 12/2001 — Piano della performance', 'Piano 12024', 'Piano 1890', '']) expect(titleYear(title), title).toBeUndefined();
  });
});
