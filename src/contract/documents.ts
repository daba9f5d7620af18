/**
 * The contract's documents by the name the OpenAPI document gives them (`#/components/schemas/…`):
 * a route whose answer is one of them (or a list of them) states its schema in its spec, and
 * `server/api.ts` writes the JSON Schema of each from these zod schemas (`z.toJSONSchema`).
 */
import { AuditEntrySchema } from './audit.js';
import { BaselinesDocumentSchema } from './baselines.js';
import { ChangesAnswerSchema, YearsDocumentSchema } from './changes.js';
import { ExplanationDocumentSchema } from './evaluation.js';
import { PlanSummarySchema, RevisionEntrySchema, RevisionSchema } from './plans.js';
import { RelazioneSchema } from './relazione.js';
import { PeriodSchema, SaveAnswerSchema, TreeDocumentSchema } from './tree.js';
import { OrgUnitSchema, PersonSchema } from './units.js';
import { SessionSchema, UserSchema } from './users.js';

export const CONTRACT_DOCUMENTS = {
  TreeDocument: TreeDocumentSchema,
  SaveAnswer: SaveAnswerSchema,
  ExplanationDocument: ExplanationDocumentSchema,
  Period: PeriodSchema,
  Relazione: RelazioneSchema,
  PlanSummary: PlanSummarySchema,
  Revision: RevisionSchema,
  RevisionEntry: RevisionEntrySchema,
  User: UserSchema,
  Session: SessionSchema,
  AuditEntry: AuditEntrySchema,
  ChangesAnswer: ChangesAnswerSchema,
  YearsDocument: YearsDocumentSchema,
  BaselinesDocument: BaselinesDocumentSchema,
  OrgUnit: OrgUnitSchema,
  Person: PersonSchema,
} as const;
