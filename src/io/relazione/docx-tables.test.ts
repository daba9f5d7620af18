import { describe, expect, it } from 'vitest';
import { cellXml, runXml, xmlText } from './docx-tables.js';

describe('the Relazione tables written as WordprocessingML', () => {
  it('writes typed HTML and ampersands as text, and drops what XML cannot hold', () => {
    expect(xmlText('<script>alert("x")</script> & <b>')).toBe('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;');
    expect(xmlText('a\u0000b\u001bc\ufffe')).toBe('abc');
    expect(runXml('A & B', { bold: true, size: 16 })).toBe('<w:r><w:rPr><w:b/><w:bCs/><w:sz w:val="16"/><w:szCs w:val="16"/></w:rPr><w:t xml:space="preserve">A &amp; B</w:t></w:r>');
  });

  it('gives cells their width in fiftieths of a percent, their span and shading', () => {
    const cell = cellXml('<w:p/>', 8.5, '#9fd67f', 3);
    expect(cell).toContain('<w:tcW w:type="pct" w:w="425"/><w:gridSpan w:val="3"/>');
    expect(cell).toContain('<w:shd w:fill="9FD67F" w:color="auto" w:val="clear"/>');
  });
});
