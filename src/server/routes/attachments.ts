/**
 * Evidence files attached to a value (one indicator in one period): upload (multipart field `file`),
 * list, download byte for byte, remove. The type is read from the bytes (io/evidence.ts), the size is
 * capped (`limits.attachmentBytes`, 20 MiB by default, env ALBERO_MAX_ATTACHMENT_MB); a refused file
 * is answered 413 / 415 in the request's language and nothing is stored. A name whose extension says
 * another type is refused (400), so a download is always named as what it is; the same bytes twice
 * on one value are refused (409, naming the file that holds them). A value approved as it stands
 * keeps the files it was approved with: none added, none removed (409 `evidence-approved`).
 */
import { evidenceType, nameEvidence } from '../../io/evidence.js';
import { z } from 'zod';
import { AttachmentSchema, type Attachment } from '../../contract/index.js';
import type { AttachmentRecord } from '../../store/index.js';
import type { RouteModule } from '../api.js';
import { actorOf } from '../auth.js';
import { indicatorAccess, indicatorWritable } from '../campaign-access.js';
import { PLAN_STAFF, VALUE_EDITORS } from '../permissions.js';
import { fromFailure, issueOf, refuse, type HttpError } from '../errors.js';
import { language, param, repeatedParts, uploadForm } from '../validation.js';
import { type ActorNamer } from '../actor-names.js';

/** The upload path, for the body limit in app.ts (attachments have their own, larger one). */
export const ATTACHMENT_UPLOAD_PATH = /^\/api\/plans\/[^/]+\/indicators\/[^/]+\/measurements\/[^/]+\/attachments$/;
/** Room for the multipart envelope (boundaries, headers of the part) around the file itself. */
export const MULTIPART_SLACK = 64 * 1024;

const BASE = '/api/plans/:planId/indicators/:indicatorId/measurements/:periodId/attachments';

/** `nameOf`: who uploaded it, in the reader's words (actor-names.ts). */
export function attachmentView(a: AttachmentRecord, nameOf: ActorNamer): Attachment {
  return {
    id: a.id,
    indicatorId: a.indicatorId,
    periodId: a.periodId,
    name: a.name,
    mediaType: a.mediaType,
    size: a.size,
    sha256: a.sha256,
    uploadedBy: a.uploadedBy,
    uploadedByName: nameOf(a.uploadedBy),
    uploadedAt: a.uploadedAt,
  };
}

/** The 413 for an evidence file over the cap (said in the reader's language like every refusal). */
export function fileTooLarge(limit: number): HttpError {
  return refuse(413, 'evidence-too-large', { limit }, { details: { limit } });
}

/** The longest name kept. */
const NAME_LENGTH = 200;

/**
 * A name safe to show and to put in a header: no path, no control characters, none of the marks
 * that reverse how the rest reads ("fattura\u202Efdp.exe" shows as "fatturaexe.pdf"), not too long;
 * a long name is cut before its extension, which it keeps, so the download still opens.
 */
function cleanName(name: string, extension: string): string {
  const base = (name.split(/[\\/]/).pop() ?? '').replace(/[\u0000-\u001f\u007f"\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '').trim();
  if (base === '') return `allegato.${extension}`;
  if (base.length <= NAME_LENGTH) return base;
  const dot = base.lastIndexOf('.');
  const tail = dot > 0 && base.length - dot <= 10 ? base.slice(dot) : '';
  return `${base.slice(0, NAME_LENGTH - tail.length).trimEnd()}${tail}`;
}

/** `Content-Disposition` with an ASCII fallback and the UTF-8 name (RFC 6266 / 5987). */
function disposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/[\\"]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export const attachmentRoutes: RouteModule = (api, deps) => {
  const { store, limits } = deps;

  api.route(
    {
      method: 'get',
      path: BASE,
      tag: 'evidence',
      summary:
        "The evidence files of a value (no bytes): name, type read from the content, size, SHA-256, who and when (of an indicator deleted in a revision too: its closed periods' files are kept, read-only)",
      roles: PLAN_STAFF,
      access: 'a referente: indicators assigned to them or their unit',
      responses: {
        200: { description: '[{id, name, mediaType, size, sha256, uploadedBy, uploadedAt}]', schema: z.array(AttachmentSchema) },
        401: 'not signed in',
        403: 'not your unit’s indicator',
        404: 'unknown plan or indicator',
      },
    },
    async (c, { reply }) => {
      const planId = param(c, 'planId');
      const indicatorId = param(c, 'indicatorId');
      await indicatorAccess(c, store, planId, indicatorId);
      const nameOf = await deps.names.namer(language(c));
      return reply(
        200,
        (await store.attachments.list(planId, indicatorId, param(c, 'periodId'))).map((a) => attachmentView(a, nameOf)),
      );
    },
  );

  api.route(
    {
      method: 'post',
      path: BASE,
      tag: 'evidence',
      summary: 'Attach a file to a value: PDF, image, office document, CSV or text, checked by its content and its name; stored with its SHA-256',
      roles: VALUE_EDITORS,
      action: 'attach files',
      access: 'a referente: indicators assigned to them or their unit',
      multipart: { file: 'the evidence file (at most the configured size, 20 MiB by default)' },
      query: { lang: { description: 'the language of refusals (default: Accept-Language, else Italian)', values: ['it', 'en'] } },
      responses: {
        201: { description: 'the stored file: {id, name, mediaType, size, sha256, uploadedBy, uploadedAt}', schema: AttachmentSchema },
        400: 'no file field, more than one file (one-evidence-file: none stored), or a name whose extension says another type than the content (evidence-name-mismatch: details.format, details.extension, details.suggested)',
        401: 'not signed in',
        403: 'not yours to change',
        404: 'unknown plan, indicator or period',
        409: 'indicator-deleted (the indicator was deleted in a revision: its kept files are read-only); evidence-approved: the value is approved as it stands, with the files it had (details.approvedBy and approvedAt the approval; nothing stored: the value takes files again once sent back or changed); or evidence-already-attached: the value holds the same bytes (same SHA-256) already; details.attachment is that file (nothing stored); plan-archived: the plan is archived, its evidence kept as it was (told before indicator-deleted; nothing stored)',
        413: 'file-too-large (nothing stored)',
        415: 'unsupported-file-type: not a PDF, image, office document, CSV or text by its content (nothing stored)',
        423: 'period-locked: the period is closed or validated',
      },
    },
    async (c, { reply }) => {
      const planId = param(c, 'planId');
      const indicatorId = param(c, 'indicatorId');
      const periodId = param(c, 'periodId');
      const access = indicatorWritable(await indicatorAccess(c, store, planId, indicatorId), indicatorId);
      if (!access.mayChange) throw refuse(403, 'forbidden', { role: access.user.role, action: 'attach files' });
      const type = c.req.header('content-type') ?? '';
      if (!type.toLowerCase().startsWith('multipart/form-data')) throw refuse(415, 'unsupported-media-type', { expected: 'multipart', what: 'evidence' });
      const form = await uploadForm(c);
      const several = repeatedParts(form);
      if (several !== undefined) throw refuse(400, 'one-evidence-file', several, { details: { count: several.count } });
      const file = form.file;
      if (!(file instanceof File)) throw refuse(400, 'missing-evidence-file', {});
      if (file.size > limits.attachmentBytes) throw fileTooLarge(limits.attachmentBytes);
      const bytes = new Uint8Array(await file.arrayBuffer());
      const check = evidenceType(bytes);
      if (!check.ok) throw refuse(415, 'unsupported-file-type', { name: file.name || '—', reason: check.refusal }, { details: { reason: check.refusal } });
      const name = cleanName(file.name, check.type.extension);
      const named = nameEvidence(name, check.type);
      if (!named.ok) {
        const params = { name, format: check.type.format, extension: named.extension, suggested: named.suggested };
        throw refuse(400, 'evidence-name-mismatch', params, {
          issues: [issueOf('evidence-name-mismatch', params, { field: 'file', file: name })],
          details: { format: check.type.format, extension: named.extension, suggested: named.suggested },
        });
      }
      const stored = await store.attachments.add(planId, indicatorId, periodId, { name: named.name, mediaType: named.type.mediaType, bytes }, actorOf(access.user));
      if (!stored.ok) {
        if ('approved' in stored) {
          const { by, at } = stored.approved;
          const nameOf = await deps.names.namer(language(c));
          throw refuse(409, 'evidence-approved', { name: named.name, by: nameOf(by) ?? by, at, change: 'add' }, { details: { approvedBy: by, approvedAt: at } });
        }
        if ('existing' in stored) {
          const { existing } = stored;
          const nameOf = await deps.names.namer(language(c));
          throw refuse(
            409,
            'evidence-already-attached',
            { name: named.name, existing: existing.name, by: nameOf(existing.uploadedBy) ?? '—', at: existing.uploadedAt },
            { details: { attachment: attachmentView(existing, nameOf) } },
          );
        }
        throw fromFailure(stored.error);
      }
      return reply(201, attachmentView(stored.value, await deps.names.namer(language(c))));
    },
  );

  api.route(
    {
      method: 'get',
      path: `${BASE}/:attachmentId`,
      tag: 'evidence',
      summary: 'Download a file byte for byte (Content-Disposition: attachment; ETag and Repr-Digest carry its SHA-256)',
      roles: PLAN_STAFF,
      access: 'a referente: indicators assigned to them or their unit',
      responses: { 200: 'the file', 401: 'not signed in', 403: 'not your unit’s indicator', 404: 'unknown file' },
    },
    async (c) => {
      const planId = param(c, 'planId');
      const indicatorId = param(c, 'indicatorId');
      await indicatorAccess(c, store, planId, indicatorId);
      const id = param(c, 'attachmentId');
      const file = await store.attachments.get(planId, indicatorId, param(c, 'periodId'), id);
      if (file === undefined) throw refuse(404, 'attachment-not-found', { id });
      const etag = `"${file.sha256}"`;
      const headers = {
        'Content-Type': file.mediaType,
        'Content-Disposition': disposition(file.name),
        ETag: etag,
        'Repr-Digest': `sha-256=:${Buffer.from(file.sha256, 'hex').toString('base64')}:`,
        'Cache-Control': 'private, no-cache',
        // Evidence is data, never a page: no script runs from it, whatever a browser guesses.
        'Content-Security-Policy': "default-src 'none'; sandbox",
      };
      if (c.req.header('if-none-match') === etag) return c.body(null, 304, headers);
      return c.body(new Uint8Array(file.bytes.buffer as ArrayBuffer, file.bytes.byteOffset, file.bytes.byteLength), 200, headers);
    },
  );

  api.route(
    {
      method: 'delete',
      path: `${BASE}/:attachmentId`,
      tag: 'evidence',
      summary: 'Remove a file from a value (its name and hash stay in the audit trail); refused in a closed period, and while the value is approved as it stands',
      roles: VALUE_EDITORS,
      action: 'remove files',
      access: 'a referente: indicators assigned to them or their unit',
      responses: {
        200: { description: 'the removed file', schema: AttachmentSchema },
        401: 'not signed in',
        403: 'not yours to change',
        404: 'unknown file',
        409: 'indicator-deleted: the indicator was deleted in a revision; its kept files are read-only; evidence-approved: the value is approved as it stands, with this file (details.attachment the file, details.approvedBy and approvedAt the approval; nothing removed: the value loses files again once sent back or changed); plan-archived: the plan is archived, its evidence kept as it was (told before indicator-deleted; nothing stored)',
        423: 'period-locked',
      },
    },
    async (c, { reply }) => {
      const planId = param(c, 'planId');
      const indicatorId = param(c, 'indicatorId');
      const periodId = param(c, 'periodId');
      const access = indicatorWritable(await indicatorAccess(c, store, planId, indicatorId), indicatorId);
      if (!access.mayChange) throw refuse(403, 'forbidden', { role: access.user.role, action: 'remove files' });
      const id = param(c, 'attachmentId');
      const removed = await store.attachments.remove(planId, indicatorId, periodId, id, actorOf(access.user));
      if (!removed.ok && 'approved' in removed) {
        const { file, by, at } = removed.approved;
        const nameOf = await deps.names.namer(language(c));
        throw refuse(
          409,
          'evidence-approved',
          { name: file.name, by: nameOf(by) ?? by, at, change: 'remove' },
          { details: { attachment: attachmentView(file, nameOf), approvedBy: by, approvedAt: at } },
        );
      }
      if (!removed.ok) throw removed.error.details?.attachment === id ? refuse(404, 'attachment-not-found', { id }) : fromFailure(removed.error);
      return reply(200, attachmentView(removed.value, await deps.names.namer(language(c))));
    },
  );
};
