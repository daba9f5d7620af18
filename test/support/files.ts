/**
 * Small real files for the evidence tests, made in the test: a PDF a reader opens, a PNG, a zip
 * written entry by entry (to build office documents, macro-carrying ones and plain archives), and a
 * Windows executable header.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { convertWithLibreOffice } from './libreoffice.js';
import { zipBytes } from './workbook.js';

/**
 * A PDF's text as poppler lays it out (`pdftotext -layout`); `layout: false` in reading order
 * instead, which keeps a table cell's sentence whole when it wraps beside other columns.
 */
export function pdfText(bytes: Uint8Array, { layout = true }: { layout?: boolean } = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'albero-pdf-'));
  try {
    writeFileSync(join(dir, 'report.pdf'), bytes);
    return execFileSync('pdftotext', [...(layout ? ['-layout'] : []), join(dir, 'report.pdf'), '-'], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * A DOCX's text as LibreOffice lays it out (converted to PDF by the worker's LibreOffice,
 * support/libreoffice.ts; read by poppler in reading order), as an office opens it; whitespace
 * folded (a PDF's lines wrap anywhere).
 */
export function docxText(bytes: ArrayBuffer | Uint8Array): string {
  const dir = mkdtempSync(join(tmpdir(), 'albero-docx-'));
  try {
    writeFileSync(join(dir, 'document.docx'), Buffer.from(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes)));
    const pdf = convertWithLibreOffice(join(dir, 'document.docx'), 'pdf', join(dir, 'out'));
    return pdfText(readFileSync(pdf), { layout: false }).replace(/\s+/g, ' ');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A one-page PDF with a line of text (valid cross-reference table: pdftotext reads it). */
export function tinyPdf(text = 'Evidenza 2024'): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 144] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    (() => {
      const stream = `BT /F1 18 Tf 20 60 Td (${text}) Tj ET`;
      return `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`;
    })(),
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/** A 1×1 PNG. */
export const TINY_PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000100e221bc330000000049454e44ae426082', 'hex');

/** The first bytes of a Windows program (the DOS header and stub message). */
export function fakeExe(size = 4096): Buffer {
  const bytes = Buffer.alloc(size, 0);
  bytes.write('MZ', 0, 'latin1');
  bytes.write('This program cannot be run in DOS mode.', 78, 'latin1');
  return bytes;
}

/** A zip with stored (uncompressed) entries, in order, written by the tests' one zip writer (support/workbook.ts). */
export function storedZip(entries: ReadonlyArray<{ name: string; data: string | Buffer }>): Buffer {
  return Buffer.from(zipBytes(entries.map((e) => ({ name: e.name, data: typeof e.data === 'string' ? Buffer.from(e.data, 'utf8') : e.data, stored: true }))));
}

/** A multipart body with one file in the field `file`, as the web app's upload forms send it. */
export function upload(bytes: Uint8Array | string, name: string): FormData {
  const form = new FormData();
  form.set('file', new Blob([bytes as BlobPart]), name);
  return form;
}
