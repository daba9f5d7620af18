import { describe, expect, it } from 'vitest';
import { fileSlug } from './file-name.js';

describe('fileSlug', () => {
  it('makes a title plain ASCII words joined by hyphens, accents dropped', () => {
    expect(fileSlug('Piano della Performance 2024 – Comune di Forlì', 60, 'albero')).toBe('piano-della-performance-2024-comune-di-forli');
  });
  it('cuts at the length asked and falls back when nothing is left', () => {
    expect(fileSlug('Èrcole De Rosa', 6, 'scheda')).toBe('ercole');
    expect(fileSlug('«—»', 60, 'albero')).toBe('albero');
  });
});
