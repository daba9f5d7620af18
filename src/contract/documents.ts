/**
 * The contract's documents by the name the OpenAPI document gives them (`#/components/schemas/…`):
 * a route whose answer is one of them (or a list of them) states its schema in its spec, and
 * `server/api.ts` writes the JSON Schema of each from these zod schemas (`z.toJSONSchema`).
 */
import { AuditEntrySchema } from './audit.js';
import { AppraisalFormSchema, AppraisalPersonSchema, DistributionSchema, FormSummarySchema, FormTrailEntrySchema, RewardAggregatesSchema, SmvpSummarySchema, SmvpVersionSchema } from './appraisal.js';
import { BaselinesDocumentSchema } from './baselines.js';
import { ExportJobSchema, HealthSchema, OidcOfferSchema } from './meta.js';
import { OutboxSchema, ReminderRunSchema } from './reminders.js';
import {
  AttachmentSchema,
  ClosingPreviewSchema,
  CommentSchema,
  DashboardSchema,
  ForecastSchema,
  ReviewStepSchema,
  ReviewThreadSchema,
  VarianceReportSchema,
  VarianceSchema,
  WorklistSchema,
} from './campaign.js';
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
  Worklist: WorklistSchema,
  Dashboard: DashboardSchema,
  ReviewThread: ReviewThreadSchema,
  ReviewStep: ReviewStepSchema,
  ClosingPreview: ClosingPreviewSchema,
  Comment: CommentSchema,
  Attachment: AttachmentSchema,
  VarianceReport: VarianceReportSchema,
  Variance: VarianceSchema,
  Forecast: ForecastSchema,
  Outbox: OutboxSchema,
  ReminderRun: ReminderRunSchema,
  Health: HealthSchema,
  OidcOffer: OidcOfferSchema,
  ExportJob: ExportJobSchema,
  AppraisalPerson: AppraisalPersonSchema,
  FormSummary: FormSummarySchema,
  AppraisalForm: AppraisalFormSchema,
  FormTrailEntry: FormTrailEntrySchema,
  SmvpSummary: SmvpSummarySchema,
  SmvpVersion: SmvpVersionSchema,
  Distribution: DistributionSchema,
  RewardAggregates: RewardAggregatesSchema,
} as const;
