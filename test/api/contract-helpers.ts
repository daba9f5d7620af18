/**
 * What the contract tests share: a schema's verdict on a real answer, and the zod schema the
 * OpenAPI document names for a route's answer (so a test parses the answer with what the document says).
 */
import { expect } from 'vitest';
import { z } from 'zod';
import { CONTRACT_DOCUMENTS } from '../../src/contract/index.js';

/** The schema's verdict, with zod's words when it refuses (so a failure names the field). */
export function conforms(schema: z.ZodType, value: unknown): string {
  const parsed = schema.safeParse(value);
  return parsed.success ? 'conforms' : z.prettifyError(parsed.error);
}

/** The zod schema the OpenAPI document names for a route's answer: its contract document, or a list of one. */
export function documented(doc: any, method: string, path: string, status: number): z.ZodType {
  const schema = doc.paths[path]?.[method]?.responses?.[status]?.content?.['application/json']?.schema;
  expect(schema, `${method} ${path} ${status}`).toBeDefined();
  const ref: string = schema.$ref ?? schema.items.$ref;
  const name = ref.replace('#/components/schemas/', '') as keyof typeof CONTRACT_DOCUMENTS;
  const component = doc.components.schemas[name];
  // A document is a strict object, a list (the ids of the published periods), or one of several documents (an SMVP read: a version, or none saved;
  // the session read: the session, or null when no one is signed in).
  if (component?.type === 'array') expect(component, name).toMatchObject({ type: 'array', items: expect.any(Object) });
  else if (Array.isArray(component?.anyOf))
    for (const one of (component.anyOf as { $ref?: string; type?: string }[]).filter((o) => o.type !== 'null') as { $ref: string }[])
      expect(doc.components.schemas[one.$ref.replace('#/components/schemas/', '')], `${name}: ${one.$ref}`).toMatchObject({ type: 'object', additionalProperties: false });
  else expect(component, name).toMatchObject({ type: 'object', additionalProperties: false });
  return schema.$ref === undefined ? z.array(CONTRACT_DOCUMENTS[name]) : CONTRACT_DOCUMENTS[name];
}
