import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { withoutTables } from './sfnt.js';

const require = createRequire(import.meta.url);
/** The little of fontkit (pdfkit's font engine; it ships no types) this test reads. */
interface Font {
  layout(text: string): { glyphs: { id: number }[]; positions: { xAdvance: number }[]; advanceWidth: number };
  postscriptName: string;
  unitsPerEm: number;
  post: { italicAngle: number };
  directory: { tables: Record<string, unknown> };
}
// The fontkit pdfkit itself loads.
const fontkit = createRequire(require.resolve('pdfkit'))('fontkit') as { create(data: Buffer): Font };
const DROP = new Set(['GSUB', 'GPOS', 'GDEF', 'MATH', 'FFTM']);
// Italian letters, the euro, the band shapes and the report's signs, and kerned pairs (AV, Te).
const TEXT = 'Dei 46 obiettivi è più città perché € 1.234,57 ● ◐ ○ ▲ ■ ≥ — AVATAR Tè «più» àèéìòù ÀÈÉÌÒÙ';

describe('a DejaVu face without its layout tables', () => {
  for (const file of ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf', 'DejaVuSans-Oblique.ttf']) {
    it(`${file}: the same glyphs, advances and kerning, without GSUB/GPOS and glyph names`, () => {
      const original = readFileSync(require.resolve(`dejavu-fonts-ttf/ttf/${file}`));
      const slim = withoutTables(original, DROP);
      const before = fontkit.create(original);
      const after = fontkit.create(slim);
      const tables = Object.keys(after.directory.tables);
      expect(tables.filter((t) => DROP.has(t))).toEqual([]);
      expect(tables).toContain('kern');
      expect(slim.length).toBeLessThan(original.length);
      const a = before.layout(TEXT);
      const b = after.layout(TEXT);
      expect(b.glyphs.map((g) => g.id)).toEqual(a.glyphs.map((g) => g.id));
      expect(b.glyphs.some((g) => g.id === 0)).toBe(false);
      expect(b.positions.map((p) => p.xAdvance)).toEqual(a.positions.map((p) => p.xAdvance));
      // Kerning still applies (from the `kern` table): "AV" is narrower than A and V apart.
      expect(after.layout('AV').advanceWidth).toBeLessThan(after.layout('A').advanceWidth + after.layout('V').advanceWidth);
      expect(after.postscriptName).toBe(before.postscriptName);
      expect(after.post.italicAngle).toBe(before.post.italicAngle);
      expect(after.unitsPerEm).toBe(before.unitsPerEm);
    });
  }

  it('leaves a font that is not TrueType as it is', () => {
    const other = Buffer.from('wOF2 not a TrueType font at all');
    expect(withoutTables(other, DROP)).toEqual(other);
  });
});
