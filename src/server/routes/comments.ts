/**
 * The thread about one indicator in one period, between its referenti, the controllo di gestione
 * and the OIV: read and written by the same people who read its evidence (never the public).
 * Comments are never edited or deleted, and stay possible after the period closes (not once the
 * plan is archived: 409 plan-archived); an indicator
 * deleted in a revision keeps its threads, read and never written (`indicatorWritable`).
 */
import { z } from 'zod';
import { CommentSchema, type Comment } from '../../contract/index.js';
import type { CommentRecord } from '../../store/index.js';
import type { RouteModule } from '../api.js';
import type { PeopleNames } from '../actor-names.js';
import { indicatorAccess, indicatorWritable } from '../campaign-access.js';
import { PLAN_STAFF } from '../permissions.js';
import { must } from '../errors.js';
import { param } from '../validation.js';

const NewComment = z.object({ body: z.string().trim().min(1, 'write the comment').max(5000) }).strict();

/**
 * A comment as the thread shows it: its author by the account's name now (`names`, the server's
 * names of the accounts, as every answer names people), else the name they wrote it under; the
 * role stays the one they wrote it in.
 */
export function commentView(c: CommentRecord, names: PeopleNames): Comment {
  const authorName = names.byLogin.get(c.author) ?? c.authorName;
  return { id: c.id, indicatorId: c.indicatorId, periodId: c.periodId, author: c.author, authorName, authorRole: c.authorRole, body: c.body, createdAt: c.createdAt };
}

const PATH = '/api/plans/:planId/indicators/:indicatorId/measurements/:periodId/comments';

export const commentRoutes: RouteModule = (api, deps) => {
  const { store } = deps;

  api.route(
    {
      method: 'get',
      path: PATH,
      tag: 'comments',
      summary: 'The comment thread of an indicator in a period, oldest first (of an indicator deleted in a revision too: its thread is kept, read-only)',
      roles: PLAN_STAFF,
      access: 'a referente: indicators assigned to them or their unit',
      responses: {
        200: { description: '[{id, author, authorName, authorRole, body, createdAt}]', schema: z.array(CommentSchema) },
        401: 'not signed in',
        403: 'not your unit’s indicator',
        404: 'unknown plan or indicator',
      },
    },
    async (c, { reply }) => {
      const planId = param(c, 'planId');
      const indicatorId = param(c, 'indicatorId');
      await indicatorAccess(c, store, planId, indicatorId);
      const [comments, names] = await Promise.all([store.comments.list(planId, indicatorId, param(c, 'periodId')), deps.names.names()]);
      return reply(
        200,
        comments.map((comment) => commentView(comment, names)),
      );
    },
  );

  api.route(
    {
      method: 'post',
      path: PATH,
      tag: 'comments',
      summary: 'Add a comment to the thread (also after the period closed: it changes no value)',
      roles: PLAN_STAFF,
      access: 'a referente: indicators assigned to them or their unit',
      body: NewComment,
      responses: {
        201: { description: 'the comment', schema: CommentSchema },
        400: 'empty or too long (body named)',
        401: 'not signed in',
        403: 'not your unit’s indicator',
        404: 'unknown plan, indicator or period',
        409: 'indicator-deleted: the indicator was deleted in a revision; its kept thread is read-only; plan-archived: the plan is archived, its threads read-only (told before indicator-deleted or an unknown period; nothing stored)',
      },
    },
    async (c, { body: input, reply }) => {
      const planId = param(c, 'planId');
      const indicatorId = param(c, 'indicatorId');
      const { user } = indicatorWritable(await indicatorAccess(c, store, planId, indicatorId), indicatorId);
      const stored = must(await store.comments.add(planId, indicatorId, param(c, 'periodId'), input.body, { id: user.id, username: user.username, displayName: user.displayName, role: user.role }));
      return reply(201, commentView(stored, await deps.names.names()));
    },
  );
};
