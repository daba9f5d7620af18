import { describe, expect, it } from 'vitest';
import { fileName, fileSlug } from './file-name.js';

describe('fileSlug', () => {
  it('makes a title plain ASCII words joined by hyphens, accents dropped', () => {
    expect(fileSlug('Piano della Performance 2024 – Comune di Forlì', 60, 'albero')).toBe('piano-della-performance-2024-comune-di-forli');
  });
  it('cuts at the length asked and falls back when nothing is left', () => {
    expect(fileSlug('Èrcole De Rosa', 6, 'scheda')).toBe('ercole');
    expect(fileSlug('«—»', 60, 'albero')).toBe('albero');
  });
});

describe('fileName', () => {
  it('names the year once when the title already ends in it', () => {
    expect(fileName('Albero Performance 2024', '2024', 'docx')).toBe('albero-performance-2024.docx');
    expect(fileName('Albero Performance 2024', '2024-12-31', 'xlsx')).toBe('albero-performance-2024-12-31.xlsx');
  });
  it('keeps a year the title does not end in', () => {
    expect(fileName('Piano grande', '2024-12-31', 'pdf')).toBe('piano-grande-2024-12-31.pdf');
    expect(fileName('Piano 2023', '2024', 'pdf')).toBe('piano-2023-2024.pdf');
    expect(fileName('Piano 12024', '2024', 'pdf')).toBe('piano-12024-2024.pdf');
  });
});
