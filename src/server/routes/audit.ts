/**
 * The audit trail: who changed what, when, from what to what, and why — scoped to what the reader
 * may read (issue 14, defect 10): entries of the plans they may read; entries of no plan (accounts:
 * roles, units, active flags) for the administrator only, as `/api/users` is.
 */
import { z } from 'zod';
import { type AuditEntry, AuditEntrySchema } from '../../contract/index.js';
import type { Readable, RouteModule } from '../api.js';
import type { AuditQuery } from '../../store/index.js';
import { ADMINS, assignedTo } from '../permissions.js';

/** The roles that read every indicator's comment thread and evidence files (campaign-access.ts). */
const THREAD_READERS: readonly string[] = ['admin', 'controller', 'oiv'];
import { auditReasonText } from '../../messages/audit-reasons.js';
import { changeMessage, changeText, withReasonWords } from '../../messages/changes.js';

import { intQuery, language } from '../validation.js';
import { readablePlanFor } from '../plan-access.js';

export const auditRoutes: RouteModule = (api, deps) => {
  api.route(
    {
      method: 'get',
      path: '/api/audit',
      tag: 'audit',
      summary: 'The audit trail, newest first, of a plan, a node or an indicator (what the reader may read; accounts for the administrator only)',
      roles: 'signed-in',
      access:
        "signed in (entries of the plans they may read; comments and evidence files only of the indicators whose thread they may read: a referente's own; the administrator also sees entries of no plan, such as accounts)",
      query: {
        planId: 'plan id',
        node: 'objective code',
        indicator: 'indicator id',
        limit: '1–1000, default 100',
        lang: 'it|en: the language of each `message`, and of a `reason` the program wrote itself (a person’s stays as typed)',
      },
      responses: {
        200: { description: '[{id, at, user, userName, action, entity, entityId, planId, before, after, reason, code, params, message}]', schema: z.array(AuditEntrySchema) },
        401: 'not signed in',
        404: 'a plan the reader may not read',
      },
    },
    async (c, { user, reply }) => {
      const lang = language(c);
      const q = (name: string): string | undefined => c.req.query(name) || undefined;
      const planId = q('planId');
      const node = q('node');
      const indicator = q('indicator');
      // A plan named in the query must be readable (404 otherwise, as everywhere else).
      if (planId !== undefined) await readablePlanFor(deps.store, planId, user);
      let plans: string[] | undefined;
      if (!ADMINS.includes(user.role)) {
        const readable = await Promise.all(
          // Archived plans too: their trail is part of the record an archive keeps readable.
          (await deps.store.listPlans({ archived: 'all' })).map((p) =>
            readablePlanFor(deps.store, p.id, user).then(
              () => p.id,
              () => null,
            ),
          ),
        );
        plans = readable.filter((id): id is string => id !== null);
      }
      // Comment threads, evidence files and review notes are read by whom campaign-access.ts lets
      // read them (a referente: their indicators only; HR: none): the trail must not say them to others.
      let restricted: AuditQuery['restricted'];
      if (!THREAD_READERS.includes(user.role)) {
        const indicators = new Map<string, string[]>();
        if (user.role === 'referente') {
          for (const id of planId !== undefined ? [planId] : (plans ?? [])) {
            const computed = await deps.trees.computed(id);
            indicators.set(
              id,
              [...computed.assignments].filter(([, a]) => assignedTo(user, a)).map(([indicatorId]) => indicatorId),
            );
          }
        }
        restricted = { entities: ['comment', 'attachment', 'review'], indicators };
      }
      const rows = await deps.store.listAudit({
        ...(restricted ? { restricted } : {}),
        ...(planId ? { planId } : {}),
        ...(plans ? { plans } : {}),
        ...(node ? { node } : {}),
        ...(indicator ? { indicator } : {}),
        limit: intQuery(c, 'limit', 100, 1000),
      });
      // People by their display name, as the rest of the screens name them (usernames are logins, not
      // names); the program and the command line in the reader's words.
      const nameOf = await deps.names.namer(lang);
      // Said by code and in words, so a reader in either language gets sentences, not stored field names.
      // An indicator by its name at the entry, an objective by its title then, a deletion by its record's: the words a reader knows, not ids.
      const names = await deps.store.auditNames(rows);
      const entries: Readable<AuditEntry>[] = rows.map((row) => {
        const named = names.get(row.id);
        const e = named === undefined ? row : { ...row, ...named };
        // The records as stored, a value's reason the program wrote in its Italian words (as they were stored before migration 80).
        const stored = { ...e, before: withReasonWords(e.before, 'it'), after: withReasonWords(e.after, 'it') };
        const { code, params } = changeMessage(stored);
        return {
          ...stored,
          userName: nameOf(e.user),
          reason: e.reason === null ? null : auditReasonText(e.reason, lang),
          code,
          params,
          message: changeText(e, lang),
        };
      });
      c.header('Content-Language', lang);
      c.header('Vary', 'Accept-Language', { append: true });
      return reply(200, entries);
    },
  );
};
