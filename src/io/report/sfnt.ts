/**
 * A TrueType font file slimmed for pdfkit. The PDFs drop DejaVu's OpenType layout tables (GSUB,
 * GPOS, GDEF): with them, fontkit shapes every word through the OpenType lookups, which took about
 * half of the fixture's Relazione PDF (issue 12). Without them it maps characters through cmap and
 * kerns through the font's own `kern` table, which DejaVu Sans has, so the text is drawn and
 * spaced as before; the PDF embeds a subset either way. The `post` table keeps its 32-byte header
 * as version 3 (no glyph names: pdfkit reads only the italic angle and the fixed pitch, and
 * decoding 6,000 names cost 50 ms a face). Only the table directory is rewritten; the other
 * tables are copied as they are, 4-byte aligned.
 */
export function withoutTables(font: Uint8Array, drop: ReadonlySet<string>): Buffer {
  const src = Buffer.from(font.buffer, font.byteOffset, font.byteLength);
  const version = src.readUInt32BE(0);
  // TrueType outlines (0x00010000 or 'true'); a collection or CFF font is returned unchanged.
  if (version !== 0x00010000 && version !== 0x74727565) return src;
  const count = src.readUInt16BE(4);
  const tables: { tag: string; checksum: number; offset: number; length: number }[] = [];
  for (let i = 0; i < count; i++) {
    const at = 12 + i * 16;
    const tag = src.toString('latin1', at, at + 4);
    if (!drop.has(tag)) tables.push({ tag, checksum: src.readUInt32BE(at + 4), offset: src.readUInt32BE(at + 8), length: src.readUInt32BE(at + 12) });
  }
  const post = tables.find((t) => t.tag === 'post');
  if (post !== undefined && post.length > 32) post.length = 32;
  const headerLength = 12 + tables.length * 16;
  const padded = (n: number): number => (n + 3) & ~3;
  const out = Buffer.alloc(headerLength + tables.reduce((t, x) => t + padded(x.length), 0));
  const log2 = Math.floor(Math.log2(tables.length));
  out.writeUInt32BE(version, 0);
  out.writeUInt16BE(tables.length, 4);
  out.writeUInt16BE(2 ** log2 * 16, 6);
  out.writeUInt16BE(log2, 8);
  out.writeUInt16BE(tables.length * 16 - 2 ** log2 * 16, 10);
  let offset = headerLength;
  tables.forEach((t, i) => {
    const at = 12 + i * 16;
    out.write(t.tag, at, 'latin1');
    out.writeUInt32BE(t.checksum, at + 4);
    out.writeUInt32BE(offset, at + 8);
    out.writeUInt32BE(t.length, at + 12);
    src.copy(out, offset, t.offset, t.offset + t.length);
    if (t === post) out.writeUInt32BE(0x00030000, offset);
    offset += padded(t.length);
  });
  return out;
}
