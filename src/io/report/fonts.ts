/**
 * DejaVu Sans for pdfkit: the Relazione, the report and the appraisal form embed these faces (the
 * standard PDF fonts have no ● ▲ ■, ≥, —).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { withoutTables } from './sfnt.js';

export type Face = 'regular' | 'bold' | 'italic';

const FONT_FILES: Record<Face, string> = { regular: 'DejaVuSans.ttf', bold: 'DejaVuSans-Bold.ttf', italic: 'DejaVuSans-Oblique.ttf' };
/** Tables the PDF never uses; without the layout ones, text is laid out about 3× faster (sfnt.ts). */
const UNUSED_TABLES: ReadonlySet<string> = new Set(['GSUB', 'GPOS', 'GDEF', 'MATH', 'FFTM']);
let fonts: Record<Face, Buffer> | undefined;

/**
 * DejaVu Sans's three faces for pdfkit, read once per process and slimmed (sfnt.ts); resolved as
 * a package, so it works from src/ and dist/. Every PDF of Albero embeds these.
 */
export function fontData(): Record<Face, Buffer> {
  if (fonts === undefined) {
    const require = createRequire(import.meta.url);
    const read = (file: string): Buffer => withoutTables(readFileSync(require.resolve(`dejavu-fonts-ttf/ttf/${file}`)), UNUSED_TABLES);
    fonts = { regular: read(FONT_FILES.regular), bold: read(FONT_FILES.bold), italic: read(FONT_FILES.italic) };
  }
  return fonts;
}
