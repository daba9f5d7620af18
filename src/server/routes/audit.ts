/** The audit trail: who changed what, when, from what to what, and why. */
import type { RouteModule } from '../api.js';
import { requireUser } from '../auth.js';
import { intQuery } from '../validation.js';

export const auditRoutes: RouteModule = (api, deps) => {
  api.route(
    {
      method: 'get',
      path: '/api/audit',
      tag: 'audit',
      summary: 'The audit trail, newest first, of a plan, a node or an indicator',
      access: 'signed in',
      query: { planId: 'plan id', node: 'objective code', indicator: 'indicator id', limit: '1–1000, default 100' },
      responses: { 200: '[{id, at, user, action, entity, entityId, planId, before, after, reason}]', 401: 'not signed in' },
    },
    async (c) => {
      requireUser(c);
      const q = (name: string): string | undefined => c.req.query(name) || undefined;
      const planId = q('planId');
      const node = q('node');
      const indicator = q('indicator');
      return c.json(await deps.store.listAudit({ ...(planId ? { planId } : {}), ...(node ? { node } : {}), ...(indicator ? { indicator } : {}), limit: intQuery(c, 'limit', 100, 1000) }));
    },
  );
};
