import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { fakeExe, storedZip, tinyPdf, TINY_PNG } from '../../test/support/files.js';
import { evidenceType } from './evidence.js';

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
