import { describe, expect, it } from 'vitest';
import { parseInline, parseMarkup, toMarkup } from './markup.js';

describe('the Relazione markup', () => {
  it('reads headings, paragraphs, lists and emphasis', () => {
    const blocks = parseMarkup('## Il contesto\nPrima riga\nseconda riga.\n\n- uno\n- **due**\n\n1. primo\n2. secondo\n\n### Dettaglio\nFine *corsivo* e _anche_.');
    expect(blocks).toEqual([
      { kind: 'heading', level: 3, spans: [{ text: 'Il contesto' }] },
      { kind: 'paragraph', spans: [{ text: 'Prima riga seconda riga.' }] },
      { kind: 'list', ordered: false, items: [[{ text: 'uno' }], [{ text: 'due', bold: true }]] },
      { kind: 'list', ordered: true, items: [[{ text: 'primo' }], [{ text: 'secondo' }]] },
      { kind: 'heading', level: 4, spans: [{ text: 'Dettaglio' }] },
      { kind: 'paragraph', spans: [{ text: 'Fine ' }, { text: 'corsivo', italic: true }, { text: ' e ' }, { text: 'anche', italic: true }, { text: '.' }] },
    ]);
  });

  it('keeps HTML and unclosed marks as the characters typed', () => {
    expect(parseMarkup('<script>alert(1)</script> <b>x</b>')).toEqual([{ kind: 'paragraph', spans: [{ text: '<script>alert(1)</script> <b>x</b>' }] }]);
    expect(parseInline('3 * 4 = 12 e **non chiuso')).toEqual([{ text: '3 * 4 = 12 e **non chiuso' }]);
    expect(parseInline('file_name_x e \\*stella\\*')).toEqual([{ text: 'file_name_x e *stella*' }]);
  });

  it('drops control characters that would break a DOCX', () => {
    expect(parseMarkup('a\u0001b\u0000c')).toEqual([{ kind: 'paragraph', spans: [{ text: 'abc' }] }]);
  });

  it('writes blocks back to markup that reads the same', () => {
    const source = '## Titolo\n\nTesto con **grassetto** e *corsivo*, 3 \\* 4.\n\n- a\n- b';
    expect(parseMarkup(toMarkup(parseMarkup(source)))).toEqual(parseMarkup(source));
  });
});
