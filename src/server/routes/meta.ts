/** Health and the OpenAPI document. */
import { HealthSchema } from '../../contract/index.js';
import type { RouteModule } from '../api.js';

export const metaRoutes: RouteModule = (api) => {
  api.route(
    { method: 'get', path: '/api/health', tag: 'meta', summary: 'Is the server up?', roles: 'everyone', responses: { 200: { description: '{ok: true}', schema: HealthSchema } } },
    async (_c, { reply }) => reply(200, { ok: true }),
  );
  api.route({ method: 'get', path: '/api/openapi.json', tag: 'meta', summary: 'This document (OpenAPI 3.1)', roles: 'everyone', responses: { 200: 'the OpenAPI document' } }, async (c) =>
    c.json(api.openapi()),
  );
};
