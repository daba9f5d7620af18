/**
 * The evidence files the server accepts, as plain values (no zod): each format `io/evidence.ts`
 * reads from a file's bytes, with the extensions a file of that format may be named with. The
 * server refuses a name whose extension says another format (`routes/attachments.ts`); the web
 * app's upload form lists exactly these, in its hint and its file picker, so the two cannot drift.
 */

/** How the upload form groups the formats in words (PDF, images, Office, OpenDocument, text). */
export const EVIDENCE_GROUPS = ['pdf', 'image', 'office', 'opendocument', 'text'] as const;
export type EvidenceGroup = (typeof EVIDENCE_GROUPS)[number];

/** The format read from the bytes → its group and the extensions its name may end with (the first is the usual one). */
export const EVIDENCE_FORMATS = {
  pdf: { group: 'pdf', extensions: ['pdf'] },
  png: { group: 'image', extensions: ['png'] },
  jpeg: { group: 'image', extensions: ['jpg', 'jpeg'] },
  gif: { group: 'image', extensions: ['gif'] },
  webp: { group: 'image', extensions: ['webp'] },
  tiff: { group: 'image', extensions: ['tif', 'tiff'] },
  // Word, Excel and PowerPoint 97–2003 share one container (OLE2): the bytes alone do not say which.
  'office-97': { group: 'office', extensions: ['doc', 'xls', 'ppt'] },
  docx: { group: 'office', extensions: ['docx'] },
  xlsx: { group: 'office', extensions: ['xlsx'] },
  pptx: { group: 'office', extensions: ['pptx'] },
  odt: { group: 'opendocument', extensions: ['odt'] },
  ods: { group: 'opendocument', extensions: ['ods'] },
  odp: { group: 'opendocument', extensions: ['odp'] },
  // Plain text with a comma on its first line is as much a note as a CSV: the name tells them apart.
  text: { group: 'text', extensions: ['csv', 'txt'] },
} as const satisfies Record<string, { readonly group: EvidenceGroup; readonly extensions: readonly string[] }>;

export type EvidenceFormat = keyof typeof EVIDENCE_FORMATS;

/** Every extension accepted, in the order of `EVIDENCE_FORMATS` (lower case, no dot). */
export const EVIDENCE_EXTENSIONS: readonly string[] = Object.values(EVIDENCE_FORMATS).flatMap((f) => f.extensions);

/** The extensions of one group, in order: what the upload form's hint lists after the group's word. */
export function groupExtensions(group: EvidenceGroup): string[] {
  return Object.values(EVIDENCE_FORMATS)
    .filter((f) => f.group === group)
    .flatMap((f) => f.extensions);
}
