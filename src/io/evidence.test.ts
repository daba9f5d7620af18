import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { fakeExe, storedZip, tinyPdf, TINY_PNG } from '../../test/support/files.js';
import { EVIDENCE_EXTENSIONS, EVIDENCE_FORMATS, type EvidenceFormat } from '../contract/evidence-formats.js';
import { evidenceType, nameEvidence, type EvidenceType } from './evidence.js';

const media = (bytes: Uint8Array): string => {
  const check = evidenceType(bytes);
  return check.ok ? check.type.mediaType : `refused: ${check.refusal}`;
};

describe('evidenceType: what a file is, by its bytes', () => {
  it('knows PDFs, images, office documents and CSV', async () => {
    expect(media(tinyPdf())).toBe('application/pdf');
    expect(media(TINY_PNG)).toBe('image/png');
    expect(media(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]))).toBe('image/jpeg');
    expect(media(Buffer.from('GIF89a\x01\x00', 'latin1'))).toBe('image/gif');
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Dati').addRow(['pratiche', 45]);
    expect(media(new Uint8Array(await workbook.xlsx.writeBuffer()))).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(
      media(
        storedZip([
          { name: '[Content_Types].xml', data: '<Types/>' },
          { name: 'word/document.xml', data: '<w:document/>' },
        ]),
      ),
    ).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(
      media(
        storedZip([
          { name: 'mimetype', data: 'application/vnd.oasis.opendocument.text' },
          { name: 'content.xml', data: '<office:document-content/>' },
        ]),
      ),
    ).toBe('application/vnd.oasis.opendocument.text');
    expect(media(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]))).toBe('application/x-ole-storage');
    expect(media(Buffer.from('ufficio;pratiche\nDigitale;45\n', 'utf8'))).toBe('text/csv; charset=utf-8');
    expect(media(Buffer.from('struttura;attività\nUfficio;sì\n', 'latin1'))).toBe('text/csv; charset=windows-1252');
  });

  it('refuses executables whatever their name, scripts, macros, archives and markup', () => {
    expect(media(fakeExe())).toBe('refused: executable');
    expect(media(Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]))).toBe('refused: executable');
    expect(media(Buffer.from('#!/bin/sh\nrm -rf /\n'))).toBe('refused: executable');
    expect(
      media(
        storedZip([
          { name: '[Content_Types].xml', data: '<Types/>' },
          { name: 'xl/workbook.xml', data: '<workbook/>' },
          { name: 'xl/vbaProject.bin', data: 'macro' },
        ]),
      ),
    ).toBe('refused: macro');
    expect(media(storedZip([{ name: 'setup.exe', data: fakeExe(200) }]))).toBe('refused: archive');
    expect(media(Buffer.from('<html><script>alert(1)</script></html>'))).toBe('refused: markup');
    expect(media(Buffer.from('\ufeff  <svg onload="x"/>'))).toBe('refused: markup');
    expect(media(Buffer.from([1, 2, 3, 0, 0, 9]))).toBe('refused: binary');
    expect(media(new Uint8Array(0))).toBe('refused: empty');
  });
});

/** One small file of each format the contract lists, as its bytes say it. */
const SAMPLES: Record<EvidenceFormat, Buffer> = {
  pdf: tinyPdf(),
  png: TINY_PNG,
  jpeg: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]),
  gif: Buffer.from('GIF89a\x01\x00', 'latin1'),
  webp: Buffer.from('RIFF\x00\x00\x00\x00WEBPVP8 ', 'latin1'),
  tiff: Buffer.from([0x49, 0x49, 0x2a, 0x00, 8, 0, 0, 0]),
  'office-97': Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]),
  docx: storedZip([
    { name: '[Content_Types].xml', data: '<Types/>' },
    { name: 'word/document.xml', data: '<w:document/>' },
  ]),
  xlsx: storedZip([
    { name: '[Content_Types].xml', data: '<Types/>' },
    { name: 'xl/workbook.xml', data: '<workbook/>' },
  ]),
  pptx: storedZip([
    { name: '[Content_Types].xml', data: '<Types/>' },
    { name: 'ppt/presentation.xml', data: '<p:presentation/>' },
  ]),
  odt: storedZip([{ name: 'mimetype', data: 'application/vnd.oasis.opendocument.text' }]),
  ods: storedZip([{ name: 'mimetype', data: 'application/vnd.oasis.opendocument.spreadsheet' }]),
  odp: storedZip([{ name: 'mimetype', data: 'application/vnd.oasis.opendocument.presentation' }]),
  text: Buffer.from('ufficio;pratiche\nDigitale;45\n', 'utf8'),
};

const typeOf = (bytes: Uint8Array): EvidenceType => {
  const check = evidenceType(bytes);
  if (!check.ok) throw new Error(`refused: ${check.refusal}`);
  return check.type;
};

describe('nameEvidence: a name held to what the bytes are', () => {
  it("accepts exactly the contract's extensions for each format, in any case, and refuses every other format's", () => {
    for (const [format, { extensions }] of Object.entries(EVIDENCE_FORMATS) as Array<[EvidenceFormat, (typeof EVIDENCE_FORMATS)[EvidenceFormat]]>) {
      const type = typeOf(SAMPLES[format]);
      expect(type.format, format).toBe(format);
      const mine: readonly string[] = extensions;
      for (const extension of EVIDENCE_EXTENSIONS) {
        for (const written of [extension, extension.toUpperCase()]) {
          const named = nameEvidence(`evidenza.${written}`, type);
          expect(named.ok, `${format} named .${written}`).toBe(mine.includes(extension));
        }
      }
    }
  });

  it('says the names a misnamed file may take, adds the extension a name lacks, and lets the name choose between CSV and text', () => {
    expect(nameEvidence('x.docx', typeOf(tinyPdf()))).toEqual({ ok: false, extension: 'docx', suggested: ['x.pdf'] });
    expect(nameEvidence('bilancio.pdf', typeOf(SAMPLES['office-97']))).toEqual({ ok: false, extension: 'pdf', suggested: ['bilancio.doc', 'bilancio.xls', 'bilancio.ppt'] });
    expect(nameEvidence('relazione.exe', typeOf(tinyPdf()))).toMatchObject({ ok: false, extension: 'exe' });
    // No extension (or a tail that is no extension: a date, a number) gets the content's.
    expect(nameEvidence('Verbale del 15.12.2024', typeOf(tinyPdf()))).toMatchObject({ ok: true, name: 'Verbale del 15.12.2024.pdf' });
    expect(nameEvidence('foto', typeOf(TINY_PNG))).toMatchObject({ ok: true, name: 'foto.png' });
    const note = typeOf(Buffer.from('Estrazione del 10/01/2025, protocollo\n', 'utf8'));
    expect(note.mediaType).toBe('text/csv; charset=utf-8');
    expect(nameEvidence('nota.txt', note)).toMatchObject({ ok: true, name: 'nota.txt', type: { format: 'text', mediaType: 'text/plain; charset=utf-8', extension: 'txt' } });
    const column = typeOf(Buffer.from('pratiche\n45\n', 'latin1'));
    expect(nameEvidence('pratiche.CSV', column)).toMatchObject({ ok: true, type: { mediaType: 'text/csv; charset=utf-8', extension: 'csv' } });
  });
});
